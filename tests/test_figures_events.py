"""Figures of review round 2 (F2, F4, F5, M4, M6): events told one by one, abbreviations and loanwords
read as the pack says, a sub-kind's count, figures that follow from a zero; and no figure where the
text does not let it be counted. Rule cases: rules/tests/avvikelser.yml."""

import re

import pytest

import sosfs_check
from sosfs_check.document import Block
from sosfs_check.facts import read_figures
from sosfs_check.figurewording import NO_READING, Reading
from sosfs_check.errors import RuleError
from sosfs_check.packs import builtin_rules
from sosfs_check.rules import load_rules
from sosfs_check.testing import build_docx

PERIOD = 2025
READ = builtin_rules().vocabulary.figure_reading


def figures(*paragraphs: str, section: tuple[str, ...] = (), read: Reading = READ):
    """The figures and the unclear keys (with the sentences quoted) of paragraphs in one section."""
    blocks = [Block("paragraph", text, i + 1, section=section) for i, text in enumerate(paragraphs)]
    found = read_figures(blocks, year=PERIOD, read=read)
    return {f.key: f.value for f in found.facts}, {key: [f.excerpt for f in why.told] for key, why in found.unclear.items()}


MAN = "En man föll i sin lägenhet och låg kvar i flera timmar."
WOMAN = "En kvinna fick sin insulindos två gånger samma kväll."


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        # The reviewer's wording (x04) and others: the second and later events are told as further ones
        ((f"{MAN} Händelsen anmäldes till IVO enligt lex Maria.", f"{WOMAN} Också denna händelse anmäldes enligt lex Maria."), 2),
        ((f"{MAN} Vi anmälde händelsen till IVO enligt lex Maria.",
          f"{WOMAN} Den andra händelsen anmäldes också till Inspektionen för vård och omsorg enligt lex Maria."), 2),
        (("Ärendet har anmälts enligt lex Maria.",
          "Ytterligare ett ärende har anmälts enligt lex Maria.", "Även detta fall anmäldes enligt lex Maria."), 3),
        ((f"{MAN} Händelsen anmäldes till IVO enligt lex Maria.",), 1),
        (("Ingen patient dog, men händelsen anmäldes till IVO enligt lex Maria.",), 1),  # a negation in another clause
        # A count the text states is the figure, whatever events are told besides
        (("Två händelser anmäldes enligt lex Maria.", "Händelsen anmäldes till IVO enligt lex Maria."), 2),
        # Last year's event is not this year's
        (("Under 2024 anmäldes händelsen enligt lex Maria.", f"{WOMAN} Händelsen anmäldes enligt lex Maria."), 1),
    ],
)
def test_events_told_one_by_one_are_counted(paragraphs, expected):
    assert figures(*paragraphs) == ({"lex_maria_anmalningar": expected}, {})


