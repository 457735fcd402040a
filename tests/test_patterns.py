"""Citation forms of ../shared/GLOSSARY.md and of the real record, one row each:
(text, expected ids), and (text, own dossier, expected (type, id, text) rows)."""

import pytest

from policykg.loaders.find import find_citations

ROWS = [
    # Forms seen in the corpus
    ("Kamerstuk 30 950, nr. 295", ["kst-30950-295"]),
    ("Kamerstukken II 2019/2020, 26150, nr. 185", ["kst-26150-185"]),
    ("Kamerstukken II 2019/20, 30950, nr. 185", ["kst-30950-185"]),
    ("Kamerstukken 2021/22, 30950, nr. 315", ["kst-30950-315"]),
    ("kamerstukken II, 2021/22, 30950, \nnr. 316, pag 24-25", ["kst-30950-316"]),
    ("Kamerstukken II 2021/22, 31 490, nr. 317", ["kst-31490-317"]),
    ("*Stcr.* 2022, 11349", ["stcrt-2022-11349"]),
    # Forms in the wild (glossary: "Other forms exist in the wild")
    ("Kamerstukken I 2014/15, 33802, C", ["kst-33802-C"]),
    ("Kamerstuk 36 200 VII, nr. 12", ["kst-36200-VII-12"]),
    ("Kamerstuk 36200-VII, nr. 12", ["kst-36200-VII-12"]),
    ("Kamerstuk 30 950, nrs. 293 en 296", ["kst-30950-293", "kst-30950-296"]),
    ("Handelingen II 2019/20, nr. 85, item 7", ["h-tk-20192020-85-7"]),
    ("Aanhangsel Handelingen II 2022/23, nr. 1234", ["ah-tk-20222023-1234"]),
    ("Stb. 2021, 123", ["stb-2021-123"]),
    ("Stcrt. 2022, 11349", ["stcrt-2022-11349"]),
    ("Trb. 2020, 45", ["trb-2020-45"]),
    ("zie ECLI:NL:HR:2005:AT4537.", ["ECLI:NL:HR:2005:AT4537"]),
    ("BWBR0001840", ["BWBR0001840"]),
    ("zie kst-30950-295 en stcrt-2022-11349", ["kst-30950-295", "stcrt-2022-11349"]),
    # Not citations
    ("In 2021 is de Nationaal Coördinator gestart; 30 950 mensen, nr. 3", []),
    ("de Kamerstukken die ik noemde", []),
]


@pytest.mark.parametrize("text,expected", ROWS, ids=[r[0][:40] for r in ROWS])
def test_citation_form(text, expected):
    refs = find_citations(text)
    assert [r.id for r in refs if r.id] == expected
    for ref in refs:
        assert text[ref.start:ref.end] == ref.text


