"""Swedish term matching: inflections, compounds, exact short words, heading typos."""

import pytest

from sosfs_check.vocabulary import TextIndex, sentences, text_matches

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


def test_parts_of_blocks_are_found_and_matched_for_their_blocks():
    # Blocks 4 and 7 made of parts (sentences); a view keeping some parts sees only those.
    index = TextIndex(["Avvikelser rapporteras", "riskanalyser görs.", "Risakanalys av fall."], [4, 4, 7])
    assert index.find_any(["avvikelse", "riskanalys"]) == [4]  # no typos here
    assert index.find("rapporteras riskanalys") == [4]  # across two parts of one block
    assert index.matching("riskanalys") == [4, 7]  # a typo in block 7
    view = index.keeping([True, False, False])
    assert view.find_any(["riskanalys"]) == []
    assert view.matching("riskanalys") == []
    assert view.find_any(["avvikelse"], scope={4}) == [4]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Vi har gjort det. Nu följer vi upp! Klart? Ja.", ["Vi har gjort det.", "Nu följer vi upp!", "Klart?", "Ja."]),
        ("Enligt 3 kap. 1 § PSL. Vi gör t.ex. IVO-anmälningar.", ["Enligt 3 kap. 1 § PSL.", "Vi gör t.ex. IVO-anmälningar."]),
        ("Ett.  \u00a0Två. tre. ”Citat.” Fyra", ["Ett.", "Två. tre.", "”Citat.” Fyra"]),
        ("  Bara en mening utan punkt  ", ["Bara en mening utan punkt"]),
        ("   ", []),
    ],
)
def test_sentences_end_at_a_full_stop_before_a_capital(text, expected):
    assert sentences(text) == expected


def test_words_stemmed_in_many_threads_at_once_get_their_own_stems(monkeypatch):
    """`serve` checks uploads in threads: with the stems not yet known, the one Snowball stemmer must not
    mix the words it is given (it once raised IndexError or gave another word's stem)."""
    import sys
    import threading

    from sosfs_check import vocabulary

    words = [stem + end for stem in ("avvikelse", "patientsäkerhet", "riskanalys", "egenkontroll", "klagomål",
                                      "samverkan", "förbättring", "händelse")
             for end in ("", "r", "rna", "n", "ns", "hantering", "arbete", "erna")]
    expected = {"avvikelserna": "avvik", "riskanalyserna": "riskanalys", "händelsen": "händ",
                "samverkanarbete": "samverkanarbet"}
    alone = {word: vocabulary._stemmer().stemWord(word) for word in words}
    assert {word: alone[word] for word in expected} == expected
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as the interpreter can
    try:
        for _ in range(5):
            monkeypatch.setattr(vocabulary, "STEMS", {})
            wrong = []

            def stem_all():
                try:
                    wrong.extend(word for word in words * 3 if vocabulary._stem(word) != alone[word])
                except Exception as error:  # noqa: BLE001 - what the race raised
                    wrong.append(repr(error))

            threads = [threading.Thread(target=stem_all) for _ in range(8)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert wrong == []
    finally:
        sys.setswitchinterval(interval)
