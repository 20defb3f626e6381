"""The 通讯录 import as one service: read, check everything, and write all of it or nothing."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.urls import reverse

from tongxin.accounts.invites import invite_token
from tongxin.orgs.directory_io.checking import Checked, Problem, check_sheets
from tongxin.orgs.directory_io.reading import ReadError, read_file
from tongxin.orgs.directory_io.writing import Outcome, apply


@dataclass
class ImportResult:
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # rows found per table
    outcome: Outcome | None = None  # None when nothing was written (problems, or a dry run)

    @property
    def ok(self) -> bool:
        return not self.problems

    def invite_links(self) -> list[tuple[object, str]]:
        """(account, path of its one-time link) for each new account that waits for one."""
        users = self.outcome.invited if self.outcome else []
        return [(u, reverse("accounts:invite", args=[invite_token(u)])) for u in users]


def directory_import(
    *, actor, name: str, data: bytes, dry_run: bool = False, initial_password: str = ""
) -> ImportResult:
    """Check the whole file; write it (in one transaction) only when every row is good and this is not a dry run."""
    if initial_password:
        try:
            password_validation.validate_password(initial_password)
        except ValidationError as exc:
            return ImportResult(problems=[Problem("初始密码", None, "；".join(exc.messages))])
    try:
        sheets = read_file(name, data)
    except ReadError as exc:
        return ImportResult(problems=[Problem(name, None, str(exc))])
    checked: Checked = check_sheets(sheets)
    result = ImportResult(
        problems=checked.problems,
        notes=checked.notes,
        counts={"units": len(checked.units), "people": len(checked.people), "accounts": len(checked.accounts)},
    )
    if checked.ok and not dry_run:
        result.outcome = apply(checked, actor=actor, initial_password=initial_password)
    return result
