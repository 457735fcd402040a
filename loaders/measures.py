"""Measures and the links that tie motions to them, from the sentences that
announce them. Each rule names a Dutch turn of phrase:

- ``measure-see-motion``: "... om te komen tot een uitrol van het toetsingskader
  (zie onder andere de motie van het lid Westerveld: Kamerstuk 30 950, nr. 295)"
- ``measure-motions-concern``: "... coördineert de Staatssecretaris ... de
  uitvoering van de moties van ... die zien op het inventariseren, ..."
- ``commission-founding-motions``: "Een viertal moties liggen hieraan ten
  grondslag, waaronder de motie ..." (and the next sentence's motion that "valt
  onder dezelfde reikwijdte")
- the commitment rules of ``loaders.commitments`` (intention, wish, planned,
  following motions, in execution of a motion).
- ``measure-commitment``: any other sentence of a government document whose
  clause has the government as subject and a verb that commits to an action
  ("Het kabinet wil een mensenrechtentoets ... meer bindend maken", "zet het
  kabinet verschillende maatregelen in, zoals het uitrollen van het
  toetsingskader", "werkt het ministerie van BZK aan een herziening van ...").
  Not a measure: a question, a motion's request, what the letter itself does
  ("Ik zal in deze brief ingaan op ...", "u informeren"), a wish it may not be
  able to carry out ("wil ... kunnen"), an obligation ("moet"), a denial, words
  inside quotation marks.
- ``measure-passive``: the passive voice with no agent but the government, in a
  main clause ("Hiertoe worden jaarlijks middelen beschikbaar gesteld", "is in 2022
  een werkgroep opgestart", "Het advies van de Afdeling is overgenomen", "zal ...
  worden geëxpliciteerd"); not a state, a subordinate clause, what others do.
- ``measure-engaged``: work or a conversation the government is engaged in ("Ook nu
  weer ben ik in gesprek met VNG, IPO, ...").

Where the government speaks (``voice``): a document it wrote (the whole text, "ik" is
the government), a note addressed to the minister (the whole text, but its "wij" is the
author), and in Handelingen only the turns of a minister or state secretary.

A measure's actors are the sender when the sentence speaks in the first person
("ik", "mijn", "wij") and the organisations the sentence names; its instruments
are the instruments the sentence names; its period is the sentence's first time
expression ("komend najaar", "voorjaar 2023").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from . import commitments as c
from .handelingen import speaker_turns
from .models import ConceptRef, DebateRef, DocumentRef, Link, Measure, Mention, Metadata, Reference
from .relations import debate_ref
from .spans import SpanIndex
from .text import MAX_SENTENCE, Sentences

_SEE = re.compile(r"\(\s{0,2}zie(?:\s{1,3}(?:onder\s{1,3}andere|ook|bijvoorbeeld|o\.a\.))?\s{1,3}$")
_LABEL_START = re.compile(r"(?<!\w)(?:tot|aan)\s{1,3}(?:een|de|het)\s{1,3}")
_CONCERN = re.compile(r"(?<!\w)uitvoering\s{1,3}van\s{1,3}de\s{1,3}moties\b")
_CONCERN_WHAT = re.compile(r"(?<!\w)die\s{1,3}zien\s{1,3}op\s{1,3}(?P<what>[^.]{5,400})")
_FOUNDING = re.compile(r"(?<!\w)(?:liggen|ligt|lagen)\s{1,3}(?:hieraan|daaraan)\s{1,3}ten\s{1,3}grondslag")
_SAME_SCOPE = re.compile(r"(?<!\w)onder\s{1,3}dezelfde\s{1,3}reikwijdte")
_FIRST_PERSON = re.compile(r"(?<!\w)(?:ik|mijn|wij|we|ons|onze)(?!\w)", re.IGNORECASE)
_ACTORS = {"Ministry", "Commission", "Coordinator", "HumanRightsInstitute", "ExecutiveAgency", "NGO"}


def _clean(text: str) -> str:
    text = re.sub(r"<sup>\d{1,3}</sup>", "", text)
    return re.sub(r"\s+", " ", text).strip(" ,;:")


# Lines the sentence splitter glues before a sentence in PDF text: a heading ("Minder
# vrijblijvendheid"), footnote notes ("3 Kamerstukken 2021/22, 30950, nr. 315").
_SHORT_LINE = 60
_FOOTNOTE_LINE = re.compile(r"^[ \t]{0,8}\d{1,2}[ \t]{1,4}\S")
_OPEN_END = re.compile(r"(?:[,;]|(?<!\w)(?:de|het|een|van|en|of|in|op|aan|met|voor|door|naar|bij|te|om|die|dat))"
                       r"\s{0,8}$",
                       re.IGNORECASE)
_STARTS = re.compile(r"[ \t]{0,8}(?:[-•][ \t]{1,4})?[A-Z]")
# The number of the next article or list item the splitter glued after the full stop: "voorzitter. \n2."
# ("2.2", "e.") and a numbered heading glued after it: "aangepast. 3 Conclusie Om ...".
_STRANDED_NUMBER = re.compile(r"[.!?]\s{1,8}(?:\d{1,3}(?:\.\d{1,3}){0,3}[.)]?|[a-z][.)])$")
_GLUED_HEADING = re.compile(r"(?<=[a-z]{3}[.!?])\s{1,8}(?:\d{1,2}(?:\.\d{1,2}){0,3}[.)]?|[a-z][.)])\s{1,8}[A-Z]")
_BULLET = re.compile(r"[-•][ \t]{1,4}(?=\S)")


def _own_start(text: str, start: int, anchor: int) -> int:
    """Where the sentence holding ``anchor`` really starts: after glued heading or
    footnote lines, and after a list bullet."""
    best, line_start = start, start
    while True:
        newline = text.find("\n", line_start, anchor)
        if newline < 0:
            break
        line = text[line_start:newline]
        if len(line.strip()) > _SHORT_LINE and not _FOOTNOTE_LINE.match(line):
            break
        line_start = newline + 1
        if not _OPEN_END.search(line) and _STARTS.match(text, line_start):
            best = line_start
    best += len(text[best:anchor]) - len(text[best:anchor].lstrip())
    bullet = _BULLET.match(text, best, anchor + 1)
    return bullet.end() if bullet else best


@dataclass
class _Context:
    text: str
    motions: SpanIndex
    debates: SpanIndex
    mentions: SpanIndex
    sentences: Sentences
    meta: Metadata
    voice: _Voice

    def governs(self, position: int) -> bool:
        """Whether the government speaks at ``position``."""
        return self.voice.governs(position)

    def instruments(self, start: int, end: int) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.concept for m in self.mentions.within(start, end) if m.kind == "Instrument"))

    def actors(self, start: int, end: int) -> tuple[str, ...]:
        named = [m.concept for m in self.mentions.within(start, end) if m.kind in _ACTORS]
        first = [self.meta.sender] if self.meta.sender and _FIRST_PERSON.search(self.text, start, end) else []
        return tuple(dict.fromkeys(first + named))

    def measure(self, label: str, start: int, end: int, rule: str, led_from=(), confidence=0.8,
                actors_end: int | None = None, anchor: int | None = None) -> Measure:
        """A measure stated by the sentence ``[start, end)``; its actors are named
        before ``actors_end`` (default: anywhere in the sentence). With ``anchor``
        (where the commitment is), headings and footnote lines that the sentence
        splitter glued before it are left out of the quote."""
        if anchor is not None:
            start = _own_start(self.text, start, anchor)
            stranded = _STRANDED_NUMBER.search(self.text, start, end)
            end = stranded.start() + 1 if stranded else end
            glued = _GLUED_HEADING.search(self.text, anchor, end)
            end = glued.start() if glued else end
        period, year = c.period(self.text[start:end], self.meta.date)
        return Measure(label=label, quote=self.text[start:end], start=start, end=end, rule=rule,
                       led_from=tuple(led_from), instruments=self.instruments(start, end),
                       responsible=self.actors(start, actors_end or end), confidence=confidence,
                       period=period, date=year)


def _refs(motions: list[Reference]) -> tuple[DocumentRef, ...]:
    """Motions a measure follows from, as node references."""
    return tuple(DocumentRef(r.known_id()) for r in motions)


def _see_motion(cx: _Context) -> list[Measure]:
    found: dict[tuple[int, int], Measure] = {}
    for motion in cx.motions.items:
        head = cx.text[max(motion.start - 40, 0):motion.start]
        see = _SEE.search(head)
        if not see:
            continue
        paren = motion.start - len(head) + see.start()
        s_start, s_end = cx.sentences.around(paren)
        starts = list(_LABEL_START.finditer(cx.text, s_start, paren))
        label_start = starts[-1].end() if starts else s_start
        prev = found.get((label_start, paren))
        measure = cx.measure(_clean(cx.text[label_start:paren]), s_start, s_end, "measure-see-motion",
                             (prev.led_from if prev else ()) + (DocumentRef(motion.id),), confidence=0.9)
        found[(label_start, paren)] = measure
    return list(found.values())


def _motions_concern(cx: _Context) -> list[Measure]:
    found = []
    for m in _CONCERN.finditer(cx.text):
        s_start, s_end = cx.sentences.around(m.start())
        what = _CONCERN_WHAT.search(cx.text, m.end(), s_end)
        if not what:
            continue
        led = _refs(cx.motions.within(m.start(), what.start()))
        found.append(cx.measure(_clean(what["what"]), s_start, s_end, "measure-motions-concern", led,
                                confidence=0.9))
    return found


def _following_motions(cx: _Context) -> list[Measure]:
    """"naar aanleiding van diverse moties tijdens het debat van 1 juli, <measure>"."""
    found = []
    for m in c.FOLLOWING_MOTIONS.finditer(cx.text):
        s_start, s_end = cx.sentences.around(m.start())
        named = _refs(cx.motions.within(s_start, s_end))
        debates = [d for d in cx.debates.within(m.start(), s_end) if d.date]
        what = m["rest"].split(",", 1)[1] if "," in m["rest"] else cx.text[s_start:m.start()]
        led: tuple[DocumentRef | DebateRef, ...] = named or tuple(debate_ref(d) for d in debates[:1])
        found.append(cx.measure(c.label(re.sub(r"\(.*$", "", what, flags=re.S)), s_start, s_end,
                                "measure-following-motions", led, confidence=0.7, actors_end=m.start()))
    return found


def _in_execution(cx: _Context) -> list[Measure]:
    found = []
    for m in c.IN_EXECUTION.finditer(cx.text):
        s_start, s_end = cx.sentences.around(m.start())
        motions = cx.motions.within(s_start, s_end)
        if not motions:
            continue
        clause = cx.text[max(m.end(), motions[-1].end):s_end]
        found.append(cx.measure(c.label(clause), s_start, s_end, "measure-in-execution",
                                _refs(motions), confidence=0.8))
    return found


_AUXILIARY = re.compile(r"^(?:worden|wordt|zijn|is|hebben|heeft|zullen|zal)$")  # "zal worden ingezet": no object


def _announced(cx: _Context) -> list[Measure]:
    """Intentions, wishes and planned actions, in a government document; "wordt ...
    gestart" only with a time expression."""
    found: list[Measure] = []
    if not cx.voice.first_person:
        return found
    for rule, pattern in (("measure-intention", c.INTENTION), ("measure-wish", c.WISH),
                          ("measure-planned", c.PLANNED)):
        for m in pattern.finditer(cx.text):
            if not cx.governs(m.start()):
                continue
            s_start, s_end = cx.sentences.around(m.start())
            sentence = cx.text[s_start:s_end]
            if rule == "measure-planned" and not m.group().startswith(("zal", "zullen")) \
                    and not c.TIME.search(sentence):
                continue
            name = c.label(m["what"])
            if len(name) >= 5 and not _AUXILIARY.match(name):
                found.append(cx.measure(name, s_start, s_end, rule, confidence=0.7, anchor=m.start()))
    return found


