from django.contrib import admin

from tongxin.plans.models import Plan, PlanImport

admin.site.register(Plan)
admin.site.register(PlanImport)
