"""The `danchu` console script: runs management commands with the right settings.

`danchu import-units` is `manage.py import_units`: dashes in a command name become underscores.
"""

from __future__ import annotations

import os
import sys

DEFAULT_SETTINGS = "danchu.settings.local"


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)


if __name__ == "__main__":
    main()
