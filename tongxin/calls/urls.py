from django.urls import path

from tongxin.calls import views_review

app_name = "calls"

urlpatterns = [
    path("review/", views_review.review_list, name="review_list"),
    path("review/<int:pk>/", views_review.review_sheet, name="review_sheet"),
    path("review/<int:pk>/conflict/", views_review.review_conflict, name="review_conflict"),
]
