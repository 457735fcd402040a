"""Realistic synthetic corpora for the scale benchmark.

Writes letters (60%), motions (25%) and decision memos (15%) as the sample
corpus writes them: Kamerstukken in the officielebekendmakingen markdown layout
(dossier, number, heading, footnotes as <sup>N</sup>), memos as beslisnota
text. Documents cite earlier ones with a skewed, heavy-tailed distribution
(preferential attachment, as real citation networks do), in the citation forms
of the glossary, name motions with submitters, mention commissions and
instruments, announce measures, and are padded with policy prose to the corpus's
size (4 to 12 KB). The same seed gives the same corpus.
"""

from __future__ import annotations

import random
from pathlib import Path

SURNAMES = ["Westerveld", "Mutluer", "Belhaj", "Ceder", "Marijnissen", "Klaver", "Van Baarle", "Bikker", "Simons",
            "Kuzu", "Jasper van Dijk", "Azarkan", "Ellian", "Van der Plas", "Omtzigt", "Dassen", "Bromet", "Kröger",
            "Sneller", "Michon", "Hammelburg", "Koekkoek", "Paternotte", "Leijten", "Wilders", "Eerdmans"]
SURNAMES += [f"{a}{b}" for a in ("Van", "De", "Ter", "Ten") for b in ("berg", "vries", "haar", "bosch", "wal")]
MEASURES = ["een landelijk meldpunt voor discriminatie", "een discriminatietoets in het Integraal Afwegingskader",
            "de uitrol van het toetsingskader", "een Rijksbrede klachtenregeling ongewenste omgangsvormen",
            "workshops met het College voor de Rechten van de Mens en Movisie", "een nieuw PER onderzoek",
            "het opruimen van afkomstgerelateerde indicatoren in risicoprofielen", "een IAMA bij elk algoritme",
            "een pilot met het doorlichtingsinstrument van de Staatscommissie", "extra middelen voor de ADV's"]
PROSE = [
    "Het kabinet zet zich onverminderd in voor gelijke behandeling van iedereen in Nederland.",
    "De Nationaal Coördinator tegen Discriminatie en Racisme (NCDR) werkt daarbij samen met gemeenten.",
    "Het College voor de Rechten van de Mens heeft hierover eerder advies uitgebracht.",
    "Uitvoeringsorganisaties zoals de Belastingdienst, DUO en het UWV toetsen hun risicoprofielen.",
    "De Staatscommissie tegen Discriminatie en Racisme doet onderzoek naar discriminatie door de overheid.",
    "Daarbij wordt gebruikgemaakt van het toetsingskader en van een DPIA waar persoonsgegevens worden verwerkt.",
    "Ik informeer uw Kamer over de voortgang van deze maatregelen in de volgende voortgangsbrief.",
    "Gemeenten hebben een belangrijke rol bij de lokale aanpak van discriminatie.",
    "De antidiscriminatievoorzieningen ondersteunen mensen die discriminatie ervaren.",
    "Het is van belang dat meldingen serieus worden genomen en dat er opvolging plaatsvindt.",
    "Deze aanpak sluit aan bij de aanbevelingen uit het rapport van de VN Speciaal Rapporteur.",
    "De komende periode wordt bezien welke aanvullende stappen nodig zijn.",
]


