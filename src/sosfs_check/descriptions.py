"""What body text says was done: descriptions, and the sentences that are never evidence.

A *description* is a body sentence in which a topic's subject and one of its activities meet
("avvikelser … analyseras", "personal … kompetensutvecklats"), in any section. Topics, the rules
they serve, and the wording that is never evidence live in the rule pack (`descriptions:` in a
rule file): goals and plans ("målet är", "ska", "planeras") unless the sentence also says what was
done, approval and template credit lines ("Godkänd av kommunstyrelsen …", "Mallen är framtagen av
…"), and the statute restated (word bigrams shared with the law's own sentences).

Words are matched through lemmas and compound parts. The forms of every vocabulary word come
from simplemma's Swedish dictionary, written into the pack (rules/former.yml) by
tools/vocabulary_forms.py; a word of a report is looked up once per document: as a known form,
as a known form with a modifier in front ("fallriskbedömningar", "teammöten") or as a known form
followed by a head ("avvikelsehanteringen"). See docs/evidence.md and docs/morphology.md.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from .prefilter import Folded
from .regexes import may_match

if TYPE_CHECKING:
    from .descriptiondata import DescriptionData, LawSentence, Topic

WORD = re.compile(r"[^\W\d_]+")
TOKEN = re.compile(r"(?P<word>[^\W\d_]+)|(?P<soft>[,;:])|[()–]|\s-\s")  # words, and the marks that end a clause
# Endings a word may add to a vocabulary word where the dictionary lists no such form ("teammötena").
_ENDINGS = ("", "n", "na", "t", "et", "en", "er", "erna", "ar", "arna", "or", "orna", "s", "r", "ns", "ts", "de", "des",
            "te", "tes", "ade", "ades", "at", "ats", "as", "es", "ens", "ets")
MIN_PART = 4  # letters of each compound part
# Endings after a verb's stem ("bytt|e", "inför|des", "startad|e", "t|og", "vidt|agits") that say it was
# done: preterite, supine and past participle; never the present ("införs"), the infinitive or a noun ("byte").
DONE_SUFFIXES = ("ade", "ades", "at", "ats", "de", "des", "te", "tes", "t", "ts", "tt", "tts", "dde", "ddes", "og", "ogs",
                 "agit", "agits", "it", "its")
# Endings of irregular preterites and supines that do not start with the stem ("gjorde", "satte", "tillsatt").
DONE_IRREGULAR = ("de", "des", "te", "tes", "tt", "tts")
NEAR = 10  # words between a subject and its activity: further apart, the sentence speaks of two things
LAW_SHARE = 0.5  # share of a sentence's word bigrams found in one law sentence that makes it a restatement
LAW_MIN_SHARED = 4
MAX_SEEN = 100_000  # distinct words whose lemmas are kept (about 10 MB)


def _term_words(term: str) -> list[str]:
    return WORD.findall(term.lower())


def vocabulary_words(data: DescriptionData) -> set[str]:
    return {
        w for topic in data.topics.values() for term in topic.subjects + topic.activities + topic.changes
        for w in _term_words(term)
    }


def dictionary_forms(words: set[str]) -> dict[str, list[str]]:
    """lemma -> every form simplemma's Swedish dictionary knows of it, for the words' lemmas.

    Used by tools/vocabulary_forms.py to write the pack's `forms:` (rules/former.yml); a check run
    never loads the dictionary (about 2 s and 150 MB)."""
    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

    dictionary = DefaultDictionaryFactory().get_dictionary("sv")
    raw = getattr(dictionary, "_dict", None)  # its bytes table: five times faster to scan than decoding each entry
    entries = (
        ((form.decode(), lemma.decode()) for form, lemma in raw.items()) if isinstance(raw, dict) else dictionary.items()
    )
    # A word is its own lemma when the dictionary has forms of it ("åtgärd", not the verb "åtgärda").
    wanted = words | {dictionary.get(w, w) for w in words}
    found: dict[str, set[str]] = {}
    for form, lemma in entries:
        if lemma in wanted:
            found.setdefault(lemma, set()).add(form)
    out: dict[str, list[str]] = {}
    for word in sorted(words):
        lemma = word if word in found else dictionary.get(word, word)
        out[lemma] = sorted(found.get(lemma, set()) | {word, lemma} - {lemma})
    return out


@dataclass
class Vocabulary:
    """The pack's description data with the forms of its words, built once per rule set."""

    data: DescriptionData
    forms: dict[str, str] = field(default_factory=dict)
    # Forms of the topics' verbs of change that say it was done -> those verbs ("bytte" -> {"byta"})
    done_forms: dict[str, frozenset[str]] = field(default_factory=dict)
    continues: frozenset[str] = frozenset()
    subjects: frozenset[str] = frozenset()  # the lemmas of the topics' one-word subjects

    @classmethod
    def build(cls, data: DescriptionData) -> Vocabulary:
        """Each form of the pack's `forms:` to its lemma; a vocabulary word without forms is its own
        lemma; every lemma also takes the common endings."""
        forms: dict[str, str] = {}
        for lemma, known in data.forms.items():
            forms[lemma] = lemma
            for form in known:
                forms.setdefault(form, lemma)
        for word in vocabulary_words(data):
            forms.setdefault(word, word)
        for lemma in set(forms.values()):
            for ending in _ENDINGS:
                forms.setdefault(lemma + ending, lemma)
        subjects = frozenset(forms.get(w, w) for t in data.topics.values() for s in t.subjects for w in _term_words(s)[:1])
        return cls(data, forms, _done_forms(data), frozenset(w.lower() for w in data.continues), subjects)

    def lemma(self, word: str) -> str:
        return self.forms.get(word, word)

    def term(self, term: str) -> tuple[str, ...]:
        return tuple(self.lemma(w) for w in _term_words(term))

    @cached_property
    def lemmatizer(self) -> Lemmatizer:
        """Shared by the documents checked with the pack: a word is looked up once per process."""
        return Lemmatizer(self)

    @cached_property
    def law_index(self) -> LawIndex:
        return LawIndex(self.data.law)

    @cached_property
    def patterns(self) -> dict[str, list[re.Pattern]]:
        """The pack's wording lists (`plans`, `done`, …) compiled once."""
        names = ("not_evidence", "plans", "subclauses", "roles", "done", "law_wording", "ignore", "future_headings")
        return {name: [re.compile(p, re.IGNORECASE) for p in getattr(self.data, name)] for name in names}

    def topics_for(self, rule_id: str) -> list[Topic]:
        return [self.data.topics[name] for name in self.data.rules.get(rule_id, ()) if name in self.data.topics]


