from django.urls import path

from tongxin.events import views_public

app_name = "events_public"
urlpatterns = [path("signin/<str:token>/", views_public.signin, name="signin")]
