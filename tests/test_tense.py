"""A sentence's tense and year (review2 E2, E3; issue 21): the perfect or preterite of any verb says
what was done, the present how the work usually goes; a sentence whose time phrases name only another
year than the report's is not what was done in the year reported on."""

from __future__ import annotations

import pytest

from sosfs_check.descriptions import Statements
from sosfs_check.packs import builtin_rules

VOCABULARY = builtin_rules().vocabulary


@pytest.mark.parametrize(("sentence", "past"), [
    # perfect and preterite of verbs no list names
    ("Undersköterskorna har lärt sig den nya dokumentationsrutinen.", True),
    ("Vi har köpt in nya sängar med sänkbara grindar.", True),
    ("Biståndshandläggarna har fått tillgång till journalsystemet.", True),
    ("Under hösten har samtliga sjuksköterskor deltagit i en heldag om sårvård.", True),
    ("I oktober skickade vi en enkät till alla anhöriga.", True),
    ("Rehabpersonalen byggde om träningslokalen.", True),
    ("Nattpatrullen gick över till digitala nycklar.", True),
    ("Trycksåren blev färre under hösten.", True),
    ("Avvikelserna analyserades, sammanställdes och återkopplades till personalen.", True),
    ("Varje enhet har nu ett eget hygienombud.", True),
    ("Under hösten har ett nytt larmsystem installerats på alla avdelningar.", True),
    # the present, a plan, an object after "har", an attribute, a restrictive or purpose clause, a list
    ("Sjuksköterskan går igenom läkemedelslistan vid varje besök.", False),
    ("Planerade insatser ska dokumenteras i genomförandeplanen.", False),
    ("Vi har ett nära samarbete med vårdcentralen.", False),
    ("Hemtjänsten har kontinuerligt kontakt med anhöriga.", False),
    ("Vi har ett strukturerat arbetssätt och ett etablerat samarbete med primärvården.", False),
    ("De utbildade ombuden stöttar sina kollegor.", False),
    ("Avvikelser som har inträffat analyseras av enhetschefen.", False),
    ("Rutinerna följs upp för att se att de har fungerat.", False),
    ("Arbetet utgår från egenkontroller, inkomna synpunkter, rapporterade avvikelser och klagomål.", False),
    ("Det viktigaste är att alla rapporterar.", False),
    # a state or an experience in the past is no measure
    ("Avdelningen hade många sjukskrivningar under våren.", False),
    ("Personalen upplevde att arbetsbelastningen var hög.", False),
    ("Året präglades av flera chefsbyten.", False),
    ("Vi har haft svårt att rekrytera sjuksköterskor.", False),
    ("Det fanns inga tomma platser på korttidsboendet.", False),
    # the stative passive: "är" with a past participle is done; an intention or an adjective is not (issue 21)
    ("Rutinen är reviderad.", True),
    ("Riktlinjen är uppdaterad och implementerad.", True),
    ("Utbildningen är genomförd.", True),
    ("Rutinerna för läkemedelshantering är nu helt omarbetade.", True),
    ("Larmen är utbytta på alla avdelningar.", True),
    ("Checklistan blev klar i maj.", True),
    ("Rutinen är tänkt att införas.", False),
    ("Utbildningen är planerad.", False),
    ("Checklistan är beslutad att införas.", False),
    ("Utbildningen ska vara genomförd.", False),
    ("Enhetschefen är ansvarig.", False),
    ("Patientsäkerheten är viktig.", False),
    ("Personalen är nöjd.", False),
    ("Rutinen är en reviderad version av förra årets.", False),
])
def test_the_tense_says_whether_it_was_done(sentence, past):
    [statement] = Statements([(0, sentence)], VOCABULARY).items
    assert statement.done is past


@pytest.mark.parametrize(("sentence", "elsewhen"), [
    ("Under 2024 sjönk antalet trycksår från 30 till 22.", True),
    ("I mars 2024 infördes en ny rutin för munvård.", True),
    ("Under 2026 införs en ny rutin för munvård.", True),
    ("Antalet trycksår sjönk från 30 (2024) till 22.", False),
    ("Under hösten 2024 och våren 2025 utbildades all personal.", False),
    ("Rutinen togs fram i december och införs under 2026.", False),
    ("Antalet trycksår sjönk från 30 till 22.", False),
    # a year standing alone is a time too (issue 21, the lead's probe: "Verksamheten startade 1998")
    ("Verksamheten startade 1998.", True),
    ("1998 öppnade vi boendet på Solgatan.", True),
    ("Boendet byggdes 2004 och renoverades 2016.", True),
    ("År 2020 minskade antalet trycksår.", True),
    ("2024 års punktprevalensmätning visade 12 procent trycksår.", True),
    ("Digital signering införs 2026.", True),
    ("Projektet startade 2023 och avslutades 2025.", False),
    ("Digital signering infördes 2025.", False),
    # comparisons, bounds, spans that reach the year, names, dates and counts are no time of the sentence
    ("Läkemedelsavvikelser: 498 (2024: 601).", False),
    ("Fallen minskade jämfört med 2024.", False),
    ("Antalet fall minskade från 51 år 2010.", False),
    ("Granskningen visade 92 procent, jämfört med 78 procent vid granskningen 2024.", False),
    ("Resultaten jämfördes med 2024: andelen med trycksår var 4 procent.", False),
    ("Rutinen från 2019 reviderades och alla fick utbildning.", False),
    ("Vi införde dubbelkontroll vid insulin, något vi har planerat sedan 2019.", False),
    ("Sedan 2019 arbetar vi med Senior alert.", False),
    ("Projektet pågick 2023–2025 och gav färre fall.", False),
    ("Rutinen reviderades enligt HSLF-FS 2017:40 och SOSFS 2011:9.", False),
    ("Anmälan gjordes enligt patientsäkerhetslagen (2010:659).", False),
    ("Rutinen fastställdes 2019-05-01 och har inte ändrats.", True),
    ("Rutinen reviderades 2025-10-01.", False),
    ("Under året firade vi att boendet öppnade 1998.", False),
    ("Vi tog emot 1998 avvikelser, fler än någonsin.", False),
])
def test_a_sentence_about_another_year(sentence, elsewhen):
    [statement] = Statements([(0, sentence)], VOCABULARY).items
    assert statement.elsewhen(2025) is elsewhen
    assert statement.elsewhen(None) is False


