"""Named regular expressions for the citation forms of ../shared/GLOSSARY.md.

Every quantifier is bounded ({0,4}, {1,30}, ...), so a match attempt costs a
constant amount of work and scanning stays linear on long or hostile text
(runs of digits, commas, spaces or "nr."). Whitespace inside a citation may
include a line break: PDF text breaks citations across lines.
"""

import re

_WS = r"\s{1,4}"  # a gap between words, possibly a PDF line break
_SEP = r"\s{0,3},?\s{0,4}"  # an optional comma with spaces around it
_GAP = r"(?:[ \t]{1,3}|[ \t]{0,3}\n[ \t]{0,3})"  # spaces, or one line break (not a blank line)
_YEAR = r"(?:19|20)\d{2}"
# Vergaderjaar: "2019/2020", "2019/20", "2022–2023", "2022-23".
_VERGADERJAAR = rf"{_YEAR}\s{{0,2}}[/–-]\s{{0,2}}(?:19|20)?\d{{2}}"
_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
)
# "13 december 2022", "27 \njuni 2022", "1 juli" (year left to the reader).
_DATE = rf"(?P<day>\d{{1,2}}){_WS}(?P<month>{_MONTHS})(?:{_WS}(?P<year>{_YEAR}))?(?!\d)"

# Kamerstuk citations:
#   "Kamerstuk 30 950, nr. 295"                  dossier with a space, singular
#   "Kamerstukken II 2019/2020, 26150, nr. 185"  chamber and vergaderjaar
#   "Kamerstukken 2021/22, 30950, nr. 315"       no chamber
#   "kamerstukken II, 2021/22, 30950, \nnr. 316, pag 24-25"  PDF break, page range
#   "Kamerstukken II 2021/22, 31 490, nr. 317"
#   "Kamerstuk 36 200 VII, nr. 12", "36200-VII"  toevoeging
#   "Kamerstuk 30 950, nrs. 293 en 296"          several numbers: several references
#   "Kamerstukken I 2014/15, 33802, C"           Senate papers use letters
#   "*Kamerstukken II* 2021/22, ..."             markdown italics
KAMERSTUK = re.compile(
    rf"""(?<![\w*_-])(?:[*_]{{1,2}})?(?P<kw>[Kk]amerstuk(?:ken)?)
    (?:{_SEP}(?P<chamber>II|I)(?!\w))?(?:[*_]{{1,2}})?
    (?:{_SEP}(?P<vj>{_VERGADERJAAR}))?
    {_SEP}(?P<dossier>\d{{2,3}}[ \u00a0]\d{{3}}|\d{{4,6}})(?!\d)
    (?:[ \u00a0-](?P<toev>[IVXLC]{{1,6}})(?!\w))?
    {_SEP}(?:
        (?:nrs?\.?|nummers?)\s{{0,3}}(?P<nrs>\d{{1,5}}(?:\s{{0,3}}(?:,|en|&)\s{{0,3}}\d{{1,5}}){{0,20}})(?!\d)
      | (?P<letter>[A-Z]{{1,2}})(?![\w-])
    )
    (?:{_SEP}(?P<pin>(?:pag|blz|pp|p)\.?\s{{0,2}}\d{{1,4}}(?:\s{{0,2}}[-–]\s{{0,2}}\d{{1,4}})?)(?!\d))?
    """,
    re.VERBOSE,
)

# A Kamerstuk cited without the word: "(30 950, nr. 295)", "36 200 VII, nr. 12".
# Only the five-digit dossier and "nr." right after it, so a number is not taken for one.
BARE_KAMERSTUK = re.compile(
    rf"""(?<![\w,./-])(?P<dossier>\d{{2}}[ \u00a0]\d{{3}}|\d{{5}})(?!\d)
    (?:[ \u00a0-](?P<toev>[IVXLC]{{1,6}})(?!\w))?
    ,\s{{0,3}}(?:nrs?\.|nummers?)\s{{0,3}}(?P<nrs>\d{{1,5}}(?:\s{{0,3}}(?:,|en|&)\s{{0,3}}\d{{1,5}}){{0,20}})(?!\d)
    (?:{_SEP}(?P<pin>(?:pag|blz|pp|p)\.?\s{{0,2}}\d{{1,4}}(?:\s{{0,2}}[-–]\s{{0,2}}\d{{1,4}})?)(?!\d))?
    """,
    re.VERBOSE,
)

# Handelingen and Aanhangsel Handelingen:
#   "Handelingen II 2019/20, nr. 85, item 7"  -> h-tk-20192020-85-7
#   "Aanhangsel Handelingen II 2022/23, nr. 1234" -> ah-tk-20222023-1234
HANDELINGEN = re.compile(
    rf"""(?<![\w-])(?P<aanhangsel>Aanhangsel(?:{_WS}van{_WS}de)?{_WS})?
    (?P<kw>Handelingen)(?:{_SEP}(?P<chamber>II|I)(?!\w))?
    {_SEP}(?P<vj>{_VERGADERJAAR})
    {_SEP}(?:nr\.?|nummer)\s{{0,3}}(?P<nr>\d{{1,5}})(?!\d)
    (?:{_SEP}item\s{{0,3}}(?P<item>\d{{1,4}})(?!\d))?
    """,
    re.VERBOSE,
)

