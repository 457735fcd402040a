"""policykg: Dutch policy documents as a knowledge graph.

The design card's top-level folders are mapped into this package by setup.cfg:
``loaders`` (text -> references), ``graph`` (references -> RDF, store, queries),
``ontology``, ``shapes`` and ``queries`` (data files).

From Python: ``kg = policykg.open(store_folder_or_endpoint_url)`` (``policykg.api``).
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "open"]


def __getattr__(name: str) -> Any:
    """``policykg.open``, imported when first used: importing any part of policykg
    (the loaders, the command line) does not load the whole API with it."""
    if name == "open":
        from policykg.api import open

        return open
    raise AttributeError(f"module 'policykg' has no attribute {name!r}")
