"""Motions as published (text extracted by other tools, officielebekendmakingen XML and
web pages, a typeset PDF): the own id from the header, every signatory, the "Voorgesteld"
date, the considerations and the request, what a gewijzigde motie replaces, and the graph
in which the motion document is the motion node that Open Data and citing letters use.

The documents are real and are read from ../shared/ (beside the clone); the project keeps
no copy of them.
"""

from pathlib import Path

import pytest
from rdflib import RDF, Literal
from rdflib.namespace import FOAF

from policykg.graph import iris
from policykg.graph.build import build_graph
from policykg.graph.validate import validate_graph
from policykg.loaders.document import extract_file, extract_text
from policykg.namespaces import PKG

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLD_DOCUMENTS = Path(__file__).resolve().parent / "gold" / "documents"
ABSENT = "../shared/ is not beside the clone (CI has it): the real motions are read from there"

# file -> (own id, signatories in printed order, "Voorgesteld" date, replaces,
#          number of considerations, number of requests)
MOTIONS = {
    # officielebekendmakingen web page: metadata table, "34 300 VI Vaststelling ...", "Nr. 61 MOTIE ..."
    "real/2015-11-26_kst-34300-VI-61_motie-kuzu-etnisch-profileren-politie.txt":
        ("kst-34300-VI-61", ("Kuzu",), "2015-11-26", None, 3, 1),
    # web page; two names at the foot, "Naar boven" after them is page furniture
    "real/2019-03-13_kst-30950-170_motie-gijs-van-dijk-van-den-hul-discriminatie-moslims.txt":
        ("kst-30950-170", ("Gijs van Dijk", "Van den Hul"), "2019-03-13", None, 3, 1),
    # one element per line; gewijzigde motie "TER VERVANGING VAN DIE GEDRUKT ONDER NR. 19"
    "real/2024-03-12_kst-36372-23_gewijzigde-motie-eerdmans-justitieel-complex-vlissingen.txt":
        ("kst-36372-23", ("Eerdmans",), "2024-03-12", "kst-36372-19", 3, 1),
    # one element per line; toevoeging "VII" on a line of its own
    "real/2024-04-17_kst-36410-VII-108_motie-van-oostenbruggen-palmen-opleiding-ambtenaren.txt":
        ("kst-36410-VII-108", ("Van Oostenbruggen", "Palmen"), "2024-04-17", None, 3, 1),
    # "MOTIE VAN HET LID EERDMANS C.S.", nine names at the foot; dictum "roept uit" and "besluit"
    "real/2024-04-25_kst-30950-377_motie-eerdmans-cs-landelijke-dag-tegen-antisemitisme.txt":
        ("kst-30950-377", ("Eerdmans", "Wilders", "Boon", "Van der Plas", "Ellian", "Diederik van Dijk",
                           "Palmen", "Bikker", "Boswijk"), "2024-04-25", None, 1, 2),
    # one element per line; dossier "32 824" with its title "Integratiebeleid"
    "real/2024-05-30_kst-32824-424_motie-koekkoek-voorschool-kinderen-arbeidsmigranten.txt":
        ("kst-32824-424", ("Koekkoek",), "2024-05-30", None, 5, 1),
    # officielebekendmakingen XML: id from the metadata record, names in an <al-groep>
    "real/2024-10-09_kst-32317-898_motie-diederik-van-dijk-eerdmans-verdeelsleutel.xml":
        ("kst-32317-898", ("Diederik van Dijk", "Eerdmans"), "2024-10-09", None, 3, 1),
    # gewijzigde motie "VAN KOSTIĆ" (no "het lid"), toevoeging "XII"
    "real/2024-10-15_kst-36600-XII-57_gewijzigde-motie-kostic-gezondheidsonderzoek-luchtvaart.txt":
        ("kst-36600-XII-57", ("Kostić",), "2024-10-15", "kst-36600-XII-45", 2, 1),
    # toevoeging "A"; "Voorgesteld tijdens het Notaoverleg van" with the date on the next line
    "real/2024-11-25_kst-36600-A-34_motie-vedder-cs-haven-werkendam.txt":
        ("kst-36600-A-34", ("Vedder", "Peter de Groot", "Grinwis", "Stoffer", "Olger van Dijk"),
         "2024-11-25", None, 2, 1),
    # numeric toevoeging split over lines: "21 501" / "-" / "20"
    "real/2024-12-17_kst-21501-20-2146_motie-dijk-staalindustrie.txt":
        ("kst-21501-20-2146", ("Dijk",), "2024-12-17", None, 2, 1),
    # one element per line; a long dossier title
    "real/2025-02-05_kst-36541-13_motie-krul-vergunningsstelsel-tabak.txt":
        ("kst-36541-13", ("Krul",), "2025-02-05", None, 3, 1),
    # one element per line, the example
    "real/2025-03-19_kst-30950-443_motie-van-baarle-moslimhaat.txt":
        ("kst-30950-443", ("Van Baarle",), "2025-03-19", None, 1, 1),
    # officielebekendmakingen XML with no-break spaces; two requests
    "samples/2024-04-25_kst-30950-388_motie-diederik-van-dijk-flach-antisemitisme-inburgering.xml":
        ("kst-30950-388", ("Diederik van Dijk", "Flach"), "2024-04-25", None, 2, 2),
    # typeset PDF, dossier "21 501-02", clauses wrapped over lines ("mede\ngezien" is no clause)
    "samples/2025-04-10_kst-21501-02-3121_motie-ceder-gaza.pdf":
        ("kst-21501-02-3121", ("Ceder",), "2025-04-10", None, 3, 1),
}


