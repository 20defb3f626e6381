from django.urls import path

from tongxin.orgs import views, views_import

app_name = "orgs"
urlpatterns = [
    path("units/", views.unit_list, name="units"),
    path("units/new/", views.unit_new, name="unit_new"),
    path("units/<int:pk>/", views.unit_detail, name="unit"),
    path("units/<int:pk>/move/", views.unit_move, name="unit_move"),
    path("units/<int:pk>/members/", views.unit_members, name="unit_members"),
    path("units/<int:pk>/merge/", views.unit_merge, name="unit_merge"),
    path("units/<int:pk>/active/", views.unit_active, name="unit_active"),
    path("people/", views.person_list, name="people"),
    path("people/new/", views.person_edit, name="person_new"),
    path("people/<int:pk>/", views.person_edit, name="person"),
    path("import/", views_import.import_page, name="import"),
    path("import/template.xlsx", views_import.template_download, name="template"),
    path("export.xlsx", views_import.export_download, name="export"),
]
