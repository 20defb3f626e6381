"""The unit screens: the department admin lists, creates, edits, maps, moves, merges and deactivates units;
everyone else gets 403."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory
from tongxin.orgs.models import Organisation, OrganisationAlias

pytestmark = pytest.mark.django_db


def test_unit_screens_are_for_the_admin_only(client_for, units):
    for who in ("viewer", "dangwai", "zhang"):
        c = client_for(who)
        assert c.get(reverse("orgs:units")).status_code == 403, who
        assert c.get(reverse("orgs:unit", args=[units["dangwai"].pk])).status_code == 403, who
        assert c.post(reverse("orgs:unit_active", args=[units["dangwai"].pk]), {"active": "0"}).status_code == 403
    assert Organisation.objects.get(pk=units["dangwai"].pk).is_active


def test_the_unit_list_filters_pages_and_guards_its_queries(client_for, units, django_assert_max_num_queries):
    Organisation.objects.bulk_create([Organisation(name=f"乡镇{i:03d}", type="township") for i in range(80)])
    c = client_for("admin")
    with django_assert_max_num_queries(12):
        page = c.get(reverse("orgs:units")).content.decode()
    assert page.count('class="card dir-row') == 50 and "共 85 个" in page
    towns = c.get(reverse("orgs:units"), {"type": "township", "q": "乡镇07"}).content.decode()
    assert towns.count('class="card dir-row') == 10


def test_create_then_map_a_collective_on_the_unit_page(client_for, units):
    c = client_for("admin")
    r = c.post(reverse("orgs:unit_new"), {"name": "部机关各科室", "aliases_text": "机关各科室", "sort_order": 0})
    coll = Organisation.objects.get(name="部机关各科室")
    assert r.status_code == 302 and coll.kind == "collective"
    assert OrganisationAlias.objects.get(name="机关各科室").organisation == coll
    page = c.get(reverse("orgs:unit", args=[coll.pk])).content.decode()
    assert 'data-testid="members-form"' in page
    c.post(reverse("orgs:unit_members", args=[coll.pk]), {"members": [units["dangwai"].pk, units["zongjiao"].pk]})
    assert sorted(coll.members.values_list("name", flat=True)) == ["党外干部和民主党派科", "宗教业务科"]
    listing = c.get(reverse("orgs:units"), {"q": "各科室"}).content.decode()
    assert "包含：党外干部和民主党派科、宗教业务科" in listing


def test_edit_move_merge_and_deactivate_on_the_unit_page(client_for, units):
    c = client_for("admin")
    q = units["qiaolian"]
    r = c.post(
        reverse("orgs:unit", args=[q.pk]),
        {"name": "市侨联", "kind": "member", "type": "group", "member_count": "300", "contact_name": "刘芳",
         "contact_phone": "0476-8331234", "sort_order": "5", "aliases_text": "侨联\n市归侨联合会"},
    )  # fmt: skip
    assert r.status_code == 302
    q.refresh_from_db()
    assert (q.type, q.member_count, q.contact_name) == ("group", 300, "刘芳")
    bad = c.post(reverse("orgs:unit_move", args=[units["dept"].pk]), {"parent": units["dangwai"].pk})
    assert bad.status_code == 400 and "不能把“市委统战部”移到它自己或它的下级单位" in bad.content.decode()
    dup = OrganisationFactory(name="赤峰市侨联", kind="member")
    c.post(reverse("orgs:unit_merge", args=[dup.pk]), {"target": q.pk})
    assert not Organisation.objects.filter(name="赤峰市侨联").exists()
    assert OrganisationAlias.objects.get(name="赤峰市侨联").organisation == q
    c.post(reverse("orgs:unit_active", args=[q.pk]), {"active": "0"})
    q.refresh_from_db()
    assert q.is_active is False
    assert "已停用" in c.get(reverse("orgs:unit", args=[q.pk])).content.decode()


def test_a_name_taken_is_refused_with_a_message_and_nothing_changes(client_for, units):
    c = client_for("admin")
    r = c.post(reverse("orgs:unit_new"), {"name": "市侨联", "sort_order": 0})
    assert r.status_code == 200 and "单位“市侨联”已存在" in r.content.decode()
    assert Organisation.objects.filter(name="市侨联").count() == 1
