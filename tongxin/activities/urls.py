from django.urls import path

from tongxin.activities import views, views_timeline

app_name = "activities"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("activities/<int:pk>/", views.detail, name="detail"),
    path("activities/<int:pk>/state/", views.set_state, name="set_state"),
    path("activities/own/new/", views.add_own, name="add_own"),
    path("mine/", views.mine, name="mine"),
    path("search/", views.search, name="search"),
    path("calendar/", views_timeline.calendar, name="calendar"),
    path("calendar/feed/", views_timeline.calendar_feed, name="calendar_feed"),
    path("gantt/", views_timeline.gantt, name="gantt"),
    path("gantt/feed/", views_timeline.gantt_feed, name="gantt_feed"),
    path("matrix/", views_timeline.matrix, name="matrix"),
]
