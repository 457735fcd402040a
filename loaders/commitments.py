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

The module also holds the structural patterns ``loaders.measures`` uses: a government
subject with a committing verb (``COMMIT_*``), deeds in the perfect tense
(``COMMIT_DONE``), the passive voice (``PASSIVE``, ``FUTURE_PASSIVE``) and engagement
(``ENGAGED``).

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


# --- Commitments found by the structure of the sentence -------------------------------
#
# A clause whose subject is the government and whose finite verb commits to an
# action: "Het kabinet wil een mensenrechtentoets ... meer bindend maken", "zet het
# kabinet verschillende maatregelen in, zoals het uitrollen van het toetsingskader",
# "Daarnaast werkt het ministerie van BZK aan een herziening van het stelsel",
# "Ik wil nader verkennen in hoeverre ...", "dat de ministeries van JenV en BZK de
# mogelijkheden onderzoeken om ...". ``loaders.measures`` decides per sentence
# whether the clause is a measure (government document, not a question, not a
# request, not a letter about the letter) and what its label is.

# "van Binnenlandse Zaken en Koninkrijksrelaties", "van OCW", "voor Rechtsbescherming"
_OFFICE_OF = r"(?:\s{1,3}(?:van|voor)\s{1,3}[A-Z][\w&’'-]{0,30}(?:\s{1,3}(?:en\s{1,3})?[A-Z][\w&’'-]{0,30}){0,5})?"
# "ik", "wij"/"we", "het kabinet", "de regering", "de minister van OCW", "de
# Staatssecretaris van Binnenlandse Zaken", "het ministerie van BZK", "de ministeries
# van JenV en BZK", "BZK"
_GOV_SUBJECT = (
    r"(?:[Ii]k|[Ww]ij|[Ww]e"
    r"|(?:[Hh]et|[Dd]it|[Oo]ns)(?:\s{1,3}(?:vorige|huidige|nieuwe))?\s{1,3}kabinet|[Dd]e\s{1,3}regering"
    r"|(?:[Dd]e|[Mm]ijn)\s{1,3}(?:[Mm]inister(?:-[Pp]resident)?|[Ss]taatssecretaris|[Mm]inisters"
    rf"|[Ss]taatssecretarissen|bewindspersonen|bewindspersoon){_OFFICE_OF}"
    rf"|(?:[Hh]et|[Mm]ijn|[Oo]ns)\s{{1,3}}[Mm]inisterie{_OFFICE_OF}|[Dd]e\s{{1,3}}ministeries{_OFFICE_OF}"
    r"|BZK|OCW|SZW|JenV|VWS|EZK|IenW|LNV)"
)
# Modal verbs that commit: "zal", "gaan", "wil", "zou ... willen".
_MODAL = r"zal|zullen|ga|gaat|gaan|wil|wilt|willen|zou|zouden"
# Action verbs, finite (and the plural, which is also the infinitive): "werkt aan",
# "zet in", "neemt maatregelen", "stelt in", "breidt uit", "ontwikkelt", "versterkt",
# "onderzoekt", "verkent", "richt in", "maakt bindend", "rolt uit", "komt met",
# "voert uit", "investeert", "financiert", "ondersteunt", "stimuleert", "organiseert",
# "bevordert", "pakt aan", "treft maatregelen", "start", "intensiveert", "brengt in
# kaart"; the joined forms of a subordinate clause: "inzet", "uitvoert", "uitrolt".
_ACTION = (
    r"werk|werkt|werken|zet|zetten|neem|neemt|nemen|stel|stelt|stellen|breid|breidt|breiden"
    r"|ontwikkel|ontwikkelt|ontwikkelen|versterk|versterkt|versterken|onderzoek|onderzoekt|onderzoeken"
    r"|verken|verkent|verkennen|richt|richten|maak|maakt|maken|rol|rolt|rollen|kom|komt|komen"
    r"|voer|voert|voeren|investeer|investeert|investeren|financier|financiert|financieren"
    r"|ondersteun|ondersteunt|ondersteunen|stimuleer|stimuleert|stimuleren"
    r"|organiseer|organiseert|organiseren|bevorder|bevordert|bevorderen|pak|pakt|pakken"
    r"|tref|treft|treffen|start|starten|intensiveer|intensiveert|intensiveren|breng|brengt|brengen"
    r"|inzet|inzetten|instelt|instellen|uitbreidt|uitbreiden|uitrolt|uitrollen|uitvoert|uitvoeren"
    r"|aanpakt|aanpakken|inricht|inrichten|los|lost|lossen|oplost|oplossen"
)
_FINITE = rf"(?:{_MODAL}|{_ACTION})"
# Adverbs between subject and verb: "Het kabinet ook/zelf/nu/daarom/tevens/momenteel".
_ADVERBS = r"(?:\s{1,3}(?:ook|zelf|nu|daarom|dan\s{1,3}ook|tevens|momenteel|nog|verder|eveneens)){0,3}"
# An inserted phrase between commas: ", net als in de pilotfase,", ", aldus de Kamerbrief,",
# ", ter uitvoering van de moties,".
_INSERTED = r",\s{1,3}(?:net\s{1,3}als|aldus|ter|mede|namens|conform|zoals)\s[^,.;:?!]{1,100},"
INSERTED = re.compile(_INSERTED)
GOV_SUBJECT = re.compile(rf"{_GOV_SUBJECT}(?![\w-])")
# Verb before subject (a main clause that starts with something else): "werkt het
# ministerie van BZK", "zet het kabinet", "wil ik", "zal ik".
COMMIT_VS = re.compile(rf"(?<!\w)(?P<verb>{_FINITE})\s{{1,3}}(?P<subj>{_GOV_SUBJECT})(?![\w-])")
# Subject before verb: "Het kabinet wil", "Ik zal", "BZK bevordert".
COMMIT_SV = re.compile(rf"(?<![\w-])(?P<subj>{_GOV_SUBJECT}){_ADVERBS}\s{{1,3}}(?P<verb>{_FINITE})(?!\w)")
# Subordinate clause, verb last: "dat de ministeries van JenV en BZK de mogelijkheden
# onderzoeken", "het onderzoek dat BZK intern uitvoert".
COMMIT_SUB = re.compile(
    rf"(?<!\w)(?P<conj>dat|zodat|omdat|waarmee|waarbij)\s{{1,3}}(?P<subj>{_GOV_SUBJECT})\s{{1,3}}"
    rf"(?P<mid>[^,.;:?!]{{0,120}}?)(?<=\s)(?P<verb>{_ACTION})(?!\w)"
)
# "heeft ... toegezegd (om) ... te", "is het kabinet voornemens om ...": the promise itself.
COMMIT_PROMISE = re.compile(
    rf"(?<!\w)(?:(?P<subj>{_GOV_SUBJECT})\s{{1,3}}(?:heeft|hebben|heb|is|ben|zijn)"
    rf"|(?:heeft|hebben|heb|is|ben|zijn)\s{{1,3}}(?P<subj2>{_GOV_SUBJECT}))"
    r"(?P<mid>[^.;:?!]{0,80}?)\s(?P<verb>toegezegd|voornemens)(?!\w)"
)

