from django.urls import path

from tongxin.calls import views_public

app_name = "calls_public"

urlpatterns = [
    path("lookup/", views_public.lookup, name="lookup"),
]
