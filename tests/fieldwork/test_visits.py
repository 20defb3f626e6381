"""Visits and the follow-up of what they hear: a visit dated in the future or with a photo that is not an image is
refused and nothing is written; an opinion becomes a task of a unit, fed back, then confirmed (or returned)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.fieldwork.conftest import not_an_image, photo
from tongxin.audit.models import AuditEntry
from tongxin.fieldwork import selectors, services
from tongxin.fieldwork.errors import FieldworkError
from tongxin.fieldwork.models import Opinion, Visit
from tongxin.files.selectors import attachments_of
from tongxin.supervision.models import Task


def _log(people, field, **kw):
    values = {
        "visited_on": dt.date(2019, 8, 1),
        "content": "谈心谈话，了解企业经营",
        "form": "visit",
        "place": "红山区",
    }
    values.update(kw)
    return services.visit_log(actor=people["dangwai"], pairing=field["pairing"], **values)


def test_a_visit_with_photo_and_opinions(people, field):
    visit = _log(people, field, photos=[photo()], opinions=[("suggestion", "建议简化审批"), ("difficulty", "  ")])
    assert [(o.kind, o.text) for o in visit.opinions.all()] == [("suggestion", "建议简化审批")]
    assert [a.kind for a in attachments_of(visit, purpose="photo")] == ["image"]
    assert visit.unit_id == field["pairing"].unit_id
    assert AuditEntry.objects.filter(action="visit.log", target_id=str(visit.pk)).count() == 1


def test_a_visit_dated_in_the_future_is_refused(people, field):
    with pytest.raises(FieldworkError) as exc:
        _log(people, field, visited_on=dt.date(2019, 8, 16))
    assert exc.value.message == "走访日期不能晚于今天（2019年08月15日）。" and exc.value.field == "visited_on"
    assert Visit.objects.count() == 0


def test_a_photo_that_is_not_an_image_is_refused_and_nothing_is_written(people, field):
    with pytest.raises(FieldworkError) as exc:
        _log(people, field, photos=[photo("a.png"), not_an_image()], opinions=[("opinion", "意见")])
    assert exc.value.message.startswith("照片须为图片文件") and exc.value.field == "photos"
    assert Visit.objects.count() == 0 and Opinion.objects.count() == 0


def test_an_opinion_is_followed_up_fed_back_and_confirmed(people, field, units):
    visit = _log(people, field, opinions=[("opinion", "营商环境需改善")])
    opinion = visit.opinions.get()
    assert selectors.opinion_state(opinion) == "未交办"
    task = services.opinion_follow_up(
        actor=people["dangwai"], opinion=opinion, unit=units["zongjiao"], due=dt.date(2019, 9, 1)
    )
    assert (task.owner_org, task.due, task.state, task.activity) == (
        units["zongjiao"],
        dt.date(2019, 9, 1),
        "open",
        field["d"],
    )
    assert task.title == "办理意见：营商环境需改善"
    opinion.refresh_from_db()
    assert selectors.opinion_state(opinion) == "办理中"
    with pytest.raises(FieldworkError, match="还没有反馈"):
        services.opinion_confirm(actor=people["admin"], opinion=opinion)
    services.opinion_feedback(actor=people["zongjiao"], opinion=opinion, result="已协调市场监管局")
    opinion.refresh_from_db()
    assert selectors.opinion_state(opinion) == "已反馈待确认"
    services.opinion_return(actor=people["dangwai"], opinion=opinion, comment="请说明具体措施")
    opinion.refresh_from_db()
    assert opinion.task.state == Task.State.RETURNED and selectors.opinion_state(opinion) == "退回重办"
    services.opinion_feedback(actor=people["zongjiao"], opinion=opinion, result="已出台三项措施")
    task = services.opinion_confirm(actor=people["dangwai"], opinion=opinion, comment="已办结")
    assert task.state == Task.State.DONE
    opinion.refresh_from_db()
    assert selectors.opinion_state(opinion) == "已办结"
    with pytest.raises(FieldworkError, match="已办结"):
        services.opinion_feedback(actor=people["zongjiao"], opinion=opinion, result="again")


def test_an_opinion_is_handed_over_once(people, field, units):
    opinion = _log(people, field, opinions=[("opinion", "意见")]).opinions.get()
    services.opinion_follow_up(actor=people["admin"], opinion=opinion, unit=units["dangwai"], due=dt.date(2019, 9, 1))
    with pytest.raises(FieldworkError, match="已交办"):
        services.opinion_follow_up(
            actor=people["admin"], opinion=opinion, unit=units["dangwai"], due=dt.date(2019, 9, 1)
        )


@pytest.mark.parametrize(
    ("count", "required", "today", "light"),
    [
        (2, 2, dt.date(2019, 3, 1), "done"),
        (0, 2, dt.date(2019, 3, 1), "green"),  # nothing expected yet by March
        (0, 2, dt.date(2019, 8, 15), "yellow"),  # one behind an even pace
        (0, 4, dt.date(2019, 8, 15), "red"),  # two behind
        (1, 2, dt.date(2019, 12, 31), "yellow"),
        (0, 2, dt.date(2019, 12, 31), "red"),
    ],
)
def test_coverage_light(count, required, today, light):
    assert selectors.coverage_light(count, required, today) == light


def test_pairing_rows_count_this_years_visits(people, field):
    _log(people, field)
    _log(people, field, visited_on=dt.date(2018, 12, 1))
    [row] = selectors.pairing_rows(selectors.pairings_visible_to(people["admin"]))
    assert (row.visits_this_year, row.coverage) == (1, "green")
