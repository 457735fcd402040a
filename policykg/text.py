"""Text utilities of the bottom layer, shared by the extractor's document keys
and the graph's IRIs, so both always spell a name the same way."""

from __future__ import annotations

import re
import unicodedata


def slug(text: str) -> str:
    """ASCII, lower case, hyphens: "Van Baarle" -> "van-baarle"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


# What a spreadsheet reads as the start of a formula (OWASP "CSV injection"), in
# ASCII and full width (some spreadsheets fold the full-width forms to ASCII).
_FORMULA_STARTS = frozenset("=+-@＝＋－＠")
# A plain decimal number ("-1", "+2.5", "-3e4"): every spreadsheet reads it as
# that number, never as a formula, so it is written as it is.
_NUMBER = re.compile(r"[+-]?(?:[0-9]{1,50}(?:\.[0-9]{0,50})?|\.[0-9]{1,50})(?:[eE][+-]?[0-9]{1,4})?")


def spreadsheet_safe(cell: str) -> str:
    """``cell`` as a spreadsheet shows it without running it: a cell whose first
    non-blank character starts a formula (``= + - @``), or that starts with a tab or
    carriage return, gets a leading single quote (OWASP's advice); a plain number
    such as ``-1`` is kept as it is, and so is every other cell."""
    if not cell or _NUMBER.fullmatch(cell):
        return cell
    if cell[0] in "\t\r" or cell.lstrip()[:1] in _FORMULA_STARTS:
        return "'" + cell
    return cell
