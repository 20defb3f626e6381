from django.urls import path

from tongxin.activities import views, views_edit, views_plan, views_timeline

app_name = "activities"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("plans/<int:pk>/", views_plan.plan_detail, name="plan_detail"),
    path("activities/<int:pk>/", views.detail, name="detail"),
    path("activities/<int:pk>/state/", views.set_state, name="set_state"),
    path("activities/own/new/", views.add_own, name="add_own"),
    path("activities/<int:pk>/edit/", views_edit.activity_edit, name="edit"),
    path("activities/<int:pk>/sessions/new/", views_edit.session_add, name="session_add"),
    path("activities/<int:pk>/sessions/<int:session_pk>/edit/", views_edit.session_edit, name="session_edit"),
    path("activities/<int:pk>/sessions/<int:session_pk>/cancel/", views_edit.session_cancel, name="session_cancel"),
    path("activities/<int:pk>/phases/<int:phase_pk>/edit/", views_edit.phase_edit, name="phase_edit"),
    path("mine/", views.mine, name="mine"),
    path("search/", views.search, name="search"),
    path("calendar/", views_timeline.calendar, name="calendar"),
    path("calendar/feed/", views_timeline.calendar_feed, name="calendar_feed"),
    path("gantt/", views_timeline.gantt, name="gantt"),
    path("gantt/feed/", views_timeline.gantt_feed, name="gantt_feed"),
    path("matrix/", views_timeline.matrix, name="matrix"),
]