class _Corpus:
    def __init__(self, documents: int, seed: int):
        self.rng = random.Random(seed)
        self.n = documents
        self.dossiers = [30950 + 13 * i for i in range(max(4, documents // 500))]
        self.ids: list[tuple[str, int, int]] = []  # (kind, dossier, nr)
        # each document once, plus once more per citation it received: a uniform pick
        # from this list is a pick proportional to 1 + citations, in constant time
        self.ballot: list[int] = []
        self.numbers: dict[int, int] = {}

    def _new_id(self, kind: str) -> tuple[str, int, int]:
        dossier = self.rng.choice(self.dossiers)
        self.numbers[dossier] = self.numbers.get(dossier, 0) + 1
        return kind, dossier, self.numbers[dossier]

    def _cited(self, k: int) -> list[tuple[str, int, int]]:
        """Earlier documents, chosen by preferential attachment (popular ones get cited more)."""
        if not self.ids:
            return []
        picks = [self.ballot[self.rng.randrange(len(self.ballot))] for _ in range(k)]
        self.ballot.extend(picks)
        return [self.ids[i] for i in sorted(set(picks))]

    def _prose(self, target_bytes: int) -> list[str]:
        paragraphs, size = [], 0
        while size < target_bytes:
            paragraph = " ".join(self.rng.choices(PROSE, k=self.rng.randint(3, 7)))
            paragraphs.append(paragraph)
            size += len(paragraph) + 2
        return paragraphs

    def _citation(self, cited: tuple[str, int, int], note: int) -> tuple[str, str | None]:
        """A sentence citing ``cited``, and the footnote it needs (if any)."""
        kind, dossier, nr = cited
        spaced = f"{str(dossier)[:2]} {str(dossier)[2:]}"
        name = self.rng.choice(SURNAMES)
        form = self.rng.randrange(6)
        if kind == "motion" and form < 3:
            return (f"Dit is mede gedaan naar aanleiding van de motie van het lid {name} c.s.<sup>{note}</sup>.",
                    f"Kamerstuk {spaced}, nr. {nr}.")
        if form == 0:
            return f"Zie ook Kamerstuk {spaced}, nr. {nr}.", None
        if form == 1:
            return f"Ik verwijs naar Kamerstukken II 2021/22, {dossier}, nr. {nr}.", None
        if form == 2:
            return (f"Hierover heb ik u eerder geïnformeerd<sup>{note}</sup>.",
                    f"Kamerstukken II 2022/23, {spaced}, nr. {nr}.")
        if form == 3:
            return f"Dit blijkt ook uit eerdere stukken ({spaced}, nr. {nr}).", None
        if form == 4:
            return f"Zie kst-{dossier}-{nr} voor de achtergrond.", None
        return f"Dit volgt uit Kamerstuk {spaced}, nr. {nr}, p. {self.rng.randint(2, 30)}.", None

    def document(self, i: int) -> tuple[str, str]:
        roll = self.rng.random()
        kind = "letter" if roll < 0.6 else "motion" if roll < 0.85 else "memo"
        ident = self._new_id(kind)
        cited = self._cited(self.rng.randint(1, 9))
        sentences: list[str] = []
        notes: list[str] = []
        for c in cited:
            sentence, note = self._citation(c, len(notes) + 1)
            sentences.append(sentence)
            if note:
                notes.append(note)
        if self.rng.random() < 0.5:
            sentences.append(f"Het is mijn inzet om te komen tot {self.rng.choice(MEASURES)}.")
        if self.rng.random() < 0.2:
            sentences.append("De Staatscommissie is ingesteld bij besluit (*Stcr.* 2022, 11349).")
        body = self._prose(self.rng.randint(3000, 10000))
        for s in sentences:
            body.insert(self.rng.randrange(len(body) + 1), s)
        text = self._render(kind, ident, body, notes, i)
        self.ballot.append(len(self.ids))
        self.ids.append(ident)
        return f"{i:06d}-{kind}-{ident[1]}-{ident[2]}" + (".txt" if kind == "memo" else ".md"), text

    def _render(self, kind: str, ident: tuple[str, int, int], body: list[str], notes: list[str], i: int) -> str:
        _, dossier, nr = ident
        date = f"{1 + i % 28} {['januari', 'maart', 'juni', 'oktober'][i % 4]} {2019 + i % 6}"
        foot = "\n\n".join(f"<sup>{n}</sup> {t}" for n, t in enumerate(notes, start=1))
        if kind == "memo":
            return (f"Beslisnota bij een reactie op motie {dossier}-{nr}\n\nAanleiding\n\n" + "\n\n".join(body)
                    + "\n\nGeadviseerd besluit\nU wordt gevraagd de brief te ondertekenen.\n\n" + foot + "\n")
        heading = ("BRIEF VAN DE MINISTER VAN BINNENLANDSE ZAKEN EN KONINKRIJKSRELATIES" if kind == "letter"
                   else f"MOTIE VAN HET LID {self.rng.choice(SURNAMES).upper()} C.S.")
        spaced = f"{str(dossier)[:2]} {str(dossier)[2:]}"
        return (f"Tweede Kamer der Staten-Generaal\n\nVergaderjaar 2021–2022\n\n**{spaced}**\n\n"
                f"**Racisme en discriminatie**\n\n**Nr. {nr}**\n\n**{heading}**\n\n"
                f"Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\nDen Haag, {date}\n\n"
                + "\n\n".join(body) + "\n\n" + foot + "\n")


def generate(folder: Path, documents: int, seed: int = 7) -> tuple[int, int]:
    """Write ``documents`` files into ``folder``; returns (files, bytes)."""
    folder.mkdir(parents=True, exist_ok=True)
    corpus, size = _Corpus(documents, seed), 0
    for i in range(documents):
        name, text = corpus.document(i)
        data = text.encode("utf-8")
        (folder / name).write_bytes(data)
        size += len(data)
    return documents, size
