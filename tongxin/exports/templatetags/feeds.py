"""Template tags for the calendar download and secret subscription links, so any page can offer them."""

from __future__ import annotations

from django import template
from django.urls import reverse

from tongxin.exports.feeds import feed_url, webcal_url

register = template.Library()


@register.inclusion_tag("exports/_subscribe.html", takes_context=True)
def calendar_links(context, viewname: str, pk: int):
    """{% calendar_links "exports:plan_ics" plan.pk %}: download, subscribe (webcal) and the URL to copy."""
    user = context["request"].user
    url = feed_url(user, viewname, pk) if user.is_authenticated else ""
    return {"download": reverse(viewname, args=[pk]), "url": url, "webcal": webcal_url(url) if url else ""}