@pytest.mark.parametrize(("sentence", "plan", "negated"), [
    ("Utbildningen är planerad.", True, False),
    ("Rutinen är tänkt att införas.", True, False),
    ("Rutinen är inte reviderad.", False, True),
    ("Rutinen är reviderad.", False, False),
])
def test_a_stative_intention_is_a_plan_and_a_denied_state_is_negated(sentence, plan, negated):
    [statement] = Statements([(0, sentence)], VOCABULARY).items
    assert (statement.plan, statement.negated) == (plan, negated)


RESULTS = VOCABULARY.topics_for("PSL-3-10-RESULTAT")


@pytest.mark.parametrize(("sentence", "result"), [
    # a change, an outcome or no events is a result, whatever it is about (issue 21)
    ("Fallen med fraktur halverades.", True),
    ("Följsamheten till hygienrutinerna förbättrades.", True),
    ("Vi nådde målet om en genomförandeplan för alla.", True),
    ("Utbildningen ledde till färre läkemedelsfel.", True),
    ("Trycksåren blev färre under hösten.", True),
    ("Ingen patient föll och bröt höften under hösten.", True),
    ("Sedan bytet av larm i mars har inga fallolyckor nattetid rapporterats.", True),
    ("Tre patienter fick trycksår, mot nio året innan.", True),
    ("Utvärderingen visade att rutinen följs.", True),
    # what was done is a measure, not a result; a denied measure is nothing
    ("Fallen med skada gick ner från elva förra året till fyra i år.", True),
    ("Vi införde dubbelkontroll.", False),
    ("Personalen arbetade hårt.", False),
    ("Hanteringen av personuppgifter har skärpts och förbättrats.", False),
    ("Vi gick igenom alla avvikelser i kvalitetsrådet.", False),
    ("Ingen utbildning genomfördes.", False),
])
def test_a_result_is_a_change_an_outcome_or_no_events_not_what_was_done(sentence, result):
    said = Statements([(0, sentence)], VOCABULARY)
    assert bool(said.describing(RESULTS, year=2025)) is result


def test_a_measure_that_led_to_a_measure_is_no_result():
    said = Statements([(0, "Utredningarna ledde till en ny rutin för nattbemanning.")], VOCABULARY)
    assert said.describing(RESULTS, year=2025) == []


@pytest.mark.parametrize(("sentence", "past"), [
    # one finite verb a clause: after a verb in the present, a word with a preterite's ending is a participle
    ("Boendet har 40 lägenheter fördelade på fyra avdelningar.", False),
    ("Det finns rutiner anpassade efter verksamheten.", False),
    ("Vi har 40 platser och anställde en sjuksköterska till.", True),
    ("Vi har en ny rutin, som infördes i våras.", True),
    ("Vi har 40 platser men bytte larm i våras.", True),
])
def test_a_clause_has_one_finite_verb(sentence, past):
    [statement] = Statements([(0, sentence)], VOCABULARY).items
    assert statement.done is past


