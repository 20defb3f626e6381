"""The public online knowledge quiz: banks of questions, contests with phases, participants without accounts,
attempts timed by the server, one row per answer, and results per organisation computed in the background."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tongxin.core.fields import CreatedAtField
from tongxin.public.models import ConsentRecord


class Bank(models.Model):
    title = models.CharField(_("题库名称"), max_length=200)
    created_at = CreatedAtField(_("创建时间"))

    class Meta:
        verbose_name = _("题库")
        verbose_name_plural = _("题库")

    def __str__(self):
        return self.title


class Question(models.Model):
    class Type(models.TextChoices):
        SINGLE = "single", _("单选题")
        MULTIPLE = "multiple", _("多选题")
        JUDGE = "judge", _("判断题")
        BLANK = "blank", _("填空题")

    bank = models.ForeignKey(Bank, verbose_name=_("题库"), on_delete=models.CASCADE, related_name="questions")
    type = models.CharField(_("题型"), max_length=10, choices=Type.choices)
    text = models.TextField(_("题干"))
    options = models.JSONField(_("选项"), default=list, blank=True)  # ["选项A文字", "选项B文字", …]
    # The key: option indexes for choice questions ([0, 2]), [True]/[False] for judge, accepted strings for blanks.
    answer = models.JSONField(_("答案"), default=list)
    explanation = models.TextField(_("解析"), blank=True)
    category = models.CharField(_("分类"), max_length=50, blank=True)
    difficulty = models.CharField(_("难度"), max_length=10, blank=True)
    image = models.ImageField(_("图片"), upload_to="quiz/", blank=True)
    created_at = CreatedAtField(_("创建时间"))

    class Meta:
        verbose_name = _("试题")
        verbose_name_plural = _("试题")
        indexes = [models.Index(fields=["bank", "type", "category", "difficulty"])]

    def __str__(self):
        return self.text[:40]


class Contest(models.Model):
    class Identity(models.TextChoices):
        ORG = "org", _("选择所在组织")
        CODE = "code", _("组织参赛码")

    activity = models.ForeignKey(
        "activities.Activity", verbose_name=_("活动"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="quiz_contests",
    )
    title = models.CharField(_("竞答名称"), max_length=200)
    bank = models.ForeignKey(Bank, verbose_name=_("题库"), on_delete=models.PROTECT, related_name="contests")
    root_org = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("参赛组织（顶层）"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )
    # Paper rules: [{"type": "single", "category": "", "difficulty": "", "count": 60}, …]; or fixed question ids.
    paper_rules = models.JSONField(_("组卷规则"), default=list, blank=True)
    fixed_questions = models.JSONField(_("固定试卷"), default=list, blank=True)
    points = models.JSONField(_("每题分值"), default=dict, blank=True)  # {"single": 1, "multiple": 2, …}
    time_limit = models.PositiveIntegerField(_("答题时限（秒）"), default=1800)
    shuffle_options = models.BooleanField(_("选项乱序"), default=True)
    identity = models.CharField(_("身份规则"), max_length=10, choices=Identity.choices, default=Identity.ORG)
    weight_score = models.FloatField(_("平均分权重"), default=0.5)
    weight_rate = models.FloatField(_("参赛率权重"), default=0.5)
    fast_seconds = models.FloatField(_("过快答题阈值（秒/题）"), default=2.0)
    results_at = models.DateTimeField(_("排名计算时间"), null=True, blank=True)
    created_at = CreatedAtField(_("创建时间"))

    class Meta:
        verbose_name = _("知识竞答")
        verbose_name_plural = _("知识竞答")

    def __str__(self):
        return self.title

    def point_for(self, qtype: str) -> float:
        return float(self.points.get(qtype, 1))


class Phase(models.Model):
    class Kind(models.TextChoices):
        PRACTICE = "practice", _("练习")
        FORMAL = "formal", _("正式")

    contest = models.ForeignKey(Contest, verbose_name=_("竞答"), on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("阶段"), max_length=10, choices=Kind.choices)
    opens_at = models.DateTimeField(_("开始时间"))
    closes_at = models.DateTimeField(_("结束时间"))
    max_attempts = models.PositiveIntegerField(_("最多次数"), default=5)  # per day for practice, in all for formal

    class Meta:
        verbose_name = _("竞答阶段")
        verbose_name_plural = _("竞答阶段")

    def __str__(self):
        return f"{self.contest} · {self.get_kind_display()}"


class AccessCode(models.Model):
    contest = models.ForeignKey(Contest, verbose_name=_("竞答"), on_delete=models.CASCADE, related_name="codes")
    organisation = models.ForeignKey("orgs.Organisation", verbose_name=_("组织"), on_delete=models.CASCADE)
    code = models.CharField(_("参赛码"), max_length=20)

    class Meta:
        verbose_name = _("参赛码")
        verbose_name_plural = _("参赛码")
        constraints = [models.UniqueConstraint(fields=["contest", "code"], name="quiz_code_unique")]

    def __str__(self):
        return self.code


class Participant(ConsentRecord):
    contest = models.ForeignKey(Contest, verbose_name=_("竞答"), on_delete=models.CASCADE, related_name="participants")
    name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("手机号"), max_length=20)
    organisation = models.ForeignKey("orgs.Organisation", verbose_name=_("组织"), on_delete=models.PROTECT)
    device = models.CharField(_("设备标识"), max_length=64, blank=True)
    ip = models.CharField(_("地址"), max_length=64, blank=True)
    best_score = models.FloatField(_("最好成绩"), null=True, blank=True)
    best_time = models.FloatField(_("最好成绩用时（秒）"), null=True, blank=True)
    flagged = models.CharField(_("待复核原因"), max_length=200, blank=True)
    created_at = CreatedAtField(_("报名时间"))

    class Meta:
        verbose_name = _("参赛者")
        verbose_name_plural = _("参赛者")
        constraints = [models.UniqueConstraint(fields=["contest", "phone"], name="quiz_one_phone")]
        indexes = [models.Index(fields=["contest", "organisation"]),
                   models.Index(fields=["contest", "-best_score", "best_time"], name="quiz_rank_idx")]

    def __str__(self):
        return self.name


class Attempt(models.Model):
    participant = models.ForeignKey(
        Participant, verbose_name=_("参赛者"), on_delete=models.CASCADE, related_name="attempts"
    )
    phase = models.ForeignKey(Phase, verbose_name=_("阶段"), on_delete=models.CASCADE, related_name="attempts")
    started_at = models.DateTimeField(_("开始时间"))
    deadline = models.DateTimeField(_("截止时间"), db_index=True)
    submitted_at = models.DateTimeField(_("交卷时间"), null=True, blank=True)
    expired = models.BooleanField(_("超时自动交卷"), default=False)
    question_ids = models.JSONField(_("试题顺序"), default=list)
    option_orders = models.JSONField(_("选项顺序"), default=dict)  # {"qid": [2, 0, 1, 3]}: shown position → index
    score = models.FloatField(_("得分"), null=True, blank=True)
    time_used = models.FloatField(_("用时（秒）"), null=True, blank=True)
    hidden_count = models.PositiveIntegerField(_("切屏次数"), default=0)
    flagged = models.CharField(_("待复核原因"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("答题记录")
        verbose_name_plural = _("答题记录")
        indexes = [models.Index(fields=["submitted_at", "deadline"]),
                   models.Index(fields=["participant", "phase"], name="quiz_attempt_who_idx")]

    def __str__(self):
        return f"{self.participant_id}·{self.started_at:%Y-%m-%d %H:%M}"

    @property
    def is_open(self) -> bool:
        return self.submitted_at is None


class Answer(models.Model):
    attempt = models.ForeignKey(Attempt, verbose_name=_("答题记录"), on_delete=models.CASCADE, related_name="answers")
    question_id = models.IntegerField(_("试题"))
    value = models.JSONField(_("所答"), default=list)  # as given: option indexes in the bank's order, or text
    saved_at = models.DateTimeField(_("保存时间"))

    class Meta:
        verbose_name = _("答案")
        verbose_name_plural = _("答案")
        constraints = [models.UniqueConstraint(fields=["attempt", "question_id"], name="quiz_one_answer")]

    def __str__(self):
        return f"{self.attempt_id}·{self.question_id}"


class OrgResult(models.Model):
    """Per organisation, rolled up the hierarchy: written by results_compute, read by pages and the API."""

    contest = models.ForeignKey(Contest, verbose_name=_("竞答"), on_delete=models.CASCADE, related_name="org_results")
    organisation = models.ForeignKey("orgs.Organisation", verbose_name=_("组织"), on_delete=models.CASCADE)
    participants = models.PositiveIntegerField(_("参赛人数"), default=0)
    member_count = models.PositiveIntegerField(_("成员人数"), default=0)
    participation_rate = models.FloatField(_("参赛率"), default=0)
    average_score = models.FloatField(_("平均分"), default=0)
    collective_score = models.FloatField(_("集体得分"), default=0)
    rank = models.PositiveIntegerField(_("集体排名"), default=0)

    class Meta:
        verbose_name = _("组织成绩")
        verbose_name_plural = _("组织成绩")
        constraints = [models.UniqueConstraint(fields=["contest", "organisation"], name="quiz_org_result")]

    def __str__(self):
        return f"{self.contest_id}·{self.organisation_id}"
