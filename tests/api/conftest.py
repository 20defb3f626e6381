"""API fixtures on top of the shared personas."""

from __future__ import annotations

import pytest

from tongxin.supervision.services import tasks_generate_for_plan


@pytest.fixture
def tasks(programme, people):
    """The programme's tasks generated from the plan (the same fixture as tests/supervision's)."""
    tasks_generate_for_plan(actor=people["admin"], plan=programme["plan"])
    return programme
