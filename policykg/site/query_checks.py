"""What a SPARQL request asks the server to do, read from the request's tokens.

A keyword counts only where SPARQL reads it as one: comments, string literals
(all four quote forms), IRIs, prefixed names, variables, blank node labels and
language tags are tokens of their own, so ``# SERVICE``, ``"SERVICE <x>"``,
``pkg:SERVICE`` or ``?service`` never count. Any other word is taken for a
keyword, and a word that holds SERVICE counts as SERVICE (Oxigraph reads
``trueSERVICE`` as ``true SERVICE``): where the tokens could be read two ways, a
request is refused rather than let through. This tokenizer reads SPARQL 1.2 as well (``LATERAL``), which
rdflib's parser does not; ``tests/test_serve.py`` checks it against rdflib's
parse tree on the queries rdflib reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_NAME_CHAR = r"[\w\-\u00B7]"
_LOCAL_CHAR = r"(?:[\w:\-\u00B7]|%[0-9A-Fa-f]{2}|\\.)"
_LOCAL_OR_DOT = r"(?:[\w:\-\u00B7.]|%[0-9A-Fa-f]{2}|\\.)"
# One alternative per token; each starts with a different character or is tried in order
# (IRIs before anything else, so a '#' inside an IRI starts no comment; an IRI may hold
# \u and \U escapes, as Oxigraph reads them). Every loop's
# alternatives begin with distinct characters, so matching stays linear.
_TOKEN = re.compile(
    r"(?P<comment>\#[^\n\r]*)"
    r"|(?P<iri><(?:[^<>\"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)"
    r"|(?P<string>\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*\"\"\""
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r"|\"(?:[^\"\\\n\r]|\\.)*\""
    r"|'(?:[^'\\\n\r]|\\.)*')"
    r"|(?P<var>[?$][\w\u00B7]+)"
    r"|(?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)"
    r"|(?P<blank>_:[\w\-\u00B7.]*)"
    rf"|(?P<pname>(?:[^\W\d_](?:[\w\-\u00B7.]*{_NAME_CHAR})?)?:(?:{_LOCAL_CHAR}(?:{_LOCAL_OR_DOT}*{_LOCAL_CHAR})?)?)"
    r"|(?P<word>[^\W\d]\w*)",
    re.DOTALL,
)
_UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})
_PROLOGUE = frozenset({"PREFIX", "BASE"})


def keywords(sparql: str) -> Iterator[str]:
    """The words of ``sparql`` that SPARQL may read as keywords, upper case, in order."""
    for match in _TOKEN.finditer(sparql):
        if match.lastgroup == "word":
            yield match.group().upper()


def uses_service(sparql: str) -> bool:
    """Whether the query has a ``SERVICE`` clause (federation: the server would fetch a URL)."""
    return any("SERVICE" in word for word in keywords(sparql))


def is_update(sparql: str) -> bool:
    """Whether the text is a SPARQL Update (its first keyword after the prologue changes data)."""
    first = next((word for word in keywords(sparql) if word not in _PROLOGUE), None)
    return first in _UPDATE_KEYWORDS
