"""`{% contact person "phone" %}`: the number in full for those who may see it (orgs.view_contact), masked for others."""

from __future__ import annotations

from django import template

from tongxin.orgs.selectors_contacts import person_contact

register = template.Library()


@register.simple_tag(takes_context=True)
def contact(context, person, field: str = "phone") -> str:
    return person_contact(context["request"].user, person, field)