def _path(name: str) -> Path:
    path = SHARED / name
    if not path.exists():
        pytest.skip(ABSENT)
    return path


@pytest.mark.parametrize("name", MOTIONS)
def test_motion_as_published(name):
    identifier, submitters, date, replaces, considerations, requests = MOTIONS[name]
    meta = extract_file(_path(name)).metadata
    assert (meta.kind, meta.identifier, meta.submitters, meta.date, meta.replaces) == (
        "Motion", identifier, submitters, date, replaces)
    assert (len(meta.considerations), len(meta.requests)) == (considerations, requests)
    assert meta.dossier == identifier[4:].rsplit("-", 1)[0]
    assert meta.addressee is None  # "Tweede Kamer der Staten-Generaal" in its header is its author


@pytest.mark.parametrize("name", MOTIONS)
def test_motion_spans_point_into_the_text(name):
    ex = extract_file(_path(name))
    meta = ex.metadata
    for key, span in meta.spans.items():
        assert ex.content[span.start:span.end] == span.text, key
    assert [meta.spans[f"request-{i}"].text for i in range(1, len(meta.requests) + 1)] == list(meta.requests)
    assert all(c.startswith(("constaterende", "overwegende", "van mening")) for c in meta.considerations)
    assert all(r.startswith(("verzoekt", "roept", "besluit")) for r in meta.requests)
    assert all(not c.endswith((";", ",")) for c in meta.considerations + meta.requests)


def test_request_runs_to_the_end_of_its_clause_across_lines():
    # the PDF wraps the request over five lines; "mede\ngezien" continues it
    meta = extract_file(_path("samples/2025-04-10_kst-21501-02-3121_motie-ceder-gaza.pdf")).metadata
    request = " ".join(meta.requests[0].split())
    assert request.startswith("verzoekt de regering Israël op te roepen")
    assert "mede gezien de opstelling van de VS" in request
    assert request.endswith("een duurzaam perspectief")


def test_written_motion_keeps_its_signatories():
    # tests/gold/documents/motion.txt, written for the gold set: "Nr. 360 MOTIE VAN HET LID SIMONS C.S."
    meta = extract_file(GOLD_DOCUMENTS / "motion.txt").metadata
    assert (meta.identifier, meta.submitters, meta.date) == ("kst-30950-360", ("Simons", "Bikker", "Mutluer"),
                                                            "2023-07-04")
    assert len(meta.considerations) == 4 and meta.requests[0].startswith("verzoekt de regering, de meldplicht")


