"""People and their numbers: who sees a phone or ID number in full (the department admin, the person's own unit),
who sees it masked (everyone else), in lists, on the detail page and in the API.

Personas: admin sees all; dangwai is the person's own unit; zongjiao and viewer are others."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tongxin.audit.models import AuditEntry
from tongxin.orgs.contacts import mask_id_number, mask_phone
from tongxin.orgs.models import Person
from tongxin.orgs.services import OrgError, person_create, person_update

pytestmark = pytest.mark.django_db

PHONE, ID = "13812341234", "150402198001051234"  # a valid check digit
MASKED_PHONE, MASKED_ID = "138****1234", "1504**********1234"


@pytest.fixture
def figure(people, units):
    return person_create(
        actor=people["admin"], name="李文华", organisation=units["dangwai"], kind="figure", category="party_member",
        title="主委", phone="138 1234 1234", id_number=ID,
    )  # fmt: skip


def test_masks():
    assert (mask_phone(PHONE), mask_id_number(ID)) == (MASKED_PHONE, MASKED_ID)
    assert mask_phone("0476-8331234") == "047*****1234"
    assert (mask_phone(""), mask_id_number("")) == ("", "")


def test_create_normalises_numbers_and_checks_them(people, units, figure):
    assert (figure.phone, figure.id_number, figure.category) == (PHONE, ID, "party_member")
    with pytest.raises(OrgError, match="电话号码“12345”格式不对"):
        person_create(actor=people["admin"], name="张三", phone="12345")
    with pytest.raises(OrgError, match="校验位不对"):
        person_create(actor=people["admin"], name="张三", id_number=ID[:17] + "5")
    with pytest.raises(OrgError, match="已有名为“张圣合”的领导"):
        person_create(actor=people["admin"], name="张圣合", kind="leader")


def test_update_audits_without_writing_the_numbers(people, figure):
    person_update(actor=people["admin"], person=figure, phone="13900001111", title="副主委")
    entry = AuditEntry.objects.get(action="person.update")
    assert entry.changes == {"phone": "（已修改）", "title": ["主委", "副主委"]}
    assert "13900001111" not in str(entry.changes)


@pytest.mark.parametrize(
    ("who", "phone", "id_number"),
    [
        ("admin", PHONE, None),
        ("dangwai", PHONE, None),
        ("zongjiao", MASKED_PHONE, MASKED_ID),
        ("viewer", MASKED_PHONE, MASKED_ID),
    ],
)
def test_who_sees_full_numbers_in_list_detail_and_api(client_for, figure, who, phone, id_number):
    id_number = id_number or ID
    c = client_for(who)
    listing = c.get(reverse("orgs:people")).content.decode()
    detail_url = reverse("orgs:person", args=[figure.pk])
    detail = c.get(detail_url).content.decode()
    api = next(p for p in c.get("/api/people").json()["results"] if p["name"] == "李文华")
    for text in (listing, detail):
        assert phone in text and id_number in text
        hidden = {PHONE, ID} - {phone, id_number}
        assert not any(h in text for h in hidden), who
    assert (api["phone"], api["id_number"]) == (phone, id_number)


def test_only_the_admin_edits_people(client_for, figure):
    r = client_for("dangwai").post(reverse("orgs:person", args=[figure.pk]), {"name": "改名"})
    assert r.status_code == 403
    assert client_for("dangwai").get(reverse("orgs:person_new")).status_code == 403
    c = client_for("admin")
    r = c.post(
        reverse("orgs:person", args=[figure.pk]),
        {"name": "李文华", "kind": "figure", "category": "intellectual", "phone": "13812341234", "title": "主委"},
    )
    assert r.status_code == 302
    assert Person.objects.get(pk=figure.pk).category == "intellectual"
    bad = c.post(reverse("orgs:person_new"), {"name": "王五", "kind": "staff", "phone": "abc"}).content.decode()
    assert "电话号码“abc”格式不对" in bad and not Person.objects.filter(name="王五").exists()


def test_the_people_list_filters_pages_and_guards_its_queries(client_for, units, figure, django_assert_max_num_queries):
    Person.objects.bulk_create(
        [
            Person(
                name=f"成员{i:03d}",
                kind="figure",
                category="non_party",
                organisation=units["zongjiao"],
                phone=f"139{i:08d}",
            )
            for i in range(70)
        ]
    )
    c = client_for("viewer")
    with django_assert_max_num_queries(12):
        page = c.get(reverse("orgs:people")).content.decode()
    assert page.count('class="card dir-row"') == 50
    only = c.get(reverse("orgs:people"), {"category": "party_member"}).content.decode()
    assert "李文华" in only and "成员000" not in only
    by_unit = c.get(reverse("orgs:people"), {"unit": units["dangwai"].pk}).content.decode()
    assert by_unit.count('class="card dir-row"') == 1
    assert "成员069" in c.get(reverse("orgs:people"), {"q": "成员069"}).content.decode()