# Gazettes, with or without dot and markdown italics:
#   "*Stcr.* 2022, 11349", "Stcrt. 2022, 11349", "Staatscourant 2022, nr. 11349",
#   "Stb. 2021, 123", "Trb. 2020, 45"
GAZETTE = re.compile(
    rf"""(?<![\w*_])(?P<open>[*_]{{1,2}})?
    (?P<kw>Stcrt|Stcr|Staatscourant|Stb|Staatsblad|Trb|Tractatenblad)\.?(?:[*_]{{1,2}}\.?)?
    {_WS}(?P<year>{_YEAR}){_SEP}(?:nr\.?\s{{0,2}})?(?P<nr>\d{{1,6}})(?![\d-])
    """,
    re.VERBOSE,
)

# Case law: "ECLI:NL:HR:2005:AT4537" (a trailing full stop is not part of it).
ECLI = re.compile(r"(?<![\w:])ECLI:[A-Z]{2}:[A-Z0-9]{1,7}:\d{4}:[A-Z0-9]{1,25}(?:\.[A-Z0-9]{1,25}){0,3}")

# National law by BWB id: "BWBR0001840".
BWB = re.compile(r"(?<![\w])BWB[RV]\d{7}(?!\w)")

# Bare official ids as written by officielebekendmakingen.nl: "kst-30950-295",
# "kst-36200-VII-12", "kst-33802-C", "stcrt-2022-11349", "h-tk-20192020-85-7".
OFFICIAL_ID = re.compile(
    r"""(?<![\w-])(?:
        kst-\d{2,6}(?:-[IVXLC]{1,6})?-(?:\d{1,5}|[A-Z]{1,2})
      | (?:stcrt|stb|trb)-\d{4}-\d{1,6}
      | h-(?:tk|ek)-\d{8}-\d{1,5}(?:-\d{1,4})?
      | ah-(?:tk|ek)-\d{8}-\d{1,5}
    )(?![\w-])""",
    re.VERBOSE,
)

# A surname as members are cited: "Westerveld", "Van Baarle", "van der Plas".
_NAME = (
    r"(?:(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en|[Ii]n|'t|’t)\s{1,2}){0,3}"
    r"[A-Z][a-zà-ÿ'’]{1,30}(?:-[A-Z][a-zà-ÿ'’]{1,30})?"
)
# "Ceder/Mutluer" and "Mutluer en Ceder" name two submitters.
_NAMES = rf"(?P<names>{_NAME}(?:(?:\s{{0,2}}/\s{{0,2}}|\s{{1,3}}en\s{{1,3}}){_NAME}){{0,5}})"
_CS = r"(?P<cs>\s{1,3}c\.\s?s\.)?"

# Motions named in the text:
#   "de motie van het lid Westerveld", "de motie van het lid Mutluer c.s.",
#   "de gewijzigde motie van het lid Belhaj c.s.",
#   "een later aangenomen motie van Ceder/Mutluer",
#   "de moties van het lid Marijnissen c.s. en van het lid Klaver c.s."
#   "de motie-Westerveld", "de motie-Van Baarle c.s.", "motie Simons c.s."
MOTION = re.compile(
    rf"""(?<!\w)(?:(?:[Dd]e|[Ee]en){_WS})?
    (?P<adj>(?:later{_WS})?(?:aangenomen|gewijzigde|aangehouden|verworpen){_WS})?
    (?P<kw>moties?)(?:{_WS}van{_WS}(?:(?:het{_WS}lid|de{_WS}leden){_WS})?|-(?=[A-Z]|[a-z]{{1,3}}\s[A-Z])|[ ](?=[A-Z]))
    {_NAMES}{_CS}""",
    re.VERBOSE,
)
# The second member in "de moties van het lid X c.s. en van het lid Y c.s.".
MOTION_CONTINUATION = re.compile(
    rf"\s{{0,3}}(?:,|en)\s{{1,3}}(?P<phrase>van){_WS}(?:het{_WS}lid{_WS})?{_NAMES}{_CS}"
)
# A footnote marker right after a phrase: "c.s.<sup>4</sup>", "Belhaj c.s.<sup>5</sup>,", or in
# PDF text a bare number glued to it: "c.s.4".
SUP_MARKER = re.compile(r"\s{0,2}(?:<sup>(?P<n>\d{1,3})</sup>|(?P<bare>\d{1,2})(?!\d))")
# An inline citation after a motion: "de motie van het lid Westerveld: Kamerstuk ...".
INLINE_LEAD = re.compile(r"\s{0,2}[:(,]?\s{0,2}")

