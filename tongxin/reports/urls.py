from django.urls import path

from tongxin.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("plans/<int:pk>/ledger.xlsx", views.ledger_xlsx, name="ledger"),
    path("plans/<int:pk>/bulletin/", views.bulletin, name="bulletin"),
    path("plans/<int:pk>/summary.<str:fmt>", views.summary, name="summary"),
]