def _done_forms(data: DescriptionData) -> dict[str, frozenset[str]]:
    """The forms of the topics' verbs of change that say it was done, to their verbs: the stem with
    a preterite or supine ending ("bytte", "infördes", "startats"), and the pack's irregular forms
    with such an ending ("tillsattes", "gjorde")."""
    out: dict[str, set[str]] = {}
    for topic in data.topics.values():
        for term in topic.changes:
            verb = _term_words(term)[0]
            stem = verb[:-1] if verb.endswith("a") else verb
            forms = {stem + suffix for suffix in DONE_SUFFIXES}
            forms.update(f for f in data.forms.get(verb, ()) if not f.startswith(stem) and f.endswith(DONE_IRREGULAR))
            for form in forms:
                out.setdefault(form, set()).add(verb)
    return {form: frozenset(verbs) for form, verbs in out.items()}


class Lemmatizer:
    """Each distinct word, once: the vocabulary lemmas it is a form of or has as a part."""

    def __init__(self, vocabulary: Vocabulary):
        self.forms = vocabulary.forms
        self.seen: dict[str, frozenset[str]] = {}

    def __call__(self, word: str) -> frozenset[str]:
        found = self.seen.get(word)
        if found is None:
            if len(self.seen) >= MAX_SEEN:  # a batch of many reports: memory stays bounded
                self.seen.clear()
            found = self.seen[word] = frozenset(self._parts(word))
        return found

    def _parts(self, word: str) -> set[str]:
        forms = self.forms
        out = {forms[word]} if word in forms else set()
        for cut in range(MIN_PART, len(word) - MIN_PART + 1):
            head, modifier = word[cut:], word[:cut]
            if head in forms:  # "fall|riskbedömningar", "team|möten"
                out.add(forms[head])
            if len(head) > MIN_PART:  # "avvikelse|hanteringen", "läkemedels|avvikelser"
                if modifier in forms:
                    out.add(forms[modifier])
                elif modifier[-1] == "s" and modifier[:-1] in forms and cut > MIN_PART:
                    out.add(forms[modifier[:-1]])
        return out


