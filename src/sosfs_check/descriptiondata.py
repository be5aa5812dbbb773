"""A rule file's `descriptions:` as pydantic models: topics, the rules they serve, and the wording
that is never evidence (see `descriptions`, which reads them, and docs/evidence.md); and the
data of several files merged into one."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from .schema import FactKey, Regex, Strict


# A word or abbreviation as written: letters, digits, dots, dashes and spaces, at least one letter
# or digit ("enl.", "bl.a.", "incidents").
Written = Annotated[str, StringConstraints(pattern=r"^[\w.\- ]*\w[\w.\- ]*$")]


class Topic(Strict):
    """Two groups of terms that must meet in one sentence: what is spoken of, and what was done."""

    subjects: list[str] = Field(min_length=1)
    activities: list[str] = Field(min_length=1)
    done: bool = False  # the sentence must also say that it was done ("infördes", "har minskat")
    # Verbs of change whose form for what was done ("bytte", "infördes", "har förlängts") describes
    # the topic whatever the sentence is about ("bytte vi autoklav"): a measure can concern anything.
    changes: list[str] = []
    patterns: list[Regex] = []  # wording that describes the topic by itself ("ökade från 78 till 97 procent")
    # Words of a table's first row ("utfall") that make its figures describe the topic; so do two year
    # columns ("2024 | 2025"). A table of goals ("Mål | Senast") has neither.
    table_headers: list[str] = []


class FigureEvents(Strict):
    """How a report tells one event reported under a law (rules/figurer.yml, `figureevents`)."""

    laws: list[Written] = Field(min_length=1)  # "lex maria"
    verbs: list[Written] = Field(min_length=1)  # the reporting verb's past forms: "anmäldes", "anmälde"
    passive: list[Written] = []  # those whose subject is the event: "Händelsen anmäldes"
    documents: list[Written] = []  # the report itself: "en tredje anmälan"
    makes: list[Written] = []  # verbs that make one: "gjorde en anmälan"
    recipients: list[Written] = []  # where it goes ("ivo"): named without the law, the law follows from context
    matter: list[Written] = []  # beginnings of words that name the law's matter ("vårdskad")


class LawSentence(Strict):
    source: str  # "SFS 2010:659 3 kap. 10 §"
    text: str


class DescriptionData(Strict):
    """A rule file's `descriptions:`: topics, the rules they serve, and what is never evidence."""

    topics: dict[str, Topic] = {}
    rules: dict[str, list[str]] = {}  # rule id -> topics whose description meets the rule
    asks_what_was_done: list[str] = []  # rule ids for which goals and plans are no evidence
    cites_the_law: list[str] = []  # rule ids that look for references to the law: restated law counts for them
    asks_who: list[str] = []  # rule ids that ask who is responsible: role and duty sentences count for them
    # rule ids whose own section must say what happened in the year (done wording, a figure or a
    # description of the rule's topics), not only how the work is usually done
    concrete_sections: list[str] = []
    # rule id -> words that make a heading written as a clause in the past tense the rule's own section,
    # as its noun headings do ("Det här ändrade vi", "Vad vi gjorde i år", "Det här blev bättre")
    clause_headings: dict[str, list[str]] = {}
    # those of them whose section must say what was achieved (a figure, a change, an outcome: the
    # rule's topics), not only what was done ("Vi införde dubbelkontroll" is a measure, no result)
    asks_achieved: list[str] = []
    # Quantities in words read as figures (quantities.py): fraction words and ordinals to their
    # denominator ("tredjedel": 3, "tredje": 3 in "var tredje"), and words that only say a figure is
    # approximate ("ungefär", "knappt").
    fractions: dict[str, int] = {}
    ordinals: dict[str, int] = {}
    approximators: list[str] = []
    # rule id -> headings of the law's other parts: a description in such a section answers that part,
    # not this rule ("Åtgärder" and "Resultat" are 3 kap. 10 § 2 and 3, not how the work was run)
    apart_from: dict[str, list[str]] = {}
    # rule ids that ask for the measures and results of patient safety work (PSL 3 kap. 10 § 2-3): a sentence
    # that names only other matters (`other_matters`: premises, budget, sick leave) and none of patient
    # safety (`safety_matters`) is no evidence for them
    asks_patient_safety: list[str] = []
    other_matters: list[Regex] = []
    safety_matters: list[Regex] = []
    plans: list[Regex] = []  # goal and plan wording: not what was done
    evaluations: list[Regex] = []  # what is valued or known ("är en viktig del", "är medvetna om"): no work described
    # Light verbs, attitudes and praise of effort ("arbetade hårt", "fanns på agendan", "har varit engagerad",
    # "gjort ett fantastiskt jobb"): their verbs tell no act, so the tense is read without them
    platitudes: list[Regex] = []
    # Words after a platitude that hand the clause to an inner verb ("Fokus låg på att införa …"): no platitude
    inner_verbs: list[str] = []
    subclauses: list[Regex] = []  # subordinate clauses, set aside when looking for plan wording ("… som bör tas fram")
    roles: list[Regex] = []  # who is responsible or tasked ("ansvarar för", "har till uppgift"): not what was done
    done: list[Regex] = []  # wording of what was done, which outweighs a plan word in the same sentence
    # Status words of a line without a verb of its own or of a table's status cell (statuses.py): a measure
    # taken ("– genomförd i mars", "Klar") or still a plan ("– planerad till mars 2026", "Pågår", "Ej påbörjad")
    done_statuses: list[str] = []
    plan_statuses: list[str] = []
    # Answers under a column headed by a status ("| Genomförd |" over "| Ja |", "| x |" or "| Nej |")
    yes_answers: list[str] = []
    no_answers: list[str] = []
    ongoing_statuses: list[str] = []  # of the plans, those that say a measure runs ("Pågår"): with progress, taken
    # A nominal measure ("Införande av …", "Byte av …": a word with one of these endings first) that ends
    # with a time of the year ("(maj)", "– hösten") was taken then.
    nominal_endings: list[str] = []
    times_of_year: list[str] = []
    # Clauses whose tense says nothing of what was done ("avvikelser som har inträffat analyseras").
    tenseless_clauses: list[Regex] = []
    # The tense (lexicon.Tense): "har"/"hade" and a supine, or a preterite, says it was done, whatever the verb.
    auxiliaries: list[str] = []  # "har", "hade": with a supine, the perfect
    supine_endings: list[str] = []  # "at", "it", "tt", "t" (after a consonant), with an "s" for the passive
    preterite_endings: list[str] = []  # "ade", "de" and "te" (after a consonant), with an "s" for the passive
    strong_preterites: list[str] = []  # preterites without such an ending ("fick", "gick", "blev", "togs")
    not_verbs: list[str] = []  # words with such an ending that are no verb ("inte", "resultat", "samt")
    not_verb_endings: list[str] = []  # endings of words that are no verb ("-ande", "-ligt", "-procent")
    articles: list[str] = []  # words that open a noun phrase: only a passive supine follows ("har en ny rutin införts")
    attributives: list[str] = []  # words before a noun phrase: no preterite follows ("de planerade åtgärderna")
    # past forms that tell a state or an experience, not a measure or a result ("var", "hade", "upplevde")
    not_actions: list[str] = []
    # "är", "blev", "blivit" with a past participle (its `participle_endings`): the stative passive, done
    # ("Rutinen är reviderad"); an adjective ("är nöjd") is listed among `not_verbs`.
    stative_auxiliaries: list[str] = []
    participle_endings: list[str] = []
    state_verbs: list[str] = []  # "har", "är", "finns": with a word of `reached`, a state reached
    reached: list[str] = []  # "nu": "Alla enheter har nu digital signering"
    # A finite verb in the present ("får", "används") before a word of `reached` tells a change made ("får nu")
    present_endings: list[str] = []
    # Present forms that with "nu" tell work still under way or to come ("arbetar nu", "pågår nu", "ska nu")
    not_reached: list[str] = []
    # Stems of verbs whose past participle tells how things are arranged, not an act ("är organiserat i tre team")
    arrangements: list[str] = []
    # When a sentence says it happened ("under 2024", "i mars 2024"), the year its only group: a
    # sentence about another year than the report's is not what was done in the year reported on.
    time_phrases: list[Regex] = []
    # Years that are no time of the sentence, the year the only group: comparisons and bounds
    # ("jämfört med 2024", "(2024: 601)", "från 2019", "2024–2026"); years that reach the present
    # ("sedan 2019"); phrases that name the period itself ("under året", "årets"); words that may follow
    # a year that stands alone ("1998 och", "2004 års"), where any other word that is not a verb makes
    # the number a count ("1998 avvikelser"). See figureyears.Years.
    year_bounds: list[Regex] = []
    ongoing_years: list[Regex] = []
    period_phrases: list[Regex] = []
    year_followers: list[str] = []
    negations: list[Regex] = []  # a main clause saying the work was not done ("har inte", "Ingen … genomfördes")
    negation_words: list[str] = []  # words one of which a clause must hold for `negations` to be tried
    affirmations: list[Regex] = []  # negative words that deny no work ("inte bara", "inga fall inträffade")
    subordinators: list[str] = []  # words that open a subordinate clause ("eftersom", "som")
    others: list[Regex] = []  # subjects of someone else's work or of background figures ("Socialstyrelsen")
    bodies: dict[str, str] = {}  # public body -> title-page word that makes it the report's own ("regionen": "region")
    not_evidence: list[Regex] = []  # title-page, approval and template credit lines
    ignore: list[Regex] = []  # wording whose words are never a subject or activity ("i de fall")
    glossary_headings: list[str] = []  # sections that explain words and abbreviations: never evidence
    # Words that carry a clause on past a comma, semicolon or colon, or a sentence into the next one
    # ("…, som analyserades", "…; alla besvarades", "Vi tog emot elva klagomål. Alla besvarades …").
    continues: list[str] = []
    # Headings about the coming year ("Mål och planerade åtgärder för kommande år", "Riskanalys inför
    # 2026"): never the own section of a rule that asks what was done.
    future_headings: list[Regex] = []
    law: list[LawSentence] = []  # the statute's own sentences
    law_wording: list[Regex] = []  # wording that passes on a rule's text ("Enligt SOSFS 2011:9 … ska")
    forms: dict[str, list[str]] = {}  # lemma -> its inflected forms (rules/former.yml, from simplemma)
    # Abbreviations and loanwords read as Swedish words when figures are counted ("enl.": enligt,
    # "incidents": avvikelser; rules/figurer.yml)
    figure_words: dict[Written, Written] = {}
    figure_events: dict[FactKey, FigureEvents] = {}  # events told one by one, per figure
    # Other names for a vocabulary term: abbreviations and method names ("rca" -> "händelseanalys"),
    # read as the term wherever the report writes them.
    synonyms: dict[str, str] = {}


def merge_data(parts: list[DescriptionData]) -> DescriptionData:
    """The files' data as one: lists add up, a later topic, rule or body mapping replaces an earlier
    one of the same name, and a lemma's forms are those of every file."""
    merged: dict = {name: {} if isinstance(field.default, dict) else [] for name, field in DescriptionData.model_fields.items()}
    for part in parts:
        for name, value in merged.items():
            if name == "forms":
                for lemma, known in part.forms.items():
                    value[lemma] = sorted(set(value.get(lemma, [])) | set(known))
            elif isinstance(value, dict):
                value.update(getattr(part, name))
            else:
                value.extend(getattr(part, name))
    return DescriptionData.model_construct(**merged)  # the parts are validated
