from django.http import HttpResponse
from django.urls import path

app_name = "exports"


def _todo(request, pk):
    return HttpResponse("")


urlpatterns = [
    path("plans/<int:pk>/calendar.ics", _todo, name="plan_ics"),
    path("units/<int:pk>/calendar.ics", _todo, name="unit_ics"),
    path("people/<int:pk>/calendar.ics", _todo, name="person_ics"),
    path("plans/<int:pk>/activities.xlsx", _todo, name="activities_xlsx"),
]
