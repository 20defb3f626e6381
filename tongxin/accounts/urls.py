from django.urls import path

from tongxin.accounts import views, views_admin

app_name = "accounts"
urlpatterns = [
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", views.SignOutView.as_view(), name="logout"),
    path("password/", views.password_change, name="password_change"),
    path("invite/<str:token>/", views.accept_invite, name="invite"),
    path("manage/", views_admin.account_list, name="list"),
    path("manage/new/", views_admin.account_new, name="new"),
    path("manage/locked/", views_admin.locked_list, name="locked"),
    path("manage/unlock/", views_admin.unlock, name="unlock"),
    path("manage/<int:pk>/", views_admin.account_detail, name="detail"),
    path("manage/<int:pk>/invite/", views_admin.account_invite, name="invite_new"),
    path("manage/<int:pk>/reset/", views_admin.account_reset, name="reset"),
    path("manage/<int:pk>/active/", views_admin.account_active, name="active"),
]
