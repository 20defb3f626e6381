from django.urls import path

from tongxin.events import views

app_name = "events"
urlpatterns = [
    path("sessions/<int:pk>/", views.session_detail, name="session"),
    path("sessions/<int:pk>/qr.svg", views.session_qr, name="session-qr"),
    path("sessions/<int:pk>/attendance/", views.attendance_add, name="attendance-add"),
    path("sessions/<int:pk>/minutes/", views.minutes_add, name="minutes-add"),
    path("activities/<int:pk>/publicity/", views.publicity_list, name="publicity"),
]
