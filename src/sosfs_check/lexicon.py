"""The pack's description vocabulary: each word's forms and lemma, the compound parts of a report's
words, the done forms of the verbs of change, a sentence's tense, and the law's own sentences (to
tell a restatement).

The forms of every vocabulary word come from simplemma's Swedish dictionary, written into the pack
(rules/former.yml) by tools/vocabulary_forms.py; a word of a report is looked up once per process:
as a known form, as a known form with a modifier in front ("fallriskbedömningar", "teammöten") or
as a known form followed by a head ("avvikelsehanteringen"). See docs/morphology.md.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from .figuretelling import EventWording
from .figureyears import Years
from .statuses import Statuses
from .figurewording import Reading
from .quantities import Quantities
from .regexes import searching
from .wordsplit import Split

if TYPE_CHECKING:
    from .descriptiondata import DescriptionData, LawSentence, Topic

WORD = re.compile(r"[^\W\d_]+")
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
LAW_SHARE = 0.5  # share of a sentence's word bigrams found in one law sentence that makes it a restatement
LAW_MIN_SHARED = 4
MAX_SEEN = 100_000  # distinct words whose lemmas are kept (about 10 MB)
STATIVE_GAP = 3  # words after "är" in which its participle stands ("är nu helt reviderad")
GAP = 6  # words between "har" and its supine ("har under hösten utbildat", "har en ny rutin för munvård införts")
VOWELS = frozenset("aeiouyåäö")


def term_words(term: str) -> list[str]:
    return WORD.findall(term.lower())


def vocabulary_words(data: DescriptionData) -> set[str]:
    return {
        w for topic in data.topics.values() for term in topic.subjects + topic.activities + topic.changes
        for w in term_words(term)
    } | {w for term in data.synonyms.values() for w in term_words(term)}


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


class Vocabulary:
    """The pack's description data with the forms of its words, built once per rule set. Equal by its
    data and forms; what it builds when first asked (`cached_property`, `compiled`) is kept with it."""

    __hash__ = None

    def __init__(
        self,
        data: DescriptionData,
        forms: dict[str, str],
        done_forms: dict[str, frozenset[str]],  # the topics' done forms -> their verbs ("bytte" -> {"byta"})
        continues: frozenset[str],
        subjects: frozenset[str],  # the lemmas of the topics' one-word subjects
    ):
        self.data, self.forms, self.done_forms = data, forms, done_forms
        self.continues, self.subjects = continues, subjects
        self._compiled: dict[tuple[str, ...], list[re.Pattern]] = {}

    def __eq__(self, other) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() == other._key()

    def _key(self) -> tuple:
        return self.data, self.forms, self.done_forms, self.continues, self.subjects

    @classmethod
    def build(cls, data: DescriptionData) -> Vocabulary:
        """Each form of the pack's `forms:` to its lemma; a vocabulary word without forms is its own
        lemma; every lemma also takes the common endings."""
        forms: dict[str, str] = {}
        for lemma, known in data.forms.items():
            forms[lemma] = lemma
            for form in known:
                forms.setdefault(form, lemma)
            # The s-passive of each form, which the dictionary may lack ("tagit": "tagits", "tog": "togs").
            for form in known:
                if not form.endswith("s"):
                    forms.setdefault(form + "s", lemma)
        for word in vocabulary_words(data):
            forms.setdefault(word, word)
        for lemma in dict.fromkeys(forms.values()):  # in order: a form two lemmas give goes to the first
            for ending in _ENDINGS:
                forms.setdefault(lemma + ending, lemma)
        subjects = frozenset(forms.get(w, w) for t in data.topics.values() for s in t.subjects for w in term_words(s)[:1])
        return cls(data, forms, _done_forms(data), frozenset(w.lower() for w in data.continues), subjects)

    def lemma(self, word: str) -> str:
        return self.forms.get(word, word)

    def term(self, term: str) -> tuple[str, ...]:
        return tuple(self.lemma(w) for w in term_words(term))

    @cached_property
    def lemmatizer(self) -> Lemmatizer:
        """Shared by the documents checked with the pack: a word is looked up once per process."""
        return Lemmatizer(self)

    @cached_property
    def tense(self) -> Tense:
        return Tense(self.data)

    @cached_property
    def years(self) -> Years:
        return Years(self.data, self.tense.finite)

    @cached_property
    def statuses(self) -> Statuses:
        """The pack's status words, compiled once (statuses.py)."""
        data = self.data
        return Statuses(data.done_statuses, data.plan_statuses, data.ongoing_statuses, self.quantities.share,
                        data.nominal_endings, data.times_of_year, data.yes_answers, data.no_answers)

    @cached_property
    def quantities(self) -> Quantities:
        """The pack's wording of quantities, compiled once (quantities.py)."""
        return Quantities(self.data.fractions, self.data.ordinals, self.data.approximators)

    @cached_property
    def law_index(self) -> LawIndex:
        return LawIndex(self.data.law)

    @cached_property
    def patterns(self) -> dict[str, list[re.Pattern]]:
        """The pack's wording lists (`plans`, `done`, …) compiled once."""
        names = ("not_evidence", "plans", "subclauses", "roles", "done", "law_wording", "ignore", "future_headings",
                 "negations", "affirmations", "time_phrases", "tenseless_clauses", "evaluations",
                 "platitudes", "other_matters", "safety_matters")
        return {name: [re.compile(p, re.IGNORECASE) for p in getattr(self.data, name)] for name in names}

    @cached_property
    def searches(self) -> dict[str, list[re.Pattern]]:
        """The wording lists as a sentence is searched for them (`regexes.searching`)."""
        return {name: [searching(p) for p in found] for name, found in self.patterns.items()}

    def compiled(self, patterns: tuple[str, ...]) -> list[re.Pattern]:
        """Patterns built from the pack's data (a topic's own wording, `Denial`'s), compiled once per rule
        set and case-insensitive."""
        if patterns not in self._compiled:
            self._compiled[patterns] = [re.compile(p, re.IGNORECASE) for p in patterns]
        return self._compiled[patterns]

    @cached_property
    def figure_reading(self) -> Reading:
        """The pack's `figure_words` and `figure_events`, compiled once (see `figurewording.Reading`)."""
        events = {key: EventWording.build(words) for key, words in self.data.figure_events.items()}
        return Reading(self.data.figure_words, events)

    def topics_for(self, rule_id: str) -> list[Topic]:
        return [self.data.topics[name] for name in self.data.rules.get(rule_id, ()) if name in self.data.topics]


