"""`regexes.searching`: a pattern's form for `search` (issue 20) finds a match exactly where the pattern does."""

import re

import pytest

from sosfs_check.regexes import searching

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
