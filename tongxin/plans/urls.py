from django.urls import path

from tongxin.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/history/", views.plan_history, name="history"),
    path("<int:pk>/status/", views.plan_status, name="status"),
    path("import/", views.import_upload, name="import"),
    path("import/<int:pk>/", views.import_review, name="review"),
    path("import/<int:pk>/discard/", views.import_discard, name="discard"),
]
