from django.urls import path

from tongxin.supervision import views_cockpit

app_name = "cockpit"
urlpatterns = [
    path("", views_cockpit.home, name="home"),
    path("department/", views_cockpit.department, name="department"),
]
