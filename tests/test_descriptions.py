"""The description model (issue 21): lemmas and compound parts, what is never evidence, and the
pack data that is generated (forms from simplemma, the statute's sentences)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import sosfs_check
from sosfs_check.descriptions import Statements
from sosfs_check.lexicon import Lemmatizer
from sosfs_check.packs import builtin_rules, builtin_rules_dir
from sosfs_check.testing import build_docx

ROOT = Path(__file__).parent.parent
LAW = next((d for d in (ROOT.parent / "shared" / "law", ROOT.parents[1] / "shared" / "law") if d.is_dir()), ROOT / "-")
VOCABULARY = builtin_rules().vocabulary


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("kompetensutvecklat", "kompetensutveckla"),
        ("kompetensutvecklats", "kompetensutveckla"),
        ("avvikelsehanteringen", "avvikelse"),
        ("läkemedelsavvikelser", "avvikelse"),
        ("riskbedömningar", "riskbedömning"),
        ("fallriskbedömningar", "riskbedömning"),
        ("teammöten", "teammöte"),
        ("erbjöds", "erbjuda"),
        ("analyserades", "analysera"),
        ("vårdplaneringen", "vårdplanering"),
    ],
)
def test_forms_and_compound_parts_reach_the_vocabulary(word, lemma):
    assert lemma in Lemmatizer(VOCABULARY)(word)


@pytest.mark.parametrize("word", ["vårdnad", "ansvarig", "lärare", "bemötande", "fallit"])
def test_look_alike_words_are_not_forms(word):
    found = Lemmatizer(VOCABULARY)(word)
    assert not found & {"vård", "ansvar", "lära", "möte", "fall"}


def statements(*sentences: str) -> Statements:
    return Statements([(0, s) for s in sentences], VOCABULARY)


@pytest.mark.parametrize(
    "sentence",
    [
        "Godkänd av kommunstyrelsen 2012-02-20 i samverkan med regionen",
        "Fastställd av vård- och omsorgsnämnden den 18 februari 2025",
        "Mallen är framtagen av Sveriges Kommuner och Landsting i samarbete med regionerna.",
        "Idén med patientsäkerhetsberättelsen är att redovisa strategier, mål och resultat.",
    ],
)
def test_approval_credit_and_template_lines_are_never_evidence(sentence):
    assert statements(sentence).items == []


@pytest.mark.parametrize(
    ("sentence", "plan"),
    [
        ("Målet är att alla medarbetare ska utbildas i fallprevention.", True),
        ("Förebygga vårdskador", True),
        ("Vi ska planera, leda, kontrollera, följa upp, utvärdera och förbättra verksamheten.", True),
        ("Under 2026 planeras en ny rutin för nattillsyn.", True),
        ("Under året har alla medarbetare utbildats i fallprevention, vilket ska fortsätta.", False),
        ("Avvikelser dokumenteras i verksamhetssystemet och analyseras på teammöten.", False),
        ("En ny rutin för överrapportering infördes i oktober.", False),
    ],
)
def test_goals_and_plans_are_told_from_what_was_done(sentence, plan):
    [statement] = statements(sentence).items
    assert statement.plan is plan


@pytest.mark.parametrize(
    ("sentence", "vague"),
    [
        ("Journalgranskning är en självklar del av vårt kvalitetsarbete.", True),
        ("Personalen är väl medveten om fallriskerna hos de boende.", True),
        ("Det är angeläget att alla boende får en nutritionsbedömning.", True),
        ("Enhetscheferna har en god bild av hur rutinerna följs.", True),
        ("Samarbetet med vårdcentralen fungerar mycket bra.", True),
        ("Vi strävar efter att alla boende ska ha en egen kontaktperson.", False),  # a goal, not an evaluation
        ("Journalgranskning görs varje kvartal av två sjuksköterskor.", False),
        ("Vi går igenom fallriskerna med de boende varje månad.", False),
        ("Journalgranskningen, som är viktig för oss, genomfördes i maj.", False),
    ],
)
def test_evaluations_describe_no_work(sentence, vague):
    [statement] = statements(sentence).items
    assert statement.vague is vague
    assert statement.plan is (vague or sentence.startswith("Vi strävar"))


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        ("Regionstyrelsen är vårdgivare.", True),
        ("Vårdgivare är Tandläkarna i Strandvik AB genom styrelsen.", True),
        ("Omsorgsnämnden är sedan 2019 huvudman för hemsjukvården.", True),
        ("Vårdgivaren införde ett nytt journalsystem i maj.", False),
        ("Berättelsen har lämnats till vårdgivaren.", False),
    ],
)
def test_who_is_the_vardgivare_is_a_role(sentence, role):
    [statement] = statements(sentence).items
    assert statement.role is role


@pytest.mark.parametrize(
    ("sentence", "law"),
    [
        ("Vårdgivaren ska utreda händelser i verksamheten som har medfört eller hade kunnat medföra en vårdskada.", True),
        ("Vårdgivaren ska vidta de åtgärder som behövs för att förebygga att patienter drabbas av vårdskador.", True),
        ("Vårdgivaren ska ge patienterna och deras närstående möjlighet att delta i patientsäkerhetsarbetet.", True),
        ("Under året utreddes fyra händelser som hade kunnat medföra en vårdskada.", False),
        ("Patienter och närstående erbjuds att delta i vårdplaneringen.", False),
    ],
)
def test_the_statute_restated_is_told_by_shared_word_pairs(sentence, law):
    [statement] = statements(sentence).items
    assert statement.law is law


def test_a_description_needs_a_subject_and_an_activity_as_different_words():
    topics = VOCABULARY.topics_for("PSL-3-2-FOREBYGGANDE")
    said = statements("Riskbedömningar görs.", "Riskbedömningar för fall görs vid inflyttning.")
    assert [s.text for s in said.describing(topics)] == ["Riskbedömningar för fall görs vid inflyttning."]


@pytest.mark.parametrize(("sentence", "described"), [
    # An auxiliary after the closing comma takes up the subject the inserted phrase interrupted.
    ("Gruppen, med en undersköterska från varje avdelning, har träffats varje månad och gått igenom avvikelserna.", True),
    ("Teamet, där alla sjuksköterskor ingår, hade möten varje vecka och gick igenom avvikelserna.", True),
    ("Ledningsgruppen, med verksamhetschefen och MAS, har gått igenom avvikelserna.", False),  # no staff
    ("Sjuksköterskorna på avdelningen, liksom ledningen, var nöjda med året.", False),  # no activity
])
def test_a_clause_goes_on_after_a_phrase_inserted_between_commas(sentence, described):
    topics = VOCABULARY.topics_for("SOSFS-6-MEDVERKAN")
    assert bool(statements(sentence).describing(topics)) is described


def test_in_de_fall_is_no_fall():
    topics = VOCABULARY.topics_for("SOSFS-5-1-RISKANALYS")
    assert statements("I de fall det inte bedömts som akut fick patienten en tid inom en vecka.").describing(topics) == []


def test_a_finding_never_quotes_an_approval_or_credit_line(tmp_path):
    path = build_docx(
        "%% Patientsäkerhetsberättelse 2025\n\n"
        "Godkänd av kommunstyrelsen 2026-02-20 i samverkan med regionen\n\n"
        "Mallen är framtagen av Sveriges Kommuner och Regioner i samarbete med regionerna och kommunerna.\n\n"
        "# Samverkan\n\nSamverkan är viktig för en säker vård och sker på flera nivåer i verksamheten.\n",
        tmp_path / "r.docx",
    )
    result = sosfs_check.check(path, as_of=date(2026, 3, 1))
    [samverkan] = [f for f in result.findings if f.rule_id == "SOSFS-4-6-SAMVERKAN"]
    assert samverkan.location.excerpt == "Samverkan"
    # Only the rules about the adoption itself may quote the approval line (it is their subject).
    adoption = {"PSL-3-10-FASTSTALLD", "PSL-3-10-SENAST-1-MARS", "PSL-3-10-FOREGAENDE-AR"}
    assert not any("Godkänd" in f.location.excerpt or "Mallen" in f.location.excerpt
                   for f in result.findings if f.rule_id not in adoption)


def test_forms_file_is_up_to_date(tmp_path):
    pytest.importorskip("simplemma")
    out = tmp_path / "former.yml"  # in a child process: the dictionary is large, keep it out of the test run
    subprocess.run([sys.executable, str(ROOT / "tools" / "vocabulary_forms.py"), str(out)], check=True, capture_output=True)
    assert (builtin_rules_dir() / "former.yml").read_text(encoding="utf-8") == out.read_text(encoding="utf-8"), (
        "kör: python tools/vocabulary_forms.py"
    )


@pytest.mark.skipif(not LAW.is_dir(), reason="shared/law saknas")
def test_law_sentences_are_those_of_the_statutes(tmp_path):
    out = tmp_path / "lagtext.yml"
    subprocess.run([sys.executable, str(ROOT / "tools" / "law_sentences.py"), str(LAW), str(out)], check=True, capture_output=True)
    assert (builtin_rules_dir() / "lagtext.yml").read_text(encoding="utf-8") == out.read_text(encoding="utf-8"), (
        "kör: python tools/law_sentences.py"
    )


def test_a_subject_is_carried_within_its_paragraph_not_into_the_next():
    """review2 G8: "Varje medarbetare …" in one paragraph and "Alla deltar …" in the next are two
    statements; a paragraph break ends what "Alla" can refer to (docs/evidence.md)."""
    topics = VOCABULARY.topics_for("SOSFS-6-MEDVERKAN")
    first, second = "Varje medarbetare har ett ansvar för patientsäkerheten.", "Alla deltar i utbildningar om läkemedelshantering."
    assert [s.text for s in Statements([(0, first), (0, second)], VOCABULARY).describing(topics)] == [second]
    assert Statements([(0, first), (1, second)], VOCABULARY).describing(topics) == []


@pytest.mark.parametrize(
    ("sentence", "elsewhat"),
    [
        # premises, staffing agencies, working environment and money are no patient safety (review4 1)
        ("Under 2025 flyttade hemsjukvården till nya lokaler i kommunhuset.", True),
        ("Vi införde friskvårdsbidrag för alla medarbetare.", True),
        ("Sjukfrånvaron minskade från 9,1 till 6,4 procent.", True),
        ("Budgeten hölls för första gången på fem år.", True),
        ("Kostnaderna för inhyrd personal minskade med 1,8 miljoner kronor.", True),
        ("Medarbetarenkäten visade att 82 procent trivs på jobbet.", True),
        ("Vi anlitar inte längre bemanningsföretag.", True),
        ("Ett nytt schemaprogram togs i bruk i mars.", True),
        ("All personal gick en utbildning i arbetsmiljö.", True),
        ("Vi rekryterade fyra sjuksköterskor under våren.", True),
        # the same matters with patients, risks or care named are patient safety work
        ("Vi rekryterade en sjuksköterska till fallteamet.", False),
        ("Demensavdelningen flyttade till nya lokaler med larm i alla rum.", False),
        ("Kostnaderna för kasserade läkemedel minskade med 80 000 kronor.", False),
        ("Det nya schemaprogrammet ger samma sjuksköterska till varje patient.", False),
        ("Personalomsättningen minskade och kontinuiteten för brukarna ökade.", False),
        ("Arbetsmiljöronden tog också upp risken för stickskador och smitta.", False),
        ("Vi införde dubbelkontroll vid insulin.", False),
        ("Vi köpte ett larm.", False),
        ("Fallen minskade från 40 till 22.", False),
        ("Alla nyanställda fick introduktion i avvikelsehantering.", False),
    ],
)
def test_other_matters_than_patient_safety(sentence, elsewhat):
    [statement] = statements(sentence).items
    assert statement.elsewhat is elsewhat


def test_a_restatement_shares_at_least_four_word_pairs_with_one_law_sentence():
    from types import SimpleNamespace

    from sosfs_check.lexicon import LawIndex

    index = LawIndex([SimpleNamespace(text="Vårdgivaren ska utreda händelser i verksamheten.")])
    assert index.restates(["vårdgivaren", "ska", "utreda", "händelser", "i"]) is True
    assert index.restates(["vårdgivaren", "ska", "utreda", "händelser"]) is False  # three pairs
    assert index.restates(["ska", "utreda", "ska", "utreda", "ska", "utreda"]) is False  # one pair, three times
    assert index.restates(["vi", "ska", "utreda", "händelser", "i", "verksamheten", "och", "på", "enheten", "varje",
                           "vecka", "med", "alla"]) is False  # four of twelve pairs: under half
