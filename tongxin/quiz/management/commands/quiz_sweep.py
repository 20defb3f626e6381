from django.core.management.base import BaseCommand

from tongxin.quiz.services import attempts_expire_due


class Command(BaseCommand):
    help = "为已过截止时间仍未交卷的答题自动交卷并计分（建议每分钟运行一次）"

    def handle(self, *args, **options):
        self.stdout.write(f"自动交卷 {attempts_expire_due()} 份")
