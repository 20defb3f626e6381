from django.http import HttpResponse
from django.urls import path

app_name = "supervision"
urlpatterns = [path("", lambda r: HttpResponse("督办"), name="tasks")]
