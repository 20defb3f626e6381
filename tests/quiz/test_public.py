"""The public pages as a participant uses them: join without an account, answer, reload, submit; bad input refused."""

import json
import re
from datetime import timedelta

import pytest
from captcha.models import CaptchaStore
from django.urls import reverse

from tongxin.core import clock
from tongxin.quiz.models import Answer, Attempt, Participant, Question


def _join(client, contest, org, phone="13800000001", name="张三"):
    html = client.get(reverse("quiz_public:contest", args=[contest.pk])).content.decode()
    key = re.search(r'name="captcha_0" value="(\w+)"', html)[1]
    return client.post(reverse("quiz_public:contest", args=[contest.pk]), {
        "name": name, "phone": phone, "organisation": org.pk, "consent": "on",
        "captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response})


def _state(client, url):
    html = client.get(url).content.decode()
    return json.loads(re.search(r'<script id="quiz-state" type="application/json">(.*?)</script>', html, re.S)[1]), html


def test_a_full_attempt_without_an_account_and_the_key_never_sent(client, contest, tree):
    response = _join(client, contest, tree["a1"])
    assert response.status_code == 302
    url = response["Location"]
    state, html = _state(client, url)
    assert len(state["paper"]) == 9 and "剩余" not in html  # the countdown is drawn by the script from `remaining`
    assert '"answer"' not in html and "explanation" not in html  # no key in the page
    first = next(q for q in state["paper"] if q["type"] == "single")
    r = client.post(state["answer_url"], json.dumps({"q": first["id"], "v": [0]}), content_type="application/json")
    assert r.json() == {"ok": True}
    again, _ = _state(client, url)  # a reload shows the saved answer
    assert again["answers"] == {str(first["id"]): [0]}
    order = Attempt.objects.get().option_orders[str(first["id"])]
    assert Answer.objects.get(question_id=first["id"]).value == [order[0]]  # stored in the bank's option order
    r = client.post(state["submit_url"])
    assert r.status_code == 302
    page = client.get(r["Location"]).content.decode()
    assert "已交卷" in page and "得分" in page
    assert Participant.objects.get().consent_at is not None


def test_forged_question_late_answer_and_replayed_submit_refused_cleanly(client, contest, tree):
    url = _join(client, contest, tree["a1"])["Location"]
    state, _ = _state(client, url)
    attempt = Attempt.objects.get()
    outside = Question.objects.exclude(id__in=attempt.question_ids).first()
    r = client.post(state["answer_url"], json.dumps({"q": outside.id, "v": [0]}), content_type="application/json")
    assert r.status_code == 409 and r.json()["error"] == "该题不在本次试卷中"
    r = client.post(state["answer_url"], json.dumps({"q": 99999999, "v": [0]}), content_type="application/json")
    assert r.status_code == 400
    r = client.post(state["answer_url"], "not json", content_type="application/json")
    assert r.status_code == 400
    assert not Answer.objects.exists()
    with clock.travel(clock.now() + timedelta(hours=1)):
        qid = state["paper"][0]["id"]
        r = client.post(state["answer_url"], json.dumps({"q": qid, "v": [0]}), content_type="application/json")
        assert r.status_code == 409 and "时间已到" in r.json()["error"]
    attempt.refresh_from_db()
    assert attempt.expired and not Answer.objects.exists()
    before = (attempt.score, attempt.submitted_at)
    r = client.post(state["submit_url"], HTTP_ACCEPT="application/json")
    assert r.status_code == 409 and "不能重复提交" in r.json()["error"]
    attempt.refresh_from_db()
    assert (attempt.score, attempt.submitted_at) == before


def test_a_second_person_on_the_same_phone_is_refused(client, contest, tree):
    _join(client, contest, tree["a1"])
    r = _join(client, contest, tree["a2"], name="李四")
    assert r.status_code == 400 and "一个手机号只能对应一名参赛者" in r.content.decode()
    assert Participant.objects.get().name == "张三"


def test_a_forged_token_is_a_404(client, contest):
    assert client.get(reverse("quiz_public:attempt", args=["forged:token"])).status_code == 404
    r = client.post(reverse("quiz_public:answer", args=["forged"]), "{}", content_type="application/json")
    assert r.status_code == 404


def test_page_hide_events_are_counted(client, contest, tree):
    url = _join(client, contest, tree["a1"])["Location"]
    state, _ = _state(client, url)
    client.post(state["event_url"], {"kind": "hidden"})
    client.post(state["event_url"], {"kind": "hidden"})
    assert Attempt.objects.get().hidden_count == 2


@pytest.mark.parametrize("n", [3])
def test_ranking_page_lists_people_with_masked_names(client, contest, tree, n, django_assert_max_num_queries):
    for i in range(n):
        Participant.objects.create(contest=contest, name=f"王{i}号", phone=f"1380000000{i}", organisation=tree["a1"],
                                   best_score=10 + i, best_time=100)
    with django_assert_max_num_queries(6):
        html = client.get(reverse("quiz_public:ranking", args=[contest.pk])).content.decode()
    assert "王**" in html and "王2号" not in html and html.index("12 分") < html.index("10 分")
