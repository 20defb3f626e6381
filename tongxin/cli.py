"""The `tongxin` command: `parse` runs the pure parser; every other word goes to Django's management commands."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "parse":
        # The parser must not pay for (or depend on) Django start-up.
        from tongxin.parser.cli import main as parse_main

        return parse_main(args[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tongxin.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["tongxin", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