@pytest.mark.parametrize(("sentence", "done", "vague"), [
    # light verbs, attitudes and praise of effort tell no act (review3 m28, m29, r09): set aside like evaluations
    ("Personalen arbetade hårt under hela hösten.", False, True),
    ("Sjuksköterskorna har jobbat intensivt med patientsäkerheten.", False, True),
    ("Patientsäkerhet har stått högt på agendan i alla team.", False, True),
    ("Under året låg fokus på läkemedel och nutrition.", False, True),
    ("Enhetscheferna har haft särskilt fokus på fallprevention.", False, True),
    ("Medarbetarna har visat stort engagemang för de boende.", False, True),
    ("Teamet har varit mycket motiverat under året.", False, True),
    ("Alla har gjort ett otroligt bra jobb.", False, True),
    ("Undersköterskorna har gjort en fantastisk insats under pandemin.", False, True),
    ("Vi har lagt ner mycket tid och kraft på patientsäkerheten.", False, True),
    ("Vi har arbetat med förbättringsarbetet på alla enheter.", False, True),
    ("Personalen har engagerat sig i patientsäkerhetsfrågorna.", False, True),
    ("Samarbetet med vårdcentralen har fungerat bra.", False, True),
    ("Hemtjänsten har jobbat med kvalitetsfrågor under hela året.", False, True),
    ("Personalen har tagit stort ansvar för de boendes säkerhet.", False, True),
    # an inner verb carries the clause, an activity is named, or another verb tells the act: done
    ("Vi har arbetat med att ta fram en ny rutin för fallprevention.", True, False),
    ("Fokus har legat på att införa digital signering.", True, False),
    ("Vi har arbetat med läkemedelsgenomgångar för alla boende.", True, False),
    ("Personalen arbetade hårt och införde dubbelkontroll vid insulin.", True, False),
    ("Vi har jobbat med informationssäkerheten, bland annat genom att klassificera alla system.", True, False),
    ("Sjuksköterskorna har lagt ner mycket tid på att utbilda vikarierna.", True, False),
    ("Personalen har varit engagerad och har startat ett nätverk för hygienombud.", True, False),
    ("Vi har arbetat med Senior alert på alla enheter.", True, False),
    ("Personalen visade patienterna hur det nya larmet fungerar.", True, False),
    ("Vi har gjort en stor översyn av läkemedelsrutinerna.", True, False),
    ("Vi köpte nya sänkbara sängar till korttidsboendet.", True, False),
])
def test_light_verbs_and_attitudes_tell_no_act(sentence, done, vague):
    [statement] = Statements([(0, sentence)], VOCABULARY).items
    assert (statement.done, statement.vague) == (done, vague)


@pytest.mark.parametrize(("sentence", "done"), [
    # a present verb before "nu" tells a change made (review3 m27)
    ("Alla patienter som kommer från akuten får nu en läkemedelsavstämning av apotekare.", True),
    ("Nu används digital signering på alla enheter.", True),
    ("Läkemedelsgenomgångar görs nu vid varje inflyttning.", True),
    ("Sjuksköterskan signerar nu varje given dos i appen.", True),
    ("Varje enhet använder nu samma checklista vid överrapportering.", True),
    # work under way or to come, and the present without "nu", is no change made
    ("Vi arbetar nu med att ta fram en ny rutin.", False),
    ("Arbetet pågår nu på alla enheter.", False),
    ("Rutinen ses nu över av MAS.", False),
    ("Vi ska nu införa digital signering.", False),
    ("Vi väntar nu på ett beslut från nämnden.", False),
    ("Alla patienter som kommer från akuten får en läkemedelsavstämning.", False),
    # a participle of arrangement tells how things are, not an act; "nu" makes the arrangement new
    ("Arbetet är organiserat i tre team.", False),
    ("Hemtjänsten är indelad i fyra geografiska områden.", False),
    ("Boendet är uppdelat på två våningar.", False),
    ("Dagverksamheten är placerad i samma hus som vårdcentralen.", False),
    ("Arbetet är nu organiserat i tre team.", True),
    ("Läkemedelsrutinen är reviderad och utbytt.", True),
])
def test_now_with_the_present_and_arrangements(sentence, done):
    [statement] = Statements([(0, sentence)], VOCABULARY).items
    assert statement.done is done


def test_each_distinct_word_is_judged_once_per_process(monkeypatch):
    """The verb forms of a word (preterite, supine, participle) are read from its endings once; a sentence
    read again asks the endings of none of its words (`Tense._verb_form`)."""
    from sosfs_check.lexicon import Tense
    from sosfs_check.wordsplit import Split

    tense = Tense(VOCABULARY.data)
    asked: list[str] = []
    judge = tense._verb_form
    monkeypatch.setattr(tense, "_verb_form", lambda word, endings: asked.append(word) or judge(word, endings))
    sentence = Split("Sjuksköterskorna har nyligen utbildats och rutinen är uppdaterad.")
    assert tense.past(sentence) is True
    assert asked == ["nyligen", "utbildats"]  # the supines after "har"
    assert tense.past(sentence) is True
    assert asked == ["nyligen", "utbildats"]
    assert tense.finite("utbildats") is True  # not a preterite (asked now), a supine (known)
    assert tense.finite("utbildats") is True
    assert asked == ["nyligen", "utbildats", "utbildats"]


def test_a_tense_with_judged_words_is_pickled_as_its_data():
    """Batch workers get the rule set pickled, its vocabulary's `Tense` with it: the word caches are functions and
    are rebuilt, empty, from the data."""
    import pickle

    from sosfs_check.lexicon import Tense
    from sosfs_check.wordsplit import Split

    tense = Tense(VOCABULARY.data)
    assert tense.past(Split("Rutinen har reviderats.")) is True
    again = pickle.loads(pickle.dumps(tense))
    assert again.data == tense.data and again._supine.cache_info().currsize == 0
    assert again.past(Split("Rutinen har reviderats.")) is True and again.past(Split("Rutinen revideras.")) is False
