from django.urls import path

from tongxin.plans import views, views_review

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/history/", views.plan_history, name="history"),
    path("<int:pk>/status/", views.plan_status, name="status"),
    path("import/", views.import_upload, name="import"),
    path("import/<int:pk>/", views_review.import_review, name="review"),
    path("import/<int:pk>/progress/", views.import_progress, name="progress"),
    path("import/<int:pk>/info/", views_review.import_info, name="info"),
    path("import/<int:pk>/items/new/", views_review.import_item, name="item_new"),
    path("import/<int:pk>/items/<int:index>/", views_review.import_item, name="item"),
    path("import/<int:pk>/items/<int:index>/row/", views_review.import_item_row, name="item_row"),
    path("import/<int:pk>/items/<int:index>/exclude/", views_review.import_item_exclude, name="item_exclude"),
    path("import/<int:pk>/times/", views_review.import_times, name="times"),
    path("import/<int:pk>/publish/", views_review.import_publish, name="publish"),
    path("import/<int:pk>/gold.json", views_review.import_gold, name="gold"),
    path("import/<int:pk>/discard/", views.import_discard, name="discard"),
]