# A subject named after the verb of a study: "onderzoekt het CBS", "verkent de politie", "onderzoekt TNO".
_OTHER_SUBJECT = re.compile(r"(?:(?:het|de|een)\s{1,3}\w|[A-Z])")


def _studies(cx: _Context) -> list[Measure]:
    """A study under way, in a government document; its label is "onderzoek " and what it asks."""
    found = []
    for m in c.STUDY.finditer(cx.text):
        if not cx.governs(m.start()):
            continue
        who = m["who"].strip()
        if _OTHER_SUBJECT.match(who) and not c.GOV_SUBJECT.match(who):
            continue  # "onderzoekt het CBS of ...": what others do
        s_start, s_end = cx.sentences.around(m.start())
        what = re.sub(r"\s+", " ", m["what"]).strip(" ,;:")
        found.append(cx.measure(f"onderzoek {what}"[:120], s_start, s_end, "measure-study", confidence=0.7))
    return found


# --- measure-commitment: the government commits to an action (structure, not phrases) ---

# The document's own heading or title says the government wrote it: "BRIEF VAN DE
# MINISTER VAN ...", "Brief regering : ...", "Antwoord van Staatssecretaris X".
_GOV_HEADER = re.compile(
    r"(?<!\w)(?:BRIEF\s{1,3}VAN\s{1,3}DE\s{1,3}(?:MINISTERS?|STAATSSECRETARIS(?:SEN)?|MINISTER-PRESIDENT)(?!\w)"
    r"|Brief\s{1,3}regering|Antwoord\s{1,3}van\s{1,3}(?:de\s{1,3})?(?:[Mm]inister|[Ss]taatssecretaris)(?!\w)"
    r"|Antwoord\s{1,3}schriftelijke\s{1,3}vragen"
    # the minister's report to the King on the Raad van State's advice
    r"|NADER\s{1,3}RAPPORT|[Nn]ader\s{1,3}rapport\s{1,3}d\.d\."
    # the signature of a letter on its first page: "De MINISTER-PRESIDENT,", "De Minister van BZK,"
    r"|(?m:^[ \t]{0,4}De\s{1,3}(?:MINISTER(?:-PRESIDENT)?|[Mm]inister(?:-[Pp]resident)?|[Ss]taatssecretaris"
    r"|STAATSSECRETARIS)(?:\s{1,3}(?:van|voor)\s[^\n,]{3,80})?,[ \t]{0,4}$))"
)
# A heading of the Kamer's own papers: motion, report, a committee's letter.
_KAMER_HEADER = re.compile(
    r"(?<!\w)(?:(?:GEWIJZIGDE\s{1,3})?MOTIE|VERSLAG|INBRENG"
    r"|BRIEF\s{1,3}VAN\s{1,3}DE\s{1,3}(?:VASTE\s{1,3})?(?:COMMISSIE|VOORZITTER))(?!\w)"
)
_OPENING = 3000  # the heading is in the document's first characters
# A request or a motion's considerations: "verzoekt de regering", "constaterende dat".
_REQUEST = re.compile(r"(?<!\w)(?:verzoekt|verzocht|verzoeken|constaterende|overwegende|spreekt\s{1,3}uit)(?!\w)")
# What is not an action: the letter talking about itself ("in deze brief", "u
# informeren", "ingaan op"), speech acts, aims ("bereiken"), "ervan uit gaan", a
# conversation ("in gesprek gaan"), topics brought into a meeting ("inbrengen").
_TALK = re.compile(
    r"(?<!\w)(?:informeren|berichten|ingaan|in\s{1,3}gaan|toelichten|toekomen|(?:ver|toe|op)?sturen"
    r"|(?:toe|ver)?zenden|aanbieden|terugkomen|uitspreken|zeggen|bereiken|(?:be)?antwoorden|reageren"
    r"|schetsen|beschrijven|verwijzen|wijzen|benadrukken|onderstrepen|herhalen|opmerken|melden|verwachten"
    r"|hopen|danken|bedanken|inbrengen|deze\s{1,3}brief|uw\s{1,3}Kamer|de\s{1,3}Kamer"
    r"|ervan\s{1,3}uit|brief|kabinetsbrief|voortgangsbrief)(?!\w)",
    re.IGNORECASE,
)
# In the main clause: an aim it may not reach ("wil ... kunnen terugdringen"), a denial.
_WEAK = re.compile(r"(?<!\w)(?:kunnen|kan|moeten|moet|dient|dienen|niet|geen|nooit)(?!\w)", re.IGNORECASE)
# A label that only points elsewhere: "daar op de volgende manier invulling aan geven".
_VAGUE = re.compile(r"^(?:daar|hier|er|dit|dat|het)(?!\w)"
                    r"|(?<!\w)(?:de\s{1,3}volgende\s{1,3}manier|als\s{1,3}volgt)(?!\w)",
                    re.IGNORECASE)
