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
# An approximate count told as a noun (review4 item 6): "ett tjugotal klagomål", "ett drygt hundratal avvikelser"
# are about 20 and about 100; the quoted sentence shows that the count is approximate.
NUMBER_WORDS |= {word + "tal": value for word, value in (*_TENS.items(), ("tio", 10), ("hundra", 100))}


def alternation(words) -> str:
    """The words as one regex alternation factored by their common starts ("tre(?:tton|ttio)?"):
    the engine tries a letter once instead of every word that starts with it. Of the words that
    fit at one place the longest is tried first, as in the plain alternation sorted by length."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    def written(node: dict) -> str:
        branches = [re.escape(char) + written(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        either = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{either})?" if "" in node else either
    return written(tree)


# A count: digits not glued to a law number or decimal ("2010:659", "98,5"), or a number word
# (a whole word: "den avvikelse" holds no "en").
NUM = r"(?<![\w:,.])(?P<num>\d{1,5}(?:\s\d{3})?|" + alternation(NUMBER_WORDS) + r")(?![\d:,])"
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
# "Anmälningar till IVO (lex Maria): två": what is counted named in brackets inside the label.
LABELLED = {
    key: re.compile(r"(?<![\w-])(?:antal\s+)?(?:" + counted + r"|(?:anmälningar|anmälan|rapporter|ärenden)(?:\s+[\w-]+){0,3}?\s*"
                    r"\(\s*(?:" + counted + r")\s*\))\s*:\s*" + NUM + _LABEL_END)
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
    # "Tre vårdnadshavare klagade": the count of those who complained, whoever they are (one or two
    # words), never a time ("Tre dagar senare klagade …") or a part ("två av dem").
    "klagomal_synpunkter": re.compile(
        NUM + r"(?:\s+(?!(?:av|dagar|veckor|månader|år|timmar|gånger|senare|efter|sedan|tidigare)\b)[\w-]+){1,2}?"
        r"\s+(?:har\s+)?(?:klagade|klagat)\b"
    ),
}
# Words that deny a statement that an event was reported, in it or just before it ("Händelsen
# anmäldes inte …", "Ingen av dem anmäldes …"); see `figureevents`.
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
# "Klagomål … har tagits emot i 58 fall": a count of the clause's subject, when that is indefinite
# (not "Avvikelserna gällde i 40 fall läkemedel", a part) and the clause runs on to the count, perhaps
# past a clause between commas that tells of them all ("Klagomål, som rörde bemötande, togs emot i 20
# fall"). No year or figure stands between them ("Klagomål under 2024 …" is another year's count), and
# "… och i sex fall väntetider" is another part.
_CASES = r"i\s+(?!(?:19|20)\d\d\b)" + NUM + r"\s+(?:fall|ärenden)\b"
_RELATIVE = r"(?:\s*,\s*(?:som|vilka|vilket)\s[^,.;:\d]{1,80},)?"
IN_CASES = {
    key: re.compile(r"(?<![\w-])(?P<what>" + counted + r")(?<!rna)" + _RELATIVE + r"(?:\s+[^\s,.;:\d]+){0,8}?(?<!\boch)\s+" + _CASES)
    for key, counted in COUNTED.items()
}
# "I 14 fall har synpunkter kommit in", "I 20 fall fick vi klagomål": the count first, then a verb of
# their coming in or being made and the indefinite subject; never "I 14 fall gällde klagomål bemötande"
# (a part), an object of a preposition ("händelseanalys av avvikelser"), one kind ("… kommit in om
# maten") or a clause that denies it.
ARRIVED = (r"(?:kom(?:mit)?\s+in|inkom(?:mit)?|(?:tog|togs|tagits|tagit)\s+(?:\w+\s+)?emot|mottogs|mottagits|fick|fått"
           r"|(?:lämna|registrera|rapportera|framför|anmäl|gjor)(?:ts|des|de|t))")
_NOT_BETWEEN = r"(?!(?:av|om|på|för|med|till|från|i|vid|efter|mot|kring|över|inom|att|som|inte|ej|aldrig)\b)"
CASES_FIRST = {
    key: re.compile(r"(?<![\w-])" + _CASES + r"(?=[^,.;:]*\b" + ARRIVED + r"\b)(?:\s+" + _NOT_BETWEEN + r"[^\s,.;:\d]+){0,4}?\s+"
                    r"(?P<what>" + counted + r")(?!\w)(?<!rna)(?![^,.;:]*\b(?:inte|ej|aldrig|om|gällande|angående|rörande|avseende|kring)\b)")
    for key, counted in COUNTED.items()
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


def count_value(token: str) -> int:
    token = token.lower()
    return NUMBER_WORDS[token] if token in NUMBER_WORDS else int(token.replace(" ", ""))


class Reading:
    """The pack's `figure_words`: abbreviations and loanwords read as the Swedish words the figure
    patterns know ("enl." as "enligt", "incidents" as "avvikelser"), compiled once per pack; and
    `events`, its `figure_events` (figure key -> `figuretelling.EventWording`)."""

    def __init__(self, words: dict[str, str], events: dict | None = None):
        self.events = events or {}
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
