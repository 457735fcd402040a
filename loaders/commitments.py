"""Measures the government announces in its own words, found by the Dutch turn
of phrase that commits to them. Each rule keeps the sentence as quote:

- ``measure-intention``: "Het is mijn inzet om te komen tot een Rijksbrede
  klachtenregeling ...", "Het is mijn voornemen om dit jaar een nieuw PER
  onderzoek te laten doen met een speciale focus op discriminatie ..."
- ``measure-wish``: "... wil ik een extra module over ongewenste omgangsvormen
  door derden opnemen"
- ``measure-planned``: "zullen komend najaar, in samenwerking met het College en
  Movisie, workshops per organisatie worden georganiseerd", "wordt binnenkort
  ook een project gestart"
- ``measure-following-motions``: "De minister van BZK onderzoekt, naar aanleiding
  van diverse moties tijdens het debat van 1 juli, een versterking van ..."
- ``measure-in-execution``: "Ter uitvoering van de motie van het lid X ... wordt ..."
- ``measure-study``: "onderzoekt het CBS of de data uit de MEOS-toepassing ...",
  "wordt onderzocht op welke wijze de implementatie ... kan worden gemonitord"

The label is the clause that names the measure, with the time expression, the
partners ("in samenwerking met ...") and the verb taken out; the time
expression is kept as the measure's period.
"""

from __future__ import annotations

import re

from . import patterns as p

_TIME = (
    rf"(?:(?:komend|komende|volgend|volgende|dit|vorig|vorige|afgelopen)\s{{1,3}}(?:voorjaar|najaar|zomer|winter|jaar|periode)"
    rf"|(?:het\s{{1,3}})?(?:voorjaar|najaar|zomer|winter|begin|eind|medio)\s{{1,3}}(?:19|20)\d\d"
    rf"|in\s{{1,3}}(?:(?:{p._MONTHS})\s{{1,3}})?(?:19|20)\d\d|binnenkort"
    rf"|de\s{{1,3}}komende\s{{1,3}}(?:tijd|periode|maanden|jaren))"
)
TIME = re.compile(rf"(?<!\w)\(?{_TIME}\)?(?!\w)", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d\d")
_PARTNERS = re.compile(r"(?<!\w)(?:in\s{1,3}samenwerking|samen)\s{1,3}met\s{1,3}[^,.;]{2,120}")
_FILLER = re.compile(r"(?<!\w)(?:ook|nog|daarnaast|verder|tevens|eveneens|aanvullend|aansluitend)(?!\w)", re.IGNORECASE)
_ARTICLE = re.compile(r"^(?:een|de|het)\s+", re.IGNORECASE)
_RELATIVE = re.compile(r"\s(?:die|dat|waarmee|waarbij|waarin|om)\s.*$")
_INFINITIVE = re.compile(r"\s(?:te\s+(?:laten\s+)?[a-zë]{2,30}en)(?=\s|$)")

INTENTION = re.compile(
    r"(?<!\w)[Hh]et\s{1,3}is\s{1,3}(?:mijn|ons|onze)\s{1,3}(?:inzet|voornemen|streven|bedoeling|ambitie)"
    r"\s{1,3}om\s{1,3}(?:te\s{1,3}komen\s{1,3}tot\s{1,3})?(?P<what>[^.;]{5,400})"
)
WISH = re.compile(
    r"(?<!\w)(?:wil|zal|ga)\s{1,3}ik\s{1,3}(?!(?:me|mij|ons|zich|daar|hier|er)\s)(?P<what>[^.;]{5,300}?)\s{1,3}"
    r"(?<!het\s)(?<!de\s)(?P<verb>opnemen|toevoegen|uitvoeren|organiseren|inzetten|invoeren|ontwikkelen|laten\s{1,3}uitvoeren|starten)(?!\w)"
)
PLANNED = re.compile(
    r"(?<!\w)(?:zullen|zal|wordt|worden)\s{1,3}(?P<what>[^.;]{5,300}?)\s{1,3}(?:worden\s{1,3}|wordt\s{1,3})?"
    r"(?P<verb>georganiseerd|ontwikkeld|gestart|ingezet|uitgevoerd|opgezet|uitgerold|ingericht|voortgezet|ingevoerd)(?!\w)"
)
FOLLOWING_MOTIONS = re.compile(
    r"(?<!\w)naar\s{1,3}aanleiding\s{1,3}van\s{1,3}(?:de\s{1,3}|diverse\s{1,3}|enkele\s{1,3}|een\s{1,3}aantal\s{1,3})?moties?"
    r"(?P<rest>[^.;]{0,400})"
)
# Studies under way: "onderzoekt het CBS of de data ...", "wordt onderzocht op welke wijze ...".
STUDY = re.compile(
    r"(?<!\w)(?<!te\s)(?:onderzoekt|verkent|wordt\s{1,3}onderzocht|wordt\s{1,3}verkend)"
    r"(?P<who>[^.;,]{0,60}?)\s{1,3}(?P<what>(?:of|hoe|op\s{1,3}welke\s{1,3}wijze|welke|wat)\s[^.;]{5,300})"
)
IN_EXECUTION = re.compile(r"(?<!\w)[Tt]er\s{1,3}uitvoering\s{1,3}van\s{1,3}(?:de\s{1,3})?moties?")


def label(clause: str) -> str:
    """A short label from the clause that names a measure."""
    text = re.sub(r"<sup>\d{1,3}</sup>", "", clause)
    text = _PARTNERS.sub(" ", TIME.sub(" ", text))
    text = _FILLER.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip(" ,;:")
    text = _RELATIVE.sub("", text)
    text = _INFINITIVE.sub("", text)
    text = re.sub(r"\s*,\s*", " ", text).strip(" ,;:")
    text = _ARTICLE.sub("", text)
    return text[:120].rsplit(" ", 1)[0] if len(text) > 120 else text


_RELATIVE_YEAR = {"dit": 0, "komend": 0, "komende": 0, "volgend": 1, "volgende": 1, "vorig": -1,
                  "vorige": -1, "afgelopen": 0}


def period(sentence: str, document_date: str | None = None) -> tuple[str | None, str | None]:
    """``(period as written, year)`` of the first time expression in ``sentence``;
    "dit jaar", "volgend jaar", "komend najaar" count from the document's date."""
    m = TIME.search(sentence)
    if not m:
        return None, None
    written = re.sub(r"\s+", " ", m.group().strip("()"))
    year = _YEAR.search(written)
    if year:
        return written, year.group()
    first = written.split(" ", 1)[0].lower()
    if document_date and first in _RELATIVE_YEAR and not written.lower().endswith("periode"):
        return written, str(int(document_date[:4]) + _RELATIVE_YEAR[first])
    return written, None