@pytest.mark.parametrize(
    "paragraphs",
    [
        # Two events, or the same one told twice: the text does not say
        (f"{MAN} Händelsen anmäldes till IVO enligt lex Maria.", "Efter fallet ändrades rutinen. Händelsen har anmälts enligt lex Maria."),
        # A further event whose first was not told as reported
        (f"{WOMAN} Också denna händelse anmäldes enligt lex Maria.",),
        # A statement not read as one event
        ("Händelsen anmäldes till IVO enligt lex Maria.", "Även de andra anmäldes enligt lex Maria."),
        ("I december anmäldes ytterligare två händelser enligt lex Maria.",),  # more, of an unknown total
    ],
)
def test_events_that_cannot_be_counted_give_no_figure(paragraphs):
    assert figures(*paragraphs) == ({}, {"lex_maria_anmalningar": [p.split(". ")[-1] for p in paragraphs]})


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        # Review3 item 6: "en" as the count word of the figure's own noun, or of the event reported
        (("MAS har gjort en lex Maria-anmälan, om en boende som fick fel patients insulin.",), 1),  # "om" a preposition
        (("Verksamhetschefen lämnade en anmälan till IVO enligt lex Maria i maj.",), 1),
        (("En patient som föll på natten och bröt handleden anmälde vi till IVO enligt lex Maria.",), 1),  # the object first
        (("I mars anmälde chefläkaren en händelse enligt lex Maria.",), 1),
        (("Tre händelser utreddes och en av dem anmäldes till IVO enligt lex Maria.",), 1),  # those reported
        (("Vi anmälde två händelser till IVO enligt lex Maria.",), 2),
        (("En händelse som inträffade på natten och ledde till fel dos anmäldes till IVO enligt lex Maria.",), 1),  # the subject
        (("Ett ärende där en patient fick en allvarlig vårdskada har anmälts till IVO.",), 1),
        # Review3 item 7: an ordinal says which one in the series the report is
        (("Händelsen anmäldes enligt lex Maria.", "En patient fick fel dos. MAS gjorde en andra anmälan enligt lex Maria."), 2),
    ],
)
def test_one_event_reported_is_counted_by_its_count_word(paragraphs, expected):
    assert figures(*paragraphs) == ({"lex_maria_anmalningar": expected}, {})


@pytest.mark.parametrize(
    "text",
    [
        "Ett par händelser anmäldes enligt lex Maria.",  # a vague quantity
        "Några händelser anmäldes till IVO enligt lex Maria.",
        "MAS gjorde en tredje anmälan enligt lex Maria.",  # the first two are not told
        "En händelse i mars och några under hösten anmäldes till IVO enligt lex Maria.",  # one and others
    ],
)
def test_a_vague_or_partial_count_of_events_gives_no_figure(text):
    assert figures(text) == ({}, {"lex_maria_anmalningar": [text]})


STORY = ("Händelser som anmäldes till IVO",)


def _sections(*told: tuple[tuple[str, ...], str]):
    blocks = [Block("paragraph", text, i + 1, section=section) for i, (section, text) in enumerate(told)]
    found = read_figures(blocks, year=PERIOD, read=READ)
    return {f.key: f.value for f in found.facts}, sorted(found.unclear)