# The letter speaking of itself before the clause: "Via deze brief ga ik ... in op".
_THIS_LETTER = re.compile(r"(?<!\w)(?:deze|dit)\s{1,3}(?:brief|nota|notitie|kabinetsreactie|besluit|regeling)(?!\w)",
                          re.IGNORECASE)
# The passive of talking to the Kamer, as "u informeren" in the active: "De Kamer zal hier nader over
# geïnformeerd worden", "is toegezonden aan uw Kamer".
_TALK_PARTICIPLE = re.compile(r"^(?:geïnformeerd|bericht|toegezonden|verzonden|gestuurd|aangeboden|geantwoord"
                              r"|toegelicht|beschreven|benadrukt|gemeld|meegedeeld|aangegeven|verwezen|gewezen)$")
_REFLEXIVE = re.compile(r"^\W{0,3}(?:me|mij|ons|zich|u)(?!\w)", re.IGNORECASE)
# A word before the subject that makes the clause a question, a relative clause
# about something else, or a reference back: "hoe wij ...", "die het kabinet wil
# inbrengen", "Zoals ik heb toegezegd".
_ASKING = {"hoe", "of", "waarom", "wanneer", "welke", "wat", "waar", "hoeverre", "die", "zoals"}
# An inserted phrase between commas: "zal ik, mede naar aanleiding van ..., de komende tijd".
_INSERTED = re.compile(
    r",\s{0,3}(?:mede|samen|als|in|naar|binnen|onder|met|conform|na|voor|waar|gelet|gezien|namens|ter|aldus"
    r"|net\s{1,3}als)\s[^,;:]{0,150},"
)
_CLAUSE_END = re.compile(r"[;:?!]|\.(?=\s{1,8}[A-Z]|\s{0,8}$)")
# Where the main clause ends and a subordinate one begins.
_SUBORDINATE = re.compile(
    r",|\s(?:die|dat|waarin|waarmee|waarbij|waardoor|zodat|omdat|zoals|want|maar|hoe|of|welke|wat|wanneer"
    r"|in\s{1,3}hoeverre|om)\s"
)
_SUCH_AS = re.compile(r"^(?P<kind>[^,;:]{0,80}?(?:maatregelen|instrumenten|initiatieven|acties|stappen))"
                      r"\s{0,3}(?:in|uit)?\s{0,3},?\s{0,3}zoals\s{1,3}(?P<items>.{5,400})$", re.S)
