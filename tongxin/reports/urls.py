from django.http import HttpResponse
from django.urls import path

app_name = "reports"
urlpatterns = [path("", lambda r: HttpResponse("台账"), name="index")]
