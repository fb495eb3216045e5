"""Vietnamese phone numbers, stored in the national form 0XXXXXXXXX."""

from __future__ import annotations

import re

_DIGITS = re.compile(r"\D+")


def normalise_phone(raw: str) -> str | None:
    """Return the national form of a Vietnamese mobile or landline number, or None if invalid.

    Accepts spaces, dots and dashes, and the +84 / 84 prefixes.
    """
    digits = _DIGITS.sub("", raw or "")
    if raw.strip().startswith("+84") or (digits.startswith("84") and len(digits) == 11):
        digits = "0" + digits[2:]
    if len(digits) in (10, 11) and digits.startswith("0") and digits[1] != "0":
        return digits
    return None