# The next item of a "zoals" list: "het uitrollen van X en het verstevigen van Y".
_NEXT_ITEM = re.compile(r"(?:,|\s(?:en|of))\s(?:het\s)?\w{2,30}en\s(?:van|op|in)\s")
_USE_TIME = re.compile(r"\s(?:gebruiken|benutten)\s{1,3}om\s{1,3}(?P<what>.{5,300})$", re.S)
# What stands before the object: "zet ... in op <X>", "werkt aan <X>", "werk ik samen met ... om te komen tot <X>".
_LEAD = re.compile(r"^(?:(?:in\s{1,3})?op|aan|met|tot|in"
                   r"|samen\s{1,3}met\s{1,3}[^,]{0,80}?\s{1,3}om\s{1,3}te\s{1,3}komen\s{1,3}tot)\s{1,3}")
_PARTICLE_END = re.compile(r"\s{1,3}(?:in|uit|aan)(?:\s{1,3}op)?$")
_MAX_TRIES = 8  # candidate clauses looked at per sentence: work per sentence stays bounded


# A note or advice addressed to the government about its own acts: "Notitie\nvoor Minister
# van Volksgezondheid, ...". Its "wij" is the author; the minister's acts and the passives
# it reports are the government's.
_TO_GOVERNMENT = re.compile(
    r"(?m:^[ \t]{0,4}(?:Notitie|Memo|Nota)\s{1,3}(?:aan|voor)\s{1,3}(?:de\s{1,3})?"
    r"(?:[Mm]inister|[Ss]taatssecretaris)(?!\w))"
)
# A minister's turn in a debate: "Staatssecretaris Keijzer:", "De heer Blok (minister van ...):".
_GOV_TURN = re.compile(r"\(\s{0,2}(?:minister|staatssecretaris)(?!\w)", re.IGNORECASE)


@dataclass
class _Voice:
    """Where the government speaks: the whole document, or the minister's turns in a debate;
    ``first_person`` when its "ik"/"wij" is the government."""
    spans: tuple[tuple[int, int], ...]
    first_person: bool

    def governs(self, position: int) -> bool:
        i = bisect.bisect_right(self.spans, (position, float("inf"))) - 1  # spans are sorted and apart
        return i >= 0 and self.spans[i][0] <= position < self.spans[i][1]


def voice(text: str, meta: Metadata) -> _Voice:
    """Where in ``text`` the government speaks (see ``_Voice``)."""
    if government_document(text, meta):
        return _Voice(((0, len(text)),), True)
    if meta.kind != "Motion" and _TO_GOVERNMENT.search(text[:_OPENING]):
        return _Voice(((0, len(text)),), False)
    turns = tuple((start, end) for start, end, government, who in speaker_turns(text)
                  if government or _GOV_TURN.search(who))
    return _Voice(turns, True)


def _subject(m: re.Match) -> str:
    groups = m.groupdict()
    return groups.get("subj") or groups.get("subj2") or ""


def government_document(text: str, meta: Metadata) -> bool:
    """Whether the government wrote this document (a letter of a minister, a decision
    memo, answers to Kamervragen): only then is "ik"/"wij" the government."""
    if meta.kind == "Motion":
        return False
    head = text[:_OPENING]
    if _GOV_HEADER.search(head):
        return True
    return meta.kind == "DecisionMemo" or (meta.kind == "Letter" and not _KAMER_HEADER.search(head))