# A running page footer on a line of its own: "Pagina 2 van 11".
PAGE_FOOTER = re.compile(r"[ \t]{0,8}Pagina[ \t]{1,3}\d{1,4}[ \t]{1,3}van[ \t]{1,3}\d{1,4}[ \t]*")

# Markdown footnote definition: a line starting "<sup>4</sup> Kamerstuk 30 950, nr. 293."
SUP_FOOTNOTE = re.compile(r"(?m)^[ \t]{0,3}<sup>(?P<n>\d{1,3})</sup>[ \t]{0,3}(?P<body>[^\n]{0,2000})")
# An in-text markdown marker.
SUP_ANY = re.compile(r"<sup>(?P<n>\d{1,3})</sup>")

# Article of a law, followed by the law's name (found by the gazetteer):
#   "Artikel 1 van onze Grondwet", "artikel 7:658 BW", "artikel 1, lid 2, van de Awgb"
ARTICLE = re.compile(
    rf"""(?<!\w)[Aa]rtikel{_WS}(?P<art>\d{{1,4}}(?::\d{{1,4}})?[a-z]?)
    (?:{_SEP}lid{_WS}\d{{1,2}})?
    (?:{_SEP}van{_WS}(?:de|het|onze){_WS}|{_WS})$""",
    re.VERBOSE,
)

# Letters by date: "per Kamerbrief d.d. 27 januari 2020", "mijn brief van 27 juni 2022",
# "de voortgangsbrief van 15 juni 2020"; date first: "op 4 april 2024 per brief".
LETTER_BY_DATE = re.compile(
    rf"(?<!\w)(?P<kw>[A-Za-z]{{0,20}}brief){_WS}(?:van|d\.\s?d\.|dd\.?){_WS}{_DATE}"
)
LETTER_DATE_FIRST = re.compile(
    rf"(?<!\w)op{_WS}{_DATE}{_WS}(?:per|bij|in{_WS}een){_WS}(?P<kw>[A-Za-z]{{0,20}}brief)(?!\w)"
)
# A letter named only by a footnote marker: "heb ik u per brief3 geïnformeerd".
LETTER_WITH_MARKER = re.compile(r"(?<!\w)(?P<kw>[A-Za-z]{0,20}brief)(?=(?:<sup>)?\d{1,3}(?!\d))")

# Debates and meetings by date and kind: "het ordedebat van 13 december 2022",
# "het debat van 1 juli 2020", "het commissiedebat over mensenrechten, discriminatie
# en racisme op 29 januari", "de procedurevergadering van 22 december 2023".
DEBATE_BY_DATE = re.compile(
    rf"""(?<!\w)(?P<kw>[A-Za-z]{{0,20}}(?:debat|overleg|vergadering))
    (?:{_GAP}over(?:{_GAP}[^\s.;:!?()]{{1,30}}){{1,12}}?)?
    {_WS}(?:van|d\.\s?d\.|op){_WS}{_DATE}""",
    re.VERBOSE,
)

# Members named outside a motion: "het lid Van Baarle", "de leden Mutluer en Ceder",
# "Kamerlid Westerveld".
MEMBER = re.compile(
    rf"""(?<!\w)(?:[Hh]et{_WS}lid|[Dd]e{_WS}leden|[Kk]amerleden|[Kk]amerlid){_WS}
    (?P<names>{_NAME}(?:(?:\s{{0,2}},|{_WS}en){_WS}{_NAME}){{0,6}})""",
    re.VERBOSE,
)

# A document named by its quoted title after a word for its kind:
#   "het standpunt «Discriminerende risicoprofielen»", "het document “Discriminatie door
#   risicoprofielen – ...”", "een rapport geschreven over ... ‘etnisch profileren is een
#   overheidsbreed probleem'". Up to ten words may stand between kind and title.
_KINDS = (
    "rapport|onderzoeksrapport|eindrapport|tussenrapport|jaarrapport|rapportage|advies|"
    "adviesrapport|standpunt|visienota|notitie|nota|document|publicatie|handreiking|"
    "onderzoek|evaluatie|monitor|brochure|kop|artikel|essay|boek|position paper"
)
REPORT_TITLE = re.compile(
    rf"""(?<!\w)(?P<kw>{_KINDS})(?!\w)
    (?:{_WS}[^\s«“‘"»”.;:!?]{{1,30}}){{0,10}}?{_WS}
    (?:«(?P<t1>[^»\n]{{2,160}}(?:\n[^»\n]{{1,160}}){{0,2}})»
      |“(?P<t2>[^”\n]{{2,160}}(?:\n[^”\n]{{1,160}}){{0,2}})”
      |‘(?P<t3>[^’'\n]{{2,160}}(?:\n[^’'\n]{{1,160}}){{0,2}})[’']
      |"(?P<t4>[^"\n]{{2,160}}(?:\n[^"\n]{{1,160}}){{0,2}})")""",
    re.VERBOSE,
)

DATE = re.compile(_DATE)
MONTHS = {name: i for i, name in enumerate(_MONTHS.split("|"), start=1)}
