"""What body text says was done: descriptions, and the sentences that are never evidence.

A *description* is a body sentence in which a topic's subject and one of its activities meet
("avvikelser … analyseras", "personal … kompetensutvecklats"), in any section. Topics, the rules
they serve, and the wording that is never evidence live in the rule pack (`descriptions:` in a
rule file): goals and plans ("målet är", "ska", "planeras") unless the sentence also says what was
done, approval and template credit lines ("Godkänd av kommunstyrelsen …", "Mallen är framtagen av
…"), and the statute restated (word bigrams shared with the law's own sentences).

Words are matched through lemmas and compound parts (`lexicon`). See docs/evidence.md and
docs/morphology.md.
"""

from __future__ import annotations

import re
from itertools import compress
from typing import TYPE_CHECKING

from .blanking import blank, blank_platitudes
from .denial import Denial
from .lexicon import WORD, Vocabulary, term_words
from .prefilter import Folded
from .regexes import anchored, may_match, whole_words
from .values import Value
from .wordsplit import LETTERS, SOFT, Split

if TYPE_CHECKING:
    from .descriptiondata import Topic

NEAR = 10  # words between a subject and its activity: further apart, the sentence speaks of two things
LABEL_WORDS = 3  # words before a colon that make them a label of the words after it, in one clause


class Statement(Value):
    """A body sentence and what kind of evidence it can be."""

    __slots__ = ("position", "text", "plan", "law", "role", "done", "denied", "negated", "years", "latest", "vague",
                 "elsewhat", "dated")

    def __init__(
        self,
        position: int,  # block position in the document
        text: str,
        plan: bool = False,  # a goal or a plan: not what was done
        law: bool = False,  # the statute restated: describes nothing of the report's own
        role: bool = False,  # who is responsible or tasked: a role on paper, not what was done
        done: bool = False,  # says what was done: perfect or preterite ("infördes", "har fått"; lexicon.Tense)
        denied: bool = False,  # says the work was not done, or speaks of someone else's: describes nothing
        negated: bool = False,  # says the work was not done: no evidence for any rule
        years: tuple[int, ...] = (),  # the years it tells of ("under 2024", "startade 1998"; figureyears.Years)
        latest: int = 0,  # the latest year it reaches ("498 (2024: 601)" reaches 2024, "sedan 2019" the present)
        vague: bool = False,  # only values or knows something ("är en viktig del", "är medvetna om"): kept as `plan`
        elsewhat: bool = False,  # names only matters other than patient safety ("nya lokaler", "budgeten hölls")
        dated: bool = False,  # done only by its time or progress ("Införande av … (maj)"): a later year makes it a plan
    ):
        self.position = position
        self.text = text
        self.plan = plan
        self.law = law
        self.role = role
        self.done = done
        self.denied = denied
        self.negated = negated
        self.years = years
        self.latest = latest
        self.vague = vague
        self.elsewhat = elsewhat
        self.dated = dated

    def elsewhen(self, year: int | None) -> bool:
        """Whether it speaks of another year than `year`: its time phrases name only earlier years and
        it names no later one ("Under 2024 minskade antalet fall"), or, in a sentence that says nothing
        was done, only later years ("Under 2026 införs …"; "har tagits fram och genomförs 2026" tells
        what was done)."""
        return bool(year and self.years) and (self.latest < year or (min(self.years) > year and (self.dated or not self.done)))