class LawIndex:
    """Word bigrams of the statute's sentences, to tell a restated statute from a report's own words."""

    def __init__(self, law: list[LawSentence]):
        self.postings: dict[tuple[str, str], list[int]] = {}
        for number, sentence in enumerate(law):
            for bigram in set(_bigrams(sentence.text)):
                self.postings.setdefault(bigram, []).append(number)

    def restates(self, sentence: str) -> bool:
        bigrams = set(_bigrams(sentence))
        known = [self.postings[b] for b in bigrams if b in self.postings]
        # No law sentence shares more bigrams than the statute has with the sentence at all.
        if len(known) < max(LAW_MIN_SHARED, LAW_SHARE * len(bigrams)):
            return False
        shared = Counter(n for numbers in known for n in numbers)
        best = max(shared.values(), default=0)
        return best >= LAW_MIN_SHARED and best >= LAW_SHARE * len(bigrams)


def _bigrams(text: str) -> list[tuple[str, str]]:
    words = WORD.findall(text.lower())
    return list(zip(words, words[1:]))


@dataclass
class Statement:
    """A body sentence and what kind of evidence it can be."""

    position: int  # block position in the document
    text: str
    plan: bool = False  # a goal or a plan: not what was done
    law: bool = False  # the statute restated: describes nothing of the report's own
    role: bool = False  # who is responsible or tasked: a role on paper, not what was done
    done: bool = False  # says what was done ("infördes", "har minskat")


