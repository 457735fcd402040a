"""Hand-made list of what the five corpus documents cite, read off the texts.

Every Kamerstuk and Staatscourant citation, and every motion named in the
Kamerstuk letter with its submitters. Tests compare extraction against these
rows one by one.
"""

CORPUS = "examples/corpus"
VN = "2020-11-18_kabinetsreactie-vn-speciaal-rapporteur-racisme.txt"
KST = "2022-10-21_kst-30950-319_reactie-amnesty-discriminerende-risicoprofielen.md"
RACISME = "2023-01-25_kamerbrief-aanpak-institutioneel-racisme.txt"
MONITOR = "2024-01_beslisnota-monitor-lokaal-antidiscriminatiebeleid.txt"
AMNESTY = "2025-01_beslisnota-kabinetsreactie-amnesty-etnisch-profileren.txt"
FILES = (VN, KST, RACISME, MONITOR, AMNESTY)

# (file, normalised id, text exactly as in the file)
OFFICIAL_CITATIONS = [
    (VN, "kst-26150-185", "Kamerstukken II 2019/2020, 26150, nr. 185"),  # footnote 1, vergaderjaar in full
    (VN, "kst-30950-185", "Kamerstukken II 2019/20, 30950, nr. 185"),  # footnote 3, short vergaderjaar
    (KST, "kst-30950-295", "Kamerstuk 30 950, nr. 295"),  # inline after "de motie van het lid Westerveld:"
    (KST, "kst-30950-281", "Kamerstuk 30 950, nr. 281"),  # footnote 2
    (KST, "stcrt-2022-11349", "*Stcr.* 2022, 11349"),  # footnote 3, markdown italics
    (KST, "kst-30950-293", "Kamerstuk 30 950, nr. 293"),  # footnote 4
    (KST, "kst-30950-237", "Kamerstuk 30 950, nr. 237"),  # footnote 5
    (KST, "kst-30950-296", "Kamerstuk 30 950, nr. 296"),  # footnote 6
    (KST, "kst-35510-21", "Kamerstuk 35 510, nr. 21"),  # footnote 7
    (KST, "kst-35510-16", "Kamerstuk 35 510, nr. 16"),  # footnote 8
    (KST, "kst-26643-924", "Kamerstuk 26 643, nr. 924"),  # footnote 9
    (RACISME, "kst-30950-315", "Kamerstukken 2021/22, 30950, nr. 315"),  # no chamber
    (RACISME, "kst-30950-316", "kamerstukken II, 2021/22, 30950, \nnr. 316, pag 24-25"),  # PDF line break
    (RACISME, "kst-31490-317", "Kamerstukken II 2021/22, 31 490, nr. 317"),
]

# (official id, submitters, start of the phrase that names the motion)
MOTIONS = [
    ("kst-30950-295", ("Westerveld",), "de motie van het lid Westerveld"),
    ("kst-30950-293", ("Mutluer",), "de motie van het lid Mutluer c.s."),
    ("kst-30950-237", ("Belhaj",), "de gewijzigde motie van het lid Belhaj c.s."),
    ("kst-30950-296", ("Ceder", "Mutluer"), "Een later aangenomen motie van Ceder/Mutluer"),
    ("kst-35510-21", ("Marijnissen",), "de moties van het lid Marijnissen c.s."),
    ("kst-35510-16", ("Klaver",), "van het lid Klaver c.s."),
]

# What each motion leads to in the Kamerstuk letter: (motion, words in the
# label of the measure or body it reaches).
MOTION_OUTCOMES = [
    ("kst-30950-295", "uitrol van het toetsingskader"),
    ("kst-30950-293", "Staatscommissie"),
    ("kst-30950-237", "Staatscommissie"),
    ("kst-30950-296", "Staatscommissie"),
    ("kst-35510-21", "inventariseren, beoordelen en opruimen"),
    ("kst-35510-16", "inventariseren, beoordelen en opruimen"),
]