# Each action verb: its forms, its infinitive (the label's verb), the word the clause
# must hold for the verb to commit ("zet ... in", "neemt ... maatregelen"), whether that
# word is the separable particle that ends the clause, and whether the object is
# itself the measure ("werkt aan <een herziening>") or the verb belongs in the label
# ("versterken van <de ADV's>").
_LEXICON = (
    (("werk", "werkt", "werken"), "werken", r"aan|samen", False, True),
    (("zet", "zetten", "inzet", "inzetten"), "inzetten", r"in", True, True),
    (("neem", "neemt", "nemen", "tref", "treft", "treffen"), "nemen", r"maatregel\w{0,3}", False, True),
    (("stel", "stelt", "stellen", "instelt", "instellen"), "instellen", r"in|beschikbaar", True, True),
    (("breid", "breidt", "breiden", "uitbreidt", "uitbreiden"), "uitbreiden", r"uit", True, False),
    (("ontwikkel", "ontwikkelt", "ontwikkelen"), "ontwikkelen", None, False, True),
    (("versterk", "versterkt", "versterken"), "versterken", None, False, False),
    (("onderzoek", "onderzoekt", "onderzoeken"), "onderzoeken", None, False, False),
    (("verken", "verkent", "verkennen"), "verkennen", None, False, False),
    (("richt", "richten", "inricht", "inrichten"), "inrichten", r"in", True, True),
    (("maak", "maakt", "maken"), "maken", r"(?:meer\s{1,3})?bindend|werk\s{1,3}van", False, False),
    (("rol", "rolt", "rollen", "uitrolt", "uitrollen"), "uitrollen", r"uit", True, False),
    (("kom", "komt", "komen"), "komen", r"met|tot", False, True),
    (("voer", "voert", "voeren", "uitvoert", "uitvoeren"), "uitvoeren", r"uit", True, False),
    (("investeer", "investeert", "investeren"), "investeren", None, False, False),
    (("financier", "financiert", "financieren"), "financieren", None, False, False),
    (("ondersteun", "ondersteunt", "ondersteunen"), "ondersteunen", None, False, False),
    (("stimuleer", "stimuleert", "stimuleren"), "stimuleren", None, False, False),
    (("organiseer", "organiseert", "organiseren"), "organiseren", None, False, True),
    (("bevorder", "bevordert", "bevorderen"), "bevorderen", None, False, False),
    (("pak", "pakt", "pakken", "aanpakt", "aanpakken"), "aanpakken", r"aan", True, False),
    (("start", "starten"), "starten", None, False, True),
    (("intensiveer", "intensiveert", "intensiveren"), "intensiveren", None, False, False),
    (("breng", "brengt", "brengen"), "in kaart brengen", r"in\s{1,3}kaart", False, False),
    (("los", "lost", "lossen", "oplost", "oplossen"), "oplossen", r"op", True, False),
)
JOINED = {"oplost", "oplossen",
          "inzet", "inzetten", "instelt", "instellen", "uitbreidt", "uitbreiden", "uitrolt", "uitrollen",
          "uitvoert", "uitvoeren", "aanpakt", "aanpakken", "inricht", "inrichten"}
