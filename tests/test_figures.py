"""Figures of the report's period year (review B1–B7, A0b, A5): what is read, and the look-alikes
that are no figure of the year. Rules that use the figures: tests below and rules/tests/*.yml."""

import pytest

import sosfs_check
from sosfs_check.document import Block
from sosfs_check.facts import extract_facts
from sosfs_check.packs import builtin_rules
from sosfs_check.testing import build_docx, libreoffice_resave, soffice_path

from helpers import libreoffice_convert_all

pytestmark = pytest.mark.xdist_group("figures")  # the documents of the module are built once, on one worker
PERIOD = 2025
READ = builtin_rules().vocabulary.figure_reading  # the pack's wording of events told one by one


def figures(text: str, section: tuple[str, ...] = ()) -> dict[str, int]:
    return {f.key: f.value for f in extract_facts([Block("paragraph", text, 1, section=section)], year=PERIOD, read=READ)}


@pytest.mark.parametrize(
    "text, expected",
    [
        # B6/B7: the period's count beside another year's
        ("Under 2024 rapporterades 171 avvikelser och under 2025 155.", {"avvikelser": 155}),
        ("Under 2025 rapporterades 155 avvikelser mot 171 under 2024.", {"avvikelser": 155}),
        ("Under året kom 14 klagomål, jämfört med 20 under 2024.", {"klagomal_synpunkter": 14}),
        ("Jämfört med år 2024 rapporterades 12 avvikelser fler, totalt 198 avvikelser.", {"avvikelser": 198}),
        ("Avvikelserna minskade från 240 till 198.", {"avvikelser": 198}),
        ("Av årets 155 avvikelser ledde två till anmälan enligt lex Maria.", {"avvikelser": 155, "lex_maria_anmalningar": 2}),
        # o23: the period's count in a sentence of its own after another year's
        ("Under 2024 gjordes två anmälningar enligt lex Maria. Under 2025 gjordes ingen.", {"lex_maria_anmalningar": 0}),
        ("Under 2024 kom 14 klagomål. Under 2025 kom 9.", {"klagomal_synpunkter": 9}),
        ("Under 2025 gjordes två anmälningar enligt lex Maria. Under 2024 gjordes ingen.", {"lex_maria_anmalningar": 2}),
        # Review2 F1: a label's count ends its clause; "lex Maria: en patient …" lists the cases
        (
            "Två händelser bedömdes som allvarliga och anmäldes till IVO enligt lex Maria: en patient vars "
            "cancermisstanke inte remitterades, och en patient som fick dubbla doser.",
            {"lex_maria_anmalningar": 2},
        ),
        ("Antal lex Maria-anmälningar: 2 st.", {"lex_maria_anmalningar": 2}),
        ("Avvikelser: 155 (2024: 171).", {"avvikelser": 155}),
        ("Lex Maria: 1 anmälan (fall med höftfraktur)", {"lex_maria_anmalningar": 1}),
        # Review2 F3: the tens and their compounds written as one word
        ("Under året kom det in trettiosju avvikelser.", {"avvikelser": 37}),
        ("Under året rapporterades sjuttiotvå avvikelser och vi fick nitton klagomål.",
         {"avvikelser": 72, "klagomal_synpunkter": 19}),
        ("Vi fick tjugo synpunkter.", {"klagomal_synpunkter": 20}),
        # B5: counts told by what was done with them
        ("En händelse, en försenad cancerdiagnos, anmäldes till IVO enligt lex Maria.", {"lex_maria_anmalningar": 1}),
        ("Under 2025 rapporterades tre missförhållanden enligt lex Sarah.", {"lex_sarah_rapporter": 3}),
        ("Två patienter klagade på bemötande.", {"klagomal_synpunkter": 2}),
        # B4: lex Maria's report to IVO is not an anmälan of an allvarligt missförhållande
        (
            "Två händelser anmäldes till IVO enligt lex Maria. Under året kom 17 rapporter enligt lex Sarah, "
            "och tre av dem anmäldes till IVO som allvarliga missförhållanden.",
            {"lex_maria_anmalningar": 2, "lex_sarah_rapporter": 17, "ivo_anmalningar": 3},
        ),
        # A24: plain language: events in the avvikelse system, one event reported
        ("Personalen anmälde 118 händelser i vårt avvikelsesystem, 31 färre än året innan.", {"avvikelser": 118}),
        ("Under året rapporterades 40 händelser i avvikelsehanteringssystemet.", {"avvikelser": 40}),
        (
            "En patient fick en allvarlig hypoglykemi efter en felaktig dos; vi anmälde händelsen till IVO enligt lex Maria "
            "och pratade med patienten och dottern om vad som hänt.",
            {"lex_maria_anmalningar": 1},
        ),
        ("Händelsen har anmälts enligt lex Maria.", {"lex_maria_anmalningar": 1}),
        (
            "Vi anmälde händelsen till IVO enligt lex Maria. Under året gjordes tre anmälningar enligt lex Maria.",
            {"lex_maria_anmalningar": 3},  # a stated count is the figure
        ),
        # B8: lex Sarah in the law's own words
        ("Under året rapporterades fyra missförhållanden enligt 24 b § LSS.", {"lex_sarah_rapporter": 4}),
        (
            "Vi tog emot fyra rapporter om missförhållanden eller påtaglig risk för missförhållanden.",
            {"lex_sarah_rapporter": 4},
        ),
        # Review2 M4: no rapporter, so no anmälan to IVO either
        ("Inga rapporter om missförhållanden har kommit in.", {"lex_sarah_rapporter": 0, "ivo_anmalningar": 0}),
        ("Två allvarliga missförhållanden anmäldes till IVO.", {"ivo_anmalningar": 2}),
        # A4: the zero the absence rule reads too
        ("Ingen särskild riskanalys genomfördes under året, eftersom verksamheten inte förändrades.", {"riskanalyser": 0}),
        # B3: a zero told for the period is the total
        ("Inga nya avvikelser rapporterades under 2025.", {"avvikelser": 0}),
        # Review4 item 5: a count a preposition governs is no total; the year's count is
        ("Rutinen för matleveranser skrevs om efter två avvikelser om uteblivna leveranser. Det rapporterades 212 "
         "avvikelser under året.", {"avvikelser": 212}),
        ("I samband med två lex Maria-anmälningar gjordes händelseanalyser.", {"lex_maria_anmalningar": 2}),
        # Review4 item 6: an approximate count told as a noun
        ("Vi tog emot ett tjugotal klagomål, oftast om väntetider.", {"klagomal_synpunkter": 20}),
        ("Under året rapporterades ett drygt hundratal avvikelser.", {"avvikelser": 100}),
        # Review4 item 7: whoever complained; what is counted named in brackets in a label
        ("Tre vårdnadshavare klagade på att de inte fått besked.", {"klagomal_synpunkter": 3}),
        ("Anmälningar till IVO (lex Maria): två.", {"lex_maria_anmalningar": 2}),
        ("Rapporter (lex Sarah): 4.", {"lex_sarah_rapporter": 4}),
    ],
)
def test_figures_of_the_period(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Under 2024 kom 14 klagomål.",  # B6: last year's figure in a 2025 report
        "I december 2024 anmäldes två händelser enligt lex Maria.",
        "14 klagomål som kom in under 2024 besvarades.",
        "Sedan juni har inga nya avvikelser om sterilisering rapporterats.",  # B3: qualified zeros
        "Inga avvikelser om sterilisering rapporterades.",
        "Inga nya avvikelser rapporterades.",
        "Inga synpunkter på maten har kommit in.",
        "Klagomålen om telefonen minskade från 19 till 6.",  # one kind's change
        "Andelen avvikelser som utreddes ökade från 78 till 97 procent.",
        "En avvikelse är en händelse som har medfört eller hade kunnat medföra en vårdskada.",  # A0b: definitions
        "En riskanalys innebär att man identifierar händelser som skulle kunna inträffa.",
        "Med en avvikelse menas en händelse som hade kunnat medföra vårdskada.",
        "Den avvikelse som utreddes gällde ett fall.",  # "den" holds no "en"
        "Antalet avvikelser ökade med 12 procent jämfört med 2024.",
        "22 händelser gällde missade insulindoser.",  # A24: events, not said to be avvikelser
        "När en patient skadas allvarligt anmäler vi händelsen till IVO enligt lex Maria.",  # in general
        "Under 2024 anmälde vi händelsen till IVO enligt lex Maria.",
        "Vi diskuterade om händelsen skulle anmälas enligt lex Maria.",
        "Under 2024 kom 14 klagomål och 3 anmälningar enligt lex Maria. Under 2025 kom 9.",  # 9 of which?
        "Under 2024 rapporterades fyra missförhållanden enligt 24 b § LSS.",  # B8: last year's
        "Fyra missförhållanden i boendets lokaler åtgärdades.",  # not said to be reported
        "Rutinen skrevs om efter två avvikelser om uteblivna leveranser.",  # review4 item 5: why, not how many
        "På grund av tre klagomål på maten byttes leverantören.",
        "Tre dagar senare klagade en anhörig.",  # review4 item 7: a time, not those who complained
        "Två av dem klagade på maten.",
        "Avvikelser (exkl. fall): 155.",  # a bracket that narrows what is counted
        "Ett hundratal medarbetare har utbildats.",  # review4 item 6: nothing counted
    ],
)
def test_look_alikes_are_no_figure_of_the_period(text):
    assert figures(text) == {}


