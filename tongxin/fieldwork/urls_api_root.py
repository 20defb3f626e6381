"""The same resources at the paths issue 10 names (/api/visits, /api/households, /api/campaigns), included by tongxin/api/urls.py."""

from django.urls import re_path

from tongxin.fieldwork import api

app_name = "fieldwork_api_root"
urlpatterns = [
    re_path(r"^visits/?$", api.visits, name="visits"),
    re_path(r"^households/?$", api.households, name="households"),
    re_path(r"^campaigns/?$", api.campaigns, name="campaigns"),
    re_path(r"^campaigns/(?P<pk>[0-9]{1,18})/?$", api.campaign, name="campaign"),
]
