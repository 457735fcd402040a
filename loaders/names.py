"""Names as the record writes them: a list of members, a dossier number, a motion's note."""

from __future__ import annotations

import re

_NAME_SEPARATOR = re.compile(r"\s{0,2}/\s{0,2}|\s{0,2},\s{1,4}|\s{1,4}en\s{1,4}")
_SPACE = re.compile(r"\s{1,40}")


def split_names(names: str) -> tuple[str, ...]:
    """"Asscher/Pieter Heerma", "Wörsdörfer, Bruins en Amhaouch" -> one name each, spaces
    made single."""
    return tuple(_SPACE.sub(" ", n).strip() for n in _NAME_SEPARATOR.split(names) if n.strip())


def dossier_of(match: re.Match) -> str:
    """"30 950" -> "30950"; with its toevoeging: "36200-VII", "21501-02", "36600-A"."""
    groups = match.groupdict()
    dossier = re.sub(r"\s", "", match["dossier"])
    toev = groups.get("toev") or groups.get("ntoev") or groups.get("htoev")
    return f"{dossier}-{toev}" if toev else dossier


def motion_note(adjective: str | None, co_signed: bool) -> str | None:
    """What a motion's phrase says of it besides its id: "gewijzigde", "c.s." (cum suis)."""
    parts = [_SPACE.sub(" ", adjective).strip()] if adjective else []
    if co_signed:
        parts.append("c.s.")
    return " ".join(parts) or None
