"""Every error policykg reports to its user: one base class, one subclass per concern.

An error carries where it applies (a file and line, or a URL) next to its message, so
a command line, a site or a script can show it its own way. The command line maps
``exit_code`` to the process's exit status in one place (``policykg.cli``).
This module imports nothing of the project, so every part may raise these.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class PolicyKGError(Exception):
    """Something policykg cannot do as asked; the message says what and, where known, where.

    ``problem`` is the text; given ``path`` (and ``line``) or ``url``, the message
    reads ``where: problem``. Without them ``problem`` is the whole message.
    """

    exit_code = 1

    def __init__(self, problem: str, *, path: str | Path | None = None, line: int | None = None,
                 url: str | None = None):
        self.problem = problem
        self.path = path
        self.line = line
        self.url = url
        super().__init__(self._message())

    @property
    def where(self) -> str | None:
        """``file:line``, ``file`` or the URL the error is about; None when it is about none."""
        if self.path is not None:
            return f"{self.path}:{self.line}" if self.line is not None else str(self.path)
        return self.url

    def _message(self) -> str:
        return f"{self.where}: {self.problem}" if self.where else self.problem


class SourceError(PolicyKGError):
    """A source that cannot be read; the message names the file and the problem."""


class GoldError(PolicyKGError, ValueError):
    """A gold file that cannot be read; the message names the file and line."""


class FetchError(PolicyKGError):
    """The open-data API could not be read; the message names the URL and the problem."""


class OutputError(PolicyKGError):
    """An output that cannot be written (a folder where a file is expected, a full
    disk); the message names the path and the problem."""


class QueryError(PolicyKGError):
    """A query that cannot run as asked; the message says what to do."""


class CurationError(PolicyKGError, ValueError):
    """A curation file that cannot be loaded; the message names the file and line."""


class RemoteError(PolicyKGError):
    """A remote SPARQL endpoint failed or refused; the message names the endpoint."""


class ServeError(PolicyKGError):
    """``policykg serve`` cannot start (the address is taken, say); the message says why."""


class ShapesError(PolicyKGError, ValueError):
    """The SHACL shapes could not be applied to the graph."""


class StoreError(PolicyKGError):
    """The local store cannot be opened or is not there. Its messages name the
    store's directory inside the sentence, so ``path`` is carried, not prefixed."""

    def _message(self) -> str:
        return self.problem


class NotFoundError(PolicyKGError):
    """Names that match nothing (``names``), e.g. graphs not in the store."""

    def __init__(self, problem: str, *, names: Sequence[str] = (), **where):
        self.names = tuple(names)
        super().__init__(problem, **where)


class LookupFailure(PolicyKGError):
    """A text that does not lead to exactly one node (``policykg.graph.lookup``);
    ``candidates`` are the nodes it names, sorted (empty when it names none)."""

    def __init__(self, text: str, problem: str, candidates: Sequence = ()):
        self.text = text
        self.candidates = tuple(candidates)
        super().__init__(problem)


class NameNotFound(LookupFailure):
    """Nothing is called so (or the text is not a valid IRI)."""


class AmbiguousName(LookupFailure):
    """Several nodes are called so, and no single one holds it as its identifier."""


class NotInstalledError(PolicyKGError):
    """A program policykg runs (e.g. the oxigraph server) is not installed."""
