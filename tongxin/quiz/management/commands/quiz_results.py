import time

from django.core.management.base import BaseCommand

from tongxin.quiz.models import Contest
from tongxin.quiz.results import results_compute
from tongxin.quiz.services import attempts_expire_due


class Command(BaseCommand):
    help = "计算知识竞答的个人排名依据与各组织参赛率、平均分（逐级汇总），不在答题请求中计算"

    def add_arguments(self, parser):
        parser.add_argument("contest", nargs="*", type=int, help="竞答编号（缺省为全部）")

    def handle(self, *args, contest, **options):
        attempts_expire_due()
        for item in Contest.objects.filter(pk__in=contest) if contest else Contest.objects.all():
            started = time.perf_counter()
            rows = results_compute(contest=item)
            self.stdout.write(f"{item.title}：{rows} 个组织，用时 {time.perf_counter() - started:.2f} 秒")
