from django.urls import path, re_path

from tongxin.public import views

app_name = "public"
urlpatterns = [
    path("", views.index, name="index"),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path("qr.svg", views.qr_image, {"kind": "svg"}, name="qr-svg"),
    path("qr.png", views.qr_image, {"kind": "png"}, name="qr-png"),
    re_path(r"^captcha/image/(?P<key>\w+)/$", views.captcha_image, name="captcha-image"),
    re_path(r"^captcha/image/(?P<key>\w+)@2/$", views.captcha_image, {"scale": 2}, name="captcha-image-2x"),
    path("captcha/refresh/", views.captcha_refresh, name="captcha-refresh"),
]