def test_a_lex_maria_report_to_ivo_is_no_ivo_figure():
    assert figures("Två händelser anmäldes till IVO enligt lex Maria.") == {"lex_maria_anmalningar": 2}
    assert figures("Tre av lex Sarah-rapporterna anmäldes till IVO.") == {"ivo_anmalningar": 3}


def test_inga_synpunkter_is_zero_only_under_a_heading_about_complaints():
    """A5: "Inga synpunkter." under samverkan is the idiom for nothing to add."""
    assert figures("Inga synpunkter.", ("Samverkan för att förebygga vårdskador",)) == {}
    assert figures("Inga synpunkter.", ("Klagomål och synpunkter",)) == {"klagomal_synpunkter": 0}


def test_a_bare_count_under_a_heading_that_names_what_is_counted():
    """B5: `# Lex Maria` / "Inga." is 0 anmälningar; under a heading naming nothing counted it is nothing."""
    assert figures("Inga.", ("Lex Maria",)) == {"lex_maria_anmalningar": 0}
    assert figures("Inga.", ("Samverkan",)) == {}


def test_a_count_under_a_heading_in_the_laws_words_for_lex_sarah():
    """B8: `# Rapporter om missförhållanden` / "Under året kom tre rapporter." is 3 lex Sarah-rapporter."""
    assert figures("Under året kom tre rapporter.", ("Rapporter om missförhållanden",)) == {"lex_sarah_rapporter": 3}
    assert figures("Under året kom tre rapporter.", ("Fritid och aktiviteter",)) == {}