_SUP = re.compile(r"<sup>\d{1,3}</sup>")
# Words a label does without: "dan ook", "in ieder geval", "graag", "tot slot", "als Rijk".
_PADDING = re.compile(
    r"(?<!\w)(?:dan\s{1,3}ook|in\s{1,3}ieder\s{1,3}geval|graag|met\s{1,3}name|op\s{1,3}dit\s{1,3}moment|daarom"
    r"|dus|toen|tot\s{1,3}slot|als\s{1,3}(?:Rijk|kabinet|overheid))(?!\w)"
)
_INFINITIVE = re.compile(r"(?<!\w)\w{2,30}en(?!\w)")
# The label of a wish ends before a comma or a relative clause: "... onderzoeken of X, die ...".
_LABEL_STOP = re.compile(r",|\s(?:die|waarin|waarmee|waarbij|zodat|omdat)\s")
_TO = re.compile(r"^(?:om\s{1,3})?(?:te\s{1,3})?")
_TE_LAST = re.compile(r"\s{1,3}te\s{1,3}(?=\w{1,40}$)")  # "de volgende richtingen te verkennen"
_HELPER = re.compile(r"\s{1,3}(?:willen|te\s{1,3}zullen)(?=\s|$)")  # "zou ... willen komen", "te zullen uitvoeren"
# A second clause the label leaves out: "maatregelen om ... tegen te gaan en wordt er geïnvesteerd".
_NEXT_CLAUSE = re.compile(r"\s(?:en|maar)\s(?:wordt|worden|is|zijn|er)\s")
_ARTICLE_START = re.compile(r"(?:de|het|een)\s")
_NO_VAN = re.compile(r"(?:of|hoe|in|op|aan|met|naar|welke|wat|dat|waar)\s")  # "onderzoeken of ...", not "van of"
_GO_INTO = re.compile(r"in(?:\s|$)")  # "ga ik ... in op": the letter goes into a subject
# "het onderzoek" in "het onderzoek dat BZK intern uitvoert"
_ANTECEDENT = re.compile(r"(?<!\w)(?:het|de|een)\s{1,3}(?P<noun>[\w’'-]{2,40}(?:\s{1,3}[\w’'-]{2,40}){0,2})"
                         r"\s{0,3}$")


def _inside_quotes(sentence: str, offset: int) -> bool:
    before = sentence[:offset]
    opened = before.count("“") + before.count("«") - before.count("”") - before.count("»")
    return opened > 0 or before.count('"') % 2 == 1


def _closes_quote(sentence: str) -> bool:
    """Whether the sentence ends a quotation opened before it: "... verwerkt”."."""
    return sentence.count("”") > sentence.count("“") or sentence.count("»") > sentence.count("«")


def _tidy(text: str) -> str:
    """The words of a clause without footnote markers, time expressions, inserted
    phrases and filler words."""
    text = c.TIME.sub(" ", _INSERTED.sub(" ", " " + _SUP.sub("", text) + " "))
    text = _PADDING.sub(" ", c._FILLER.sub(" ", text))
    return " ".join(text.split()).strip(" ,;:")


def _short(text: str) -> str:
    text = c._ARTICLE.sub("", text.strip(" ,;:"))
    return text[:120].rsplit(" ", 1)[0] if len(text) > 120 else text


def _antecedent(before: str) -> str:
    """The noun a relative clause hangs on: "onderzoek" in "het onderzoek dat BZK ..."."""
    m = _ANTECEDENT.search(before)
    return m["noun"] if m else ""


def _close(label: str) -> str:
    """Cut at a bracket the label leaves open: "... overheidshandelen (nu is deze wet ..."."""
    i = label.rfind("(")
    return label[:i] if i >= 0 and ")" not in label[i:] else label


def _wish(verb: str, words: str, main: str) -> str | None:
    """What a modal clause commits to: "Het kabinet wil <een mensenrechtentoets ...
    meer bindend maken>", "wil ik de komende tijd benutten om <... te verkennen>"."""
    if verb.startswith("zou") and "willen" not in main.split():
        return None
    if verb.startswith("ga") and _GO_INTO.match(main) or not _INFINITIVE.search(main):
        return None
    use = _USE_TIME.search(" " + words)
    if use and _TALK.search(use["what"]):
        return None
    label = _LABEL_STOP.split(use["what"] if use else words, 1)[0]
    return _HELPER.sub("", _TE_LAST.sub(" ", _TO.sub("", label)))


def _deed(verb: str, words: str, main: str, rest: str, mid: str, before: str) -> str | None:
    """What an action verb's clause does: "werkt ... aan <een herziening van ...>",
    "zet het kabinet maatregelen in, zoals <het uitrollen van ...>", "<versterken> van ..."."""
    infinitive, needs, object_only = c.ACTIONS[verb]
    if needs is not None and verb not in c.JOINED and not needs.search(main):
        return None
    such = _SUCH_AS.match(words)
    if such:
        return _NEXT_ITEM.split(such["items"], 1)[0]
    if mid:
        after = _tidy(rest).split(",", 1)[0]
        if len(_tidy(mid).split()) <= 1 and _antecedent(before):
            return f"{_antecedent(before)} {after}"
        what = _LEAD.sub("", _tidy(mid))
        return f"{infinitive} {'van ' if _ARTICLE_START.match(what) else ''}{what} {after}"
    if rest.lstrip().startswith(","):
        return None  # no object: "Dit wil het kabinet aanpakken, omdat ..."
    label = _PARTICLE_END.sub("", _LEAD.sub("", words.split(",", 1)[0]))
    if object_only:
        return label
    if infinitive == "maken":  # "maakt de toets meer bindend" -> "toets meer bindend maken"
        return f"{label} maken"
    return f"{infinitive} {'' if _NO_VAN.match(label) else 'van '}{label}"


