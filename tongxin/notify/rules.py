"""Who may do what with messages: everyone reads their own inbox; administrators manage channels and deliveries."""

from __future__ import annotations

import rules

from tongxin.accounts.rules import is_admin

rules.add_perm("notify.manage_channels", is_admin)