ACTIONS = {form: (infinitive, re.compile(rf"(?<!\w)(?:{needs})(?:\s{{1,3}}op(?!\w)|\s{{0,3}}$)" if at_end
                                         else rf"(?<!\w)(?:{needs})") if needs else None, object_only)
           for forms, infinitive, needs, at_end, object_only in _LEXICON for form in forms}
MODALS = frozenset(_MODAL.split("|")) | {"toegezegd", "voornemens"}

# What the government has done, in the perfect tense: "heeft het Ministerie van BZK ...
# een startbijeenkomst georganiseerd", "heb ik een inventarisatie laten doen", "Het
# kabinet heeft een profiel opgesteld".
_DONE_PARTICIPLE = (
    r"georganiseerd|ontwikkeld|ingesteld|opgericht|gestart|opgestart|ingezet|uitgebreid|versterkt|onderzocht"
    r"|verkend|ingericht|uitgerold|uitgevoerd|geïnvesteerd|gefinancierd|ondersteund|gestimuleerd|aangepakt"
    r"|getroffen|genomen|opgesteld|geïntensiveerd|beschikbaar\s{1,3}gesteld|in\s{1,3}kaart\s{1,3}gebracht"
    r"|laten\s{1,3}(?:doen|uitvoeren|opstellen|maken|onderzoeken|ontwikkelen)"
    r"|aangepast|aangevuld|overgenomen|opgenomen|uitgewerkt|gemoderniseerd|gegeven|aangekondigd"
)
COMMIT_DONE = re.compile(
    # "De minister en de GGD-en hebben": the government with a partner
    rf"(?<![\w-])(?:(?P<subj>{_GOV_SUBJECT})(?:\s{{1,3}}en\s{{1,3}}(?:de|het)\s{{1,3}}[\w’'-]{{2,30}})?"
    rf"{_ADVERBS}\s{{1,3}}(?:heeft|hebben|heb)"
    rf"|(?:heeft|hebben|heb)\s{{1,3}}(?P<subj2>{_GOV_SUBJECT}))(?![\w-])"
    # up to the participle, without a comma (", ingesteld in mei 2022,") or another auxiliary,
    # but across an inserted phrase (", ter uitvoering van de moties,")
    rf"(?P<mid>(?:(?!(?<!\w)(?:heb|heeft|hebben|is|zijn|wordt|worden)(?!\w))(?:[^,.;:?!]|{_INSERTED})){{0,160}}?)"
    rf"\s(?P<verb>{_DONE_PARTICIPLE})(?!\w)"
)
DONE_NEEDS = {"getroffen": re.compile(r"maatregel"), "genomen": re.compile(r"maatregel"),
              "gegeven": re.compile(r"uitvoering|invulling|opdracht")}

