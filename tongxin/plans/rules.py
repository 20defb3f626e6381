"""Who may import, review and publish plans: department administrators only."""

import rules

from tongxin.accounts.rules import is_admin

rules.add_perm("plans.import_plan", is_admin)
rules.add_perm("plans.change_plan", is_admin)
