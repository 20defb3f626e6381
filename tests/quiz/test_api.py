"""/api/quizzes/ and /api/quizzes/<id>/results: the documented shape, the visibility rule, and results as computed."""

from django.test import Client

from tests.api.test_openapi import conforms
from tongxin.quiz import results
from tongxin.quiz.models import Participant


def _body(spec, path):
    return spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]


def test_the_quiz_api_matches_its_schema_and_rolls_up(client_for, programme, contest, tree):
    contest.activity = programme["a"]
    contest.save()
    Participant.objects.create(contest=contest, name="张三", phone="13800000001", organisation=tree["a1"],
                               best_score=9, best_time=100)
    results.results_compute(contest=contest)
    client = client_for("admin")
    spec = client.get("/api/openapi.json").json()
    listing = client.get("/api/quizzes/").json()
    conforms(listing, _body(spec, "/api/quizzes/"), spec)
    assert listing["results"][0]["public_url"].endswith(f"/p/quiz/{contest.pk}/")
    body = client.get(f"/api/quizzes/{contest.pk}/results").json()
    conforms(body, _body(spec, "/api/quizzes/{id}/results"), spec)
    orgs = {o["name"]: o for o in body["organisations"]}
    assert (orgs["省委会"]["participants"], orgs["省委会"]["member_count"], orgs["省委会"]["participation_rate"]) == (
        1, 40, 0.025)
    assert orgs["甲一支社"]["average_score"] == 9 and body["ranking"][0]["name"] == "张**"


def test_outsiders_get_404_and_anonymous_401(client_for, programme, contest):
    contest.activity = programme["a"]
    contest.save()
    assert client_for("stranger").get(f"/api/quizzes/{contest.pk}/results").status_code == 404
    assert client_for("stranger").get("/api/quizzes/").json()["count"] == 0
    r = Client().get("/api/quizzes/")
    assert r.status_code == 401 and r.json()["detail"].startswith("未登录")