# --- What is being done, in the passive voice: no subject, the government's own acts ---
#
# "Hiertoe worden jaarlijks middelen beschikbaar gesteld", "wordt hiervoor een algemene
# handreiking voor inspecties ontwikkeld", "zullen ... workshops worden georganiseerd",
# "is in 2022 een interdepartementale werkgroep ... opgestart", "Er wordt gewerkt aan
# inclusievere werving", "Het advies van de Afdeling is overgenomen", "De toelichting is
# op dit punt aangevuld". ``loaders.measures`` takes it only in a government document (or
# a minister's turn in a debate), in a main clause, with no agent other than the government.
_PASSIVE_PARTICIPLE = (
    r"georganiseerd|ontwikkeld|gestart|opgestart|ingezet|uitgevoerd|opgezet|uitgerold|ingericht|voortgezet"
    r"|ingevoerd|ingesteld|opgericht|uitgebreid|versterkt|onderzocht|verkend|geïnvesteerd|gefinancierd"
    r"|ondersteund|gestimuleerd|aangepakt|getroffen|opgesteld|geïntensiveerd|beschikbaar\s{1,3}gesteld"
    r"|gewerkt|aangepast|aangevuld|verduidelijkt|overgenomen|opgenomen|toegevoegd|ingevoegd|verwerkt"
    r"|gespecificeerd|geëvalueerd|gemoderniseerd|verminderd|teruggebracht|gehouden|gevoerd|ondernomen"
    r"|verricht|gesloten|gemaakt|vastgelegd|uitgewerkt|meegenomen|gegund|(?:be|ge)keken|genomen|besteed|bepaald"
    r"|gevraagd|verzocht"
)
# Participles that describe how a thing is in the present ("de gegevens worden lokaal
# verwerkt", "wordt een verslag gemaakt") and name an act only as a deed done ("zijn ...
# verwerkt", "is aangevuld") or to be done ("zal worden aangepast").
EDITS = frozenset("aangepast aangevuld verduidelijkt overgenomen opgenomen toegevoegd ingevoegd verwerkt "
                  "gespecificeerd vastgelegd gemaakt uitgewerkt ingesteld".split())
# Light verbs that name an act only with their noun: "onderzoek verricht", "afspraken gemaakt".
PASSIVE_NEEDS = {
    "verricht": re.compile(r"onderzoek|studie|analyse|evaluatie"),
    "gemaakt": re.compile(r"afspra|werk\s{1,3}van|plan"),
    "gehouden": re.compile(r"pilot|dialo|sessie|bijeenkomst|campagne|consultatie|enquête|onderzoek|training"),
    "gevoerd": re.compile(r"gesprek|dialo|overleg|campagne|beleid"),
    "gegund": re.compile(r"opdracht"),
    "genomen": re.compile(r"maatregel"),
    "besteed": re.compile(r"aandacht"),
}
# Participles that name an act only in the future: "zullen vervolgstappen worden bepaald",
# not "In artikel 3 is bepaald".
FUTURE_ONLY = frozenset({"bepaald"})
# Asking someone to act: "worden verzocht de bestrijding ... op te nemen", "zijn gevraagd een
# analyse op te stellen"; only with the infinitive of what they are asked to do.
ASKING = frozenset({"gevraagd", "verzocht"})
TO_INFINITIVE = re.compile(r"[^.;:?!]{0,200}?\ste\s{1,3}\w{2,30}en(?!\w)")
PERFECT_AUX = frozenset("is zijn was waren".split())
FUTURE = re.compile(r"(?<!\w)(?:zal|zullen)(?!\w)")
# The nearest auxiliary before the participle: no other auxiliary, no clause break between.
_AUX = r"wordt|worden|werd|werden|is|zijn|was|waren"
PASSIVE = re.compile(
    rf"(?<!\w)(?P<aux>{_AUX})(?!\w)"
    rf"(?P<mid>(?:(?!(?<!\w)(?:{_AUX}|heeft|hebben|heb|hadden|had)(?!\w))"
    rf"(?:[^,.;:?!()]|\.(?=\d)|\([^()\n]{{1,40}}\)|{_INSERTED})){{0,160}}?)"
    rf"\s(?P<verb>{_PASSIVE_PARTICIPLE})(?!\w)"
    # where a clause ends, not an adjective before its noun ("voortgezet onderwijs")
    r"(?=\s{0,3}(?:[,.;:!?()”’\"'<]|$|\s(?:voor|in|op|aan|met|door|om|bij|naar|van|ten|ter|tot|zodat|waarbij"
    r"|waarin|waarmee|en|of|die|dat|als|na|binnen|via|onder|over|per|sinds|vanaf|tegen|conform|rond|worden"
    r"|welke|hoe|wanneer|de|het|een|tussen|met|bij"
    r"|wordt|zijn|is|te|hetgeen|wat|waarop|kan|kunnen|zal|zullen|moet|moeten)(?!\w)))"
)
# The agent of a passive: "door dit kabinet", "door de overheid", "door mij" are the government.
AGENT = re.compile(r"(?<!\w)door\s{1,3}(?!middel\s)(?P<who>\w{1,20}(?:\s{1,3}\w{1,30}){0,2})")
GOV_AGENT = re.compile(
    r"^(?:(?:dit|het)\s{1,3}kabinet|de\s{1,3}(?:overheid|regering|rijksoverheid|minister|staatssecretaris)"
    r"|mij|ons|mijn\s{1,3}ministerie|het\s{1,3}ministerie)(?!\w)",
    re.IGNORECASE,
)
# What makes a passive no act of the government: an obligation or a possibility ("moeten
# worden teruggebracht", "kan worden gemonitord"), a hypothesis ("zou ... worden").
PASSIVE_NOT = re.compile(
    r"(?<!\w)(?:moet|moeten|mag|mogen|dient|dienen|kan|kunnen|zou|zouden|niet|geen|nooit)(?!\w)",
    re.IGNORECASE,
)
# A state, not an act: "is ... onvoldoende ontwikkeld", "is zo ingesteld dat".
DEGREE = re.compile(r"(?<!\w)(?:zo|zodanig|onvoldoende|voldoende|goed|slecht|sterk|ver|nauwelijks|beter"
                    r"|minder|volledig|grotendeels|deels)\s{1,3}$", re.IGNORECASE)
