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

# Dossier number: "30 950", "30950", "21 501" (a no-break space in official text).
_DOSSIER = r"\d{2,3}[ \u00a0]\d{3}|\d{4,6}"
# Toevoeging after the dossier: Roman "36 200 VII", "36 410-VI"; a letter "36 600 A"; numeric
# only with a hyphen, "21 501-02" (a space and a number would be the next word).
_TOEV = (r"(?:[ \u00a0-](?P<toev>[IVXLC]{1,6}|[A-Z])(?!\w)"
         r"|-(?P<ntoev>\d{1,2})(?!\d))")
_TOEV_ANY = r"(?:[ \u00a0-](?:[IVXLC]{1,6}|[A-Z])(?!\w)|-\d{1,2}(?!\d))"
# One number for two dossiers: "Kamerstukken 26 643 en 32 761, nr. 938" (the first is cited).
_ALSO = rf"(?P<also>\s{{1,3}}(?:en|&|/)\s{{1,3}}(?:{_DOSSIER})(?!\d){_TOEV_ANY}?)"
# "nr. 295", "nrs. 293 en 296", "nrs. 1, 2 en 3", "nr. 295 en nr. 296"
_NUMBERS = r"(?P<nrs>\d{1,5}(?:\s{0,3}(?:,|en|&)\s{0,3}(?:nr\.?\s{0,3})?\d{1,5}){0,20})(?!\d)"
_NRS = rf"(?:nrs?\.?|nummers?)\s{{0,3}}{_NUMBERS}"
_PIN = r"(?P<pin>(?:pag|blz|pp|p)\.?\s{0,2}\d{1,4}(?:\s{0,2}[-–]\s{0,2}\d{1,4})?)(?!\d)"

# Kamerstuk citations:
#   "Kamerstuk 30 950, nr. 295"                  dossier with a space, singular
#   "Kamerstukken II 2019/2020, 26150, nr. 185"  chamber and vergaderjaar
#   "Kamerstukken 2021/22, 30950, nr. 315"       no chamber
#   "kamerstukken II, 2021/22, 30950, \nnr. 316, pag 24-25"  PDF break, page range
#   "Kamerstukken II 2021/22, 31 490, nr. 317"
#   "Kamerstuk 36 200 VII, nr. 12", "36200-VII"  toevoeging
#   "Kamerstuk 21501-02, nr. 3121"               numeric toevoeging (21 501-02, 21 501-20)
#   "Kamerstukken 26 643 en 32 761, nr. 938"     one number, two dossiers
#   "Kamerstuk 35510-21", "Kamerstuk 26643-938"  dossier-hyphen-number (tweedekamer.nl)
#   "Kamerstuk 30 950, nrs. 293 en 296"          several numbers: several references
#   "Kamerstukken I 2014/15, 33802, C"           Senate papers use letters
#   "*Kamerstukken II* 2021/22, ..."             markdown italics
#   "Tweede Kamer, vergaderjaar 2019–2020, 30 950, nr. 185", "TK 2004-2005, 29 800 VI, nr. 2"
#   (the same words as a typeset page header name the document itself: RUNNING_HEADER)
KAMERSTUK = re.compile(
    rf"""(?<![\w*_-])(?:[*_]{{1,2}})?
    (?P<kw>[Kk]amerstuk(?:ken)?|(?:Tweede|Eerste){_WS}Kamer,?{_WS}[Vv]ergaderjaar|TK|EK)(?!\w)
    (?:{_SEP}(?P<chamber>II|I)(?!\w))?(?:[*_]{{1,2}})?
    (?:{_SEP}(?P<vj>{_VERGADERJAAR}))?
    {_SEP}(?P<dossier>{_DOSSIER})(?!\d)
    (?:
        (?:(?<=\d{{5}})|(?<=\d\d[ \u00a0]\d{{3}}))(?<!\d{{6}})  # a dossier, not a year: "2019-2020"
        (?:-(?P<htoev>[IVXLC]{{1,6}}|\d{{1,2}}))?-(?P<hnr>[1-9]\d{{0,4}})(?![\d-])  # "-02": a toevoeging
        (?!{_SEP}(?:nrs?\.?|nummers?)\s{{0,3}}\d)
      | {_TOEV}?{_ALSO}?
        (?:{_SEP}{_NRS}
          | \s{{0,3}},\s{{0,4}}(?P<letter>[A-Z]{{1,2}})(?![\w-])
        )
    )
    (?:{_SEP}{_PIN})?
    """,
    re.VERBOSE,
)

# A Kamerstuk cited without the word: "(30 950, nr. 295)", "36 200 VII, nr. 12",
# "(36 410-VI, nr. 87)", "21 501-20, nr. 2146", "36 600 A, nr. 34", "26 643 en 32 761, nr. 938".
# Only the five-digit dossier and "nr." right after it, so a number is not taken for one.
BARE_KAMERSTUK = re.compile(
    rf"""(?<![\w,./-])(?P<dossier>\d{{2}}[ \u00a0]\d{{3}}|\d{{5}})(?!\d)
    {_TOEV}?{_ALSO}?
    ,\s{{0,3}}{_NRS}
    (?:{_SEP}{_PIN})?
    """,
    re.VERBOSE,
)

# A gewijzigde motie in a stemmingen list: "(30950, nr. 201, was nr. 188)": right after a
# Kamerstuk citation, the number it replaces, in the same dossier.
WAS_NUMBER = re.compile(r"\s{0,3}[,;(]\s{0,3}was\s{1,3}(?P<ref>nr\.?\s{0,3}(?P<nr>\d{1,5}))(?!\d)")

# A motion moved in a debate gets its number and dossier: "Zij krijgt nr. 199 (31311)."
# A gewijzigde motie, the number it replaces too: "Zij krijgt nr. 348, was nr. 347 (32317)."
# (h-tk-20152016-11-8, Regeling van werkzaamheden).
MOTION_NUMBER = re.compile(
    rf"""(?<!\w)krijgt{_WS}(?P<ref>nr\.?\s{{0,3}}(?P<nrs>\d{{1,5}})(?!\d)
    (?P<was>\s{{0,3}},\s{{0,3}}was{_WS}(?P<wref>nr\.?\s{{0,3}}(?P<old>\d{{1,5}}))(?!\d))?\s{{0,3}}
    \(\s{{0,2}}(?P<dossier>{_DOSSIER})(?!\d){_TOEV}?\s{{0,2}}\))""",
    re.VERBOSE,
)