def test_events_under_sibling_headings_or_opening_their_own_paragraph_are_distinct():
    """Review3 item 7: a case per subheading, each told as reported, is one event each; a report to
    IVO without the law named is a lex Maria report when a sibling case or its own sentence says so."""
    first = (STORY + ("Nattsköterskan",), "En boende fick andnöd. MAS anmälde händelsen till IVO.")
    second = (STORY + ("Insulinet",), "En boende fick insulin två gånger. Händelsen anmäldes av MAS enligt lex Maria.")
    third = (STORY + ("Trycksåret",), "Ett trycksår ledde till en allvarlig vårdskada och MAS gjorde en tredje anmälan till IVO.")
    assert _sections(first, second, third) == ({"lex_maria_anmalningar": 3}, [])
    assert _sections(first, second) == ({"lex_maria_anmalningar": 2}, [])
    assert _sections(first) == ({}, [])  # to IVO, no law named anywhere: not counted as lex Maria
    assert _sections(second, third) == ({}, ["lex_maria_anmalningar"])  # the third told second
    same = (STORY, "En boende fick insulin två gånger. Händelsen anmäldes av MAS enligt lex Maria.")
    assert _sections(same, same) == ({"lex_maria_anmalningar": 2}, [])  # paragraphs that each open a story
    again = (STORY, "Efter händelsen ändrades rutinen. Händelsen anmäldes av MAS enligt lex Maria.")
    assert _sections(same, again) == ({}, ["lex_maria_anmalningar"])  # maybe the same event told again
    elsewhere = (("Åtgärder",), "En ny rutin infördes. Händelsen anmäldes av MAS enligt lex Maria.")
    assert _sections(same, elsewhere) == ({}, ["lex_maria_anmalningar"])
    back = (STORY + ("Åtgärder",), "Efter att händelsen anmäldes enligt lex Maria ändrades rutinen.")  # refers back
    assert _sections(second, back) == ({}, ["lex_maria_anmalningar"])
    sarah = (("Lex Sarah",), "En boende blev utskälld. Verksamhetschefen anmälde händelsen till IVO.")
    assert _sections(second, sarah) == ({"lex_maria_anmalningar": 1}, [])  # under lex Sarah: not lex Maria


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        # Review3 item 8: lex Sarah reports told one by one, as lex Maria reports are
        (("I mars lämnades en boende ensam. Personalen rapporterade det enligt lex Sarah.",
          "I november fick en boende inte sina promenader. Även det rapporterades enligt lex Sarah."), ({"lex_sarah_rapporter": 2}, {})),
        (("Personalen rapporterade det som lex Sarah.", "Det rapporterades också som lex Sarah."), ({"lex_sarah_rapporter": 2}, {})),
        (("En brukare föll. Personalen rapporterade enligt lex Sarah.",), ({"lex_sarah_rapporter": 1}, {})),
        (("Personalen skrev en lex Sarah-rapport om bemötandet.",), ({"lex_sarah_rapporter": 1}, {})),
        (("Under året gjordes två rapporter enligt lex Sarah.", "Personalen rapporterade det enligt lex Sarah."),
         ({"lex_sarah_rapporter": 2}, {})),  # the stated count stands
        (("Personalen rapporterade det enligt lex Sarah.", "Det rapporterades enligt lex Sarah."),
         ({}, {"lex_sarah_rapporter": ["Personalen rapporterade det enligt lex Sarah.", "Det rapporterades enligt lex Sarah."]})),
        (("Personalen rapporterade enligt lex Sarah vid flera tillfällen.",),
         ({}, {"lex_sarah_rapporter": ["Personalen rapporterade enligt lex Sarah vid flera tillfällen."]})),  # not one
        (("Personalen ska rapportera enligt lex Sarah om de ser ett missförhållande.",), ({}, {})),
        (("Ingen händelse rapporterades enligt lex Sarah.",), ({}, {})),
        (("Under 2024 rapporterades händelsen enligt lex Sarah.",), ({}, {})),
    ],
)
def test_lex_sarah_reports_told_one_by_one_are_counted(paragraphs, expected):
    assert figures(*paragraphs) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Review3 item 9: "i N fall" counts the clause's subject when it is indefinite
        ("Klagomål från patienter och närstående har tagits emot i 58 fall, och samtliga har besvarats.", {"klagomal_synpunkter": 58}),
        ("Synpunkter har lämnats i tolv fall under året.", {"klagomal_synpunkter": 12}),
        ("Avvikelser rapporterades i 310 fall, varav 40 gällde fall.", {"avvikelser": 310}),
        ("Avvikelserna gällde i 40 fall läkemedel.", {}),  # a part of the definite whole
        ("Klagomål om maten har tagits emot i fem fall.", {}),  # one kind
        ("Under 2024 togs klagomål emot i 30 fall.", {}),  # another year
        ("Klagomål har tagits emot i några fall.", {}),
        ("Klagomål har tagits emot i ett par fall.", {}),
        # Issue 21 (shapes21): the count before the subject, or after a clause between commas
        ("I 14 fall har synpunkter kommit in.", {"klagomal_synpunkter": 14}),
        ("I 20 fall fick vi klagomål från anhöriga.", {"klagomal_synpunkter": 20}),
        ("Klagomål, som rörde bemötande och väntetider, togs emot i 20 fall.", {"klagomal_synpunkter": 20}),
        ("I sex fall har avvikelser rapporterats.", {"avvikelser": 6}),
        ("I sex fall har avvikelser rapporterats om trycksår.", {}),  # one kind
        ("Rapporter enligt lex Sarah, som gällde bemötande, lämnades i tre fall.", {"lex_sarah_rapporter": 3}),
        ("Under året inkom 14 synpunkter och 6 klagomål.", {"klagomal_synpunkter": 14}),  # as before
        ("I 14 fall gällde klagomål bemötande.", {}),  # a part: no verb of their coming in
        ("I 14 fall gällde synpunkterna bemötande.", {}),
        ("I 14 fall gällde klagomål bemötande och i sex fall väntetider.", {}),  # parts, coordinated
        ("I 12 fall gjordes händelseanalys av avvikelser.", {}),  # the object of a preposition
        ("I 3 fall var lex Maria inte aktuell.", {}),  # denied
        ("I 14 fall har synpunkter om maten kommit in.", {}),  # one kind
        ("I 20 fall har synpunkter kommit in under 2024.", {}),  # another year
        ("Klagomål, som kom in under 2024, togs emot i 20 fall.", {}),  # a year between: no figure
        ("Klagomål under 2024 togs emot i 20 fall.", {}),
        ("Klagomål, som avses i 3 kap. 5 §, togs emot i flera fall.", {}),  # never a paragraph number
        ("I 2025 fall har synpunkter kommit in.", {}),  # never a year
    ],
)
def test_a_count_of_cases_is_the_subjects_count(text, expected):
    assert figures(text) == (expected, {})


