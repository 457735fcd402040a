"""XML parsed into an ElementTree without ever reading a DTD: any DOCTYPE or
entity declaration is refused, so no entity is expanded or fetched. Names are in
Clark notation (``{namespace}local``), as ElementTree gives them."""

from __future__ import annotations

import xml.parsers.expat
from xml.etree.ElementTree import Element, TreeBuilder


class DoctypeRefused(ValueError):
    """XML that declares a DOCTYPE (and so could declare entities)."""


def refuse_doctype(*_args) -> None:
    raise DoctypeRefused("the XML declares a DOCTYPE; documents with DTDs or entities are refused "
                         "(no entity is expanded or fetched)")


def _refuse_entity(*_args) -> int:
    refuse_doctype()
    return 0


def safe_parser(namespace_separator: str | None = None) -> xml.parsers.expat.XMLParserType:
    """An expat parser that raises ``DoctypeRefused`` at any DOCTYPE or entity declaration."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=namespace_separator)
    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.EntityDeclHandler = refuse_doctype
    parser.ExternalEntityRefHandler = _refuse_entity
    return parser


def _clark(name: str) -> str:
    return "{" + name if "}" in name else name


def parse_tree(data: bytes) -> Element:
    """The root element of ``data``; ``ValueError`` for a DOCTYPE, ``ExpatError`` for bad XML."""
    builder = TreeBuilder()
    parser = safe_parser(namespace_separator="}")
    parser.StartElementHandler = lambda name, attrs: builder.start(
        _clark(name), {_clark(k): v for k, v in attrs.items()})
    parser.EndElementHandler = lambda name: builder.end(_clark(name))
    parser.CharacterDataHandler = builder.data
    parser.Parse(data, True)
    return builder.close()
