"""Mounted at /api/fieldwork/ by the seam; tongxin/api/urls.py serves the same views at /api/visits etc."""

from django.urls import re_path

from tongxin.fieldwork import api

app_name = "fieldwork_api"
urlpatterns = [
    re_path(r"^visits/?$", api.visits, name="visits"),
    re_path(r"^households/?$", api.households, name="households"),
    re_path(r"^campaigns/?$", api.campaigns, name="campaigns"),
]