def _done_forms(data: DescriptionData) -> dict[str, frozenset[str]]:
    """The forms of the topics' verbs of change that say it was done, to their verbs: the stem with
    a preterite or supine ending ("bytte", "infördes", "startats"), and the pack's irregular forms
    with such an ending ("tillsattes", "gjorde")."""
    out: dict[str, set[str]] = {}
    for topic in data.topics.values():
        for term in topic.changes:
            verb = term_words(term)[0]
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
        # an abbreviation or method name -> the words of the term it names ("rca" -> "händelseanalys")
        self.synonyms = {name.lower(): term_words(term) for name, term in vocabulary.data.synonyms.items()}

    def __call__(self, word: str) -> frozenset[str]:
        found = self.seen.get(word)
        if found is None:
            if len(self.seen) >= MAX_SEEN:  # a batch of many reports: memory stays bounded
                self.seen.clear()
            found = self.seen[word] = frozenset(self._parts(word))
        return found

    def _parts(self, word: str) -> set[str]:
        # "rca", "rotorsaksanalyser" are read as "händelseanalys", with its parts
        bare = (word[: len(word) - len(ending)] for ending in _ENDINGS if word.endswith(ending))
        name = next((b for b in bare if b in self.synonyms), None)
        if name is not None:
            return {lemma for term_word in self.synonyms[name] for lemma in self(term_word)}
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
            for bigram in _bigrams(Split(sentence.text).words):
                self.postings.setdefault(bigram, []).append(number)
        self.bigrams = frozenset(self.postings)

    def restates(self, words: list[str]) -> bool:
        """Whether a sentence (its words, `Split.words`) restates a law sentence."""
        if sum(map(self.bigrams.__contains__, zip(words, words[1:]))) < LAW_MIN_SHARED:
            return False  # as most sentences: fewer bigrams of the statute than any restatement has, counted in C
        bigrams = _bigrams(words)
        known = bigrams & self.bigrams
        # No law sentence shares more bigrams than the statute has with the sentence at all.
        if len(known) < max(LAW_MIN_SHARED, LAW_SHARE * len(bigrams)):
            return False
        shared = Counter(n for bigram in known for n in self.postings[bigram])
        best = max(shared.values(), default=0)
        return best >= LAW_MIN_SHARED and best >= LAW_SHARE * len(bigrams)


