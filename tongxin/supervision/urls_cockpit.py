from django.http import HttpResponse
from django.urls import path

app_name = "cockpit"
urlpatterns = [path("", lambda r: HttpResponse("驾驶舱"), name="home")]