def _done(verb: str, mid: str) -> str | None:
    """What the government reports it has done: "<een startbijeenkomst> georganiseerd"."""
    needs = c.DONE_NEEDS.get(verb)
    what = _POINTER.sub("", _tidy(mid))
    if needs is not None and not needs.search(what):
        return None
    return f"{what} {' '.join(verb.split())}"


def _action(verb: str, rest: str, mid: str = "", before: str = "", done: bool = False) -> str | None:
    """The label of the action the clause commits to, or None when it is no action.
    ``rest`` is the clause after subject and verb, ``mid`` what stands between
    subject and verb in a subordinate clause (or auxiliary and participle when
    ``done``: the perfect tense), ``before`` the text before the clause."""
    words = _tidy(mid + " " + rest)
    if _REFLEXIVE.match(words):
        return None
    main = _SUBORDINATE.split(" " + words + " ", 1)[0].strip()
    if _TALK.search(main) or _WEAK.search(main):
        return None
    if done:
        label = _done(verb, mid)
    elif verb in c.MODALS:
        label = _wish(verb, words, main)
    else:
        label = _deed(verb, words, main, rest, mid, before)
    if label is None or _TALK.search(label):
        return None
    label = _short(_close(_NEXT_CLAUSE.split(label, 1)[0].strip()))
    if _VAGUE.search(label):
        return None
    return label if len(label) >= 10 and " " in label else None


def _clause(cx: _Context, m: re.Match, s_start: int, s_end: int) -> str | None:
    """The label when the match ``m`` (subject and verb) is a commitment, else None."""
    sentence = cx.text[s_start:s_end]
    if _inside_quotes(sentence, m.start() - s_start):
        return None
    before = cx.text[max(s_start, m.start() - 12):m.start()].split()
    if before and before[-1].lower() in _ASKING or _THIS_LETTER.search(cx.text, s_start, m.start()):
        return None
    end = _CLAUSE_END.search(cx.text, m.end(), min(s_end, m.end() + 300))
    rest = cx.text[m.end():end.start() if end else min(s_end, m.end() + 300)]
    mid = m.groupdict().get("mid") or ""
    before_clause = cx.text[max(s_start, m.start() - 80):m.start()]
    return _action(m["verb"].lower(), rest, mid, before_clause, done=m.re is c.COMMIT_DONE)


_COMMIT_PATTERNS = (c.COMMIT_SV, c.COMMIT_VS, c.COMMIT_SUB, c.COMMIT_PROMISE, c.COMMIT_DONE)


def _candidates(cx: _Context) -> dict[int, list[re.Match]]:
    """Subject-and-verb matches per sentence index, in text order; a match that runs
    past its sentence's end is dropped. One scan of the text per pattern."""
    found: dict[int, list[re.Match]] = {}
    for pattern in _COMMIT_PATTERNS:
        for m in pattern.finditer(cx.text):
            i = cx.sentences.index(m.start())
            if m.end() <= cx.sentences.bounds[i][1]:
                found.setdefault(i, []).append(m)
    return found


def _commitments(cx: _Context) -> list[Measure]:
    """Sentences of a government document that commit the government to an action."""
    found = []
    for i, matches in sorted(_candidates(cx).items()):
        s_start, s_end = cx.sentences.bounds[i]
        if not cx.governs(matches[0].start()) or s_end - s_start > MAX_SENTENCE or cx.text[s_end - 1] == "?" \
                or _REQUEST.search(cx.text, s_start, s_end):
            continue
        taken = s_start
        for m in sorted(matches, key=lambda m: m.start())[:_MAX_TRIES]:
            if m.start() < taken:  # "wil het kabinet aanpakken": one subject, one clause
                continue
            if not cx.voice.first_person and _FIRST_PERSON.fullmatch(_subject(m)):
                continue  # "wij" in a note to the minister is its author
            taken = m.end()
            label = _clause(cx, m, s_start, s_end)
            if label:
                found.append(cx.measure(label, s_start, s_end, "measure-commitment", confidence=0.6,
                                        anchor=m.start()))
                break
    return found


# --- measure-passive: what is being done, with no agent but the government ---

# A word that opens a subordinate clause: the passive then says what happens under a
# condition or to something else ("die medio 2018 wordt verstuurd", "als deze ... blijkt").
_SUBORDINATOR = frozenset(
    "die dat als wanneer zodat omdat indien of hoe welke wat waarin waarmee waarbij waardoor waarop waar "
    "nadat voordat totdat zodra terwijl hoewel tenzij mits om zoals waarna hoeverre waarvan waarover waaronder waartoe"
    .split()
)
_PHRASE_OPEN = re.compile(r"[,;:(]")
_VERB_CLUSTER = frozenset("zal zullen wordt worden is zijn was waren kan kunnen moet moeten heeft hebben".split())


def _open_subordinate(head: list[str]) -> bool:
    """Whether the words before the auxiliary leave a subordinate clause open, so the
    auxiliary is its verb: "een middel dat zal worden ingezet", "de api die door Google
    ... is ontwikkeld"; not "Ook welke gegevens worden verwerkt ... is opgenomen"."""
    words = [w.lower().strip("“‘\"'") for w in head]
    last = max((i for i, w in enumerate(words) if w in _SUBORDINATOR), default=-1)
    if last < 0:
        return False
    after = words[last + 1:]
    while after and after[-1] in _VERB_CLUSTER:
        after.pop()
    return not any(w in _VERB_CLUSTER for w in after)


_OTHERS = _ACTORS - {"Ministry"}


# "Om dit te realiseren zijn ... ontwikkeld": a purpose before the main clause.
_PURPOSE = re.compile(r"\s{0,8}[Oo]m\s[^,.;:?!]{1,150}?\ste\s{1,3}\w{2,30}(?=\s)")
# The government's intention opens the clause that carries the act: "Het is de bedoeling dat de
# app ... wordt uitgerold".
_INTENDED = re.compile(r"(?<!\w)(?:is|was)\s{1,3}(?:de|het)\s{1,3}(?:bedoeling|streven|voornemen|plan)\s{1,3}"
                       r"(?:dat|om)(?!\w)")