# A number whose dossier is the document's own (or the debate's):
#   "GEWIJZIGDE MOTIE ... TER VERVANGING VAN DIE GEDRUKT ONDER NR. 19",
#   "ter vervanging van die gedrukt onder nr. 1477", "de motie op stuk nr. 199",
#   "op stukken nrs. 12 en 13".
NUMBER_ONLY = re.compile(
    rf"""(?<!\w)(?:(?i:ter{_WS}vervanging{_WS}van{_WS}die{_WS}gedrukt{_WS}onder)
      |(?P<stuk>(?:op{_WS})?(?i:stuk(?:ken)?)))
    {_WS}(?P<ref>(?i:nrs?)\.?\s{{0,3}}{_NUMBERS})(?![/.,]\d)""",
    re.VERBOSE,
)

# Motions listed by their ids after a colon, as the chair's Regeling van werkzaamheden lists
# them: "stel ik voor de volgende door hen ingediende moties opnieuw aan te houden: 29911-226;
# 31015-168; 21501-08-765; 31288-711." (h-tk-20182019-86-22). Only after "motie(s)" or
# "amendement(en)" and a colon, so a bare "1995-2000" is not taken for one.
_LISTED_ID = r"\d{5}(?:-(?:[IVXLC]{1,6}|[A-Z]{1,2}|\d{2}))?-\d{1,5}(?![\d-])"
LISTED_IDS = re.compile(
    rf"""(?<!\w)(?:moties|motie|amendementen|amendement)(?:[ \t][^.:;\n]{{0,160}})?:
    (?P<list>[ \t]{{0,3}}{_LISTED_ID}(?:[ \t]{{0,3}}[;,][ \t]{{0,3}}(?:en[ \t]{{1,3}})?{_LISTED_ID}){{0,60}})""",
    re.VERBOSE,
)
LISTED_ID = re.compile(
    r"(?<![\w-])(?P<dossier>\d{5})(?:-(?P<toev>[IVXLC]{1,6}|[A-Z]{1,2})|-(?P<ntoev>\d{2}))?-(?P<nr>\d{1,5})(?![\d-])"
)

# A member naming the dossier before "op stuk nr." in a vote: "bij 27565, de motie op stuk
# nr. 70" (h-tk-20072008-7103-7103), "Bij 36 200-VII, de motie op stuk nr. 12". Matched on the
# text just before the number, anchored at its end.
DOSSIER_BEFORE_NUMBER = re.compile(
    rf"""(?<![\w.,/-])(?P<dossier>\d{{2}}[ \u00a0]\d{{3}}|\d{{5}})(?!\d){_TOEV}?\s{{0,2}},{_WS}
    (?:de|het){_WS}(?:gewijzigde{_WS})?(?:motie|amendement){_WS}(?:op{_WS})?(?i:stuk){_WS}\Z""",
    re.VERBOSE,
)

# Senate papers, numbered with letters: of a dossier with a Roman number (Eerste Kamer,
# non-bill dossiers) "(CXLVI, X)", "(CXLIII, A)", "CXLIII, letter A", "Kamerstukken I
# 2022/23, CXLVI, AA"; of a bill, bare in brackets: "(35 570 VII, G)", "(33802, C)".
# Bare, only in brackets or with the word "letter".
SENATE_KAMERSTUK = re.compile(
    rf"""(?<![\w-])(?:(?P<kw>[Kk]amerstuk(?:ken)?)(?:{_SEP}I(?!\w))?(?:{_SEP}{_VERGADERJAAR})?{_SEP})?
    (?:(?P<roman>(?:C|XC)[CXLVI]{{1,6}})(?!\w)|(?P<dossier>\d{{2}}[ \u00a0]\d{{3}}|\d{{5}})(?!\d){_TOEV}?)
    ,\s{{0,3}}(?P<lw>letter\s{{1,3}})?(?P<letter>[A-Z]{{1,3}})(?![\w-])""",
    re.VERBOSE,
)

# A running page header of a typeset Kamerstuk names the document itself: a line of its own,
# "Tweede Kamer, vergaderjaar 2019–2020, 35 538, nr. 4 12" (with the page number), on page 1
# after the imprint "’s-Gravenhage 2020 ", the first line of the text, or the same line on
# several pages. So does the Kamerstuk heading after "Tweede Kamer der Staten-Generaal 2
# Kamerstukken 32 317". Neither cites anything (a footnote "Tweede Kamer, vergaderjaar ...,
# nr. 2." does).
RUNNING_HEADER = re.compile(
    rf"""(?m)(?:^[ \t]{{0,3}}|(?P<imprint>[’']s-Gravenhage\s{{0,3}}(?:<sup>)?{_YEAR}(?:</sup>)?\s{{0,3}}))
    (?P<line>(?:Tweede|Eerste)[ \t]{{1,3}}Kamer,[ \t]{{0,3}}[Vv]ergaderjaar[ \t]{{1,3}}{_VERGADERJAAR},[ \t]{{0,3}}
    (?:{_DOSSIER}){_TOEV_ANY}?,[ \t]{{0,3}}nr\.[ \t]{{0,3}}\d{{1,5}}(?!\d))
    (?P<page>[ \t]{{1,3}}\d{{1,3}})?[ \t]{{0,3}}(?=\n|\Z)""",
    re.VERBOSE,
)
HEADING_BEFORE = re.compile(r"Staten-Generaal\s{1,4}\d{1,2}\s{1,4}\Z")
# A bare id that names the document itself: the page furniture of tweedekamer.nl copies,
# "officiële HTML versie (kst-30950-250)", and the imprint of a typeset Kamerstuk, the id on
# a line of its own above "ISSN 0921 - 7371".
OWN_ID_BEFORE = re.compile(r"officiële\s{1,3}HTML\s{1,3}versie\s{0,3}\(\s{0,2}\Z")
OWN_ID_AFTER = re.compile(r"\s{0,4}ISSN(?!\w)")

