from django.http import HttpResponse
from django.urls import path

app_name = "notify"
urlpatterns = [path("", lambda r: HttpResponse("消息"), name="inbox")]