def _cells(rows: list[list[str]]) -> list[Block]:
    return [
        Block("table_cell", text, 1 + r * len(row) + c, table=(0, r, c)) for r, row in enumerate(rows) for c, text in enumerate(row)
    ]


TWO_YEARS = [
    ["Typ", "2024", "2025"],
    ["Rapporterade avvikelser", "3 412", "3 788"],
    ["Anmälningar lex Maria", "9", "12"],
    ["Klagomål", "287", "301"],
]


def test_a_table_of_two_years_gives_the_period_years_column():
    facts = extract_facts(_cells(TWO_YEARS), year=2025)
    assert [(f.key, f.value, f.excerpt) for f in facts] == [
        ("avvikelser", 3788, "Rapporterade avvikelser | 3 788"),
        ("klagomal_synpunkter", 301, "Klagomål | 301"),
        ("lex_maria_anmalningar", 12, "Anmälningar lex Maria | 12"),
    ]
    assert {f.key: f.value for f in extract_facts(_cells(TWO_YEARS), year=2024)} == {
        "avvikelser": 3412, "klagomal_synpunkter": 287, "lex_maria_anmalningar": 9,
    }
    assert extract_facts(_cells(TWO_YEARS), year=2026) == []  # no column is the period's


def test_a_table_with_a_row_per_year_gives_the_period_years_row():
    rows = [["År", "Avvikelser", "Rapporter lex Sarah"], ["2024", "300", "4"], ["2025", "310", "2"]]
    assert {f.key: f.value for f in extract_facts(_cells(rows), year=2025)} == {"avvikelser": 310, "lex_sarah_rapporter": 2}


def test_an_undated_table_gives_the_number_beside_the_label():
    rows = [["Typ", "Antal"], ["Rapporterade avvikelser", "412"], ["Rapporter lex Sarah", "2"]]
    assert {f.key: f.value for f in extract_facts(_cells(rows), year=2025)} == {"avvikelser": 412, "lex_sarah_rapporter": 2}


TARGETS = [
    ["Mått", "Mål", "Utfall"],
    ["Avvikelser", "150", "171"],
    ["Anmälningar enligt lex Maria", "0", "2"],
]


def test_a_column_of_targets_is_never_the_years_figure():
    """B9: "Mål | Utfall" gives the outcome; the same numbers under "Antal" are the figures."""
    assert [(f.key, f.value, f.excerpt) for f in extract_facts(_cells(TARGETS), year=2025)] == [
        ("avvikelser", 171, "Avvikelser | 171"),
        ("lex_maria_anmalningar", 2, "Anmälningar enligt lex Maria | 2"),
    ]
    outcome_first = [[row[0], row[2], row[1]] for row in TARGETS]
    assert {f.key: f.value for f in extract_facts(_cells(outcome_first), year=2025)} == {"avvikelser": 171, "lex_maria_anmalningar": 2}
    no_targets = [["Mått", "Antal"], *([row[0], row[1]] for row in TARGETS[1:])]
    assert {f.key: f.value for f in extract_facts(_cells(no_targets), year=2025)} == {"avvikelser": 150, "lex_maria_anmalningar": 0}