# Forms of the real record (../shared/real, ../shared/samples; file named per row), and what
# looks like a citation there but is not one. (id, text, dossier, expected (type, id, text)).
REAL_FORMS = [
    # 2025-02-18_kst-26643-1283_...: "(Kamerstuk 35 510, nr. 21)"; tweedekamer.nl writes it
    # "Kamerstuk 35510-21" (issue 11)
    ("dossier-hyphen-number", "Kamerstuk 35510-21", None,
     [("kamerstuk", "kst-35510-21", "Kamerstuk 35510-21")]),
    # 2023-01-31_kst-26643-967_...: title "... van het ministerie van BZK (Kamerstuk 26643-938)"
    ("dossier-hyphen-number berthub", "(Kamerstuk 26643-938)", None,
     [("kamerstuk", "kst-26643-938", "Kamerstuk 26643-938")]),
    # a dossier with its toevoeging and no number is no document: "-02" is no "nr. 2"
    ("dossier with numeric toevoeging alone", "in Kamerstuk 21501-02 staan de verslagen", None, []),
    # samples/2025-04-10_kst-21501-02-3121_motie-ceder-gaza.pdf: "21 501-02, nr. 3121"
    ("numeric toevoeging bare", "de motie 21 501-02, nr. 3121 is", None,
     [("kamerstuk", "kst-21501-02-3121", "21 501-02, nr. 3121")]),
    ("numeric toevoeging with Kamerstuk", "zie Kamerstuk 21501-02, nr. 3121.", None,
     [("kamerstuk", "kst-21501-02-3121", "Kamerstuk 21501-02, nr. 3121")]),
    # 2024-12-17_kst-21501-20-2146_motie-dijk-staalindustrie.txt: "21 501-20 Europese Raad, nr. 2146"
    ("numeric toevoeging -20", "(21 501-20, nr. 2146)", None,
     [("kamerstuk", "kst-21501-20-2146", "21 501-20, nr. 2146")]),
    # 2024-10-09_kst-32317-898_...xml: "bij motie (36 410-VI, nr. 87)"
    ("roman toevoeging hyphen", "bij motie (36 410-VI, nr. 87) in", None,
     [("kamerstuk", "kst-36410-VI-87", "36 410-VI, nr. 87")]),
    # 2023-02-15_kst-30950-327_...: "(Kamerstuk 36 200 VII, nr. 139)"
    ("roman toevoeging space", "(Kamerstuk 36 200 VII, nr. 139);", None,
     [("kamerstuk", "kst-36200-VII-139", "Kamerstuk 36 200 VII, nr. 139")]),
    # samples/2024-04-25_kst-30950-388_...xml: "de aangenomen motie 36 410 VI, nr. 69" (no-break spaces)
    ("roman toevoeging no-break spaces", "de aangenomen motie 36\u00a0410\u00a0VI, nr.\u00a069,", None,
     [("kamerstuk", "kst-36410-VI-69", "36\u00a0410\u00a0VI, nr.\u00a069")]),
    # 2024-11-25_kst-36600-A-34_motie-vedder-cs-haven-werkendam.txt: dossier "36 600 A"
    ("letter toevoeging", "de motie (36 600 A, nr. 34) over", None,
     [("kamerstuk", "kst-36600-A-34", "36 600 A, nr. 34")]),
    # issue 11 (a stemmingen list): "(30950, nr. 201, was nr. 188)"
    ("gewijzigde motie was nr.", "motie-X over Y (30950, nr. 201, was nr. 188).", None,
     [("kamerstuk", "kst-30950-201", "30950, nr. 201"), ("kamerstuk", "kst-30950-188", "nr. 188")]),
    # issue 11: "ter vervanging van die gedrukt onder nr. 1477"; dossier from the document
    ("ter vervanging", "ter vervanging van die gedrukt onder nr. 1477", "21501-20",
     [("kamerstuk", "kst-21501-20-1477", "nr. 1477")]),
    ("ter vervanging, no dossier", "ter vervanging van die gedrukt onder nr. 1477", None, []),
    # 2024-03-12_kst-36372-23_gewijzigde-motie-...: "TER VERVANGING VAN DIE GEDRUKT ONDER NR. 19"
    ("ter vervanging capitals", "GEWIJZIGDE MOTIE VAN HET LID EERDMANS TER VERVANGING VAN DIE GEDRUKT ONDER NR. 19",
     "36372", [("kamerstuk", "kst-36372-19", "NR. 19")]),
    # 2024-10-15_kst-36600-XII-57_gewijzigde-motie-kostic-...: own dossier with toevoeging
    ("ter vervanging toevoeging", "TER VERVANGING VAN DIE GEDRUKT ONDER NR. 45", "36600-XII",
     [("kamerstuk", "kst-36600-XII-45", "NR. 45")]),
    # samples/2018_h-tk-20172018-61-10_...xml: "de motie op stuk nr. 199 van de leden Wörsdöfer"
    ("op stuk nr.", "de motie op stuk nr. 199 van de leden", "31311",
     [("kamerstuk", "kst-31311-199", "nr. 199")]),
    ("op stuk nr., no dossier", "de motie op stuk nr. 199 van de leden", None, []),
    # samples/2018_h-tk-20172018-61-10_...xml: "Zij krijgt nr. 199 (31311)." and later
    # "op stuk nr. 199": the debate's dossier
    ("krijgt nr. and op stuk", "Zij krijgt nr. 199 (31311).\nDan de motie op stuk nr. 199.", None,
     [("kamerstuk", "kst-31311-199", "nr. 199 (31311)"), ("kamerstuk", "kst-31311-199", "nr. 199")]),
    # 2018-2019_h-tk-20182019-62-6_vao-discriminatie-moties-ozutok.txt: "Zij krijgt nr. 163 (30950)."
    ("krijgt nr.", "Zij krijgt nr. 163 (30950).", None,
     [("kamerstuk", "kst-30950-163", "nr. 163 (30950)")]),
    # 2023-01-31_kst-26643-967_...: "(Kamerstukken 26 643 en 32 761, nr. 938)"
    ("two dossiers", "(Kamerstukken 26 643 en 32 761, nr. 938).", None,
     [("kamerstuk", "kst-26643-938", "Kamerstukken 26 643 en 32 761, nr. 938")]),
    # 2017-04-19_kst-32824-194_...: "(Kamerstukken 32 824 en 29 279, nr. 148)"
    ("two dossiers 2", "(Kamerstukken 32 824 en 29 279, nr. 148).", None,
     [("kamerstuk", "kst-32824-148", "Kamerstukken 32 824 en 29 279, nr. 148")]),
    # 2017-04-19_kst-32824-194_...: "(Handelingen II 2016/17, nr. 66, item 6)"
    ("handelingen item", "(Handelingen II 2016/17, nr. 66, item 6)", None,
     [("handelingen", "h-tk-20162017-66-6", "Handelingen II 2016/17, nr. 66, item 6")]),
    # 2025-02-04_2025D04328_...: "Zie ook Aanhangsel Handelingen, vergaderjaar 2024–2025, nr. 1028."
    ("aanhangsel vergaderjaar", "Zie ook Aanhangsel Handelingen, vergaderjaar 2024–2025, nr. 1028.", None,
     [("aanhangsel", "ah-tk-20242025-1028", "Aanhangsel Handelingen, vergaderjaar 2024–2025, nr. 1028")]),
    # Eerste Kamer Handelingen as the Senate cites them (no "nr."), h-ek-... ids
    ("handelingen eerste kamer", "Handelingen I 2020/21, 26, item 7", None,
     [("handelingen", "h-ek-20202021-26-7", "Handelingen I 2020/21, 26, item 7")]),
    # 2023-06-20_kst-CXLVI-AA_...: "(CXLVI, X)"; official id kst-CXLVI-X
    ("senate roman dossier", "antidiscriminatiewetgeving (CXLVI, X);", None,
     [("kamerstuk", "kst-CXLVI-X", "CXLVI, X")]),
    # 2021-02-23_ek-2020-2021-nr26_...: "(CXLIII, A)" and "CXLIII, letter A"
    ("senate roman letter", "het onderzoeksvoorstel, CXLIII, letter A, het verslag", None,
     [("kamerstuk", "kst-CXLIII-A", "CXLIII, letter A")]),
    ("senate with Kamerstukken", "Kamerstukken I 2022/23, CXLVI, AA", None,
     [("kamerstuk", "kst-CXLVI-AA", "Kamerstukken I 2022/23, CXLVI, AA")]),
    # file names of ../shared/real: kst-CXLVI-AA, kst-36600-A-34, kst-21501-02-3121, kst-36600-XII-57
    ("official ids", "kst-CXLVI-AA, kst-36600-A-34, kst-21501-02-3121", None,
     [("kamerstuk", "kst-CXLVI-AA", "kst-CXLVI-AA"), ("kamerstuk", "kst-36600-A-34", "kst-36600-A-34"),
      ("kamerstuk", "kst-21501-02-3121", "kst-21501-02-3121")]),
    # samples/2020-08-21_kst-35538-4_...pdf: "kenmerk 2020D29967"
    ("tk document number", "van 14 juli 2020, kenmerk 2020D29967, p. 21", None,
     [("tk-document", "2020D29967", "2020D29967")]),
    # 2021-06-24_kst-30950-250_...: "Onderdeel van zaak 2021Z11614:"
    ("tk zaak number", "Onderdeel van zaak 2021Z11614:", None, [("tk-zaak", "2021Z11614", "2021Z11614")]),
    # 2012-12-28_kv-tk-2012Z22998_... (file name): a zaak number inside an official id is not one
    ("zaak inside an id", "zie kv-tk-2012Z22998", None, []),
    # samples/2020-08-21_kst-35538-4_...pdf: "21 november 2019, nr. W16.19.0159/II, Kamerstukken II
    # 2019/20, 35 447, nr. 4." and "nr.W13.20.0180/III."
    ("raad van state", "21 november 2019, nr. W16.19.0159/II, Kamerstukken II 2019/20, 35 447, nr. 4.", None,
     [("raad-van-state", "W16.19.0159/II", "W16.19.0159/II"),
      ("kamerstuk", "kst-35447-4", "Kamerstukken II 2019/20, 35 447, nr. 4")]),
    ("raad van state glued", "nr.W13.20.0180/III. en W04.20.0123/I", None,
     [("raad-van-state", "W13.20.0180/III", "W13.20.0180/III"),
      ("raad-van-state", "W04.20.0123/I", "W04.20.0123/I")]),
    # samples/2020-08-21_kst-35538-4_...pdf: "pandemie, 2020/C 124 I/01, paragraaf 2"
    ("eu notice", "pandemie, 2020/C 124 I/01, paragraaf 2", None,
     [("eu-journal", "OJ C 124I, 2020", "2020/C 124 I/01")]),
    # issue 11: EU journal forms
    ("eu journal year first", "(PbEU 2016, L 119)", None, [("eu-journal", "OJ L 119, 2016", "PbEU 2016, L 119")]),
    ("eu journal date", "PB L 119 van 4.5.2016", None, [("eu-journal", "OJ L 119, 2016", "PB L 119 van 4.5.2016")]),
    ("eu journal page", "Pb EU L 119/1", None, [("eu-journal", "OJ L 119", "Pb EU L 119/1")]),
    # Forms of the record that ../shared does not hold (kept so they stay found):
    # a Kamerbrief footnote in the words of the typeset header, ended by a full stop
    ("footnote tweede kamer vergaderjaar", "5 Tweede Kamer, vergaderjaar 2020-2021, 35 510, nr. 2.", None,
     [("kamerstuk", "kst-35510-2", "Tweede Kamer, vergaderjaar 2020-2021, 35 510, nr. 2")]),
    ("footnote TK", "TK 2004-2005, 29 800 VI, nr. 2", None,
     [("kamerstuk", "kst-29800-VI-2", "TK 2004-2005, 29 800 VI, nr. 2")]),
    ("nr. and nr.", "Kamerstuk 30 950, nr. 295 en nr. 296", None,
     [("kamerstuk", "kst-30950-295", "Kamerstuk 30 950, nr. 295 en nr. 296"),
      ("kamerstuk", "kst-30950-296", "Kamerstuk 30 950, nr. 295 en nr. 296")]),
    # an appraisal in a debate on a gewijzigde motie
    ("op stuk was", "de motie op stuk nr. 201 (was nr. 188)", "30950",
     [("kamerstuk", "kst-30950-201", "nr. 201"), ("kamerstuk", "kst-30950-188", "nr. 188")]),
    # "op stuk nr." with no dossier of its own, of the document or of a motion moved before:
    # not placed, not even where the other citations are all in one dossier (no guess)
    ("op stuk one dossier", "de motie-X (30950, nr. 3). De motie op stuk nr. 3 is aangenomen.", None,
     [("kamerstuk", "kst-30950-3", "30950, nr. 3")]),
    ("op stuk two dossiers", "(30950, nr. 3) en (31066, nr. 4); de motie op stuk nr. 3", None,
     [("kamerstuk", "kst-30950-3", "30950, nr. 3"), ("kamerstuk", "kst-31066-4", "31066, nr. 4")]),
    # an Eerste Kamer motion on a bill, as the Senate numbers it with letters
    ("senate bill letter", "de motie-Rosenmöller c.s. (35 570 VII, G)", None,
     [("kamerstuk", "kst-35570-VII-G", "35 570 VII, G")]),
    ("handelingen eerste kamer words", "Handelingen Eerste Kamer 2020/21, nr. 26, item 7", None,
     [("handelingen", "h-ek-20202021-26-7", "Handelingen Eerste Kamer 2020/21, nr. 26, item 7")]),
    # Held-out forms of the public record (not in ../shared; officielebekendmakingen.nl items as
    # stored in the search corpus), kept short:
    # h-tk-20152016-11-8 (Regeling van werkzaamheden): a motion changed before the vote
    ("krijgt nr. was nr.", "Zij krijgt nr. 348, was nr. 347 (32317).", None,
     [("kamerstuk", "kst-32317-348", "nr. 348, was nr. 347 (32317)"), ("kamerstuk", "kst-32317-347", "nr. 347")]),
    # h-tk-20072008-7103-7103 (stemmingen): a member names the dossier before "op stuk nr."
    ("dossier before op stuk", "bij 27565, de motie op stuk nr. 70", None,
     [("kamerstuk", "kst-27565-70", "nr. 70")]),
    ("dossier before op stuk, debate dossier", "Zij krijgt nr. 34 (26407). Bij 27565, de motie op stuk nr. 70",
     None, [("kamerstuk", "kst-26407-34", "nr. 34 (26407)"), ("kamerstuk", "kst-27565-70", "nr. 70")]),
    # h-tk-20182019-86-22 (Regeling van werkzaamheden): motions held, listed by id after a colon
    ("motions listed by id", "moties opnieuw aan te houden: 29911-226; 21501-08-765; 36410-VII-12.", None,
     [("kamerstuk", "kst-29911-226", "29911-226"), ("kamerstuk", "kst-21501-08-765", "21501-08-765"),
      ("kamerstuk", "kst-36410-VII-12", "36410-VII-12")]),
    ("ids need a motion and a colon", "de periode: 1995-2000; in 33836-36 gevallen", None, []),
    # Not citations: the document's own id and page furniture.
    # samples/2020-08-21_kst-35538-4_...pdf: running page header and the imprint
    ("running header", "Tweede Kamer, vergaderjaar 2019–2020, 35 538, nr. 4 2", None, []),
    ("running header toevoeging", "’s-Gravenhage 2025 Tweede Kamer, vergaderjaar 2024–2025, 21 501-02, nr. 3121",
     None, []),
    ("imprint", "Ceder\nkst-21501-02-3121\nISSN 0921 - 7371", None, []),
    # 2021-06-24_kst-30950-250_...: "officiële HTML versie (kst-30950-250)."
    ("page furniture", "link naar pagina op de Tweede Kamer site, officiële HTML versie (kst-30950-250).", None, []),
    ("dossier furniture", "Onderdeel van kamerstukdossier 30950 -250 Racisme en Discriminatie.", None, []),
    # 2025-03-19_kst-30950-443_motie-van-baarle-moslimhaat.txt: the motion's own header
    ("motion header", "Kamerstukken\n30 950\nRacisme en Discriminatie\nNr.\n443\nMOTIE", None, []),
    # 2024-11-25_kst-36600-A-34_...: "Kamerstukken\n36 600\nA\nVaststelling ..."
    ("motion header letter", "Kamerstukken\n36 600\nA\nVaststelling van de begrotingsstaat", None, []),
    # samples/2024-04-25_kst-30950-388_...xml: "Tweede Kamer der Staten-Generaal 2 Kamerstukken 30 950"
    ("xml heading", "Tweede Kamer der Staten-Generaal 2 Kamerstukken 32 317\n\nNr. 898", None, []),
    # 2021-02-23_ek-2020-2021-nr26_...: "Verslag van de vergadering van 23 februari 2021 (2020/2021 nr. 26)"
    ("senate own number", "vergadering van 23 februari 2021 (2020/2021 nr. 26)", None, []),
    # 2003-09-16_03M459859_...: address block; samples/2020-08-12_landsadvocaat-...pdf: register numbers
    ("postcodes", "Postbus 20001 Plein 2\n2500 EA Den Haag 2511 CR DEN HAAG", None, []),
    ("register numbers", "in het Handelsregister onder nr. 27283716 ... onder nr. 36/2020.", None, []),
    ("phone and dates", "bel 070 426 6426; op 25 april 2024; 36200-VII; de Kamerstukken 2019-2020", None, []),
    ("sizes are not senate papers", "maten (XL, L) en (C, D)", None, []),
]


@pytest.mark.parametrize("text,dossier,expected", [r[1:] for r in REAL_FORMS],
                         ids=[r[0] for r in REAL_FORMS])
def test_real_citation_form(text, dossier, expected):
    kinds = {"kamerstuk", "handelingen", "aanhangsel", "tk-document", "tk-zaak", "raad-van-state",
             "eu-journal"}
    refs = [r for r in find_citations(text, dossier=dossier) if r.type in kinds]
    assert [(r.type, r.id, r.text) for r in refs] == expected
    for ref in refs:
        assert text[ref.start:ref.end] == ref.text
