from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "tongxin.quiz"
    verbose_name = _("网上知识竞答")

    def ready(self):
        from tongxin.core.modules import ActivityModule, register

        def demo_running(plan):
            from tongxin.quiz.demo import demo_stage_quiz

            return demo_stage_quiz(plan)

        from tongxin.quiz import hooks

        register(ActivityModule(name="quiz", label=_("网上知识竞答"), kinds=frozenset({"quiz"}), order=40,
                                public_urls="tongxin.quiz.urls_public", urls="tongxin.quiz.urls",
                                summary_sections=hooks.summary_sections,
                                demo_stages={"running": demo_running}))
        # The API lives at /api/quizzes/ (plural, like /api/plans): an API-only entry serving no activity kind.
        register(ActivityModule(name="quizzes", label=_("网上知识竞答接口"), kinds=frozenset({"-"}), order=999,
                                api_urls="tongxin.quiz.api"))
