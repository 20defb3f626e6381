"""Factories for the programme's objects; tests build exactly the world they need."""

from __future__ import annotations

import datetime as dt

import factory

from tongxin.accounts.models import User
from tongxin.activities.models import Activity, Assignment, Session, TimeWindow
from tongxin.orgs.models import Organisation, Person
from tongxin.plans.models import Plan


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"单位{n}")
    kind = Organisation.Kind.SECTION


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        django_get_or_create = ("name", "kind")

    name = factory.Sequence(lambda n: f"领导{n}")
    kind = Person.Kind.LEADER


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.LazyAttribute(lambda o: o.username)
    role = User.Role.VIEWER
    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or "secret-pass-1")
        if create:
            obj.save()


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    title = factory.Sequence(lambda n: f"测试方案{n}")
    year = 2019
    identity_key = factory.LazyAttribute(lambda o: f"{o.year}:{o.title}")
    status = Plan.Status.PUBLISHED


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    order = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"活动{n}")
    kinds = ["meeting"]
    paragraph = factory.LazyAttribute(lambda o: f"（{o.number}）举办{o.title}。")


def add_window(activity: Activity, start: dt.date | None, end: dt.date | None, text: str = "", **kw) -> TimeWindow:
    w = TimeWindow.objects.create(activity=activity, start=start, end=end, text=text or f"{start}—{end}", **kw)
    Activity.objects.filter(pk=activity.pk).update(starts_on=start or end, ends_on=end)
    return w


def assign(activity: Activity, role: str, holder) -> Assignment:
    if isinstance(holder, Person):
        return Assignment.objects.create(activity=activity, role=role, person=holder, name_as_written=holder.name)
    return Assignment.objects.create(activity=activity, role=role, organisation=holder, name_as_written=holder.name)


def add_session(activity: Activity, title: str, start: dt.date, end: dt.date, place: str = "") -> Session:
    return Session.objects.create(
        activity=activity, title=title, start=start, end=end, place=place, order=activity.sessions.count()
    )