class Statements:
    """A document's evidence sentences: body text that is not a contents line, guidance, or an
    approval or credit line. Goals and plans are kept, marked `plan` (no evidence for a rule that
    asks what was done); so is the statute restated, marked `law` (evidence only for a rule that
    looks for references to the law), and a role or duty, marked `role` (evidence only for a rule
    that asks who is responsible). `author`: the title page, which tells whose work "regionen" or
    "kommunen" is (see `Denial`)."""

    def __init__(self, texts: list[tuple[int, str]], vocabulary: Vocabulary, author: str = "",
                 cells: dict[int, tuple[int, int, int]] | None = None):
        self.vocabulary = vocabulary
        denial = Denial(vocabulary, author)
        sentences = [sentence for _, sentence in texts]
        folded = Folded(sentences)
        split = [Split(sentence) for sentence in sentences]  # once, for every reader of the sentence
        blanked: dict[str, dict[int, str]] = {}  # per `aside` wording: sentence -> its text with the wording blanked
        everywhere = range(len(texts))

        def matching(name: str, skip: set[int] = frozenset(), aside: str = "",
                     among: set[int] | None = None) -> set[int]:
            """Sentences one of the patterns matches once the `aside` wording (its name) is blanked out, of those
            not in `skip`; each pattern is run only where the prefilter finds its words in the sentence as
            written, unless it is anchored at the start and nothing is blanked (`regexes.anchored`: trying it
            on every sentence costs less). `among`: only these few sentences, each tested against the
            prefilter's words itself."""
            patterns = vocabulary.searches[name]
            text = sentences.__getitem__
            if aside:
                kept = blanked.setdefault(aside, {})

                def text(n: int) -> str:
                    if n not in kept:
                        kept[n] = blank(sentences[n], folded.texts[n], vocabulary.patterns[aside],
                                        vocabulary.searches[aside], split[n])
                    return kept[n]

            if among is not None:
                return {n for n in among if any((anchored(p) or may_match(p, folded.texts[n])) and p.search(text(n))
                                                for p in patterns)}
            found: set[int] = set()
            for pattern in patterns:
                if anchored(pattern) and not aside:  # every sentence, looped over in C
                    found.update(compress(everywhere, map(pattern.search, sentences)))
                else:
                    found.update(n for n in folded.candidates([pattern])
                                 if n not in found and n not in skip and pattern.search(text(n)))
            return found - skip

        # Each flag is looked for only where it counts: never in what is no evidence, and neither plan,
        # law nor role in what says what was done.
        not_evidence = matching("not_evidence")
        platitudes = blank_platitudes(sentences, folded, vocabulary.patterns["platitudes"], vocabulary.data.inner_verbs)
        done = matching("done", not_evidence) | self._past(texts, not_evidence, folded, split, platitudes)
        law_wording, roles = (matching(name, not_evidence | done) for name in ("law_wording", "roles"))
        # A modal in a subordinate clause ("utreds av SAS som föreslår åtgärder som bör tas fram") is no plan.
        plans = matching("plans", not_evidence | done, "subclauses")
        # Evaluations, and light verbs or attitudes in a sentence that says nothing else was done
        vague = matching("evaluations", not_evidence | done, "subclauses") | (platitudes.keys() - done)
        other = matching("other_matters", not_evidence)  # then blanked: "friskvårdsbidrag" names no "risk"
        elsewhat = other - matching("safety_matters", aside="other_matters", among=other)
        law = vocabulary.law_index
        read_years = vocabulary.years.read
        # A status word, or a yes under a status column, says it outright, for its line or its table row (statuses.py).
        cells = cells or {}
        statuses = vocabulary.statuses.by_row(texts, cells, folded)
        # A measure under way with its progress, or a nominal one with its time, is taken unless a plan word
        # says otherwise, in the sentence (whatever its tense) or in its table row.
        planned = plans | {n for n, status in enumerate(statuses) if status in ("progress", "dated")
                           and any(p.search(texts[n][1]) for p in vocabulary.patterns["plans"])}
        planned_rows = {cells[texts[n][0]][:2] for n in planned if texts[n][0] in cells}
        self.items: list[Statement] = []
        self.splits: list[Split] = []  # per statement, its words
        self._spans: list[list[tuple[int, int]]] = []  # per statement, where its void clauses stand
        self.ignore = vocabulary.patterns["ignore"]
        ignorable, self._ignorable = set(folded.candidates(self.ignore)), set()  # statements `ignore` may match
        suspects = denial.suspects(split, folded)
        for number, (position, sentence) in enumerate(texts):
            if number in not_evidence:
                continue
            if number in ignorable:
                self._ignorable.add(len(self.splits))
            self.splits.append(split[number])
            clauses = denial.clauses(sentence, split[number]) if number in suspects else []
            self._spans.append([(a, b) for a, b, _, void in clauses if void])
            mains = [void for _, _, main, void in clauses if main]
            status = statuses[number]
            taken = status in ("progress", "dated")
            dated = taken and number not in planned and cells.get(position, (0, 0, 0))[:2] not in planned_rows
            did = status == "done" or dated or (not status and number in done)  # what was done is neither a plan nor the law
            # an evaluation counts as a plan does
            plan = status == "plan" or (taken and not dated) or (not did and (number in plans or number in vague))
            restated = not did and (number in law_wording or law.restates(split[number].words))
            years, latest = read_years(split[number])
            self.items.append(Statement(position, sentence, plan, restated, not did and number in roles, did,
                                        bool(mains) and all(mains), bool(mains) and all(v == "negated" for v in mains),
                                        years, latest, plan and not status and number not in plans,
                                        number in elsewhat, dated))
        self.lemmatize = vocabulary.lemmatizer
        self._postings: dict[str, list[tuple[int, int]]] | None = None
        self._words: list[list[frozenset[str]]] = []
        self._clauses: list[list[int]] = []  # per word, its clause (commas, semicolons, dashes, brackets part them)
        self._void: list[list[bool]] = []  # per word, whether its clause is void (see `Denial`)
        self._done: list[dict[int, frozenset[str]]] = []  # per sentence: place -> verbs of change done there
        self._patterns: dict[tuple[str, ...], set[int]] = {}
        self._folded: Folded | None = None  # the statements case-folded, for their topics' own wording
        self._years: dict[int | None, set[int]] = {}
        self._found: dict[tuple[str, ...], dict[int, set[int]]] = {}

    def _past(self, texts: list[tuple[int, str]], skip: set[int], folded: Folded, split: list[Split],
              platitudes: dict[int, str]) -> set[int]:
        """Sentences in the perfect or preterite outside the clauses whose tense says nothing of what was done
        (`tenseless_clauses`: "avvikelser som har inträffat", "för att säkerställa att de har haft effekt") and the
        `platitudes`, or with a present verb before "nu" (also after a relative clause: "som kommer … får nu")."""
        tense = self.vocabulary.tense
        past, aside = tense.past, self.vocabulary.patterns["tenseless_clauses"]
        changed: dict[int, str] = dict(platitudes)
        for pattern in aside:  # run only where the prefilter finds its literals and the sentence its whole words
            words = whole_words(pattern)
            for number in (n for n in folded.candidates([pattern]) if split[n].holds(words, texts[n][1])):
                said = changed.get(number, texts[number][1])
                if (kept := pattern.sub(lambda m: "".join(g or "" for g in m.groups()) + " ", said)) != said:
                    changed[number] = kept
        return {number for number in range(len(texts))
                if number not in skip and (past(Split(changed[number]) if number in changed else split[number])
                                           or tense.now(Split(platitudes[number]) if number in platitudes else split[number]))}

    def _elsewhen(self, year: int | None) -> set[int]:
        """The sentences about another year than `year` (`Statement.elsewhen`), found once."""
        if year not in self._years:
            self._years[year] = {n for n, s in enumerate(self.items) if s.elsewhen(year)} if year else set()
        return self._years[year]

    def _index(self) -> dict[str, list[tuple[int, int]]]:
        """Lemma -> (sentence, word) places; each distinct word is lemmatised once."""
        if self._postings is None:
            self._postings = postings = {}
            done_forms = self.vocabulary.done_forms
            for number, split in enumerate(self.splits):
                text = split.lower
                if number in self._ignorable:  # blanked letter for letter: the void clauses keep their places
                    for pattern in self.ignore:
                        if may_match(pattern, text.casefold()):
                            text = pattern.sub(lambda m: " " * len(m[0]), text)
                    if text != split.lower:
                        split = Split(text)
                words, clauses = self._lemmas(split)
                if spans := self._spans[number]:
                    void = [any(a <= m.start() < b for a, b in spans) for m in LETTERS.finditer(text)]
                else:
                    void = [False] * len(words)
                carried = self._carried(number, words)
                lemmas = [self._words[number - 1][p] for p in carried] + words
                self._words.append(lemmas)
                self._void.append([self._void[number - 1][p] for p in carried] + void)
                self._clauses.append([0] * len(carried) + clauses)
                verbs = [None] * len(carried) + list(map(done_forms.get, split.words))
                self._done.append({place: verbs[place] for place in compress(range(len(verbs)), verbs)})
                for place in compress(range(len(lemmas)), lemmas):  # the words with lemmas
                    for lemma in lemmas[place]:
                        postings.setdefault(lemma, []).append((number, place))
        return self._postings

    def _lemmas(self, split: Split) -> tuple[list[frozenset[str]], list[int]]:
        """A sentence's words as lemmas, and the clause of each: a bracket or dash starts a new clause,
        and so does a comma, semicolon or colon unless the word after it carries the clause on."""
        words = split.words
        try:  # each distinct word is lemmatised once per process
            lemmas = list(map(self.lemmatize.seen.__getitem__, words))
        except KeyError:
            lemmas = list(map(self.lemmatize, words))
        clauses: list[int] = []
        clause, soft, start = 0, False, 0
        for place, mark in [*split.marks, (len(words), None)]:  # the words up to each mark, then the rest
            if place > start:
                if soft and not self._continues(words[start], lemmas[start]):
                    clause += 1
                soft = False
                clauses += [clause] * (place - start)
                start = place
            if mark is not None:
                # A label's colon ("Samverkan: månatliga möten med …") names what the line is about.
                soft = (mark != ":" or place > LABEL_WORDS) if mark in SOFT else False
                clause += mark not in SOFT
        return lemmas, clauses

    def _continues(self, word: str, lemmas: frozenset[str]) -> bool:
        """Whether the word after a comma, semicolon or colon carries the clause on: a relative or
        referring word ("som", "alla", "och"), an auxiliary that takes up the subject after an inserted
        phrase ("Gruppen, med en sjuksköterska från varje station, har gått igenom …"), or a verb of the
        vocabulary in a finite form ("utreds …, analyseras …", "MAS: ansvarar för …")."""
        tense = self.vocabulary.tense
        return word in self.vocabulary.continues or word in tense.auxiliaries or word in tense.statives or (
            not word.endswith("a") and word not in lemmas and any(lemma.endswith("a") for lemma in lemmas)
        )

    def _carried(self, number: int, words: list[frozenset[str]]) -> list[int]:
        """The places of the clause of the previous sentence of the same block that names its last subject (else
        its last clause), when this sentence opens with a word that refers back to it ("Vi tog emot
        elva klagomål, mest om bemötande. Alla besvarades …"), not one that names a subject of its
        own ("Alla avvikelser …")."""
        statement = self.items[number]
        if not number or self.items[number - 1].position != statement.position:
            return []
        first = WORD.match(statement.text.lstrip())
        if not first or first[0].lower() not in self.vocabulary.continues:
            return []
        if len(words) > 1 and words[1] & self.vocabulary.subjects:
            return []
        clauses, before = self._clauses[number - 1], self._words[number - 1]
        if not clauses:
            return []
        named = [p for p, lemmas in enumerate(before) if lemmas & self.vocabulary.subjects]
        clause = clauses[named[-1]] if named else clauses[-1]
        return [p for p, c in enumerate(clauses) if c == clause]

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
        terms = [term_words(term) for term in topic.changes]
        out: set[int] = set()
        for number, done in enumerate(self._done):
            words = self._words[number]
            for place, verbs in done.items():
                if self._void[number][place]:
                    continue
                for verb, *particles in terms:
                    if verb in verbs and all(
                        any(self.vocabulary.lemma(p) in words[j] for j in range(place + 1, min(place + 4, len(words))))
                        for p in particles
                    ):
                        out.add(number)
        return out

    def _matching(self, patterns: list[str]) -> set[int]:
        """Sentences the topic's own wording matches ("ökade från 78 till 97 procent"), their quantities
        in figures ("mot ungefär sju av tio" as "mot 7 av 10"; quantities.py)."""
        key = tuple(patterns)
        if key not in self._patterns:
            if self._folded is None:
                self._folded = Folded([self.vocabulary.quantities.normal(s.text) for s in self.items])
            compiled, texts = self.vocabulary.compiled(key), self._folded.texts
            self._patterns[key] = {n for n in self._folded.candidates(compiled) if any(p.search(texts[n]) for p in compiled)}
        return self._patterns[key]

    def describing(self, topics: list[Topic], plans: bool = False, roles: bool = False,
                   year: int | None = None) -> list[Statement]:
        """Sentences where a topic's subject and activity meet, as different words at most `NEAR` words
        apart in one clause (an enumeration "avvikelser, klagomål, lex Maria" is a list of topics; a
        clause goes on past a comma before "som", "alla", "och" or a verb, and into a sentence that
        opens with such a word), or that hold one of its verbs of change in a form that says it was
        done ("bytte vi autoklav") or its own wording; in document order; never the statute restated,
        goals and plans only when `plans`, roles and duties only when `roles`, only what was done
        for a topic that asks for it, and with a `year` never a sentence about another year; never a sentence that denies the work (`Statement.denied`) or an
        activity in a clause that does ("Avvikelserna har inte analyserats, men …")."""
        found: set[int] = set()
        elsewhen = self._elsewhen(year)
        for topic in topics:
            subjects, activities = self._group(topic.subjects), self._group(topic.activities)
            alone = self._changed(topic) | (self._matching(topic.patterns) if topic.patterns else set())
            for number in alone:
                statement = self.items[number]
                if (((plans and not statement.vague) or not statement.plan) and (roles or not statement.role) and not statement.law
                        and not statement.denied):
                    found.add(number)
            for number in subjects.keys() & activities.keys():
                statement, clauses, void = self.items[number], self._clauses[number], self._void[number]
                near = any(
                    not void[b]
                    and ((0 < abs(a - b) <= NEAR and clauses[a] == clauses[b]) or (a == b and self._both(number, a, topic)))
                    for a in subjects[number] for b in activities[number]
                )
                if (near and ((plans and not statement.vague) or not statement.plan) and (roles or not statement.role) and not statement.law
                        and not statement.denied
                        and (statement.done or not topic.done or self._done[number])):
                    found.add(number)
        return [self.items[n] for n in sorted(found - elsewhen)]