def test_a_strong_verbs_s_passive_is_a_form_of_it():
    """Review3 item 9: "har tagits emot", "togs emot" are forms of "ta emot" though the dictionary lacks them."""
    lemma = builtin_rules().vocabulary.lemma
    assert (lemma("tagits"), lemma("togs"), lemma("tas")) == ("ta", "ta", "ta")


def test_events_told_in_general_not_reported_or_denied_give_nothing():
    assert figures("När en patient skadas allvarligt anmäls händelsen till IVO enligt lex Maria.") == ({}, {})
    assert figures("Vi diskuterade om händelsen skulle anmälas enligt lex Maria.", "MAS anmäler händelser enligt lex Maria.") == ({}, {})
    assert figures("Händelsen anmäldes inte enligt lex Maria.", "Den har aldrig anmälts till IVO enligt lex Maria.") == ({}, {})


def test_more_events_told_than_the_stated_count_give_no_figure():
    """The text's own count against the events it tells: when they disagree, no figure."""
    blocks = [Block("paragraph", text, i + 1) for i, text in enumerate((
        "Under året gjordes en lex Maria-anmälan.",
        f"{MAN} Händelsen anmäldes till IVO enligt lex Maria.",
        f"{WOMAN} Också denna händelse anmäldes enligt lex Maria.",
    ))]
    found = read_figures(blocks, year=PERIOD, read=READ)
    assert found.facts == []
    [(key, why)] = found.unclear.items()
    assert (key, why.stated.value, why.stated.excerpt) == ("lex_maria_anmalningar", 1, "Under året gjordes en lex Maria-anmälan.")
    assert [f.excerpt for f in why.told] == [
        "Händelsen anmäldes till IVO enligt lex Maria.", "Också denna händelse anmäldes enligt lex Maria.",
    ]
    blocks[0] = Block("paragraph", "Under året gjordes tre lex Maria-anmälningar.", 1)  # fewer told than stated: the count stands
    assert figures(*(b.text for b in blocks)) == ({"lex_maria_anmalningar": 3}, {})


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Totalt 689 incidents rapporterades (2024: 742).", {"avvikelser": 689}),
        ("Under året kom 212 incidentrapporter in.", {"avvikelser": 212}),
        ("Personalen skrev 57 incidenter under hösten och 80 under våren.", {"avvikelser": 57}),
        ("2 händelser anmäldes till IVO enl. lex Maria.", {"lex_maria_anmalningar": 2}),
        ("Tre ärenden anmäldes enl lex Maria.", {"lex_maria_anmalningar": 3}),
        ("Under året kom bl.a. 12 avvikelser från nattpersonalen.", {}),  # a part (see below)
        ("Inga avvikelser ang. sterilisering rapporterades.", {}),  # one kind's zero
    ],
)
def test_the_packs_abbreviations_and_loanwords_are_read(text, expected):
    assert figures(text) == (expected, {})
    assert figures(text, read=NO_READING) != (expected, {})  # read only because the pack says so