# What a passive works on or aims at: "wordt gewerkt aan <inclusievere werving>".
_OBJECT_AFTER = re.compile(r"\s{1,3}(?:aan|op)\s{1,3}(?P<what>[^,.;:?!]{3,120})")
# "dient ... te worden besteed": an infinitive, not a finite auxiliary.
_INFINITIVE_AUX = re.compile(r"(?<!\w)te\s{1,3}$")
# The document pointing at its own parts: "Hieronder zijn opgenomen het advies ...".
_SELF = re.compile(r"(?<!\w)(?:hieronder|hierboven|hierna|bijgaand|onderstaand)(?!\w)", re.IGNORECASE)
# A motion's request or considerations ("wordt verzocht" in a government text is the government asking).
_MOTION_REQUEST = re.compile(r"(?<!\w)(?:verzoekt|verzoeken|constaterende|overwegende|spreekt\s{1,3}uit)(?!\w)",
                             re.IGNORECASE)
_MOTION = re.compile(r"(?<!\w)motie(?!\w)", re.IGNORECASE)  # "In de motie ... wordt gevraagd om ..."


def _main_clause(cx: _Context, m: re.Match, s_start: int) -> bool:
    """Whether the auxiliary of ``m`` is the verb of the sentence's main clause: not of a
    subordinate clause left open before it ("een middel dat zal worden ingezet")."""
    head_start = max(s_start, m.start() - 300)
    purpose = _PURPOSE.match(cx.text, head_start, m.start())
    head = cx.text[purpose.end() if purpose else head_start:m.start()]
    if head.rstrip().endswith(","):  # "Zoals ... vermeld, wordt hiervoor ...": the main clause
        return True
    return not _open_subordinate(_INTENDED.sub(" ", head).split())


def _passive_clause(cx: _Context, m: re.Match, s_start: int) -> str | None:
    """The label when the passive ``m`` states an act of the government, else None."""
    sentence = cx.text[s_start:m.start()][-200:]
    opens = [o.end() for o in _PHRASE_OPEN.finditer(sentence)]
    phrase_start = m.start() - len(sentence) + opens[-1] if opens else s_start
    verb = " ".join(m["verb"].split())
    if c.PASSIVE_NOT.search(cx.text, phrase_start, m.end()) \
            or _INFINITIVE_AUX.search(cx.text, max(0, m.start() - 8), m.start()) \
            or not _main_clause(cx, m, s_start) or not _act(cx, m, s_start, verb):
        return None
    if any(x.kind in _OTHERS for x in cx.mentions.within(phrase_start, m.end())):
        return None  # what others do: "De Staatscommissie is gestart"
    agent = c.AGENT.search(cx.text, phrase_start, m.end())
    if agent and not c.GOV_AGENT.match(agent["who"]) \
            or _BY_OTHERS.match(cx.text, m.end()) and not _by_government(cx, m.end()):
        return None  # "is opgesteld onder coördinatie van de NCDR"
    return _passive_label(cx, m, phrase_start, verb)


def _act(cx: _Context, m: re.Match, s_start: int, verb: str) -> bool:
    """Whether the passive names an act, not a state, a possibility or a quotation."""
    clause = cx.text[s_start:m.end()]
    if c.EMBEDDED.search(c.INSERTED.sub(" ", m["mid"])) or c.DEGREE.search(cx.text, m.start(), m.start("verb")) \
            or c.AFTER_NOT.match(cx.text, m.end()) or _SELF.search(clause):
        return False
    if verb in c.EDITS and m["aux"] not in c.PERFECT_AUX and not c.FUTURE.search(clause) \
            or verb in c.FUTURE_ONLY and not c.FUTURE.search(clause):
        return False
    if verb in c.ASKING:  # what they are asked to do: "verzocht de bestrijding ... op te nemen"
        asked = c.TO_INFINITIVE.match(cx.text, m.end())
        if not asked or _MOTION.search(clause) or _TALK.search(asked.group()):
            return False
    needs = c.PASSIVE_NEEDS.get(verb)
    if needs and not needs.search(clause):
        return False
    if _TALK.search(m["mid"]) or _THIS_LETTER.search(clause) or _TALK_PARTICIPLE.match(verb):
        return False
    return not (_closes_quote(cx.text[s_start:cx.sentences.around(m.start())[1]])
                or _inside_quotes(clause, m.start() - s_start))


# A leading pointer the label does without: "daar bovenop", "hier reeds".
_POINTER = re.compile(r"^(?:(?:daar|hier|er)(?:\s{1,3}(?:bovenop|naast|reeds|al))?\s{1,3})+")


def _passive_label(cx: _Context, m: re.Match, phrase_start: int, verb: str) -> str | None:
    what = _tidy(re.sub(r"(?<!\w)(?:er|hiertoe|hiervoor|daarom|daartoe|hierbij)(?!\w)", " ", m["mid"]))
    what = _POINTER.sub("", c.AGENT.sub(" ", what).strip())
    aim = _OBJECT_AFTER.match(cx.text, m.end())
    if len(what.split()) < 2 and aim and verb in ("gewerkt", "ingezet"):  # "wordt gewerkt aan <X>"
        label = f"{verb} {cx.text[m.end():aim.end()].strip()}"
    else:
        if len(what.split()) < 2:  # "Het advies van de Afdeling is overgenomen": the subject is what
            head = cx.text[phrase_start:m.start()]
            if not head.strip():  # "De ... organisaties, met een directe relatie met burgers, zijn gevraagd"
                head = cx.text[cx.sentences.around(m.start())[0]:m.start()].split(",", 1)[0]
            what = " ".join(w for w in f"{_tidy(head)} {what}".split() if w not in _VERB_CLUSTER)
        label = f"{what} {verb}"
    label = _short(" ".join(label.split()))
    return label if len(label) >= 10 and " " in label and not _VAGUE.search(label) else None


