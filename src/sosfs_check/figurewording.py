"""How reports word their figures: number words, the names of what is counted, and the shapes of
the sentences a count stands in ("155 avvikelser", "Antal lex Maria-anmälningar: 2", "Tre …
anmäldes till IVO", "minskade från 240 till 198"). `facts` reads them."""

from __future__ import annotations

import re

NUMBER_WORDS = {
    "inga": 0, "ingen": 0, "inget": 0, "noll": 0,
    "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7,
    "åtta": 8, "nio": 9, "tio": 10, "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14,
    "femton": 15, "sexton": 16, "sjutton": 17, "arton": 18, "nitton": 19, "hundra": 100,
}  # fmt: skip
_TENS = {"tjugo": 20, "trettio": 30, "fyrtio": 40, "femtio": 50, "sextio": 60, "sjuttio": 70, "åttio": 80, "nittio": 90}
_UNITS = {"en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9}
# The tens and their compounds, written as one word: "tjugo", "trettiosju", "sjuttiotvå".
NUMBER_WORDS |= _TENS | {tens + unit: value + n for tens, value in _TENS.items() for unit, n in _UNITS.items()}
# A count: digits not glued to a law number or decimal ("2010:659", "98,5"), or a number word
# (a whole word: "den avvikelse" holds no "en").
NUM = r"(?<![\w:,.])(?P<num>\d{1,5}(?:\s\d{3})?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")(?![\d:,])"
# Words that may stand between the count and what is counted.
FILLER = r"(?:\s+(?:st\.?|stycken|rapporterade|inkomna|registrerade|nya|olika|skriftliga|framförda|utredda|allvarliga|interna|särskild|särskilda))?"

COUNTED = {
    # "118 händelser i vårt avvikelsesystem": events reported as avvikelser.
    "avvikelser": r"avvikelse(?:r|rna|rapporter)?\b|händelser\s+(?:\w+\s+){0,2}?(?:i|till|via)\s+(?:\w+\s+)?avvikelse\w+",
    "klagomal_synpunkter": r"(?:synpunkter|synpunkt|klagomål|klagomålsärenden)\b",
    "lex_maria_anmalningar": (
        r"(?:(?:anmälningar|anmälan|ärenden|händelser|händelse)\s+(?:(?:\w+\s+){0,4}?(?:enligt|om|till|av)\s+)?)?lex\s+maria\b"
        r"|lex\s+maria-?(?:anmälningar|anmälan|ärenden)"
    ),
    "lex_sarah_rapporter": (
        r"(?:(?:rapporter|rapport|anmälningar|anmälan|utredningar|ärenden|missförhållanden|missförhållande)"
        r"\s+(?:(?:enligt|om|av)\s+)?)?lex\s+sarah\b"
        r"|lex\s+sarah-?(?:rapporter|rapport|anmälningar|ärenden)"
        # In the law's own words (SoL 27 kap. 2 §, LSS 24 b §): "rapporter om missförhållanden",
        # "missförhållanden enligt 24 b § LSS".
        r"|(?:rapporter|rapport)\s+om\s+(?:allvarliga\s+)?missförhållanden?\b"
        r"|missförhållanden?\s+enligt\s+(?:24\s*b\s*§|27\s+kap\.\s*2\s*§|14\s+kap\.\s*3\s*§)"
    ),
    "ivo_anmalningar": (
        r"(?:anmälningar|anmälan|anmälningar)\s+(?:har\s+gjorts\s+)?till\s+(?:ivo|inspektionen)"
        r"|(?:anmäldes|anmälts|har\s+anmälts)\s+till\s+(?:ivo|inspektionen)"
    ),
    "riskanalyser": r"riskanalys(?:er|erna)?\b",
}
# The statement patterns are matched in lower-cased sentences (see `_from_text`).
PATTERNS = {key: re.compile(NUM + FILLER + r"\s+(?:" + counted + ")") for key, counted in COUNTED.items()}
# "Antal lex Maria-anmälningar: 2": a label and its count, which ends the clause, perhaps after a
# word for what is counted ("Lex Maria: 1 anmälan (fall …)"); "… lex Maria: en patient vars …"
# begins a list of cases, no count.
_LABEL_END = (r"(?=(?:\s+(?:st\.?|stycken|anmälan|anmälningar|rapport|rapporter|ärende|ärenden|händelse|händelser))?"
              r"\s*(?:[.,;:()]|och\b|$))")
