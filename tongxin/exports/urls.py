from django.urls import path

from tongxin.exports import views

app_name = "exports"
urlpatterns = [
    path("plans/<int:pk>/calendar.ics", views.plan_ics, name="plan_ics"),
    path("units/<int:pk>/calendar.ics", views.unit_ics, name="unit_ics"),
    path("people/<int:pk>/calendar.ics", views.person_ics, name="person_ics"),
    path("plans/<int:pk>/activities.xlsx", views.activities_xlsx, name="activities_xlsx"),
    path("plans/<int:pk>/plan.json", views.plan_json, name="plan_json"),
    path("calendars/", views.calendars, name="calendars"),
]