@pytest.mark.parametrize("source", ["", " ", "..", "(?:x)"])
def test_a_packs_words_must_be_written_words(tmp_path, source):
    (tmp_path / "pack.yml").write_text("name: eget\nversion: '1'\n", encoding="utf-8")
    (tmp_path / "ord.yml").write_text(f"descriptions:\n  figure_words:\n    '{source}': avvikelser\n", encoding="utf-8")
    with pytest.raises(RuleError, match=re.escape(f"ord.yml:3:5: descriptions.figure_words.{source}.[key]: ogiltigt värde '{source}'")):
        load_rules(tmp_path, base=builtin_rules())
    (tmp_path / "ord.yml").write_text("descriptions:\n  figure_words:\n    'avv.': avvikelser\n", encoding="utf-8")
    assert load_rules(tmp_path, base=builtin_rules()).vocabulary.figure_reading("155 avv.") == "155 avvikelser"


def test_a_packs_own_words_are_read_as_whole_words():
    own = Reading({"avv.": "avvikelser", "Ärenden": "anmälningar"})
    assert own("155 avv. under året") == "155 avvikelser under året"
    assert own("ärenden, särenden och avv.x") == "anmälningar, särenden och avv.x"
    assert figures("Under året kom 155 avv. in.", read=own) == ({"avvikelser": 155}, {})
    assert NO_READING("totalt 689 incidents") == "totalt 689 incidents"


@pytest.mark.parametrize(
    "text, section",
    [
        ("- Läkemedelsavvikelser: 498 (2024: 601).", ()),  # the reviewer's x23
        ("Fallavvikelser: 212.", ()),
        ("Antal läkemedelsavvikelser: 498", ()),
        ("Patientklagomål: 4 (2024: 9).", ()),
        ("Under året kom 40 rapporter.", ("Läkemedelsavvikelser",)),  # a heading naming one kind
        ("Under året kom bland annat 12 avvikelser från nattpersonalen.", ()),  # a part
        ("I december kom ytterligare två klagomål.", ()),  # more, not the total
    ],
)
def test_a_kinds_count_or_a_part_is_no_total(text, section):
    assert figures(text, section=section) == ({}, {})


@pytest.mark.parametrize(
    "text, section, expected",
    [
        ("- Avvikelser: 710 (2024: 831).", (), {"avvikelser": 710}),
        ("Klagomål: 4 (2024: 9).", (), {"klagomal_synpunkter": 4}),
        ("Under året kom 40 rapporter.", ("Avvikelser",), {"avvikelser": 40}),
        ("Under året kom 12 avvikelser från nattpersonalen.", (), {"avvikelser": 12}),
        ("I december kom två klagomål.", (), {"klagomal_synpunkter": 2}),
    ],
)
def test_the_same_wording_about_the_whole_is_the_total(text, section, expected):
    assert figures(text, section=section) == (expected, {})


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Inga rapporter enligt lex Sarah har lämnats under året.", {"lex_sarah_rapporter": 0, "ivo_anmalningar": 0}),
        ("Personalen har inte lämnat några rapporter om missförhållanden.", {"lex_sarah_rapporter": 0, "ivo_anmalningar": 0}),
        ("Under året kom tre rapporter enligt lex Sarah.", {"lex_sarah_rapporter": 3}),  # no zero: nothing follows
        ("Under 2024 kom inga rapporter enligt lex Sarah.", {}),  # another year's zero
        (
            "Inga rapporter enligt lex Sarah kom in. En anmälan till IVO gjordes efter en egen granskning.",
            {"lex_sarah_rapporter": 0, "ivo_anmalningar": 1},  # a stated figure is the figure
        ),
    ],
)
def test_no_lex_sarah_reports_means_no_anmalan_to_ivo(text, expected):
    assert figures(text) == (expected, {})


