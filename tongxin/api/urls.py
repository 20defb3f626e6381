from django.http import HttpResponse
from django.urls import path

app_name = "api"
urlpatterns = [path("docs/", lambda r: HttpResponse(""), name="docs")]
