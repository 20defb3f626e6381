from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path

from tongxin.quiz.bankio import template_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def bank_template(request):
    """The bank template with one example of each question type (题型 题干 选项A–F 答案 解析 分类 难度)."""
    response = HttpResponse(template_xlsx(), content_type=XLSX)
    response["Content-Disposition"] = "attachment; filename*=UTF-8''quiz-bank-template.xlsx"
    return response


app_name = "quiz"
urlpatterns = [path("bank-template.xlsx", bank_template, name="bank-template")]