def _bigrams(words: list[str]) -> set[tuple[str, str]]:
    return set(zip(words, words[1:]))


class Tense:
    """The tense of a sentence: whether it says something was done (perfect or preterite, with any
    verb) or reached ("har nu"), as opposed to how the work usually goes (present), a plan or a goal.

    Swedish marks the tense on the verb's ending, so the pack lists endings, and the few words that
    wear them without being verbs, rather than verbs: "har fått", "har erbjudits" (perfect: "har" or
    "hade" and a supine), "bytte", "infördes" (weak preterite), "fick", "togs" (strong preterite). A
    finite verb never opens a Swedish statement, so a first word ("Planerade åtgärder …") is none, and
    neither is a word after an article or determiner ("de planerade åtgärderna")."""

    def __init__(self, data: DescriptionData):
        self.data = data
        self.auxiliaries = frozenset(data.auxiliaries)
        self.supines = tuple(sorted(data.supine_endings, key=len, reverse=True))
        self.preterites = tuple(sorted(data.preterite_endings, key=len, reverse=True))
        self.strong = frozenset(data.strong_preterites)
        self.not_verbs = frozenset(data.not_verbs) | frozenset(data.not_actions)
        self.not_endings = tuple(data.not_verb_endings)
        self.articles = frozenset(data.articles)
        self.attributives = frozenset(data.attributives)
        self.states = frozenset(data.state_verbs)
        self.reached = frozenset(data.reached)
        self.verbs = self.auxiliaries | self.states | frozenset(data.not_actions)
        self.statives = frozenset(data.stative_auxiliaries)
        self.participles = tuple(sorted(data.participle_endings, key=len, reverse=True))
        self.arrangements = frozenset(data.arrangements)
        self.presents = tuple(data.present_endings)
        self.not_reached = frozenset(data.not_reached) | self.attributives | self.not_verbs
        self.openers = frozenset(w for w in [*data.subordinators, *data.continues] if " " not in w)  # a new clause
        self.tellers = self.auxiliaries | self.states | self.statives  # the words whose neighbours tell the tense
        judged = lru_cache(maxsize=MAX_SEEN)  # each distinct word once per process, in a batch of many reports too
        self._preterite = judged(lambda word: word in self.strong or self._verb_form(word, self.preterites))
        self._supine = judged(lambda word: self._verb_form(word, self.supines))
        self._participle = judged(lambda word: self._verb_form(word, self.participles))

    def __reduce__(self):  # pickled as the data it reads: its judged words are functions, rebuilt empty
        return Tense, (self.data,)

    def finite(self, word: str) -> bool:
        """Whether a word is a verb in the past or an auxiliary ("öppnade", "fick", "var", "har")."""
        return word in self.verbs or self._preterite(word) or self._supine(word)

    def past(self, sentence: Split) -> bool:
        """Whether a clause of the sentence is in the perfect or preterite, or says a state was reached.
        After a comma only a passive or strong preterite counts: "inkomna synpunkter, rapporterade
        avvikelser" lists things ("Avvikelserna analyserades, sammanställdes …" still counts)."""
        words, after_comma = sentence.words, sentence.after_mark
        present = False  # the clause has a finite verb in the present ("har", "är", "finns")
        openers, tellers, states, preterite = self.openers, self.tellers, self.states, self._preterite
        for place, word in enumerate(words):
            if place in after_comma or word in openers:
                present = False
            telling = word in tellers
            if telling and ((word in self.auxiliaries and self._supine_after(words, place))
                            or (word in states and self.reached.intersection(words[max(place - 1, 0):place + 3]))
                            or (word in self.statives and self._participle_after(words, place))):
                return True
            # A clause has one finite verb: after "har 40 lägenheter" a word like "fördelade" is a participle.
            if (place and preterite(word)
                    and words[place - 1] not in self.attributives
                    and (not present or word.endswith("s") or word in self.strong)
                    and (place not in after_comma or word.endswith("s") or word in self.strong)):
                return True
            present = present or (telling and word in states)
        return False

    def now(self, sentence: Split) -> bool:
        """Whether a finite verb in the present stands next to "nu" and so tells a change made: "Alla
        patienter som kommer från akuten får nu en läkemedelsavstämning", "Nu används digital signering";
        not work under way or to come ("arbetar nu", "pågår nu", "ska nu")."""
        words = sentence.words
        if self.reached.isdisjoint(words):
            return False
        for place, word in enumerate(words):
            if word in self.reached:
                verb = words[place - 1] if place else words[1] if len(words) > 1 else ""
                if verb.endswith(self.presents) and len(verb) > 2 and verb not in self.not_reached:
                    return True
        return False

    def _supine_after(self, words: list[str], place: int) -> bool:
        """Whether a supine follows "har"; after an article only a passive one: the article opens a noun
        phrase, an object ("har ett strukturerat arbetssätt") or, after a fronted phrase, the subject of
        a passive ("Under året har en ny rutin för munvård införts")."""
        passive_only = False
        for word in words[place + 1:place + 1 + GAP]:
            if word in self.articles:
                passive_only = True
            elif self._supine(word) and (not passive_only or word.endswith("s")):
                return True
        return False

    def _participle_after(self, words: list[str], place: int) -> bool:
        """Whether a past participle follows "är", "blev", "blivit" (the stative passive: "Rutinen är
        reviderad", "Riktlinjen är uppdaterad och implementerad"), before an article, and not one that
        opens an intention ("är tänkt att", "är beslutad att införas")."""
        for at in range(place + 1, min(place + 1 + STATIVE_GAP, len(words))):
            if words[at] in self.articles:
                return False
            if self._participle(words[at]):
                return words[at + 1:at + 2] != ["att"] and not self._arranged(words[at])
        return False

    def _arranged(self, participle: str) -> bool:
        """Whether a past participle tells how things are arranged ("organiserat", "indelad"), no act."""
        ending = next((e for e in self.participles if participle.endswith(e)), "")
        return participle[: len(participle) - len(ending)] in self.arrangements

    def _verb_form(self, word: str, endings: tuple[str, ...]) -> bool:
        """A word with one of the endings (the longest that fits), not a listed non-verb; an ending of
        one consonant, or a consonant and a vowel ("t", "de", "te"), must follow a consonant ("infört",
        "gjorde", never "arbetet", "möte")."""
        if len(word) < 4 or word in self.not_verbs or word.endswith(self.not_endings):
            return False
        ending = next((e for e in endings if word.endswith(e) and len(word) > len(e) + 1), None)
        if ending is None:
            return False
        core = ending.rstrip("s")
        after_consonant = len(core) == 1 or (len(core) == 2 and core[0] not in VOWELS and core[1] in VOWELS)
        return not after_consonant or word[-len(ending) - 1] not in VOWELS
