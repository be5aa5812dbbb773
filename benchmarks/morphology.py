"""Swedish morphology for description matching: Snowball vs simplemma vs Hunspell (sv_SE).

    python benchmarks/morphology.py

Each method decides whether a word of a report is a form of a vocabulary term: an inflection
("analyserades" of "analysera"), a strong form ("erbjöds" of "erbjuda"), or a compound that has
the term as a part ("fallriskbedömningar", "avvikelsehanteringen"). Recall is counted on word
pairs quality officers write; false matches on pairs that must not match. Time is for all
distinct words of a real report (Borås 2021), each lemmatised once, in a fresh process, with the
library's loading time apart. Results go into docs/morphology.md.
"""

from __future__ import annotations

import gc
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "fixtures" / "text" / "boras-patientsakerhetsberattelse-2021.txt"
HUNSPELL_DIR = "/usr/share/hunspell"

MATCH = [  # (term, word): the word is a form of the term or a compound with it
    ("avvikelse", "avvikelserna"), ("avvikelse", "avvikelsehanteringen"), ("avvikelse", "läkemedelsavvikelser"),
    ("analysera", "analyseras"), ("analysera", "analyserades"), ("analysera", "analyserat"),
    ("kompetensutveckla", "kompetensutvecklat"), ("kompetensutveckla", "kompetensutvecklats"),
    ("kompetensutveckling", "kompetensutvecklingen"), ("utbilda", "utbildades"), ("utbildning", "utbildningar"),
    ("riskbedömning", "riskbedömningar"), ("riskbedömning", "fallriskbedömningar"), ("bedömning", "munhälsobedömningar"),
    ("erbjuda", "erbjuds"), ("erbjuda", "erbjöds"), ("erbjuda", "erbjudit"), ("vårdplanering", "vårdplaneringen"),
    ("planering", "vårdplaneringar"), ("införa", "infört"), ("införa", "infördes"), ("utreda", "utreddes"),
    ("utreda", "utrett"), ("genomföra", "genomförts"), ("genomföra", "genomfördes"), ("möte", "teammöten"),
    ("möte", "mötena"), ("samarbete", "samarbetet"), ("samarbeta", "samarbetat"), ("närstående", "närståendes"),
    ("anhörig", "anhöriga"), ("dokumentera", "dokumenteras"), ("klagomål", "klagomålen"), ("synpunkt", "synpunkterna"),
    ("händelseanalys", "händelseanalyser"), ("läkemedelsgenomgång", "läkemedelsgenomgångar"), ("egenkontroll", "egenkontrollerna"),
    ("följa", "följdes"), ("följa", "följts"), ("åtgärd", "åtgärderna"), ("vidta", "vidtogs"), ("vidta", "vidtagits"),
    ("rapportera", "rapporterades"), ("sammanställa", "sammanställdes"), ("sammanställning", "sammanställningen"),
    ("delta", "deltog"), ("delaktighet", "delaktigheten"), ("granska", "granskades"), ("journalgranskning", "journalgranskningar"),
    ("fall", "fallen"), ("risk", "fallrisker"), ("lära", "lärt"), ("lärdom", "lärdomar"), ("förbättra", "förbättrades"),
    ("förbättringsarbete", "förbättringsarbetet"), ("mäta", "mättes"), ("mätning", "punktprevalensmätningar"),
]
NO_MATCH = [  # (term, word): must not match
    ("fall", "fallit"), ("risk", "riskerar"), ("möte", "bemötande"), ("vård", "vårdnad"),
    ("analys", "analog"), ("ansvar", "ansvarig"), ("rutin", "rutinmässigt"), ("lära", "lärare"),
    ("mål", "målning"), ("team", "teater"), ("brist", "bristfällig"), ("följa", "följetong"), ("utreda", "utredare"),
]


def snowball():
    import snowballstemmer

    stemmer = snowballstemmer.stemmer("swedish")
    return lambda term, word: word.startswith(stemmer.stemWord(term)), stemmer.stemWord


