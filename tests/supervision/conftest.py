"""Supervision fixtures on top of the shared personas: the programme's tasks generated from the plan."""

from __future__ import annotations

import pytest

from tongxin.supervision.services import tasks_generate_for_plan


@pytest.fixture
def tasks(programme, people):
    tasks_generate_for_plan(actor=people["admin"], plan=programme["plan"])
    return programme
