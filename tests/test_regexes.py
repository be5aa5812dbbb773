"""`regexes.searching`: a pattern's form for `search` (issue 20) finds a match exactly where the pattern does."""

import re

import pytest

from sosfs_check import regexes
from sosfs_check.regexes import casefolded, rule_pattern, searching, whole_words
from sosfs_check.wordsplit import Split

TEXTS = ["Sjukfrånvaron minskade", "friskvårdsbidrag", "Patientsäkerhet", "risk", "", "12 fall", "arbetsmiljö_2",
         "Budget- och kostnadsuppföljning", "ingen träff här"]


@pytest.mark.parametrize("pattern, form", [
    (r"\w*(risk|fall|kostnad)", "(risk|fall|kostnad)"),
    (r"\w*sjukfrånvaro", "sjukfrånvaro"),
    (r"\w*?(risk|fall)", r"\w*?(risk|fall)"),  # a lazy run is left as it is
    (r"\w+(risk|fall)", r"\w+(risk|fall)"),  # a run that cannot be empty is part of the match
    (r"\w*|risk", r"\w*|risk"),  # the run is one branch, not a prefix
    (r"\W*risk", r"\W*risk"),
])
def test_a_leading_run_of_word_characters_is_left_out_and_nothing_else(pattern, form):
    compiled = re.compile(pattern, re.IGNORECASE)
    assert searching(compiled).pattern == form
    assert [bool(searching(compiled).search(t)) for t in TEXTS] == [bool(compiled.search(t)) for t in TEXTS]


@pytest.mark.parametrize("pattern, clauses", [
    (r"(\w)\s+(?:som|om|där)\b[^,;:]*", [({"som", "om", "där"}, "ſ")]),
    (r"\b(?:för|så|utan)\s+att\b", [({"för", "så", "utan"}, "ſ"), ({"att"}, "")]),
    (r"\bi\s+fall\b", [({"i"}, "İı"), ({"fall"}, "")]),
    (r"\b(har|hade)\s+inte", []),  # "ha" is factored out of the branch: no whole words
    (r"xatt\b", []),  # no bound before it
    (r"\batt", []),  # nor after it
    (r"\b(?:Att)\b", []),  # not lower case
    (r"\batt\b|\bsom\b", []),  # a branch at the top: no word every match holds
])
def test_whole_words_are_the_words_every_match_holds_between_bounds(pattern, clauses):
    assert [(set(w), odd) for w, odd in whole_words(re.compile(pattern, re.IGNORECASE))] == clauses


WORDED = ["Rutinen som infördes", "Rutinen SOM infördes", "kommunens omsorg", "Rutinen ſom infördes", "i fall",
          "İ fall", "ı fall", "(som) det", "vård-om x", "för att", "utan_att", "så  att", "", "ssom", "om"]


@pytest.mark.parametrize("pattern, holding, matching", [
    (r"(\w)\s+(?:som|om|där)\b[^,;:]*", [0, 1, 3, 7, 8, 14], [0, 1, 3]),  # "ſom" matches: "ſ" is odd for "s"
    (r"\b(?:för|så|utan)\s+att\b", [9, 10, 11], [9, 11]),
    (r"\bi\s+fall\b", [4, 5, 6], [4, 5, 6]),
])
def test_a_sentence_without_the_whole_words_never_matches(pattern, holding, matching):
    compiled = re.compile(pattern, re.IGNORECASE)
    words = whole_words(compiled)
    assert [n for n, t in enumerate(WORDED) if Split(t).holds(words, t)] == holding
    assert [n for n, t in enumerate(WORDED) if compiled.search(t)] == matching


def test_casefolded_is_str_casefold_and_keeps_only_short_texts():
    regexes._casefolded.cache_clear()
    short, long = "Straße och ÅTGÄRDER", "Ärende " * 400  # 2 800 characters: folded each time, never kept
    assert casefolded(short) == "strasse och åtgärder"
    assert casefolded(short) == short.casefold()
    assert casefolded(long) == long.casefold()
    info = regexes._casefolded.cache_info()
    assert (info.hits, info.misses, info.currsize) == (1, 1, 1)


def test_a_rule_pattern_searches_the_text_as_written_after_the_folded_prefilter():
    pattern = rule_pattern(r"lex\s+maria", re.IGNORECASE)
    assert pattern.search("Två anmälningar enligt LEX MARIA.").group(0) == "LEX MARIA"
    assert pattern.search("Två anmälningar enligt lex Sarah.") is None
    assert [m.group(0) for m in pattern.finditer("Lex Maria, lex maria")] == ["Lex Maria", "lex maria"]