REPORT = """%% Patientsäkerhetsberättelse 2025

Vård- och omsorgsnämnden i Provby kommun

Upprättad 2026-02-10.

# Två händelser

{first}

{second}

# Resultat

Andelen patienter med aktuell fallriskbedömning ökade från 60 till 92 procent.
"""


def _outcome(result, rule_id):
    return next(o for o in result.outcomes if o.rule_id == rule_id)


def test_a_report_counts_its_lex_maria_stories(tmp_path):
    path = build_docx(REPORT.format(first=f"{MAN} Händelsen anmäldes till IVO enligt lex Maria.",
                                    second=f"{WOMAN} Också denna händelse anmäldes enligt lex Maria."), tmp_path / "två.docx")
    result = sosfs_check.check(path)
    assert [(f.key, f.value, f.excerpt) for f in result.facts] == [
        ("lex_maria_anmalningar", 2, "Händelsen anmäldes till IVO enligt lex Maria. … Också denna händelse anmäldes enligt lex Maria."),
    ]
    assert _outcome(result, "FIGUR-LEX-MARIA").outcome == "pass"


def test_a_report_whose_stories_cannot_be_counted_says_so(tmp_path):
    path = build_docx(REPORT.format(first=f"{MAN} Händelsen anmäldes till IVO enligt lex Maria.",
                                    second="Efter fallet ändrades rutinen. Händelsen har anmälts enligt lex Maria."), tmp_path / "oklart.docx")
    result = sosfs_check.check(path)
    assert result.facts == []
    [finding] = [f for f in result.findings if f.rule_id == "FIGUR-LEX-MARIA"]
    assert finding.message == (
        "Berättelsen anger inte hur många lex Maria-anmälningar som gjorts. Antalet anmälningar enligt lex Maria framgår "
        "inte: berättelsen berättar om 2 händelser var för sig (”Händelsen anmäldes till IVO enligt lex Maria.”, ”Händelsen "
        "har anmälts enligt lex Maria.”) men säger inte om det är olika händelser eller samma händelse som berättas igen."
    )
    assert (finding.location.section, finding.location.excerpt) == ("Två händelser", f"{MAN} Händelsen anmäldes till IVO enligt lex Maria.")


SAMMANSTALLNING = "Berättelsen visar inte att avvikelser och rapporter sammanställs och analyseras för att se mönster och trender."
NO_SECTION = " Inget avsnitt med en rubrik som ”avvikelse”, ”avvikelser”, ”händelse” hittades."


@pytest.mark.parametrize(
    "heading, first, findings",
    [
        # Review2 M6: a report that never speaks of avvikelser is not told that it counts them
        ("Åtgärder", "Vi ändrade rutinen för fallriskbedömning i mars.",
         [SAMMANSTALLNING + " Saknas: sammanställ / analys / analyser." + NO_SECTION]),
        ("Avvikelser", "Under året rapporterades 87 avvikelser.", [SAMMANSTALLNING + " Saknas: sammanställ / analys / analyser."]),
        ("Avvikelser", "Avvikelserna sammanställs varje kvartal och analyseras i ledningsgruppen.", []),
    ],
)
def test_the_sammanstallning_message_is_true_whether_or_not_avvikelser_are_counted(tmp_path, heading, first, findings):
    path = build_docx(REPORT.format(first=first, second="").replace("# Två händelser", f"# {heading}"), tmp_path / "r.docx")
    result = sosfs_check.check(path)
    assert [f.message for f in result.findings if f.rule_id == "AVVIKELSER-SAMMANSTALLNING"] == findings
