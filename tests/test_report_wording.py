"""How quality officers write (review2 G2–G9, M3; issue 21): other names for a term, coordinated
words inside a phrase, a label before a colon, and a referring word after an aside."""

from __future__ import annotations

import pytest

from sosfs_check.descriptiondata import DescriptionData, Topic
from sosfs_check.descriptions import Statements
from sosfs_check.lexicon import Lemmatizer, Vocabulary
from sosfs_check.packs import builtin_rules
from sosfs_check.vocabulary import TextIndex

VOCABULARY = builtin_rules().vocabulary


def described(rule_id: str, *blocks: str) -> list[str]:
    """The sentences that describe the rule's topics; each argument is a block, its sentences parted by " | "."""
    said = Statements([(n, s) for n, block in enumerate(blocks) for s in block.split(" | ")], VOCABULARY)
    return [s.text for s in said.describing(VOCABULARY.topics_for(rule_id))]


def test_a_synonym_is_read_as_its_term_with_the_terms_parts():
    data = DescriptionData(topics={"utredning": Topic(subjects=["händelse"], activities=["analys"])},
                           synonyms={"RCA": "händelseanalys"})
    with_name = Lemmatizer(Vocabulary.build(data))("rca")
    without = Lemmatizer(Vocabulary.build(data.model_copy(update={"synonyms": {}})))("rca")
    assert {"händelse", "analys"} <= with_name
    assert without == frozenset()


@pytest.mark.parametrize(("rule_id", "sentence"), [
    ("PSL-3-3-UTREDNING", "Efter fallet i maj gjorde vi en RCA."),
    ("PSL-3-3-UTREDNING", "Två rotorsaksanalyser genomfördes under hösten."),
    ("HSLF-2016-40-JOURNALGRANSKNING", "MJG: tjugo vårdtillfällen varje månad."),
    ("SOSFS-5-2-EGENKONTROLL", "Vi gjorde PPM av trycksår två gånger."),
])
def test_the_packs_synonyms_describe_the_work(rule_id, sentence):
    assert described(rule_id, sentence) == [sentence]


def test_a_denied_synonym_describes_nothing():
    assert described("PSL-3-3-UTREDNING", "Ingen RCA har gjorts under året.") == []


@pytest.mark.parametrize(("text", "found"), [
    ("Varje medarbetare ska rapportera risker och avvikelser.", True),
    ("Personalen rapporterar fel, brister och avvikelser i systemet.", True),
    ("Personalen ska rapportera avvikelser och risker.", True),
    ("Personalen ska rapportera risker. Och avvikelser hanteras av chefen.", False),
    ("Personalen ska rapportera risker för patienterna till chefen och avvikelser hanteras sedan.", False),
])
def test_coordinated_words_may_stand_between_a_terms_words(text, found):
    assert bool(TextIndex([text]).find("rapportera avvikelser")) is found


@pytest.mark.parametrize(("rule_id", "line", "found"), [
    ("SOSFS-4-6-EXTERN", "Samverkan: månatliga möten med primärvårdens läkare.", True),
    ("SOSFS-4-6-EXTERN", "Samverkan: primärvården och kommunen.", True),
    ("HSLF-2016-40-JOURNALGRANSKNING", "Granskning: 20 journaler varje månad.", True),
    # Four words before the colon are a clause of their own, not a label.
    ("SOSFS-4-6-EXTERN", "Samverkan är viktig för oss: primärvården och kommunen.", False),
])
def test_a_labels_colon_keeps_its_line_one_clause(rule_id, line, found):
    assert bool(described(rule_id, line)) is found


def test_a_referring_word_carries_the_clause_that_named_the_subject():
    block = "Vi fick 14 klagomål från närstående, de flesta om bemötande. | Samtliga besvarades inom två veckor."
    assert described("PSL-3-8A-KLAGOMAL", block) == ["Samtliga besvarades inom två veckor."]
    # In another block the referring word has nothing to refer to.
    apart = ["Vi fick 14 klagomål från närstående, de flesta om bemötande.", "Samtliga besvarades inom två veckor."]
    assert described("PSL-3-8A-KLAGOMAL", *apart) == []


@pytest.mark.parametrize("lemmas", [("lag", "lage"), ("lage", "lag")])
def test_a_form_two_lemmas_give_with_their_endings_goes_to_the_first_whatever_the_hash_seed(lemmas):
    """"lagen" is "lag" + "en" and "lage" + "n": the lemma the pack's forms list first takes it, not the one a
    set of lemmas happens to give first."""
    vocabulary = Vocabulary.build(DescriptionData(forms={lemma: [] for lemma in lemmas}))
    assert vocabulary.forms["lagen"] == lemmas[0]
    assert (vocabulary.forms["lagarna"], vocabulary.forms["lagena"]) == ("lag", "lage")  # one lemma only
