from django.urls import path

from tongxin.calls import views_api

app_name = "calls_api"

urlpatterns = [
    path("", views_api.call_list, name="list"),
    path("<int:pk>/", views_api.call_detail, name="detail"),
    path("<int:pk>", views_api.call_detail),
]