def test_motion_document_is_the_motion_node():
    # real/2025-03-19_kst-30950-443: the node a letter citing kst-30950-443 and Open Data use
    ex = extract_file(_path("real/2025-03-19_kst-30950-443_motie-van-baarle-moslimhaat.txt"))
    graph = build_graph(ex)
    motion, person = iris.document("kst-30950-443"), iris.person("Van Baarle")
    assert (motion, RDF.type, PKG.Motion) in graph
    assert (motion, PKG.submittedBy, person) in graph
    assert (person, FOAF.name, Literal("Van Baarle")) in graph
    assert (motion, PKG.partOfDossier, iris.dossier("30950")) in graph
    request = graph.value(motion, PKG.requestText)
    assert str(request).startswith("verzoekt de regering om in samenwerking")
    evidence = next(graph.subjects(RDF.object, request))
    assert graph.value(evidence, PKG.rule) == Literal("motion-request")
    start, end = int(graph.value(evidence, PKG.start)), int(graph.value(evidence, PKG.end))
    assert ex.content[start:end] == str(request)


def test_gewijzigde_motie_replaces_with_evidence():
    # real/2024-03-12_kst-36372-23: "TER VERVANGING VAN DIE GEDRUKT ONDER NR. 19"
    ex = extract_file(_path("real/2024-03-12_kst-36372-23_gewijzigde-motie-eerdmans-justitieel-complex-vlissingen.txt"))
    graph = build_graph(ex)
    motion, replaced = iris.document("kst-36372-23"), iris.document("kst-36372-19")
    assert (motion, PKG.replaces, replaced) in graph
    evidence = next(graph.subjects(RDF.object, replaced))
    assert str(graph.value(evidence, PKG.quote)) == "TER VERVANGING VAN DIE GEDRUKT ONDER NR. 19"
    assert len(list(graph.objects(motion, PKG.consideration))) == 3


@pytest.mark.parametrize("name", [n for n in MOTIONS if n.endswith((".xml", ".pdf"))] + [
    "real/2024-04-25_kst-30950-377_motie-eerdmans-cs-landelijke-dag-tegen-antisemitisme.txt"])
def test_motion_graph_conforms_to_the_shapes(name):
    # a motion cited without its submitters ("bij motie (36 410-VI, nr. 87)") stays a Kamerstuk
    report = validate_graph(build_graph(extract_file(_path(name))))
    assert report.violations == 0, report.text()


def test_signatories_from_the_heading_when_the_foot_has_none_or_joins_them():
    # real/2019-03-13_kst-30950-170 as other tools give it: foot cut off, or its names on one line
    text = _path("real/2019-03-13_kst-30950-170_motie-gijs-van-dijk-van-den-hul-discriminatie-moslims.txt").read_text()
    foot = "Gijs van Dijk\n\nVan den Hul"
    assert foot in text
    for variant in (text.split(foot)[0], text.replace(foot, "Gijs van Dijk Van den Hul")):
        meta = extract_text(variant, "motion.txt").metadata
        assert meta.submitters == ("Gijs van Dijk", "Van den Hul")
        for i in (1, 2):
            span = meta.spans[f"submitter-{i}"]
            assert variant[span.start:span.end] == span.text


def test_heading_not_in_capitals():
    # real/2025-03-19_kst-30950-443 with the heading as a web page prints it
    text = _path("real/2025-03-19_kst-30950-443_motie-van-baarle-moslimhaat.txt").read_text()
    variant = text.replace("MOTIE VAN HET LID VAN BAARLE", "Motie van het lid Van Baarle").replace("\nVan Baarle", "")
    meta = extract_text(variant, "motion.txt").metadata
    assert (meta.kind, meta.identifier, meta.submitters) == ("Motion", "kst-30950-443", ("Van Baarle",))
