"""A call's rows: the call, its submissions and their blind reviews, 直通车 专报 and 批示."""

from tongxin.calls.models.calls import Call, Review, Submission
from tongxin.calls.models.instructions import DirectReport, Instruction

__all__ = ["Call", "DirectReport", "Instruction", "Review", "Submission"]
