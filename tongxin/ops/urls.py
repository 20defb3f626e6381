from django.urls import path

from tongxin.ops import views

app_name = "ops"
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("ops/", views.ops_page, name="page"),
]
