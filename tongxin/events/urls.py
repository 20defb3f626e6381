from django.urls import path

from tongxin.events import views, views_training

app_name = "events"
urlpatterns = [
    path("sessions/<int:pk>/", views.session_detail, name="session"),
    path("sessions/<int:pk>/qr.svg", views.session_qr, name="session-qr"),
    path("sessions/<int:pk>/attendance/", views.attendance_add, name="attendance-add"),
    path("sessions/<int:pk>/minutes/", views.minutes_add, name="minutes-add"),
    path("activities/<int:pk>/publicity/", views.publicity_list, name="publicity"),
    path("activities/<int:pk>/programme.pdf", views_training.programme, name="programme"),
    path("trainings/<int:pk>/", views_training.training_detail, name="training"),
    path("trainings/<int:pk>/nominations/", views_training.nomination_add, name="nomination-add"),
    path(
        "trainings/<int:pk>/nominations/<int:nomination_pk>/",
        views_training.nomination_decide,
        name="nomination-decide",
    ),
    path("trainings/<int:pk>/certificates/<int:nomination_pk>.pdf", views_training.certificate, name="certificate"),
    path("trainings/<int:pk>/ledger.xlsx", views_training.ledger, name="training-ledger"),
]
