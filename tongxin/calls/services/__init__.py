"""Writes for calls: submissions, review assignment and scoring, decisions."""

from tongxin.calls.services.errors import CallError
from tongxin.calls.services.instructions import (
    TaskSpec,
    direct_report_send,
    instruction_feedback,
    instruction_record,
)
from tongxin.calls.services.review import review_declare_conflict, review_reassign, review_score, reviews_assign
from tongxin.calls.services.submissions import call_create, reviewer_add, submission_create, submission_decide

__all__ = [
    "TaskSpec",
    "direct_report_send",
    "instruction_feedback",
    "instruction_record",
    "CallError",
    "call_create",
    "review_declare_conflict",
    "review_reassign",
    "review_score",
    "reviewer_add",
    "reviews_assign",
    "submission_create",
    "submission_decide",
]
