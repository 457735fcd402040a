"""Letter metadata read despite the PDF template noise, one row per document."""

import pytest

from policykg.loaders.document import extract_file

from .conftest import CORPUS
from .corpus_expected import AMNESTY, KST, MONITOR, RACISME, VN

ORG = "https://w3id.org/policykg/id/org/"

# file -> expected fields (None: the text does not say)
EXPECTED = {
    VN: dict(kind="Letter", key="szw-2020-0000148620", date="2020-11-18", kenmerk="2020-0000148620",
             title="Kabinetsreactie rapport VN Speciaal Rapporteur Racisme 2019-2020",
             sender=ORG + "szw", addressee=ORG + "tweede-kamer", signatory="W. Koolmees"),
    KST: dict(kind="Letter", key="kst-30950-319", date="2022-10-21", dossier="30950",
              dossier_title="Racisme en Discriminatie", sender=ORG + "bzk", addressee=ORG + "tweede-kamer",
              signatory="H.G.J. Bruins Slot"),
    RACISME: dict(kind="Letter", key="bzk-2023-0000048297", date="2023-01-25", kenmerk="2023-0000048297",
                  title="Aanpak (institutioneel) racisme", sender=ORG + "bzk",
                  addressee=ORG + "tweede-kamer", signatory="Hanke Bruins Slot"),
    # The memo names no date and no ministry of its own: both stay unknown.
    MONITOR: dict(kind="DecisionMemo", key="2024-01-beslisnota-monitor-lokaal-antidiscriminatiebeleid",
                  date=None, sender=None),
    AMNESTY: dict(kind="DecisionMemo", date=None, sender=ORG + "bzk",
                  title="Reactie op het rapport van Amnesty International over etnisch profileren"),
}


@pytest.mark.parametrize("name", EXPECTED)
def test_metadata(name):
    ex = extract_file(CORPUS / name)
    got = {"key": ex.key, **ex.metadata.__dict__}
    for field, want in EXPECTED[name].items():
        assert got[field] == want, field


@pytest.mark.parametrize("name", [VN, KST, RACISME])
def test_metadata_spans_point_into_the_text(name):
    ex = extract_file(CORPUS / name)
    assert {"date", "sender", "addressee"} <= set(ex.metadata.spans)
    for span in ex.metadata.spans.values():
        assert ex.content[span.start:span.end] == span.text
