"""How a report tells that one event was reported under a law ("Händelsen anmäldes till IVO enligt
lex Maria.", "Personalen rapporterade det enligt lex Sarah.", "MAS gjorde en tredje anmälan till
IVO."), compiled from the pack's `figure_events` (rules/figurer.yml). `figureevents` counts them."""

from __future__ import annotations

import re
from typing import NamedTuple

from .figurewording import NUMBER_WORDS

ORDINALS = {"andra": 2, "tredje": 3, "fjärde": 4, "femte": 5, "sjätte": 6, "sjunde": 7, "åttonde": 8, "nionde": 9, "tionde": 10}
_ORDINAL = "|".join(ORDINALS)
# "Den tredje händelsen", "en andra anmälan": which one in the series the told event is.
ORDINAL = re.compile(r"\b(?:den|det|en|ett)\s+(" + _ORDINAL + r")\b")
# "Också denna händelse …", "Ytterligare ett ärende …", "en tredje anmälan": a further event, looked
# for in the statement and just before it.
ANOTHER = re.compile(r"\b(?:också|även|likaså|ytterligare|(?:den|det|en|ett)\s+(?:" + _ORDINAL + r"|senare|sista))\b")
ANOTHER_REACH = 12  # characters before a told event in which `ANOTHER` is looked for
# "Efter att händelsen anmäldes enligt lex Maria …": a clause that refers back to a report, not one
# that tells it.
REFERS_BACK = re.compile(r"\b(?:efter\s+att|sedan|innan|eftersom)\b")
_ADVERB = r"(?:\s+(?:också|även|likaså|därför|sedan|därefter|senare|då|omgående|direkt))?"
_EVENT = r"(?:händelse|ärende|fall)(?:n|t|et)?"
# The event told of: "händelsen", "en händelse", "ytterligare ett ärende", "den", "det".
_ONE_EVENT = (
    r"(?:(?:en|ett|ytterligare\s+(?:en|ett)|(?:den|det|en|ett)\s+(?:" + _ORDINAL + r"|senare|sista)|denna|detta|den\s+här|det\s+här)\s+"
    + _EVENT + r"|(?:(?:den|det)\s+)?\b(?:händelsen|ärendet|fallet)|\bden|\bdet)"
)
# A count other than one: "anmälde vi två …" tells no single event.
_MANY = r"(?:\d+|" + "|".join(w for w, n in sorted(NUMBER_WORDS.items(), key=lambda i: -len(i[0])) if n != 1) + r")\b"
# "Personalen rapporterade enligt lex Sarah vid flera tillfällen": not one event, in the clause after it.
SEVERAL = re.compile(r"\b(?:flera|många|några|ett\s+par|" + _MANY + r")\s+(?:gånger|tillfällen)\b")
_AGENT = r"(?:\s+av\s+[\w-]+(?:\s+[\w-]+)?)?"  # "anmäldes av MAS"
_SUBJECT = r"(?:\s+(?!" + _MANY + r"|en\b|ett\b)[\w-]+)?"  # "anmälde vi …", "anmälde MAS …"
_PERFECT = r"(?:(?:har|hade)" + _ADVERB + r"\s+)?"


def _words(words: list[str]) -> str:
    return "|".join(r"\s+".join(map(re.escape, w.lower().split())) for w in sorted(words, key=len, reverse=True))


class EventWording(NamedTuple):
    """One figure's patterns: `one`, a statement that one event was reported to the recipient or
    under the law; `any`, any statement that events were reported."""

    one: tuple[re.Pattern, ...]
    any: re.Pattern
    law: re.Pattern  # the law or its matter named
    laws: re.Pattern  # the law named
    mentions: re.Pattern  # the law or the recipient named: a statement names one of them
    needles: tuple[str, ...]  # words one of which a statement holds

    @classmethod
    def build(cls, data) -> EventWording:
        laws, verbs = _words(data.laws), _words(data.verbs)
        passive = _words(data.passive) or "(?!)"
        active = _words([v for v in data.verbs if v not in data.passive]) or "(?!)"
        to = (r"\s+till\s+(?:" + _words(data.recipients) + r")\b(?:\s+\([\w\s]{1,12}\))?") if data.recipients else "(?!)"
        law = r"\s+(?:enligt|som)\s+(?:" + laws + r")\b"
        # what follows the verb: to the recipient, under the law, or both ("anmäldes av MAS till IVO enligt lex Maria")
        tail = _ADVERB + _AGENT + r"(?:(?P<to>" + to + r")" + _ADVERB + r"(?P<law>" + law + r")?|(?P<law2>" + law + r"))"
        makes = (
            r"\b" + _PERFECT + r"(?:" + _words(data.makes) + r")" + _SUBJECT + r"\s+(?:ytterligare\s+)?(?:en|ett)(?:\s+(?:" + _ORDINAL
            + r"|ny))?\s+"
        ) if data.documents and data.makes else "(?!)"
        documents = _words(data.documents) or "(?!)"
        one = (
            r"(?<!\w)" + _ONE_EVENT + _ADVERB + r"\s+(?:(?:har|hade|blev|har\s+blivit)" + _ADVERB + r"\s+)?(?:" + passive + r")\b" + tail,
            r"\b" + _PERFECT + r"(?:" + active + r")" + _SUBJECT + _ADVERB + r"\s+" + _ONE_EVENT + tail,
            r"\b" + _PERFECT + r"(?:" + active + r")" + _SUBJECT + tail + r"(?!\s+" + _MANY + r")",
            # "En händelse som ledde till en allvarlig vårdskada anmäldes till IVO": the sentence's subject,
            # one event, with a clause of its own before the verb (none that joins or counts others)
            r"^(?:en|ett)\s+" + _EVENT + r"(?:\s+(?!(?:varav|" + _MANY + r"))(?!(?:och|samt|eller)\s+(?:en|ett|några|fler|flera|"
            r"ytterligare|andra|de|dessa|" + _MANY + r"))[^\s.;:]+){1,20}?\s+"
            r"(?:(?:har|hade|blev)\s+)?(?:" + passive + r")\b" + tail,
            makes + r"(?P<named>(?:" + laws + r")-?)(?:" + documents + r")\b",  # "gjorde en lex Maria-anmälan"
            makes + r"(?:" + documents + r")\b" + tail,  # "gjorde en tredje anmälan till IVO"
        )
        any_ = r"\b(?:" + verbs + r")\b(?:\s+\S+){0,8}?(?:\s+(?:enligt|som)\s+(?:" + laws + r")\b|" + to + ")"
        matter = "|".join([laws, *(re.escape(m.lower()) for m in data.matter)])
        return cls(tuple(re.compile(p) for p in one), re.compile(any_), re.compile(r"\b(?:" + matter + ")"), re.compile(r"\b(?:" + laws + ")"),
                   re.compile(r"\b(?:" + "|".join([laws, *([_words(data.recipients)] if data.recipients else [])]) + ")"), tuple(w.casefold() for w in (*data.verbs, *data.documents)))

    def one_event(self, text: str) -> re.Match | None:
        """The first statement in a lower-cased sentence that one event was reported to the recipient
        or under the law."""
        found = None
        for pattern in self.one:
            if (match := pattern.search(text)) and (found is None or match.start() < found.start()):
                found = match
        return found


def ordinal(text: str, start: int, end: int) -> int | None:
    """Which one in the series a told event says it is ("en tredje anmälan": 3)."""
    found = ORDINAL.search(text, max(0, start - ANOTHER_REACH), end)
    return ORDINALS[found.group(1)] if found else None
