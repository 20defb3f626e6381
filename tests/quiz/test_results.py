import pytest

from tongxin.quiz import results, selectors, services
from tongxin.quiz.models import OrgResult, Participant


def _scored(contest, org, phone, score, time):
    person = services.participant_register(contest=contest, name=f"人{phone}", phone=phone, organisation=org)
    Participant.objects.filter(pk=person.pk).update(best_score=score, best_time=time)
    return person


def test_ranking_is_score_then_time_then_registration(contest, tree):
    a = _scored(contest, tree["a1"], "13800000001", 80, 300)
    b = _scored(contest, tree["a1"], "13800000002", 90, 500)
    c = _scored(contest, tree["b1"], "13800000003", 80, 200)
    d = _scored(contest, tree["b1"], "13800000004", 80, 300)  # a true tie with a: who came first ranks first
    services.participant_register(contest=contest, name="未正式", phone="13800000005", organisation=tree["a2"])
    assert list(selectors.ranking(contest)) == [b, c, a, d]


def test_participation_and_average_roll_up_three_levels(contest, tree):
    for i in range(5):
        _scored(contest, tree["a1"], f"1380000001{i}", 60 + i * 10, 100)  # 5 of 10, average 80
    _scored(contest, tree["a2"], "13800000020", 50, 100)  # 1 of 10
    for i in range(4):
        _scored(contest, tree["b1"], f"1380000003{i}", 90, 100)  # 4 of 20
    services.participant_register(contest=contest, name="未答", phone="13800000099", organisation=tree["b1"])
    assert results.results_compute(contest=contest) == 6
    got = {r.organisation.name: r for r in OrgResult.objects.filter(contest=contest).select_related("organisation")}
    assert (got["甲一支社"].participants, got["甲一支社"].participation_rate, got["甲一支社"].average_score) == (5, 0.5, 80)
    assert (got["甲市委会"].participants, got["甲市委会"].member_count) == (6, 20)
    assert got["甲市委会"].participation_rate == 0.3 and got["甲市委会"].average_score == pytest.approx(75)
    assert (got["省委会"].participants, got["省委会"].member_count, got["省委会"].participation_rate) == (10, 40, 0.25)
    assert got["省委会"].average_score == pytest.approx((400 + 50 + 360) / 10)
    contest.refresh_from_db()
    assert contest.results_at is not None


def test_collective_weights_change_the_order(contest, tree):
    for i in range(8):
        _scored(contest, tree["a1"], f"1380000001{i}", 50, 100)  # many take part, low scores
    _scored(contest, tree["b1"], "13800000030", 100, 100)  # one takes part, top score
    contest.weight_score, contest.weight_rate = 0.0, 1.0
    contest.save()
    results.results_compute(contest=contest)
    leaves = [r.organisation.name for r in selectors.org_results(contest) if r.organisation.name.endswith("支社")]
    assert leaves[0] == "甲一支社"
    contest.weight_score, contest.weight_rate = 1.0, 0.0
    contest.save()
    results.results_compute(contest=contest)
    leaves = [r.organisation.name for r in selectors.org_results(contest) if r.organisation.name.endswith("支社")]
    assert leaves[0] == "乙一支社"


def test_many_identities_from_one_device_are_flagged(contest, tree):
    for i in range(5):
        services.participant_register(contest=contest, name=f"人{i}", phone=f"1380000010{i}", organisation=tree["a1"],
                                      device="same-phone")
    services.participant_register(contest=contest, name="独立", phone="13800000200", organisation=tree["a1"], device="x")
    results.results_compute(contest=contest)
    assert Participant.objects.filter(flagged="同一设备多人参赛").count() == 5
    assert Participant.objects.get(name="独立").flagged == ""
