from django.urls import path

from tongxin.ingest import views, views_review

app_name = "ingest"
urlpatterns = [
    path("", views.import_upload, name="import"),
    path("<int:pk>/", views_review.import_review, name="review"),
    path("<int:pk>/progress/", views.import_progress, name="progress"),
    path("<int:pk>/info/", views_review.import_info, name="info"),
    path("<int:pk>/items/new/", views_review.import_item, name="item_new"),
    path("<int:pk>/items/<int:index>/", views_review.import_item, name="item"),
    path("<int:pk>/items/<int:index>/row/", views_review.import_item_row, name="item_row"),
    path("<int:pk>/items/<int:index>/exclude/", views_review.import_item_exclude, name="item_exclude"),
    path("<int:pk>/times/", views_review.import_times, name="times"),
    path("<int:pk>/publish/", views_review.import_publish, name="publish"),
    path("<int:pk>/gold.json", views_review.import_gold, name="gold"),
    path("<int:pk>/discard/", views.import_discard, name="discard"),
]
