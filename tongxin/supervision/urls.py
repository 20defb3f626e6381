"""Supervision screens: tasks, progress reports, approvals, reporting rules and unit pages."""

from django.urls import path

from tongxin.supervision import views_approvals, views_reports, views_tasks, views_units

app_name = "supervision"
urlpatterns = [
    path("", views_tasks.task_list, name="tasks"),
    path("tasks/new/", views_tasks.task_new, name="task_new"),
    path("tasks/generate/", views_tasks.tasks_generate, name="tasks_generate"),
    path("tasks/<int:pk>/", views_tasks.task_detail, name="task_detail"),
    path("tasks/<int:pk>/edit/", views_tasks.task_edit, name="task_edit"),
    path("tasks/<int:pk>/urge/", views_tasks.task_urge_view, name="task_urge"),
    path("rules/", views_tasks.rules_page, name="rules"),
    path("rules/generate/", views_tasks.rules_generate, name="rules_generate"),
    path("activities/<int:activity_id>/report/", views_reports.report_new, name="report_new"),
    path("reports/", views_reports.report_list, name="reports"),
    path("reports/<int:pk>/", views_reports.report_detail, name="report_detail"),
    path("reports/<int:pk>/review/", views_reports.report_review, name="report_review"),
    path("evidence/<int:pk>/", views_reports.evidence_file, name="evidence"),
    path("activities/<int:activity_id>/approvals/new/", views_approvals.approval_new, name="approval_new"),
    path("approvals/", views_approvals.approval_list, name="approvals"),
    path("approvals/<int:pk>/", views_approvals.approval_detail, name="approval_detail"),
    path("approvals/<int:pk>/decide/", views_approvals.approval_decide_view, name="approval_decide"),
    path("approvals/<int:pk>/withdraw/", views_approvals.approval_withdraw, name="approval_withdraw"),
    path("approvals/<int:pk>/attachment/", views_approvals.approval_attachment, name="approval_attachment"),
    path("units/<int:org_id>/", views_units.unit_detail, name="unit"),
]
