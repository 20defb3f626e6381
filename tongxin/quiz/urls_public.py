from django.urls import path

from tongxin.quiz import views_public as views

app_name = "quiz_public"
urlpatterns = [
    path("ping", views.ping, name="ping"),
    path("<int:pk>/", views.contest_page, name="contest"),
    path("<int:pk>/ranking/", views.ranking, name="ranking"),
    path("a/<str:token>/", views.attempt_page, name="attempt"),
    path("a/<str:token>/answer/", views.answer, name="answer"),
    path("a/<str:token>/event/", views.event, name="event"),
    path("a/<str:token>/submit/", views.submit, name="submit"),
    path("a/<str:token>/result/", views.result, name="result"),
]
