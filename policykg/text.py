"""Text utilities of the bottom layer, shared by the extractor's document keys
and the graph's IRIs, so both always spell a name the same way."""

from __future__ import annotations

import re
import unicodedata


def slug(text: str) -> str:
    """ASCII, lower case, hyphens: "Van Baarle" -> "van-baarle"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
