from django.urls import path

from tongxin.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("<int:pk>/history/", views.plan_history, name="history"),
    path("<int:pk>/status/", views.plan_status, name="status"),
]
