from django.urls import path, re_path

from tongxin.api import views, views_write
from tongxin.fieldwork import api as fieldwork_api

app_name = "api"
# Paths are written without a trailing slash (/api/plans); one is accepted too.
urlpatterns = [
    re_path(r"^plans/?$", views.plan_list, name="plans"),
    re_path(r"^plans/(?P<pk>[0-9]{1,18})/?$", views.plan_detail, name="plan"),
    re_path(r"^activities/?$", views.activity_list, name="activities"),
    re_path(r"^activities/(?P<pk>[0-9]{1,18})/?$", views.activity_detail, name="activity"),
    re_path(r"^tasks/?$", views_write.tasks, name="tasks"),
    re_path(r"^tasks/(?P<pk>[0-9]{1,18})/?$", views.task_detail, name="task"),
    re_path(r"^reports/?$", views_write.report_create_view, name="reports"),
    re_path(r"^sessions/?$", views.session_list, name="sessions"),
    re_path(r"^organisations/?$", views.organisation_list, name="organisations"),
    re_path(r"^people/?$", views.person_list, name="people"),
    # Field work's resources (issue 10); the module also serves them under /api/fieldwork/ through the seam.
    re_path(r"^visits/?$", fieldwork_api.visits, name="visits"),
    re_path(r"^households/?$", fieldwork_api.households, name="households"),
    re_path(r"^campaigns/?$", fieldwork_api.campaigns, name="campaigns"),
    path("openapi.json", views.openapi, name="openapi"),
    path("docs/", views.docs, name="docs"),
    # Anything else under /api/ answers in JSON too (but /api/docs still gets its slash appended).
    re_path(r"^(?!docs$).*$", views.unknown_endpoint),
]
