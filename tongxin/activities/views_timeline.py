"""Calendar, Gantt timeline and responsibility matrix (being built)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse


@login_required
def calendar(request):
    return HttpResponse("日历")


@login_required
def calendar_feed(request):
    return JsonResponse([], safe=False)


@login_required
def gantt(request):
    return HttpResponse("时间轴")


@login_required
def gantt_feed(request):
    return JsonResponse([], safe=False)


@login_required
def matrix(request):
    return HttpResponse("职责分工")