# Handelingen and Aanhangsel Handelingen:
#   "Handelingen II 2019/20, nr. 85, item 7"  -> h-tk-20192020-85-7
#   "Handelingen II 2016/17, nr. 66, item 6"
#   "Handelingen I 2020/21, 26, item 7"        -> h-ek-20202021-26-7 (no "nr.": item needed)
#   "Handelingen TK 2005/06, nr. 12"           -> h-tk-20052006-12
#   "Handelingen Eerste Kamer 2020/21, nr. 26, item 7" -> h-ek-20202021-26-7
#   "Aanhangsel Handelingen II 2022/23, nr. 1234" -> ah-tk-20222023-1234
#   "Aanhangsel Handelingen, vergaderjaar 2024–2025, nr. 1028" -> ah-tk-20242025-1028
HANDELINGEN = re.compile(
    rf"""(?<![\w-])(?P<aanhangsel>Aanhangsel(?:{_WS}(?:van|bij){_WS}de)?{_WS})?
    (?P<kw>Handelingen)(?:{_SEP}(?P<chamber>II|I|TK|EK|(?:Tweede|Eerste){_WS}Kamer)(?!\w))?
    {_SEP}(?:[Vv]ergaderjaar{_WS})?(?P<vj>{_VERGADERJAAR})
    {_SEP}(?:(?:nr\.?|nummer)\s{{0,3}}(?P<nr>\d{{1,5}})(?!\d)
             (?:{_SEP}item\s{{0,3}}(?P<item>\d{{1,4}})(?!\d))?
           | (?P<nr2>\d{{1,5}}){_SEP}item\s{{0,3}}(?P<item2>\d{{1,4}})(?!\d))
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

# National law by BWB id: "BWBR0001840"; not as a folder in a link target
# ("(../wet/.../BWBR0006502/README.md)"): LAW_LINK reads those.
BWB = re.compile(r"(?<![\w/])BWB[RV]\d{7}(?![\w/])")
# A markdown link to a regulation, as the laws-markdown mirror writes it:
#   "[Vacatiegeldenbesluit 1988](../../AMvB/vacatiegeldenbesluit/1988/BWBR0004317/README.md)"
LAW_LINK = re.compile(
    r"\[(?P<name>[^\[\]\n]{1,200})\]\((?P<target>[^()\s]{0,400}?/(?P<bwb>BWB[RV]\d{7})(?:/[^()\s]{0,100})?)\)"
)

# Bare official ids as written by officielebekendmakingen.nl: "kst-30950-295",
# "kst-36200-VII-12", "kst-21501-02-3121", "kst-36600-A-34", "kst-33802-C",
# "kst-CXLVI-AA" (Senate dossier with a Roman number), "stcrt-2022-11349", "h-tk-20192020-85-7".
OFFICIAL_ID = re.compile(
    r"""(?<![\w-])(?:
        kst-(?:\d{2,6}(?:-(?:[IVXLC]{1,6}|[A-Z]|\d{1,2}))?-(?:\d{1,5}|[A-Z]{1,3})
              |(?:C|XC)[CXLVI]{1,6}-[A-Z]{1,3})
      | (?:stcrt|stb|trb)-\d{4}-\d{1,6}
      | h-(?:tk|ek)-\d{8}-\d{1,5}(?:-\d{1,4})?
      | ah-(?:tk|ek)-\d{8}-\d{1,5}
    )(?![\w-])""",
    re.VERBOSE,
)

# Identifiers that are not references to an official publication, each its own kind:
# Tweede Kamer document and zaak numbers, "2020D29967", "2022Z12624" (not inside an id
# such as "kv-tk-2012Z22998").
TK_NUMBER = re.compile(r"(?<![\w-])(?:19|20)\d{2}(?P<kind>[DZ])\d{5}(?!\w)")
# Raad van State advice numbers: "W16.19.0159/II", "no. W13.20.0254/III", "nr.W13.20.0180/III",
# "W04.20.0123/I", with a Kingdom suffix "/K".
RAAD_VAN_STATE = re.compile(r"(?<!\w)W\d{2}\.\d{2}\.\d{4}/[IVX]{1,4}(?:/K)?(?![\w/])")
# Official Journal of the EU: "PbEU 2016, L 119", "PB L 119 van 4.5.2016", "Pb EU L 119/1",
# "PbEG 1995, L 281", "OJ L 119, 4.5.2016", "Publicatieblad van de Europese Unie L 119";
# and a notice number "2020/C 124 I/01" (the notice in OJ C 124 I of 2020).
_OJ_NUMBER = r"\d{1,4}(?:[ ]?I{1,3}(?!\w))?"
_OJ_DATE = rf"\d{{1,2}}[./-]\d{{1,2}}[./-](?P<dyear>{_YEAR})|\d{{1,2}}{_WS}(?:{_MONTHS}){_WS}(?P<myear>{_YEAR})"
EU_JOURNAL = re.compile(
    rf"""(?<![\w-])(?:PbEU|PbEG|Pb\.?[ ]?E[UG]|PB[ ]?E[UG]|PB|Pb\.|OJ|O\.J\.
       |Publicatieblad(?:{_WS}van{_WS}de{_WS}Europese{_WS}(?:Unie|Gemeenschappen))?)
    (?:\s{{0,2}},)?{_WS}
    (?:(?P<year>{_YEAR})\s{{0,2}},?\s{{0,3}}(?P<series>[LC])\s{{0,2}}(?P<nr>{_OJ_NUMBER})
       (?:\s{{0,2}}/\s{{0,2}}\d{{1,4}}(?!\d))?
     | (?P<series2>[LC])\s{{0,2}}(?P<nr2>{_OJ_NUMBER})(?:\s{{0,2}}/\s{{0,2}}\d{{1,4}}(?!\d))?
       (?:\s{{0,3}},?\s{{0,3}}(?:van{_WS}|d\.\s?d\.\s{{0,2}})?(?:{_OJ_DATE}))?)
    (?!\d)""",
    re.VERBOSE,
)
EU_NOTICE = re.compile(
    r"(?<![\w/])(?P<year>(?:19|20)\d{2})/(?P<series>[LC])[ ]?(?P<nr>\d{1,4}(?:[ ]?I{1,3})?)/\d{2}(?![\d/])"
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
#   "Artikel 1 van onze Grondwet", "artikel 7:658 BW", "artikel 1, lid 2, van de Awgb",
#   several articles: "ex art. 3:46 , 3:47 Awb"
ARTICLE = re.compile(
    rf"""(?<!\w)(?:[Aa]rtikel|[Aa]rt\.){_WS}(?P<art>\d{{1,4}}(?::\d{{1,4}})?[a-z]?)
    (?:\s{{0,2}},\s{{0,3}}\d{{1,4}}(?::\d{{1,4}})?[a-z]?(?![\d:])){{0,5}}
    (?:{_SEP}lid{_WS}\d{{1,2}})?
    (?:{_SEP}van{_WS}(?:de|het|onze){_WS}|{_WS})$""",
    re.VERBOSE,
)

# Letters by date: "per Kamerbrief d.d. 27 januari 2020", "mijn brief van 27 juni 2022",
# "de voortgangsbrief van 15 juni 2020"; with a quoted title, "sinds de Kamerbrief «Spanningen
# Turks Nederlandse gemeenschap» van 12 september 2016"; with its author, "de brief van de
# Minister van Binnenlandse Zaken en Koninkrijksrelaties d.d. 19 september 2022", "Bij
# Kabinetsmissive van 13 juli 2020".
_LETTER_KIND = r"[A-Za-z]{0,20}(?:brief|missive)"
_AUTHOR = rf"{_WS}van{_WS}(?:de|het|Uw|uw)(?:{_WS}[^\s\d.;:!?()«»]{{1,30}}){{1,12}}?"
LETTER_BY_DATE = re.compile(
    rf"""(?<!\w)(?P<kw>{_LETTER_KIND})(?:{_WS}«[^»\n]{{1,160}}»|{_AUTHOR})?
    {_WS}(?:van|d\.\s?d\.|dd\.?){_WS}{_DATE}""",
    re.VERBOSE,
)
# Two letters in one phrase: "de kamerbrieven van respectievelijk 6 en 19 mei 2020".
LETTERS_BY_DATES = re.compile(
    rf"""(?<!\w)(?P<kw>[A-Za-z]{{0,20}}brieven){_WS}(?:van|d\.\s?d\.){_WS}(?:respectievelijk{_WS})?
    (?P<first>\d{{1,2}})(?:{_WS}(?P<fmonth>{_MONTHS}))?{_WS}en{_WS}{_DATE}""",
    re.VERBOSE,
)
# Date first: "op 4 april 2024 per brief", "Op 6 augustus jl. heeft de AP bij brief", "de op
# 10 februari 2023 toegezonden brief".
LETTER_DATE_FIRST = re.compile(
    rf"""(?<!\w)[Oo]p{_WS}{_DATE}(?:{_WS}jl\.)?
    (?:(?:{_WS}(?:heeft|hebben|heb|is|zijn)(?:{_WS}[^\s\d.;:!?()]{{1,30}}){{0,3}}?)?
       {_WS}(?:per|bij|in{_WS}een)
     | {_WS}(?:toegezonden|gezonden|verzonden|toegestuurde|gestuurde|verstuurde|ontvangen))
    {_WS}(?P<kw>[A-Za-z]{{0,20}}brief)(?!\w)""",
    re.VERBOSE,
)
# The letter as subject, its date after: "De eerste voortgangsbrief heeft uw Kamer op 25 april
# 2025 ontvangen".
LETTER_RECEIVED = re.compile(
    rf"""(?<!\w)(?P<kw>[A-Za-z]{{0,20}}brief){_WS}(?:heeft|hebt|heb){_WS}(?:uw{_WS}Kamer|de{_WS}Kamer|u)
    {_WS}op{_WS}{_DATE}(?={_WS}(?:ontvangen|gekregen))""",
    re.VERBOSE,
)
# A letter named only by a footnote marker: "heb ik u per brief3 geïnformeerd"; by its author:
# "aldus de Kamerbrief van de Minister.<sup>56</sup>".
LETTER_WITH_MARKER = re.compile(
    rf"""(?<!\w)(?<![Dd]eze[ \n])(?P<kw>[A-Za-z]{{0,20}}brief)
    (?:{_WS}van{_WS}de{_WS}(?:Minister|Staatssecretaris|minister|staatssecretaris))?
    (?=[.,;:]?(?:<sup>)?\d{{1,3}}(?!\d)|[.,;:]?<sup>)""",
    re.VERBOSE,
)
# A letter named by its subject, kept only where an inline citation closes its clause: "de
# brief inzake Voortgang aanpak van discriminatie (Kamerstuk 30 950, nr. 365)".
LETTER_ABOUT = re.compile(rf"(?<!\w)(?P<kw>[A-Za-z]{{0,20}}brief)(?={_WS}(?:inzake|over){_WS})")
# A letter by its kind word alone, kept only where the one footnote of its sentence names a
# letter by date: "In de Kamerbrief wordt aangegeven dat ... aansluiten.<sup>57</sup>" with
# "<sup>57</sup> Kamerbrief van 16 juli 2020, «...»". Not "deze brief" (the document itself).
LETTER_BARE = re.compile(r"(?<!\w)(?<![Dd]eze[ \n])(?P<kw>[A-Za-z]{0,20}brief)(?!\w)")

# Debates and meetings by date and kind: "het ordedebat van 13 december 2022",
# "het debat van 1 juli 2020", "het commissiedebat over mensenrechten, discriminatie
# en racisme op 29 januari", "de procedurevergadering van 22 december 2023";
# a title: "het commissiedebat Discriminatie, racisme en mensenrechten van 29 januari\n2025",
# "het notaoverleg Fraudeopsporing en ... door de Belastingdienst van 1 februari jl.";
# "commissiedebat, gehouden op 26 januari 2023", "het plenaire debat van de Tweede Kamer op 12
# maart\n2003", "het debat in\nde Tweede Kamer op 12 maart 2003"; sittings: "het vragenuurtje op
# 11 april jl.", "de regeling van werkzaamheden van 19 maart 2024".
_DEBATE_KIND = rf"[A-Za-z]{{0,20}}(?:debat|overleg|vergadering)|vragenuur(?:tje)?|regeling{_WS}van{_WS}werkzaamheden"
DEBATE_BY_DATE = re.compile(
    rf"""(?<!\w)(?P<kw>{_DEBATE_KIND})(?!\w)
    (?:{_GAP}over(?:{_GAP}[^\s.;:!?()]{{1,30}}){{1,12}}?
      | {_GAP}[A-Z][^\s.;:!?()]{{0,30}}(?:{_GAP}[^\s\d.;:!?()]{{1,30}}){{0,12}}?
      | {_WS}(?:van|in){_WS}de{_WS}(?:Tweede{_WS}|Eerste{_WS})?Kamer
      | ,?{_GAP}gehouden)?
    {_WS}(?:van|d\.\s?d\.|op){_WS}{_DATE}""",
    re.VERBOSE,
)
# Date first, in a verslag: "De vaste commissie ... heeft op 26 januari 2023 overleg gevoerd".
DEBATE_DATE_FIRST = re.compile(
    rf"""(?<!\w)op{_WS}{_DATE}{_WS}(?P<kw>[A-Za-z]{{0,20}}(?:debat|overleg|vergadering))
    (?={_WS}(?:gevoerd|gehouden)(?!\w))""",
    re.VERBOSE,
)
# A committee meeting by abbreviation: "AO d.d. 14/02" (day/month, no year), "het VAO van 3 juli".
DEBATE_ABBREVIATED = re.compile(
    rf"""(?<![\w-])(?P<kw>V?AO|WGO)(?![\w-]){_WS}(?:van|d\.\s?d\.|op){_WS}
    (?:{_DATE}|(?P<nday>\d{{1,2}})/(?P<nmonth>\d{{1,2}})(?![\d/]))""",
    re.VERBOSE,
)

# Members named outside a motion: "het lid Van Baarle", "de leden Mutluer en Ceder",
# "Kamerlid Westerveld".
# A surname standing alone starts with a capital ("het lid Van Baarle"): "de leden van de
# GroenLinks-PvdA-fractie" names a faction, not members.
MEMBER = re.compile(
    rf"""(?<!\w)(?:[Hh]et{_WS}lid|[Dd]e{_WS}leden|[Kk]amerleden|[Kk]amerlid){_WS}
    (?P<names>(?=[A-Z']){_NAME}(?:(?:\s{{0,2}},|{_WS}en){_WS}{_NAME}){{0,6}})""",
    re.VERBOSE,
)
# A surname with capitals beyond ASCII ("Özütok"), and a second word ("Bruins Slot").
_M_CAP = r"[A-ZÀ-ÖØ-Þ]"
_M_WORD = rf"{_M_CAP}[a-zà-öø-ÿ'’]{{1,30}}(?:-{_M_CAP}[a-zà-öø-ÿ'’]{{1,30}})?"
_M_NAME = (rf"(?:(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en|[Ii]n|'t|’t)[ \u00a0]{{1,2}}){{0,3}}{_M_WORD}"
           rf"(?:[ ]{_M_WORD}(?![\w-]))?")
# Members addressed or named in spoken text (Handelingen): "de heer Wörsdörfer", "Mevrouw Pouw",
# "Meneer Graus", "mijnheer Paternotte"; not "meneer de voorzitter".
MEMBER_TITLED = re.compile(
    rf"(?<![\w-])(?:[Dd]e{_WS}heer|[Mm]evrouw|[Mm]eneer|[Mm]ijnheer){_WS}(?P<names>(?=[A-ZÀ-ÖØ-Þ']){_M_NAME})"
)
# A speaker's label on a line of its own, the structure of a spoken record, not a mention:
# "De heer Graus (PVV):", "Mevrouw Pouw-Verweij (Fractie-Nanninga):".
MEMBER_SPEAKER = re.compile(r"(?m)^[ \t]{0,4}(?:De[ \t]{1,2}heer|Mevrouw)[ \t][^\n:]{1,100}:[ \t]{0,4}$")
# Who is present at a committee meeting: "Aanwezig zijn elf leden der Kamer, te weten: De Boer,
# Dittrich, ..., Lucas Vos, Mei Li Vos," (first names kept to tell members apart).
_M_FULL = rf"(?:{_M_CAP}[a-zà-öø-ÿ'’]{{1,30}}[ ]){{0,2}}{_M_NAME}"
MEMBERS_PRESENT = re.compile(
    rf"""(?<!\w)leden{_WS}der{_WS}Kamer,?{_WS}te{_WS}weten:{_WS}
    (?P<names>{_M_FULL}(?:\s{{0,2}},{_WS}{_M_FULL}|{_WS}en{_WS}{_M_FULL}){{0,60}})""",
    re.VERBOSE,
)
# A name that submits a motion is no member mention: "de moties van de leden Van Haersma Buma
# c.s.", "de motie op stuk nr. 199 van de leden ...", "Deze motie is voorgesteld door het lid
# Graus", "die van meneer Wörsdörfer" (text just before the name) ...
SUBMITTER_BEFORE = re.compile(
    rf"""(?<!\w)(?:[Mm]oties?|[Aa]mendement(?:en)?|die)(?:{_WS}op{_WS}stuk{_WS}nrs?\.\s{{0,3}}\d{{1,5}})?
    {_WS}(?:(?:is|zijn|werd){_WS})?(?:(?:voorgesteld|ingediend){_WS}door|van){_WS}\Z""",
    re.VERBOSE,
)
# ... "hebben de leden Azarkan (DENK) en Van Weyenberg (D66) een motie ingediend" (just after).
SUBMITTER_AFTER = re.compile(
    rf"[^.;:!?\n]{{0,80}}?(?<!\w)(?:een|de|hun|zijn|haar){_WS}(?:gewijzigde{_WS})?motie{_WS}(?:ingediend|voorgesteld)(?!\w)"
)
# A member's name followed by an office of government is not a member mention: "mevrouw Bruins
# Slot, Minister van Binnenlandse Zaken", "de heer Struycken, Staatssecretaris".
GOVERNMENT_AFTER = re.compile(rf"\s{{0,2}},{_WS}(?:[Mm]inister|[Ss]taatssecretaris)(?!\w)")

# A document named by its quoted title after a word for its kind:
#   "het standpunt «Discriminerende risicoprofielen»", "het document “Discriminatie door
#   risicoprofielen – ...”", "een rapport geschreven over ... ‘etnisch profileren is een
#   overheidsbreed probleem'", a news item: "het bericht «Politie blijft jagen op donkere
#   huidskleur»". Up to ten words may stand between kind and title.
_KINDS = (
    "rapport|onderzoeksrapport|eindrapport|tussenrapport|jaarrapport|rapportage|advies|"
    "adviesrapport|standpunt|visienota|notitie|nota|document|publicatie|handreiking|"
    "onderzoek|evaluatie|monitor|brochure|kop|artikel|essay|boek|position paper|bericht"
)
REPORT_TITLE = re.compile(
    rf"""(?<!\w)(?P<kw>{_KINDS})(?!\w)
    (?:{_WS}[^\s«“‘"»”.;:!?]{{1,30}}){{0,10}}?{_WS}
    (?:«(?P<t1>[^»«\n]{{2,160}}(?:\n[^»«\n]{{1,160}}){{0,2}})»
      |“(?P<t2>[^”\n]{{2,160}}(?:\n[^”\n]{{1,160}}){{0,2}})”
      |‘(?P<t3>[^’'\n]{{2,160}}(?:\n[^’'\n]{{1,160}}){{0,2}})[’']
      |"(?P<t4>[^"\n]{{2,160}}(?:\n[^"\n]{{1,160}}){{0,2}})")""",
    re.VERBOSE,
)

# A footnote that names a document cites it by author, title and date, after an optional lead:
#   "Haarlems Dagblad, 28 november 2012", "Rapportage Personeelsenquête Rijk ..., februari 2022.",
#   "Zie NOS, ‘GGD-onderzoek onder druk: ...', 5 augustus 2020, https://...",
#   "Zie ook de juridische analyse van het advies van de AP van 12 augustus 2020, overweging 2.26".
# The name runs to the first date with a year; a «title» right after the date belongs to it:
#   "advies van de AP van 7 augustus 2020, «Advies op voorafgaande raadpleging ..., p. 17".
FOOTNOTE_LEAD = re.compile(
    r"(?:Zie|Vergelijk|Vgl\.|Cf\.)(?:\s{1,3}ook)?(?:\s{1,3}(?:de|het)(?!\w)){0,2}\s{1,3}"
)
# Where a footnote's next sentence starts.
FOOTNOTE_SENTENCE = re.compile(r"[.;]\s{1,3}(?=\S)")
FOOTNOTE_NAME = re.compile(
    rf"""(?P<name>(?:[^\n.]|\.(?!\s{{1,3}}[A-Z])|\n(?!\n)){{1,300}}?
    (?<!\d)(?:\d{{1,2}}{_WS})?(?:{_MONTHS}){_WS}{_YEAR}(?!\d))
    (?:,\s{{0,2}}«(?P<title>[^»,\n]{{2,200}})»?)?""",
    re.VERBOSE,
)
# A name in quotes only: "Vergelijk «Ethische analyse van de COVID-19 notificatie-app ...» van 14
# juli 2020, kenmerk ...".
QUOTED_NAME = re.compile(r"«(?P<title>[^»\n]{2,200})»")

# A law of another state is not the Dutch one of the same name: "de Turkse Grondwet" (an
# adjective of a country or the EU just before the name; "Nederlandse" is ours).
# A text of a municipality, not of parliament: its "leden" are council members.
MUNICIPAL = re.compile(
    (r"(?i)(?<!\w)(?:college{_WS}van{_WS}burgemeester{_WS}en{_WS}wethouders"
     r"|gemeenteraad|raadsleden)(?!\w)").replace("{_WS}", _WS)
)
PARLIAMENT = re.compile(r"(?<!\w)(?:Kamer|Kamerleden|Kamerlid|Kamerstuk(?:ken)?|Staten-Generaal|Handelingen)(?!\w)")
FOREIGN_BEFORE = re.compile(r"(?<!\w)(?!Nederlandse)[A-Z][a-zë]{2,20}(?:se|sche)\s{1,3}\Z")

DATE = re.compile(_DATE)
MONTHS = {name: i for i, name in enumerate(_MONTHS.split("|"), start=1)}

# --- Handelingen: motions moved, listed and voted in a debate (see loaders/handelingen.py) ---

_H_CAP = r"[A-ZÀ-ÖØ-Þ]"
_H_PREFIX = r"(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en|[Ii]n|'t|’t)"
# A surname, double-barrelled with a prefix after the hyphen too: "Versnel-Schmitz",
# "Aiking-van Wageningen" (h-tk-19961997-3369-3373, stemmingen HSL-Zuid).
# After the hyphen the prefix is in lower case, so that "X-De Vries" parses one way only.
_H_WORD = (rf"{_H_CAP}[a-zà-öø-ÿ'’]{{1,30}}"
           rf"(?:-(?:(?:van|de|der|den|ter|ten|in|'t|’t)[ \u00a0]{{1,2}}){{0,2}}{_H_CAP}[a-zà-öø-ÿ'’]{{1,30}})?")
# A member as the Handelingen name one, first names or initials kept: "Teeven", "Pieter Heerma",
# "Jasper van Dijk", "Van der Staaij", "Gijs van Dijk", "Özütok", "Bruins Slot", "M.B. Vos".
# Each word is read one way only (a first name is never a prefix, "De" and "Van" before a
# space are always one), so a list of names never backtracks over the ways to split it.
_H_NAME = (rf"(?:(?:{_H_CAP}\.){{1,4}}[ \u00a0]{{0,2}}(?={_H_CAP}))?"
           rf"(?:(?!{_H_PREFIX}[ \u00a0]){_H_WORD}[ \u00a0]{{1,2}}){{0,2}}"
           rf"(?:{_H_PREFIX}[ \u00a0]{{1,2}}){{0,3}}{_H_WORD}")
# A dossier as a stemmingen list writes it: "30950", "30 950", "36200-VII", "21501-02".
_H_DOSSIER = (
    r"(?P<dossier>\d{2,3}[ \u00a0]\d{3}|\d{4,6})(?!\d)"
    r"(?:[ \u00a0-](?P<toev>[IVXLC]{1,6}|[A-Z]{1,2}|\d{2})(?!\w))?"
)
# A motion named with its citation in brackets, as a stemmingen list or a vote names it:
#   "de motie-Teeven over één aangewezen coördinerend bewindspersoon ... (30950, nr. 3)"
#   "de motie-Fritsma/Teeven over opheffing van de Commissie Gelijke Behandeling (30950, nr. 6)"
#   "de gewijzigde motie-Asscher/Pieter Heerma c.s. (30950, nr. 201, was nr. 188)"
#   "In stemming komt de motie-Jasper van Dijk (30950, nr. 4)."
#   "de motie van het lid Marijnissen c.s. over een voorstel ... (Kamerstuk 35 510, nr. 21)"
#   "de motie-Rosenmöller c.s. over een kabinetsreactie ... (CXLVI, Y)"   (a Senate paper)
#   "de motie-Faber-van de Klashorst c.s. over ... (35788, letter D)"    (a Senate paper on a bill,
#    Verslag EK 2021/2022 nr. 19, stemmingen moties regeringsverklaring)
#   "bij motie (36 410-VI, nr. 87)"                                       (no submitter named)
H_MOTION = re.compile(
    rf"""(?<!\w)(?P<art>(?:[Dd]e|[Ee]en|[Zz]ijn|[Hh]aar){_WS})?
    (?P<adj>(?:gewijzigde|aangehouden|aangenomen|verworpen){_WS})?[Mm]otie
    (?:(?:-|{_WS}van{_WS}(?:het{_WS}lid|de{_WS}leden){_WS})
    (?P<names>{_H_NAME}(?:\s{{0,2}}/\s{{0,2}}{_H_NAME}|{_WS}en{_WS}{_H_NAME}){{0,8}})
    (?P<cs>{_WS}c\.\s?s\.)?
    (?:{_WS}over\s(?:[^().;\n]|\.(?=\S)|\n(?![ \t]{{0,8}}\n)){{1,400}}?)?)?
    \s{{0,3}}\(\s{{0,2}}(?:Kamerstuk(?:ken)?{_WS}(?:II{_WS})?)?
    (?P<cit>{_H_DOSSIER},\s{{0,3}}nr\.\s{{0,3}}(?P<nr>\d{{1,5}})(?!\d)
      |(?P<senate>[IVXLC]{{2,8}}|\d{{2}}[ \u00a0]?\d{{3}}(?:[ \u00a0-][IVXLC]{{1,6}})?),\s{{0,3}}
        (?:letter\s{{1,3}})?(?P<letter>[A-Z]{{1,2}})(?![\w-]))
    (?P<was>,\s{{0,3}}was{_WS}nr\.\s{{0,3}}(?P<old>\d{{1,5}})(?!\d))?""",
    re.VERBOSE,
)
# A motion moved in the debate, as the chair announces it, and the number it gets:
#   "Deze motie is voorgesteld door de leden Wörsdörfer, Bruins en Amhaouch. Naar mij blijkt,
#    wordt de indiening ervan voldoende ondersteund.\n\nZij krijgt nr. 199 (31311)."
#   "Deze motie is voorgesteld door het lid Özütok. ... Zij krijgt nr. 163 (30950)."
#   "Zij krijgt nr. 201, was nr. 188 (30950)."  (a gewijzigde motie)
H_MOVED = re.compile(
    rf"""(?<!\w)Deze{_WS}(?P<adj>gewijzigde{_WS})?motie{_WS}is{_WS}voorgesteld{_WS}door{_WS}
    (?:het{_WS}lid|de{_WS}leden){_WS}
    (?P<names>{_H_NAME}(?:\s{{0,2}},{_WS}{_H_NAME}|{_WS}en{_WS}{_H_NAME}){{0,15}})\s{{0,2}}\.
    (?:(?!Deze{_WS}motie)[^\n]|\n){{0,300}}?
    (?P<cit>Zij{_WS}krijgt{_WS}(?P<number>nr\.\s{{0,3}}(?P<nr>\d{{1,5}})(?!\d)
    (?P<was>,\s{{0,3}}was{_WS}nr\.\s{{0,3}}(?P<old>\d{{1,5}})(?!\d))?
    \s{{0,3}}\(\s{{0,2}}{_H_DOSSIER}\s{{0,2}}\)))""",
    re.VERBOSE,
)
# A motion changed before the vote, as the chair announces it, and the number the new one gets:
#   "De motie-Polderman/Jacobi (26407, nr. 32) is in die zin gewijzigd dat zij thans is
#    ondertekend door de leden Polderman, Jacobi en Ouwehand. ... Zij krijgt nr. 34 (26407)."
#    (h-tk-20072008-7103-7103, stemmingen biodiversiteit)
#   "De motie-Gesthuizen/Sjoerdsma (32317, nr. 347) is in die zin gewijzigd dat zij thans
#    luidt: ... Zij krijgt nr. 348, was nr. 347 (32317)." (h-tk-20152016-11-8)
H_CHANGED = re.compile(
    rf"""(?<!\w)[Dd]e{_WS}(?:gewijzigde{_WS})?motie-(?P<mnames>{_H_NAME}(?:\s{{0,2}}/\s{{0,2}}{_H_NAME}){{0,8}})
    (?P<cs>{_WS}c\.\s?s\.)?\s{{0,3}}\([^()\n]{{1,60}}\)
    {_WS}is{_WS}in{_WS}die{_WS}zin{_WS}gewijzigd{_WS}dat{_WS}zij{_WS}thans{_WS}
    (?:is{_WS}ondertekend{_WS}door{_WS}(?:het{_WS}lid|de{_WS}leden){_WS}
       (?P<names>{_H_NAME}(?:\s{{0,2}},{_WS}{_H_NAME}|{_WS}en{_WS}{_H_NAME}){{0,15}})\s{{0,2}}\.
     |luidt)
    (?:(?!Zij{_WS}krijgt|[Dd]e{_WS}(?:gewijzigde{_WS})?motie-)[^\n]|\n){{0,4000}}?
    (?P<cit>Zij{_WS}krijgt{_WS}(?P<number>nr\.\s{{0,3}}(?P<nr>\d{{1,5}})(?!\d)
    (?P<was>,\s{{0,3}}was{_WS}nr\.\s{{0,3}}(?P<old>\d{{1,5}})(?!\d))?
    \s{{0,3}}\(\s{{0,2}}{_H_DOSSIER}\s{{0,2}}\)))""",
    re.VERBOSE,
)
# The chair putting a motion to the vote: "In stemming komt de motie-Teeven (30950, nr. 3)."
H_VOTE_LEAD = re.compile(rf"(?<!\w)In{_WS}stemming{_WS}(?:komt|komen){_WS}")
# An item that puts one motion to the vote, with no "In stemming komt" before the finding:
# "Aan de orde is de stemming over een motie, ingediend tijdens het debat over ..., te weten:
#  - de motie-Witteveen-Hevinga c.s. over ... (26431, nr. 3)." (h-tk-19981999-5629-5629-3)
H_SINGLE_VOTE = re.compile(rf"(?<!\w)Aan{_WS}de{_WS}orde{_WS}is{_WS}de{_WS}stemming{_WS}over{_WS}een{_WS}motie(?!\w)")
# The chair's finding after the vote:
#   "Ik constateer dat de aanwezige leden van de fracties van de SP, GroenLinks, D66, de PvdD,
#    de VVD en de SGP voor deze motie hebben gestemd en die van de overige fracties ertegen,
#    zodat zij is verworpen."
#   "... voor deze motie hebben gestemd en dat zij dus is aangenomen."
#   "Ik constateer dat deze motie met algemene stemmen is aangenomen.", "... dat deze motie is verworpen."
#   "Ik constateer, dat de aanwezige leden van de fractie van de VVD tegen deze motie hebben gestemd en
#    die van de overige fracties ervoor, zodat zij is aangenomen." (h-tk-19981999-5629-5629-3)
H_VOTE_RESULT = re.compile(
    rf"""(?<!\w)Ik{_WS}constateer,?{_WS}dat{_WS}(?:
      (?:de{_WS})?(?:aanwezige{_WS})?leden{_WS}van{_WS}de{_WS}fracties?{_WS}van{_WS}
      (?P<parties>[^.;:\n]{{1,400}}?){_WS}(?P<side>voor|tegen){_WS}deze{_WS}(?:gewijzigde{_WS})?motie
      {_WS}hebben{_WS}gestemd(?P<rest>[^.;:\n]{{0,200}}?)
    | (?:deze|de){_WS}(?:gewijzigde{_WS})?motie(?P<unanimous>{_WS}met{_WS}algemene{_WS}stemmen)?
    ){_WS}(?:is{_WS})?(?P<outcome>aangenomen|verworpen)(?!\w)""",
    re.VERBOSE,
)
# The other side of a vote, in the chair's finding:
#   "en die van de overige fracties ertegen", "en de leden van de fracties van X en Y ertegen"
H_VOTE_OTHERS = re.compile(
    rf"""(?<!\w)(?:die|de{_WS}leden){_WS}van{_WS}de{_WS}
    (?:(?P<others>overige){_WS}fracties|fracties?{_WS}van{_WS}(?P<parties>[^.;:\n]{{1,300}}?))
    {_WS}(?P<side>ertegen|ervoor)(?!\w)""",
    re.VERBOSE,
)
# A party in a list of the chair: "de SP", "GroenLinks", "het CDA", "de fractie-Den Haan".
H_PARTY_SPLIT = re.compile(r"\s{0,3},\s{0,3}|\s{1,3}en\s{1,3}")
H_PARTY_ARTICLE = re.compile(r"^(?:de|het)\s{1,3}")
# A motion held or adopted without a vote, on the chair's proposal:
#   "Op verzoek van mevrouw Özütok stel ik voor, haar motie (30950, nr. 163) aan te houden."
#   "Ik stel voor, de motie-Kuzu (29614, nr. 109) zonder stemming aan te nemen."
H_CHAIR_PROPOSAL = re.compile(
    rf"""(?<!\w)stel{_WS}ik{_WS}voor,?{_WS}(?P<what>[^;:\n]{{1,200}}?)
    {_WS}(?:(?P<held>aan{_WS}te{_WS}houden)|(?P<adopted>zonder{_WS}stemming{_WS}aan{_WS}te{_WS}nemen))(?!\w)""",
    re.VERBOSE,
)
# A speaker's turn, on a line of its own: "De voorzitter:", "De heer Wörsdörfer (VVD):",
# "Mevrouw Özütok (GroenLinks):", "Staatssecretaris Keijzer :", "Minister Grapperhaus:".
H_SPEAKER = re.compile(
    r"""(?m)^[ \t]{0,4}(?P<who>(?P<gov>Minister(?:-president)?|Staatssecretaris|De[ \t]{1,2}minister
    |De[ \t]{1,2}staatssecretaris)?(?(gov)|(?:De[ \t]{1,2}heer|Mevrouw|De[ \t]{1,2}voorzitter))
    [^\n:]{0,120}?)[ \t]{0,2}:[ \t]{0,4}$""",
    re.VERBOSE,
)
# A motion the minister turns to: "de motie op stuk nr. 199", "motie op stuk nr. 202",
# "de motie-Van der Lee c.s. op stuk nr. 201", "de motie van de heer Graus op stuk nr. 203".
H_ON_PAPER = re.compile(rf"(?<!\w)(?:op{_WS})?stuk{_WS}nr\.\s{{0,3}}(?P<nr>\d{{1,5}})(?!\d)")
# The cabinet's appraisal, as a minister says it in the debate:
#   "Oordeel Kamer.", "Ik laat het oordeel over deze motie aan de Kamer.",
#   "ik ontraad deze motie", "Deze motie is ondersteuning van beleid.", "overbodig"
H_APPRAISAL = re.compile(
    rf"""(?<!\w)(?:(?P<kamer>[Oo]ordeel{_WS}(?:aan{_WS}de{_WS})?Kamer
      |het{_WS}oordeel(?:{_WS}[a-z]{{1,15}}){{0,5}}?{_WS}aan{_WS}de{_WS}Kamer)
    | (?P<ontraden>[Oo]ntra(?:ad|adt|den))
    | (?P<beleid>[Oo]ndersteuning{_WS}(?:van{_WS}(?:het{_WS})?)?beleid)
    | (?P<overbodig>[Oo]verbodig)
    )(?!\w)""",
    re.VERBOSE,
)
# A Handelingen item's own id as the page prints it: "Tweede Kamer der Staten-Generaal |
# 2016-2017 | nr. 97, item 26", "Tweede Kamer der Staten-Generaal2018-2019nr. 62, item 6".
H_ITEM_ID = re.compile(
    rf"""(?P<chamber>Tweede|Eerste){_WS}Kamer{_WS}der{_WS}Staten-Generaal[ \t|]{{0,6}}
    (?P<vj>{_VERGADERJAAR})[ \t|]{{0,6}}nr\.\s{{0,3}}(?P<nr>\d{{1,4}}),
    \s{{0,3}}item\s{{0,3}}(?P<item>\d{{1,4}})(?!\d)""",
    re.VERBOSE,
)
_H_TITLE = r"(?:de{_WS}leden|het{_WS}lid|de{_WS}heer|mevrouw|meneer|mijnheer)".replace("{_WS}", _WS)
_H_LIST = rf"{_H_NAME}(?:\s{{0,2}},{_WS}{_H_NAME}|{_WS}en{_WS}{_H_NAME}){{0,8}}"
# A motion the debate names by its number, with the submitters before or after it or none:
#   "de motie op stuk nr. 199 van de leden Wörsdöfer, Bruins en Amhaouch",
#   "de motie-Van der Lee c.s. op stuk nr. 201", "motie op stuk nr. 202 van de heer Graus",
#   "de motie van de heer Graus op stuk nr. 203", "de motie op stuk nr. 204 van mij",
#   "de aangenomen motie 27923, nr. 355" (a citation without brackets)
H_PAPER_MOTION = re.compile(
    rf"""(?<![\w-])(?:(?:[Dd]e|[Ee]en){_WS})?(?P<adj>(?:zojuist{_WS})?(?:gewijzigde|aangehouden|aangenomen|verworpen){_WS})?[Mm]otie
    (?:-(?P<hnames>{_H_NAME}(?:\s{{0,2}}/\s{{0,2}}{_H_NAME}){{0,8}})(?P<cs>{_WS}c\.\s?s\.)?
      |{_WS}van{_WS}{_H_TITLE}{_WS}(?P<bnames>{_H_LIST})(?P<cs2>{_WS}c\.\s?s\.)?)?
    {_WS}(?:op{_WS}stuk{_WS}(?P<number>nr\.\s{{0,3}}(?P<nr>\d{{1,5}}))(?!\d)
      |(?P<cit>{_H_DOSSIER},\s{{0,3}}nr\.\s{{0,3}}(?P<cnr>\d{{1,5}}))(?!\d))
    (?:{_WS}van{_WS}(?:(?P<mine>mij)|{_H_TITLE}{_WS}(?P<anames>{_H_LIST})(?P<cs3>{_WS}c\.\s?s\.)?))?(?!\w)""",
    re.VERBOSE,
)
# A member calling a motion their own without its number: "een zojuist aangenomen motie van mij".
H_OWN_MOTION = re.compile(rf"(?<!\w)motie{_WS}van{_WS}mij(?!\w)")
# The Eerste Kamer's report of a sitting names it: "Verslag van de vergadering van 23 februari
# 2021 (2020/2021 nr. 26)" (the Tweede Kamer's items print "nr. 97, item 26" instead).
H_EK_SITTING = re.compile(
    rf"Verslag{_WS}van{_WS}de{_WS}vergadering{_WS}van{_WS}{_DATE}{_WS}\((?P<vj>{_VERGADERJAAR}){_WS}nr\.\s{{0,3}}(?P<nr>\d{{1,4}})\)"
)
# The text of a motion read out in the debate, from "De Kamer," through its closing formula:
#   "De Kamer,\n\ngehoord de beraadslaging,\n\noverwegende dat ...;\n\nverzoekt de regering ...,
#    \n\nen gaat over tot de orde van de dag."
H_MOTION_OPEN = re.compile(rf"(?<!\w)De{_WS}Kamer,{_WS}gehoord{_WS}de{_WS}beraadslaging,")
H_MOTION_CLOSE = re.compile(rf"(?<!\w)en{_WS}gaat{_WS}over{_WS}tot{_WS}de{_WS}orde{_WS}van{_WS}de{_WS}dag\.")
# Its request: "verzoekt de regering ...", "verzoekt het kabinet ...", "roept de regering op ...".
H_MOTION_ASKS = re.compile(
    rf"(?<!\w)(?:verzoekt|roept){_WS}(?:de{_WS}regering|het{_WS}kabinet|de{_WS}minister|de{_WS}staatssecretaris)(?!\w)"
)
# Right after a motion and its citation: "Aangezien de motie-X (30950, nr. 5) is ingetrokken,
# maakt zij geen onderwerp van beraadslaging meer uit."
H_WITHDRAWN = re.compile(rf"\s{{0,2}}\)?\s{{0,3}}(?:is|wordt){_WS}ingetrokken(?!\w)")