def simplemma_method():
    import simplemma

    def lemma(word: str) -> str:
        return simplemma.lemmatize(word, lang="sv", greedy=True)

    def match(term: str, word: str) -> bool:
        target, found = lemma(term), lemma(word)
        return found == target or (len(target) >= 4 and (found.startswith(target) or found.endswith(target)))

    return match, lemma


def hunspell_method():
    from hunspell import Hunspell

    dictionary = Hunspell("sv_SE", hunspell_data_dir=HUNSPELL_DIR)
    stem_of = re.compile(r"st:(\S+)")

    def parts(word: str) -> set[str]:
        """The word's stems and the stems of its compound parts."""
        out = set(dictionary.stem(word))
        for analysis in dictionary.analyze(word):
            out.update(stem_of.findall(analysis))
        return out or {word}

    def match(term: str, word: str) -> bool:
        targets = parts(term)
        found = parts(word)
        return bool(targets & found) or any(f.endswith(t) and len(t) >= 4 for f in found for t in targets)

    return match, parts


def forms_method():
    """What sosfs-check uses: the vocabulary's forms from simplemma's dictionary, written into the
    pack once (the loading time here; a check run reads them with the rules), and each distinct
    word of a report looked up (with its compound parts) once."""
    sys.path.insert(0, str(ROOT / "src"))
    from sosfs_check.descriptions import Lemmatizer, Vocabulary, dictionary_forms
    from sosfs_check.descriptiondata import DescriptionData, Topic

    terms = sorted({t for t, _ in MATCH + NO_MATCH})
    topics = {"alla": Topic(subjects=terms, activities=terms)}
    vocabulary = Vocabulary.build(DescriptionData(topics=topics, forms=dictionary_forms(set(terms))))
    lemmatize = Lemmatizer(vocabulary)

    def match(term: str, word: str) -> bool:
        return vocabulary.lemma(term) in lemmatize(word)

    return match, lemmatize


METHODS = {"snowball": snowball, "simplemma": simplemma_method, "hunspell": hunspell_method, "simplemma-former": forms_method}


def measure(name: str) -> dict:
    start = time.perf_counter()
    match, lemma = METHODS[name]()
    lemma("avvikelser")  # the first call loads the language data
    load = time.perf_counter() - start
    if hasattr(lemma, "seen"):
        lemma.seen.clear()  # time every word of the report, not the ones the pairs looked up
    hits = sum(match(t, w) for t, w in MATCH)
    false = [(t, w) for t, w in NO_MATCH if match(t, w)]
    missed = [(t, w) for t, w in MATCH if not match(t, w)]
    words = sorted(set(re.findall(r"[^\W\d_]+", REPORT.read_text(encoding="utf-8").lower())))
    gc.collect()  # the garbage of loading the data is not the report's cost
    start = time.perf_counter()
    for word in words:
        lemma(word)
    per_document = time.perf_counter() - start
    return {"name": name, "recall": hits / len(MATCH), "false": false, "missed": missed, "load": load,
            "document": per_document, "words": len(words)}


def main() -> int:
    if len(sys.argv) == 2:  # a child process measures one method in a fresh interpreter
        print(repr(measure(sys.argv[1])))
        return 0
    print(f"| metod | träffar ({len(MATCH)} par) | felträffar ({len(NO_MATCH)} par) | laddning | ord i rapporten | tid per rapport |")
    print("|---|---|---|---|---|---|")
    for name in METHODS:
        out = subprocess.run([sys.executable, __file__, name], capture_output=True, text=True, check=True).stdout
        r = eval(out)  # our own child's repr of plain data
        print(f"| {r['name']} | {r['recall']:.0%} | {len(r['false'])} | {r['load'] * 1000:.0f} ms | {r['words']} | "
              f"{r['document'] * 1000:.0f} ms |")
        print(f"<!-- {r['name']} missar: {r['missed']}; felträffar: {r['false']} -->")
    return 0


if __name__ == "__main__":
    sys.exit(main())