# The label starts a word: "Läkemedelsavvikelser: 498" is one kind's count, not the total.
LABELLED = {
    key: re.compile(r"(?<![\w-])(?:antal\s+)?(?:" + counted + r")\s*:\s*" + NUM + _LABEL_END)
    for key, counted in COUNTED.items()
}
# "inte genomfört några riskanalyser": a stated zero.
NOT_ANY = {
    key: re.compile(r"\b(?:inte|ej)\s+(?:\w+\s+){0,3}(?:några|någon|något)\s+(?:" + counted + ")")
    for key, counted in COUNTED.items()
}
# "Tre bedömdes vara allvarliga och anmäldes till IVO", "två anmäldes till IVO enligt lex Maria",
# "En händelse, en försenad cancerdiagnos, anmäldes …", "ledde två till anmälan enligt lex Maria",
# "Två patienter klagade": a count told by what was done with it.
APPOSITION = r"(?:\s*,[^,.;]{1,80},)?"
REPORTED = {
    "ivo_anmalningar": re.compile(
        NUM + r"(?:\s+[\w-]+){0,6}?" + APPOSITION + r"\s+(?:anmäldes|har\s+anmälts|anmälts)\s+till\s+(?:ivo\b|inspektionen)"
    ),
    "lex_maria_anmalningar": re.compile(
        NUM + r"(?:\s+[\w-]+){0,6}?" + APPOSITION + r"\s+(?:anmäldes|anmälts|har\s+anmälts|(?:ledde|har\s+lett)?\s*till\s+(?:en\s+)?anmälan)"
        r"(?:\s+till\s+(?:ivo|inspektionen(?:\s+för\s+vård\s+och\s+omsorg)?)(?:\s+\(ivo\))?)?\s+(?:enligt|som)\s+lex\s+maria\b"
    ),
    "klagomal_synpunkter": re.compile(
        NUM + r"\s+(?:\w+\s+)?(?:patienter|patient|anhöriga|anhörig|närstående|brukare|boende|personer|kunder)"
        r"\s+(?:har\s+)?(?:klagade|klagat)\b"
    ),
}
# "vi anmälde händelsen till IVO enligt lex Maria", "Också denna händelse anmäldes enligt lex Maria",
# "Ytterligare ett ärende har anmälts …": one event told of, reported; counted when no count is
# stated (see `figureevents`).
_EVENT = r"(?:händelse|ärende|fall)(?:n|t|et)?"
_ONE_EVENT = (
    r"(?:(?:ytterligare\s+(?:en|ett)|(?:den|det)\s+(?:andra|tredje|senare|sista)|denna|detta|den\s+här|det\s+här)\s+" + _EVENT
    + r"|(?:(?:den|det)\s+)?\b(?:händelsen|ärendet|fallet)|\bden)"
)
_ADVERB = r"(?:\s+(?:också|även|likaså|därför|sedan|därefter|senare|då|omgående))?"
ONE_REPORTED = {
    "lex_maria_anmalningar": re.compile(
        r"(?:(?<!\w)" + _ONE_EVENT + _ADVERB + r"\s+(?:anmäldes|har" + _ADVERB + r"\s+anmälts|blev\s+anmäld)"
        r"|\b(?:anmälde|har\s+anmält)(?:\s+vi)?" + _ADVERB + r"\s+" + _ONE_EVENT + r")" + _ADVERB
        + r"(?:\s+till\s+(?:ivo|inspektionen(?:\s+för\s+vård\s+och\s+omsorg)?)(?:\s+\(ivo\))?)?\s+(?:enligt|som)\s+lex\s+maria\b"
    ),
}
# "Också denna händelse …", "Den andra händelsen …", "Ytterligare ett ärende …": a told event that is
# a further one, looked for in the statement and just before it.
ANOTHER = re.compile(r"\b(?:också|även|likaså|ytterligare|(?:den|det)\s+(?:andra|tredje|senare|sista))\b")
ANOTHER_REACH = 12  # characters before a told event in which `ANOTHER` is looked for
# Any statement that an event was reported under the law: how many separate statements the text
# makes, whether or not each was read as one event. `NEGATED`: words that deny it in the statement
# or just before it ("Händelsen anmäldes inte …", "Ingen av dem anmäldes …").
REPORTING = {
    "lex_maria_anmalningar": re.compile(
        r"\b(?:anmäldes|anmälts|anmälde|anmält|anmäld|anmälda)\b(?:\s+\S+){0,8}?\s+(?:enligt|som)\s+lex\s+maria\b"
    ),
}
NEGATED = re.compile(r"\b(?:inte|ej|aldrig|ingen|inget|inga)\b")
NEGATED_REACH = 40  # characters before a statement in which `NEGATED` is looked for
# A figure that follows from another's zero: no lex Sarah-rapporter, so no missförhållande reported to IVO.
FOLLOWS_FROM_ZERO = {"ivo_anmalningar": "lex_sarah_rapporter"}
# "Avvikelserna minskade från 240 till 198": the count after the change (of the whole word: a
# change of "läkemedelsavvikelser" is one kind's).
SUBJECT = {**COUNTED, "klagomal_synpunkter": r"(?:synpunkter(?:na)?|synpunkt|klagomål(?:en)?|klagomålsärenden)\b"}
CHANGE = r"(?:minskade|ökade|sjönk|steg|har\s+minskat|har\s+ökat|gick\s+(?:ned|ner|upp))"
CHANGED = {
    key: re.compile(
        r"(?:\b(?P<what>" + subject + r")(?:\s+\w+){0,3}?\s+" + CHANGE + r"|" + CHANGE + r"\s+(?:antalet\s+)?\b(?P<what2>" + subject + r"))"
        r"\s+från\s+\d{1,5}(?:\s\d{3})?(?:\s+\S+){0,3}?\s+till\s+" + NUM + r"(?!\s*(?:procent|%))"
    )
    for key, subject in SUBJECT.items() if key != "ivo_anmalningar"
}
# Under a heading that names what is counted ("Lex Sarah"), a count of reports or cases in its text
# ("Under 2025 kom fyra rapporter.") is that figure.
IN_CONTEXT = re.compile(
    NUM + FILLER + r"\s+(?:rapporter|rapport|anmälningar|anmälan|ärenden|ärende|händelser|händelse|utredningar)\b"
)
# A table's label cell: "Avvikelser", "Antal lex Maria-anmälningar", "Rapporterade avvikelser".
HEADER = {
    key: re.compile(
        r"^\s*(?:totalt\s+)?(?:antal\s+)?(?:(?:rapporterade|inkomna|registrerade|anmälda|nya)\s+)?(?:" + counted + r")", re.IGNORECASE
    )
    for key, counted in COUNTED.items()
}
NAMES = {key: re.compile(counted, re.IGNORECASE) for key, counted in COUNTED.items() if key != "ivo_anmalningar"}
# A heading that names what is counted at a word's start: "Läkemedelsavvikelser" names one kind only.
HEADING_NAMES = {key: re.compile(r"(?<![\w-])(?:" + name.pattern + ")", re.IGNORECASE) for key, name in NAMES.items()}
ANY_NAME = re.compile("|".join(f"(?:{name.pattern})" for name in NAMES.values()), re.IGNORECASE)


def count_value(token: str) -> int:
    token = token.lower()
    return NUMBER_WORDS[token] if token in NUMBER_WORDS else int(token.replace(" ", ""))


class Reading:
    """The pack's `figure_words`: abbreviations and loanwords read as the Swedish words the figure
    patterns know ("enl." as "enligt", "incidents" as "avvikelser"), compiled once per pack."""

    def __init__(self, words: dict[str, str]):
        self.words = {source.lower(): read.lower() for source, read in words.items()}
        alternatives = "|".join(re.escape(source) for source in sorted(self.words, key=len, reverse=True))
        self._pattern = re.compile(r"(?<![\w.])(?:" + alternatives + r")(?!\w)") if self.words else None

    def __call__(self, text: str) -> str:
        """A lower-cased text with the pack's words read."""
        return self._pattern.sub(self._read, text) if self._pattern else text

    def _read(self, match: re.Match) -> str:
        return self.words[match.group()]

    def sources(self, needle: str) -> tuple[str, ...]:
        """The words read as one that holds `needle`: where else a figure's words may stand."""
        return tuple(source for source, read in self.words.items() if needle in read)


NO_READING = Reading({})