def test_a_row_of_targets_and_dated_targets_are_never_the_years_figure():
    transposed = [["", "Avvikelser", "Rapporter lex Sarah"], ["Målvärde", "150", "0"], ["Utfall", "171", "3"]]
    assert {f.key: f.value for f in extract_facts(_cells(transposed), year=2025)} == {"avvikelser": 171, "lex_sarah_rapporter": 3}
    dated = [["Mått", "Utfall 2025", "Mål 2025", "Utfall 2024"], ["Avvikelser", "171", "150", "160"]]
    assert {f.key: f.value for f in extract_facts(_cells(dated), year=2025)} == {"avvikelser": 171}


REPORT = """%% Patientsäkerhetsberättelse 2025

Vård- och omsorgsnämnden i Provby kommun

Upprättad 2026-02-10.

# Avvikelser

Avvikelserna analyseras varje månad och sammanställs per kvartal. Under 2024 kom 14 klagomål.

| Typ | 2024 | 2025 |
|---|---|---|
| Rapporterade avvikelser | 3 412 | 3 788 |
| Anmälningar enligt lex Maria | 9 | 12 |

# Resultat

| Mått | Mål | Utfall |
|---|---|---|
| Lex Sarah-rapporter | 0 | 3 |

# Klagomål och synpunkter

Klagomålen minskade från 19 till 6.
"""


@pytest.fixture(scope="module")
def report_forms(tmp_path_factory):
    out = tmp_path_factory.mktemp("figures")
    paths = {"python-docx": build_docx(REPORT, out / "siffror.docx")}
    if soffice_path() is not None:
        paths["libreoffice"] = libreoffice_resave(paths["python-docx"], out / "lo")
    return paths


@pytest.mark.parametrize("form", ["python-docx", "libreoffice"])
def test_a_report_gives_its_period_years_figures(report_forms, form):
    if form not in report_forms:
        pytest.skip("LibreOffice (soffice) saknas")
    result = sosfs_check.check(report_forms[form])
    assert result.period_year == 2025
    assert [(f.key, f.value, f.excerpt) for f in result.facts] == [
        ("avvikelser", 3788, "Rapporterade avvikelser | 3 788"),
        ("klagomal_synpunkter", 6, "Klagomålen minskade från 19 till 6."),
        ("lex_maria_anmalningar", 12, "Anmälningar enligt lex Maria | 12"),
        ("lex_sarah_rapporter", 3, "Lex Sarah-rapporter | 3"),
    ]


def test_a_change_of_one_kind_is_no_total():
    assert figures("Antalet läkemedelsavvikelser minskade från 240 till 198.") == {}
    assert figures("Under året minskade antalet avvikelser från 240 till 198.") == {"avvikelser": 198}


KB = """%% Kvalitetsberättelse 2025

Solgläntans gruppbostad AB

Upprättad 2026-02-10.

# Rapporter om missförhållanden

{count}Varje rapport utreds av verksamhetschefen.
"""


@pytest.fixture(scope="module")
def kb_forms(tmp_path_factory):
    out = tmp_path_factory.mktemp("lex-sarah")
    paths = {}
    for name, count in (("lagens-ord", "Under året rapporterades fyra missförhållanden enligt 24 b § LSS. "), ("utan-antal", "")):
        paths[name, "python-docx"] = build_docx(KB.format(count=count), out / f"{name}.docx")
    if soffice_path() is not None:  # both in one LibreOffice run
        built = {name: path for (name, _), path in paths.items()}
        paths.update({(name, "libreoffice"): path for name, path
                      in zip(built, libreoffice_convert_all(list(built.values()), "docx", out / "lo"))})
    return paths


SARAH_IN_THE_LAWS_WORDS = [("lex_sarah_rapporter", 4, "Under året rapporterades fyra missförhållanden enligt 24 b § LSS.")]


@pytest.mark.parametrize("form", ["python-docx", "libreoffice"])
@pytest.mark.parametrize(("name", "facts", "outcome"), [("lagens-ord", SARAH_IN_THE_LAWS_WORDS, "pass"), ("utan-antal", [], "fail")])
def test_a_kvalitetsberattelse_gives_lex_sarah_in_the_laws_words(kb_forms, name, facts, outcome, form):
    """B8: the count in the law's words meets FIGUR-LEX-SARAH; the same report without it does not."""
    if (name, form) not in kb_forms:
        pytest.skip("LibreOffice (soffice) saknas")
    result = sosfs_check.check(kb_forms[name, form])
    assert result.profile == "kvalitetsberattelse"
    assert [(f.key, f.value, f.excerpt) for f in result.facts] == facts
    assert {o.rule_id: o.outcome for o in result.outcomes}["FIGUR-LEX-SARAH"] == outcome