# The agent after the participle: "opgesteld onder coördinatie van de NCDR", "ontwikkeld door".
_BY_OTHERS = re.compile(r"\s{1,3}(?:door|onder\s{1,3}(?:coördinatie|leiding|regie)\s{1,3}van"
                        r"|in\s{1,3}opdracht\s{1,3}van)\s")


def _by_government(cx: _Context, at: int) -> bool:
    agent = c.AGENT.match(re.sub(r"^\s{1,3}(?:onder\s{1,3}\w{1,12}|in\s{1,3}opdracht)\s{1,3}van\s", " door ",
                                 cx.text[at:at + 120]), 1)
    return bool(agent and c.GOV_AGENT.match(agent["who"]))


def _passives(cx: _Context) -> list[Measure]:
    """Sentences where the government states in the passive voice what is being or has been done."""
    found: list[Measure] = []
    seen: set[int] = set()
    tries: dict[int, int] = {}
    patterns = (c.PASSIVE, c.FUTURE_PASSIVE, c.FUTURE_PASSIVE_LAST)
    for m in sorted((m for pattern in patterns for m in pattern.finditer(cx.text)), key=lambda m: m.start()):
        i = cx.sentences.index(m.start())
        s_start, s_end = cx.sentences.bounds[i]
        tries[i] = tries.get(i, 0) + 1  # work per sentence stays bounded
        if i in seen or tries[i] > _MAX_TRIES or not cx.governs(m.start()) or m.end() > s_end \
                or s_end - s_start > MAX_SENTENCE \
                or cx.text[s_end - 1] in "?:" or _MOTION_REQUEST.search(cx.text, s_start, s_end) \
                or _REQUEST.search(cx.text, s_start, s_end) and m["verb"] not in c.ASKING:
            continue  # a question; "Onder andere de volgende instrumenten worden ingezet:" opens a list
        label = _passive_clause(cx, m, s_start)
        if label:
            seen.add(i)
            found.append(cx.measure(label, s_start, s_end, "measure-passive", confidence=0.5, anchor=m.start()))
    return found


def _engaged(cx: _Context) -> list[Measure]:
    """The government reports a conversation or work it is engaged in ("ben ik in gesprek met ...")."""
    found = []
    for m in c.ENGAGED.finditer(cx.text):
        if not cx.governs(m.start()) or not cx.voice.first_person and _FIRST_PERSON.fullmatch(_subject(m)):
            continue
        s_start, s_end = cx.sentences.around(m.start())
        if m.end() > s_end or cx.text[s_end - 1] == "?" or _REQUEST.search(cx.text, s_start, s_end) \
                or _WEAK.search(m["mid"]) or _inside_quotes(cx.text[s_start:m.end()], m.start() - s_start):
            continue
        before = cx.text[max(s_start, m.start() - 12):m.start()].split()
        if before and before[-1].lower() in _ASKING:
            continue
        label = _short(" ".join(f"{m['what']} {m['rest']}".split()))
        found.append(cx.measure(label, s_start, s_end, "measure-engaged", confidence=0.5, anchor=m.start()))
    return found


def _founding(cx: _Context) -> list[Link]:
    links = []
    for m in _FOUNDING.finditer(cx.text):
        i = cx.sentences.index(m.start())
        before_start = max(cx.sentences.bounds[max(i - 2, 0)][0], m.start() - MAX_SENTENCE)
        bodies = [x for x in cx.mentions.within(before_start, m.start()) if x.kind == "Commission"]
        if not bodies:
            continue
        scope = [cx.sentences.around(m.start())]
        if i + 1 < len(cx.sentences.bounds):
            nxt = cx.sentences.around(cx.sentences.bounds[i + 1][0])
            if _SAME_SCOPE.search(cx.text, nxt[0], nxt[1]):
                scope.append(nxt)
        for s_start, s_end in scope:
            for motion in cx.motions.within(s_start, s_end):
                links.append(Link(DocumentRef(motion.id), "ledTo", ConceptRef(bodies[-1].concept),
                                  cx.text[s_start:s_end], s_start, s_end, rule="commission-founding-motions"))
    return links


def _one_per_sentence(measures: list[Measure]) -> list[Measure]:
    """The first rule that found a measure in a sentence wins (rules run most specific first)."""
    seen, ends, kept = set(), set(), []
    for m in measures:  # a sentence is known by its end: a quote may start after glued headings
        if (m.end, m.label) in seen or (m.rule not in _MULTI and m.end in ends):
            continue
        seen.add((m.end, m.label))
        ends.add(m.end)
        kept.append(m)
    return kept


_MULTI = {"measure-see-motion"}  # one sentence can name several measures with "(zie ... motie)"


def find_measures(text: str, references: list[Reference], mentions: list[Mention],
                  meta: Metadata, sentences: Sentences | None = None) -> tuple[list[Measure], list[Link]]:
    cx = _Context(text, SpanIndex(r for r in references if r.type == "motion"),
                  SpanIndex(r for r in references if r.type == "debate"),
                  SpanIndex(mentions), sentences or Sentences(text), meta, voice(text, meta))
    measures = (_see_motion(cx) + _motions_concern(cx) + _following_motions(cx) + _in_execution(cx)
                + _announced(cx) + _studies(cx) + _commitments(cx) + _passives(cx) + _engaged(cx))
    return _one_per_sentence(measures), _founding(cx)
