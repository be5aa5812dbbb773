"""Swedish term matching: inflections, compounds, exact short words, heading typos."""

import pytest

from sosfs_check.vocabulary import TextIndex, text_matches

TEXTS = [
    "Under 2021 har totalt åtta avvikelser rapporterats och utretts.",
    "Avvikelsehanteringen följer Borås Stads rutiner.",
    "MAS och MAR utreder och anmäler ärenden enligt lex Maria.",
    "SIP-samordnaren har utsetts.",
    "Massage erbjuds.",
]


@pytest.mark.parametrize(
    "term, expected",
    [
        ("avvikelse", [0, 1]),  # plural and compound
        ("avvikelser", [0, 1]),
        ("lex maria", [2]),
        ("=MAS", [2]),  # exact: not "Massage"
        ("SIP", [3]),  # short words are exact but may stand before a dash
        ("samordnad individuell plan", []),
        ("anmäla", [2]),
    ],
)
def test_find_handles_inflection_and_exact_words(term, expected):
    assert TextIndex(TEXTS).find(term) == expected


def test_find_respects_scope_and_word_order():
    index = TextIndex(TEXTS)
    assert index.find("avvikelse", scope={1, 2}) == [1]
    assert index.find("maria lex") == []


@pytest.mark.parametrize(
    "heading, term, expected",
    [
        ("Risakanalys", "riskanalys", True),  # the typo in Borås 2018
        ("6.1 Riskanalyser", "riskanalys", True),
        ("Risker och möjligheter", "riskanalys", False),
        ("Avvikelse på individnivå", "avvikelser", True),
        ("Samverkan för trygg och säker vård", "samverkan", True),
        ("Sammanfattning", "samverkan", False),
    ],
)
def test_heading_match_allows_one_typo_in_long_words(heading, term, expected):
    assert text_matches(heading, term) is expected
