"""Who may see operations: the department administrators."""

import rules

from tongxin.accounts.rules import is_admin

rules.add_perm("ops.view", is_admin)