class Statements:
    """A document's evidence sentences: body text that is not a contents line, guidance, or an
    approval or credit line. Goals and plans are kept, marked `plan` (no evidence for a rule that
    asks what was done); so is the statute restated, marked `law` (evidence only for a rule that
    looks for references to the law), and a role or duty, marked `role` (evidence only for a rule
    that asks who is responsible)."""

    def __init__(self, texts: list[tuple[int, str]], vocabulary: Vocabulary):
        self.vocabulary = vocabulary
        folded = Folded([sentence for _, sentence in texts])

        def matching(name: str, skip: set[int] = frozenset(), aside: list[re.Pattern] = ()) -> set[int]:
            """Sentences one of the patterns matches once the `aside` wording is blanked out, of those
            not in `skip`; each pattern is run only where the prefilter finds its words."""
            found: set[int] = set()
            blanked: dict[int, str] = {}

            def text(n: int) -> str:
                if n not in blanked:
                    said = texts[n][1]
                    for pattern in aside:
                        said = pattern.sub(" ", said)
                    blanked[n] = said
                return blanked[n]

            for pattern in vocabulary.patterns[name]:
                found.update(n for n in folded.candidates([pattern])
                             if n not in found and n not in skip and pattern.search(text(n)))
            return found

        # Each flag is looked for only where it counts: never in what is no evidence, and neither plan,
        # law nor role in what says what was done.
        not_evidence = matching("not_evidence")
        done = matching("done", not_evidence)
        law_wording, roles = (matching(name, not_evidence | done) for name in ("law_wording", "roles"))
        # A modal in a subordinate clause ("utreds av SAS som föreslår åtgärder som bör tas fram") is no plan.
        plans = matching("plans", not_evidence | done, vocabulary.patterns["subclauses"])
        law = vocabulary.law_index
        self.items: list[Statement] = []
        for number, (position, sentence) in enumerate(texts):
            if number in not_evidence:
                continue
            did = number in done  # what was done is neither a plan nor the law
            plan = not did and number in plans
            restated = not did and (number in law_wording or law.restates(sentence))
            self.items.append(Statement(position, sentence, plan, restated, not did and number in roles, did))
        self.ignore = vocabulary.patterns["ignore"]
        self.lemmatize = vocabulary.lemmatizer
        self._postings: dict[str, list[tuple[int, int]]] | None = None
        self._words: list[list[frozenset[str]]] = []
        self._clauses: list[list[int]] = []  # per word, its clause (commas, semicolons, dashes, brackets part them)
        self._done: list[dict[int, frozenset[str]]] = []  # per sentence: place -> verbs of change done there
        self._patterns: dict[tuple[str, ...], set[int]] = {}
        self._found: dict[tuple[str, ...], dict[int, set[int]]] = {}

    def _index(self) -> dict[str, list[tuple[int, int]]]:
        """Lemma -> (sentence, word) places; each distinct word is lemmatised once."""
        if self._postings is None:
            self._postings = postings = {}
            seen, lemmatize, done_forms = self.lemmatize.seen, self.lemmatize, self.vocabulary.done_forms
            for number, statement in enumerate(self.items):
                text = statement.text.lower()
                folded = text.casefold()
                for pattern in self.ignore:
                    if may_match(pattern, folded):
                        text = pattern.sub(" ", text)
                        folded = text.casefold()
                clause, clauses, words, done, soft = 0, [], [], {}, False
                for word, soft_mark in TOKEN.findall(text):  # a word, a mark that may end a clause, or one that does
                    if word:
                        lemmas = seen.get(word)
                        if lemmas is None:
                            lemmas = lemmatize(word)
                        if soft and not self._continues(word, lemmas):
                            clause += 1
                        soft = False
                        if verbs := done_forms.get(word):
                            done[len(words)] = verbs
                        words.append(lemmas)
                        clauses.append(clause)
                    elif soft_mark:
                        soft = True
                    else:
                        clause, soft = clause + 1, False
                if carried := self._carried(number, words):
                    words = carried + words
                    clauses = [0] * len(carried) + clauses
                    done = {place + len(carried): verbs for place, verbs in done.items()}
                self._words.append(words)
                self._clauses.append(clauses)
                self._done.append(done)
                for place, lemmas in enumerate(words):
                    for lemma in lemmas:
                        postings.setdefault(lemma, []).append((number, place))
        return self._postings

    def _continues(self, word: str, lemmas: frozenset[str]) -> bool:
        """Whether the word after a comma, semicolon or colon carries the clause on: a relative or
        referring word ("som", "alla", "och"), or a verb of the vocabulary in a finite form
        ("utreds …, analyseras …", "MAS: ansvarar för …")."""
        return word in self.vocabulary.continues or (
            not word.endswith("a") and word not in lemmas and any(lemma.endswith("a") for lemma in lemmas)
        )

    def _carried(self, number: int, words: list[frozenset[str]]) -> list[frozenset[str]]:
        """The last clause of the previous sentence of the same block, when this sentence opens with a
        word that refers back to it ("Vi tog emot elva klagomål. Alla besvarades …"), not one that
        names a subject of its own ("Alla avvikelser …")."""
        statement = self.items[number]
        if not number or self.items[number - 1].position != statement.position:
            return []
        first = WORD.match(statement.text.lstrip())
        if not first or first[0].lower() not in self.vocabulary.continues:
            return []
        if len(words) > 1 and words[1] & self.vocabulary.subjects:
            return []
        previous, clauses = self._words[number - 1], self._clauses[number - 1]
        return [w for w, c in zip(previous, clauses) if c == clauses[-1]] if clauses else []

    def places(self, term: tuple[str, ...]) -> dict[int, set[int]]:
        """Sentence -> word places where the term starts; a term's later words may follow within three words."""
        if term not in self._found:
            out: dict[int, set[int]] = {}
            for number, place in self._index().get(term[0], ()):
                at, words = place, self._words[number]
                for part in term[1:]:
                    at = next((j for j in range(at + 1, min(at + 4, len(words))) if part in words[j]), None)
                    if at is None:
                        break
                if at is not None:
                    out.setdefault(number, set()).add(place)
            self._found[term] = out
        return self._found[term]

    def _group(self, terms: list[str]) -> dict[int, set[int]]:
        out: dict[int, set[int]] = {}
        for term in terms:
            for number, places in self.places(self.vocabulary.term(term)).items():
                out.setdefault(number, set()).update(places)
        return out

    def _both(self, number: int, place: int, topic: Topic) -> bool:
        """A compound that holds a subject and an activity of its own ("fall|riskbedömningar"), not a
        subject inside the activity ("riskbedömningar" is no risk and bedömning)."""
        lemmas = self._words[number][place]
        subjects = {self.vocabulary.lemma(t) for t in topic.subjects if " " not in t} & lemmas
        activities = {self.vocabulary.lemma(t) for t in topic.activities if " " not in t} & lemmas
        return any(s not in a for s in subjects for a in activities)

    def _changed(self, topic: Topic) -> set[int]:
        """Sentences with one of the topic's verbs of change in a form that says it was done, its
        particle within three words ("togs … fram")."""
        self._index()
        terms = [_term_words(term) for term in topic.changes]
        out: set[int] = set()
        for number, done in enumerate(self._done):
            words = self._words[number]
            for place, verbs in done.items():
                for verb, *particles in terms:
                    if verb in verbs and all(
                        any(self.vocabulary.lemma(p) in words[j] for j in range(place + 1, min(place + 4, len(words))))
                        for p in particles
                    ):
                        out.add(number)
        return out

    def _matching(self, patterns: list[str]) -> set[int]:
        """Sentences the topic's own wording matches ("ökade från 78 till 97 procent")."""
        key = tuple(patterns)
        if key not in self._patterns:
            compiled = [re.compile(p, re.IGNORECASE) for p in patterns]
            texts = [s.text for s in self.items]
            self._patterns[key] = {n for n in Folded(texts).candidates(compiled) if any(p.search(texts[n]) for p in compiled)}
        return self._patterns[key]

    def describing(self, topics: list[Topic], plans: bool = False, roles: bool = False) -> list[Statement]:
        """Sentences where a topic's subject and activity meet, as different words at most `NEAR` words
        apart in one clause (an enumeration "avvikelser, klagomål, lex Maria" is a list of topics; a
        clause goes on past a comma before "som", "alla", "och" or a verb, and into a sentence that
        opens with such a word), or that hold one of its verbs of change in a form that says it was
        done ("bytte vi autoklav") or its own wording; in document order; never the statute restated,
        goals and plans only when `plans`, roles and duties only when `roles`, and only what was done
        for a topic that asks for it."""
        found: set[int] = set()
        for topic in topics:
            subjects, activities = self._group(topic.subjects), self._group(topic.activities)
            alone = self._changed(topic) | (self._matching(topic.patterns) if topic.patterns else set())
            for number in alone:
                statement = self.items[number]
                if (plans or not statement.plan) and (roles or not statement.role) and not statement.law:
                    found.add(number)
            for number in subjects.keys() & activities.keys():
                statement, clauses = self.items[number], self._clauses[number]
                near = any(
                    (0 < abs(a - b) <= NEAR and clauses[a] == clauses[b]) or (a == b and self._both(number, a, topic))
                    for a in subjects[number] for b in activities[number]
                )
                if (near and (plans or not statement.plan) and (roles or not statement.role) and not statement.law
                        and (statement.done or not topic.done or self._done[number])):
                    found.add(number)
        return [self.items[n] for n in sorted(found)]
