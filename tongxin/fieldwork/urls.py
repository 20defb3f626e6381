from django.urls import path

from tongxin.fieldwork import views_campaigns as c
from tongxin.fieldwork import views_common
from tongxin.fieldwork import views_households as h
from tongxin.fieldwork import views_visits as v

app_name = "fieldwork"
urlpatterns = [
    path("pairings/<int:activity_id>/", v.pairings, name="pairings"),
    path("pairings/<int:activity_id>/ledger.xlsx", v.pairings_ledger, name="pairings_ledger"),
    path("pairing/<int:pk>/", v.pairing, name="pairing"),
    path("visit/new/", v.visit_new, name="visit_new"),
    path("visit/<int:pk>/", v.visit, name="visit"),
    path("opinion/<int:pk>/", v.opinion, name="opinion"),
    path("opinion/<int:pk>/<str:action>/", v.opinion_action, name="opinion_action"),
    path("households/<int:activity_id>/", h.households, name="households"),
    path("households/<int:activity_id>/export.xlsx", h.households_export, name="households_export"),
    path("household/<int:pk>/", h.household, name="household"),
    path("household/<int:pk>/qr.svg", h.household_qr, name="household_qr"),
    path("household/<int:pk>/<str:action>/", h.household_action, name="household_action"),
    path("h/<str:token>/", h.household_open, name="household_open"),
    path("campaign/<int:pk>/", c.campaign, name="campaign"),
    path("campaign/<int:pk>/ledger.xlsx", c.problems_ledger, name="problems_ledger"),
    path("phase/<int:pk>/close/", c.phase_close, name="phase_close"),
    path("venue/<int:pk>/", c.venue, name="venue"),
    path("venue/<int:pk>/inspect/", c.inspection_new, name="inspection_new"),
    path("item/<int:pk>/done/", c.item_complete, name="item_complete"),
    path("problem/<int:pk>/", c.problem, name="problem"),
    path("problem/<int:pk>/<str:action>/", c.problem_action, name="problem_action"),
    path("file/<int:pk>/", views_common.attachment, name="file"),
    path("file/<int:pk>/thumb/", views_common.attachment, {"thumb": True}, name="thumb"),
]
