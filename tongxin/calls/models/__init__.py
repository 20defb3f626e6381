"""A call's rows: the call, its submissions and their blind reviews."""

from tongxin.calls.models.calls import Call, Review, Submission

__all__ = ["Call", "Review", "Submission"]
