"""Render a public page through the "public" template engine, whose context knows nothing of the signed-in user."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.generic import TemplateView

ENGINE = "public"


def public_render(request: HttpRequest, template_name: str, context: dict | None = None, *,
                  status: int = 200) -> HttpResponse:
    return render(request, template_name, context, status=status, using=ENGINE)


class PublicTemplateView(TemplateView):
    template_engine = ENGINE

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.pop("view", None)  # {{ view.request.user }} would reach the signed-in user after all
        return context
