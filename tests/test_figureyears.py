"""The numbers that may be years (`figureyears`): a year glued to a word, a law number or a decimal is none."""

from __future__ import annotations

import pytest

from sosfs_check.figureyears import NOW, has_figure
from sosfs_check.packs import builtin_rules
from sosfs_check.wordsplit import Split

YEARS = builtin_rules().vocabulary.years


@pytest.mark.parametrize(("sentence", "figure"), [
    ("Ny rutin – mars 2026", False),
    ("Beslutet togs 2025-03-01.", False),
    ("Enligt SOSFS 2011:9 ska …", False),
    ("Lagen (2010:659) gäller.", False),
    ("498 (2024: 601)", True),
    ("Andelen var 98,2019 procent.", True),  # a decimal, no year
    ("Kod x2019 i journalen.", True),  # glued to a word: a number, no year
])
def test_a_figure_is_a_number_that_is_no_year_date_or_law_number(sentence, figure):
    assert has_figure(sentence) is figure


@pytest.mark.parametrize(("sentence", "read"), [
    ("Under 2024 minskade antalet fall.", ((2024,), 2024)),
    ("Verksamheten startade 1998.", ((1998,), 1998)),
    ("Sedan 2019 används digital signering.", ((), NOW)),  # a bound reaching the present: told by no year
    ("Enligt lag (2010:659) och SOSFS 2011:9.", ((), 2011)),  # named in a law number: reached, never told
    ("Andelen var 98,2019 procent.", ((), 0)),
    ("1998 avvikelser rapporterades.", ((), 0)),
])
def test_the_years_a_sentence_tells_of(sentence, read):
    assert YEARS.read(Split(sentence)) == read
