"""The namespaces policykg uses, defined once, and Python names for the
ontology's terms (a typo fails loudly).

``tests/test_namespaces.py`` checks this list against ``ontology/policykg.ttl``,
so code and ontology cannot drift.
"""

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

PKGID = Namespace("https://w3id.org/policykg/id/")
PKGG = Namespace("https://w3id.org/policykg/graph/")
OEP = Namespace("https://zoek.officielebekendmakingen.nl/")
PKGSH = Namespace("https://w3id.org/policykg/shapes#")
SH = Namespace("http://www.w3.org/ns/shacl#")  # SHACL, as the shapes and pySHACL's reports use it


class PKG(DefinedNamespace):
    """The policykg ontology, https://w3id.org/policykg/def#."""

    _NS = Namespace("https://w3id.org/policykg/def#")
    _fail = True

    # Classes
    Document: URIRef
    Letter: URIRef
    DecisionMemo: URIRef
    Motion: URIRef
    Report: URIRef
    Decision: URIRef
    ParliamentaryPaper: URIRef
    GazettePublication: URIRef
    Proceedings: URIRef
    Legislation: URIRef
    CourtDecision: URIRef
    Dossier: URIRef
    Debate: URIRef
    Organisation: URIRef
    Ministry: URIRef
    Commission: URIRef
    Coordinator: URIRef
    HumanRightsInstitute: URIRef
    Parliament: URIRef
    NGO: URIRef
    ExecutiveAgency: URIRef
    InternationalBody: URIRef
    Person: URIRef
    Instrument: URIRef
    Measure: URIRef
    Recommendation: URIRef
    Evidence: URIRef
    Rule: URIRef
    Curation: URIRef
    Assertion: URIRef
    Rejection: URIRef
    Party: URIRef
    Vote: URIRef
    DataRecord: URIRef
    Undertaking: URIRef

    # Object properties
    cites: URIRef
    respondsTo: URIRef
    submittedBy: URIRef
    requests: URIRef
    ledTo: URIRef
    usesInstrument: URIRef
    responsibleFor: URIRef
    establishedBy: URIRef
    partOfDossier: URIRef
    sender: URIRef
    addressee: URIRef
    mentions: URIRef
    sourceDocument: URIRef
    announces: URIRef
    curator: URIRef
    vote: URIRef
    party: URIRef
    memberOf: URIRef
    replaces: URIRef
    madeBy: URIRef
    madeIn: URIRef
    concerns: URIRef
    fulfils: URIRef

    # Datatype properties
    requestText: URIRef
    consideration: URIRef
    date: URIRef
    identifier: URIRef
    kenmerk: URIRef
    sourceFile: URIRef
    contentHash: URIRef
    start: URIRef
    end: URIRef
    line: URIRef
    occurrences: URIRef
    quote: URIRef
    rule: URIRef
    ruleName: URIRef
    confidence: URIRef
    period: URIRef
    year: URIRef
    startDate: URIRef
    note: URIRef
    outcome: URIRef
    decisionText: URIRef
    cabinetAppraisal: URIRef
    otherPartiesChoice: URIRef
    caseNumber: URIRef
    choice: URIRef
    seats: URIRef
    mistake: URIRef
    text: URIRef
    status: URIRef
    deadline: URIRef
    ministry: URIRef
    function: URIRef
