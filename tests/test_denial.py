"""Which sentences may deny the work (`denial.Denial.suspects`), and the wording blanked before a
sentence is searched (`blanking.blank`)."""

from __future__ import annotations

import pytest

from sosfs_check.denial import Denial
from sosfs_check.blanking import blank
from sosfs_check.packs import builtin_rules
from sosfs_check.prefilter import Folded
from sosfs_check.wordsplit import Split

VOCABULARY = builtin_rules().vocabulary
SENTENCES = [
    "Avvikelserna sammanställdes inte under året.",  # a negation word
    "Socialstyrelsen gav ut nya föreskrifter.",  # another's name
    "Rutinen reviderades under året.",
    "Kommunen införde digital signering.",  # a body: another's in a region's report, not in a kommun's
    "Kommunens rutin reviderades.",  # the body's name inside a longer word: suspected, then read
]


def suspects(author: str) -> set[int]:
    return Denial(VOCABULARY, author).suspects([Split(s) for s in SENTENCES], Folded(SENTENCES))


def test_a_negation_word_or_anothers_name_makes_a_sentence_suspect():
    assert suspects("Region Provby") == {0, 1, 3, 4}
    assert suspects("Provby kommun") == {0, 1}


def test_the_suspects_clauses_are_read_for_what_they_deny():
    denial = Denial(VOCABULARY, "Region Provby")
    assert [void for *_, void in denial.clauses(SENTENCES[0])] == ["negated"]
    assert [void for *_, void in denial.clauses(SENTENCES[3])] == ["other"]
    assert [void for *_, void in denial.clauses(SENTENCES[4])] == [""]
    # with the sentence's words, one without a negation word has no clause to read for one
    assert [void for *_, void in denial.clauses(SENTENCES[0], Split(SENTENCES[0]))] == ["negated"]
    assert [void for *_, void in denial.clauses(SENTENCES[0], Split("Rutinen följs upp."))] == [""]


def test_a_subclause_is_blanked_only_where_the_sentence_holds_its_word():
    """`\\b(som|om|…)\\b` is not run where no whole word of it stands ("kommunens omsorg"), and is run on
    "ſom", which Python's `re` takes for "som" without IGNORECASE's lower case giving it."""
    assert blanked("Kommunens omsorg följs upp", "subclauses") == "Kommunens omsorg följs upp"
    assert blanked("Rutinen ſom infördes, följs upp", "subclauses") == "Rutinen  , följs upp"
    assert blanked("Rutinen SOM infördes, följs upp", "subclauses") == "Rutinen  , följs upp"


def blanked(text: str, name: str) -> str:
    return blank(text, text.casefold(), VOCABULARY.patterns[name], VOCABULARY.searches[name], Split(text))


def test_blank_puts_a_space_for_each_match_and_leaves_other_text_alone():
    assert blanked("Rutinen som infördes i maj, följs upp varje månad", "subclauses") == "Rutinen  , följs upp varje månad"
    plain = "Rutinen följs upp varje månad"
    assert blanked(plain, "subclauses") is plain


@pytest.mark.parametrize("text", [
    "Friskvårdsbidraget höjdes och arbetsmiljön, budgeten och personalbudgeten följdes upp.",
    "Budget budget-arbetsmiljö; ekonomiekonomi_2021 och Lönekostnaderna.",
    "kostnadsökningarna i ekonomin",
    "Inga andra saker nämns här.",
])
def test_a_pattern_led_by_a_word_run_is_blanked_as_re_sub_blanks_it(text):
    """`\\w*(budget|…)\\w*` is run as its rest, with the same matches as Python's `re` gives the whole pattern."""
    pattern = VOCABULARY.patterns["other_matters"][0]
    assert pattern.pattern.startswith(r"\w*") and VOCABULARY.searches["other_matters"][0] is not pattern
    assert blanked(text, "other_matters") == VOCABULARY.patterns["other_matters"][1].sub(" ", pattern.sub(" ", text))