# A subordinate clause inside the stretch from auxiliary to participle: the participle is its verb.
EMBEDDED = re.compile(r"(?<!\w)(?:die|dat|welke|wat|of|hoe|waarin|waarmee|waarbij|waardoor|waarop|wanneer|als"
                      r"|zodat|omdat|indien)(?!\w)", re.IGNORECASE)
# What follows the participle and takes the act back: "versterkt kan worden".
AFTER_NOT = re.compile(r"\s{1,3}(?:kan|kunnen|moet|moeten|mag|mogen|zou|zouden)(?!\w)")

# The government reports what it is engaged in: "Ook nu weer ben ik in gesprek met VNG, IPO,
# ...", "Ik ben hierover in contact met alternatieve financiers", "ben ik op dit moment aan
# het spreken over een plan van aanpak", "Het kabinet is in overleg met de gemeenten".
ENGAGED = re.compile(
    rf"(?<![\w-])(?:(?P<subj>{_GOV_SUBJECT})\s{{1,3}}(?:ben|is|zijn)|(?:ben|is|zijn)\s{{1,3}}(?P<subj2>{_GOV_SUBJECT}))"
    r"(?![\w-])(?P<mid>[^,.;:?!]{0,60}?)"
    r"\s(?P<what>in\s{1,3}(?:gesprek|contact|overleg)\s{1,3}met|aan\s{1,3}het\s{1,3}\w{2,30}en\s{1,3}(?:over|met|aan))"
    r"(?P<rest>[^,.;:?!]{3,160})"
)

# What will be done: "Voor de feitelijke invoering zal, aldus de Kamerbrief, de juridische
# grondslag nog worden geëxpliciteerd", "In 2023 zullen ook de ... organisaties gevraagd worden
# om ...". In the future tense any participle names an act.
_ANY_PARTICIPLE = r"(?:\w{0,10}ge\w{2,25}|(?:be|ver|ont|her|er)\w{2,25})[dt]"
_FUTURE_MID = (rf"(?P<mid>(?:(?!(?<!\w)(?:{_AUX}|heeft|hebben|zal|zullen)(?!\w))"
               rf"(?:[^,.;:?!()]|\.(?=\d)|\([^()\n]{{1,40}}\)|{_INSERTED})){{0,160}}?)")
_CLAUSE_GOES_ON = (
    r"(?=\s{0,3}(?:[,.;:!?()”’\"'<]|$|\s(?:voor|in|op|aan|met|door|om|bij|naar|van|ten|ter|tot|zodat|waarbij"
    r"|waarin|waarmee|en|of|die|dat|als|na|binnen|via|onder|over|per|sinds|vanaf|tegen|conform|rond"
    r"|welke|hoe|wanneer|tussen)(?!\w)))"
)
FUTURE_PASSIVE = re.compile(
    rf"(?<!\w)(?P<aux>zal|zullen)(?!\w){_FUTURE_MID}\sworden\s{{1,3}}(?P<verb>{_ANY_PARTICIPLE})(?!\w){_CLAUSE_GOES_ON}"
)
FUTURE_PASSIVE_LAST = re.compile(  # "zullen ... gevraagd worden"
    rf"(?<!\w)(?P<aux>zal|zullen)(?!\w){_FUTURE_MID}\s(?P<verb>{_ANY_PARTICIPLE})\s{{1,3}}worden(?!\w){_CLAUSE_GOES_ON}"
)
