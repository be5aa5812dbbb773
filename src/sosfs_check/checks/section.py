"""Check type `section`: a section with a heading and real content."""

from __future__ import annotations

from ..document import Block
from ..facts import FACT_LABELS
from ..facttables import YEAR
from ..figureyears import has_figure
from ..descriptions import LABEL_WORDS
from ..lexicon import WORD
from ..vocabulary import text_matches
from .context import SUBSTANTIVE_WORDS, Context
from ..verdicts import Verdict, excerpt, failed, quoted
from ..wordsplit import Split

QUOTE = 80  # characters of a sentence quoted in a message


def evaluate(check, ctx: Context) -> Verdict:
    """Passes on a section whose body text (never its subheadings or guidance) has `min_words`, or, for
    a rule whose section must say what happened in the year, on a section that says it at any length;
    a shorter section with substantive text is partial evidence; a mention elsewhere is none."""
    if check.figure and (fact := ctx.figure(check.figure)) is not None:
        return Verdict(True, evidence=[ctx.blocks[fact.block - 1]] if fact.block else [])
    named = {h.index: h for h in [*ctx.headings_matching(check.headings), *clause_headings(ctx)]}
    heads = ctx.done_headings([named[i] for i in sorted(named)])
    if check.ahead:
        named = {h.index for h in heads}
        heads = sorted([*heads, *(h for h in ctx.headings_ahead() if h.index not in named)], key=lambda h: h.index)
        heads = [h for h in heads if not ctx.names_no_later_year(h.text)]
    unclaimed = check.subsections == "unclaimed"
    # Words that count: body text less approval lines, and less goals, plans and other years when the rule asks what was done.
    counted = {head.index: [(b, n) for b in ctx.body_blocks(head, unclaimed) if (n := ctx.evidence_words(b))] for head in heads}
    body = {index: [b for b, _ in pairs] for index, pairs in counted.items()}
    words = {index: sum(n for _, n in pairs) for index, pairs in counted.items()}
    generic = None  # a section long enough that says only how the work is usually done
    done_only = None  # a section of results that says only what was done
    for head in heads:
        if ctx.asks_concrete:
            if what_happened(ctx, body[head.index]) or listed(ctx, head, body[head.index]):
                return Verdict(True, evidence=body[head.index])
            if _asks_achieved(ctx) and any(s.done and ctx.counts(s) for s in _said(ctx, body[head.index])):
                done_only = done_only or head
            if words[head.index] >= check.min_words:
                generic = generic or head
        elif words[head.index] >= check.min_words or (check.ahead and _goal(ctx, ctx.body_blocks(head))):
            return Verdict(True, evidence=body[head.index] or ctx.body_blocks(head))
    if done_only:  # real content, so the area is partly met; but no result (PSL 3 kap. 10 § 3)
        return failed(body[done_only.index], done_only, done_only.text, f"Rubriken ”{done_only.text}” finns men "
                      "avsnittet säger bara vad som gjordes, inte vad det ledde till (en siffra, en förändring eller ett utfall).")
    if generic:
        usually = ", bara hur arbetet brukar gå till" if _habitual(ctx, body[generic.index]) else ""
        return failed(body[generic.index], generic, generic.text, f"Rubriken ”{generic.text}” finns men avsnittet säger "
                      f"inte vad som gjordes eller uppnåddes under året{usually}.")
    if heads:
        head = max(heads, key=lambda h: words[h.index])
        if not words[head.index]:
            # A chapter whose text stands only in other areas' subsections ("Process – åtgärder för att
            # säkerställa verksamhetens kvalitet" over Riskanalys, Avvikelser …) is no empty section:
            # what those subsections describe still counts (descriptions.py).
            umbrella = unclaimed and any(ctx.evidence_words(b) for b in ctx.body_blocks(head))
            aside = set_aside(ctx, ctx.body_blocks(head, unclaimed))
            detail = ("avsnittets text står bara i underavsnitt om andra områden" if umbrella
                      else f"avsnittet har bara {aside}" if aside else "avsnittet har ingen text")
            verdict = failed([], head, head.text, f"Rubriken ”{head.text}” finns men {detail}.")
            verdict.empty_section = not umbrella
            return verdict
        evidence = body[head.index] if words[head.index] >= SUBSTANTIVE_WORDS else []
        return failed(evidence, head, head.text, f"Rubriken ”{head.text}” finns men {_short(ctx, head, unclaimed)}.")
    if check.ahead:
        plans = ctx.blocks_at(sorted(ctx.plans_ahead()))
        if plans and sum(len(b.text.split()) for b in plans) >= check.min_words:
            return Verdict(True, evidence=plans)
    if inline := labelled(ctx, check.headings):
        if what_happened(ctx, inline) if ctx.asks_concrete else sum(map(ctx.evidence_words, inline)) >= check.min_words:
            return Verdict(True, evidence=inline)
        return _label_failed(ctx, inline)
    # Without a section of its own (also in a document without headings) the area's words are a
    # mention; the engine then looks for a description of it (descriptions.py).
    hits = ctx.blocks_at(ctx.index.find_any(check.headings + check.phrases))
    if hits:
        return failed([], hits[0], hits[0].text, "Området nämns men har inget eget avsnitt.")
    return failed()


def clause_headings(ctx: Context) -> list[Block]:
    """The author's own headings written as a clause in the past tense with one of the rule's words
    (`descriptions.clause_headings`): "Det här ändrade vi", "Vad vi gjorde i år", "Det här blev bättre"."""
    words = ctx.vocabulary.data.clause_headings.get(ctx.rule_id)
    if not words:
        return []
    vocabulary = ctx.vocabulary
    wanted = {*words, *(vocabulary.lemma(w) for w in words)}
    named = [h for h, forms in zip(ctx.document.headings, ctx.heading_forms) if not forms.isdisjoint(wanted)]
    return [h for h in named if vocabulary.tense.past(Split(h.text))]  # split only the few with the rule's word


def labelled(ctx: Context, terms: list[str]) -> list[Block]:
    """Body paragraphs that open with one of the headings as a label ("Resultat: Alla 64 patienter …"):
    the law does not say how a part of the report is marked, so the paragraph is the part's section."""
    found = []
    for pos, block in enumerate(ctx.blocks):
        label, colon, rest = block.text.partition(":")
        if (colon and ctx.body[pos] and rest.strip() and len(label.split()) <= LABEL_WORDS
                and any(text_matches(label, term) for term in terms)):
            found.append(block)
    return found


def _label_failed(ctx: Context, blocks: list[Block]) -> Verdict:
    """A labelled paragraph that does not say what the rule asks: its label, and what it says instead."""
    label = blocks[0].text.partition(":")[0].strip()
    if _asks_achieved(ctx) and any(s.done and ctx.counts(s) for s in _said(ctx, blocks)):
        lack = "säger bara vad som gjordes, inte vad det ledde till (en siffra, en förändring eller ett utfall)"
    elif aside := set_aside(ctx, blocks):
        lack = f"har nästan bara {aside}"
    else:
        lack = "säger inte vad som gjordes eller uppnåddes under året" if ctx.asks_concrete else "har nästan inget innehåll"
    evidence = blocks if sum(map(ctx.evidence_words, blocks)) >= SUBSTANTIVE_WORDS else []
    return failed(evidence, blocks[0], blocks[0].text, f"Etiketten ”{label}:” finns men stycket {lack}.")


def _short(ctx: Context, head: Block, unclaimed: bool) -> str:
    """What a short section lacks: what was set aside from it ("avsnittet har nästan bara mål och planer"),
    or, for a rule whose section must say what happened, that it does not ("Vi har haft ett bra år.")."""
    if aside := set_aside(ctx, ctx.body_blocks(head, unclaimed)):
        return f"avsnittet har nästan bara {aside}"
    if ctx.asks_concrete:
        return "avsnittet säger inte vad som gjordes eller uppnåddes under året"
    return "avsnittet har nästan inget innehåll"


def listed(ctx: Context, head: Block, blocks: list[Block]) -> bool:
    """Whether the items of a list (or the rows of a table) name measures under a heading that says
    they are the year's: it names the year reported on and none later ("Åtgärder under 2025"), or a
    status of what was done ("Genomförda åtgärder"). The heading dates them; a plan item stays a plan."""
    years = [int(y) for y in YEAR.findall(head.text)]
    done = {w for w in ctx.vocabulary.data.done_statuses if " " not in w}
    if not ((years and max(years) == ctx.year) or done.intersection(WORD.findall(head.text.lower()))):
        return False
    items = {ctx.position(b) for b in blocks if b.kind == "list_item" or (b.table and b.table[1] > 0)}
    return any(s.position in items and ctx.counts(s) for s in _said(ctx, blocks))


def _said(ctx: Context, blocks: list[Block]):
    positions = {ctx.position(b) for b in blocks}
    return [s for s in ctx.statements.items if s.position in positions]


def _habitual(ctx: Context, blocks: list[Block]) -> bool:
    """Whether a section tells only how the work usually goes: no sentence in a past form, not even the
    preterite of a state ("I år hade nio av tio …, i fjol sex av tio" compares two years; a supine such as
    "har haft effekt" may tell a habit)."""
    data = ctx.vocabulary.data
    past = {w for w in data.not_actions if not w.endswith(tuple(data.supine_endings))}
    return not any(s.done or past.intersection(WORD.findall(s.text.lower())) for s in _said(ctx, blocks))


def _figure(ctx: Context, text: str) -> bool:
    """Whether a sentence gives a figure: a number that is no year or date, or a share in words ("nio av tio")."""
    return has_figure(text) or bool(ctx.vocabulary.quantities.share(text))


def _asks_achieved(ctx: Context) -> bool:
    """Whether the rule's section must say what was achieved, not only what was done (pack data)."""
    return ctx.rule_id in ctx.vocabulary.data.asks_achieved


def what_happened(ctx: Context, blocks: list[Block]) -> bool:
    """Whether one of the blocks has an evidence sentence that says what happened in the year: in the
    perfect or preterite ("infördes", "har fått"), or describing the rule's topics; not only how the
    work is usually done ("Åtgärder vidtas när brister upptäcks") and not a figure of how things are
    ("Vi har 40 platser"). For a rule that asks what was achieved (`asks_achieved`) the past tense alone
    is not enough ("Vi införde dubbelkontroll", "Personalen arbetade hårt"): a figure that is no year or
    date ("498 (2024: 601)") or a share in words ("nio av tio"), or its topics (a change, an outcome, no events). Length does not matter:
    "Fallen med fraktur halverades." is a result."""
    said = _said(ctx, blocks)
    achieved = _asks_achieved(ctx)
    if any((_figure(ctx, s.text) if achieved else s.done) and ctx.counts(s) for s in said):
        return True
    topics = ctx.vocabulary.topics_for(ctx.rule_id)
    return bool(topics) and bool({id(s) for s in said} & {id(s) for s in ctx.describing(topics)})


def _goal(ctx: Context, blocks: list[Block]) -> bool:
    """Whether a section about the coming year states a goal or plan ("Vi ska halvera antalet avvikelser")."""
    return any(s.plan and not s.negated for s in _said(ctx, blocks))


def set_aside(ctx: Context, blocks: list[Block]) -> str:
    """What a section's sentences are when none of them counts for the rule, with the first of them:
    goals and plans, the work not done, another year, the statute restated or roles ("mål och planer
    och meningar om att arbetet inte gjordes, som ”…”"); "" when the section has no sentence."""
    said = _said(ctx, blocks)
    kinds = {
        "mål och planer": lambda s: ctx.asks_done and s.plan and not s.vague,
        "omdömen och allmänna ord om arbetet": lambda s: s.vague,
        "meningar om att något inte gjordes": lambda s: s.negated,
        f"meningar om andra år än {ctx.year}": lambda s: ctx.asks_done and s.elsewhen(ctx.year) and not s.plan,
        "återgiven lagtext": lambda s: not ctx.cites_law and s.law,
        "meningar om annat än patientsäkerheten (arbetsmiljö, lokaler, ekonomi)": lambda s: ctx.asks_safety and s.elsewhat,
        "meningar om vem som ansvarar": lambda s: not ctx.asks_who and s.role,
    }
    found = [kind for kind, present in kinds.items() if any(present(s) for s in said)]
    if not found:
        return ""
    first = next(s for s in said if any(kinds[kind](s) for kind in found))
    quote = excerpt(first.text.rstrip(" ."), QUOTE)  # shortened, without its full stop
    return " och ".join([", ".join(found[:-1]), found[-1]] if len(found) > 1 else found) + f", som ”{quote}”"


def describe(check) -> list[str]:
    """What the check looks for, in Swedish, one point per line."""
    return [
        f"Ett avsnitt med en rubrik som {quoted(check.headings)} och minst {check.min_words} ord text.",
        "Ord böjs och sätts ihop (”avvikelse” täcker ”avvikelser” och ”avvikelsehantering”).",
        "Bara brödtext räknas: stycken, punktlistor och tabellceller, aldrig underrubriker eller mallens vägledning.",
        *(["Underavsnitt som är ett annat områdes eget avsnitt räknas inte."] if check.subsections == "unclaimed" else []),
        *([f"Ett angivet antal {FACT_LABELS[check.figure]} (även noll) räcker."] if check.figure else []),
        *(["En rubrik med ett år efter det berättelsen avser (”Mål 2026”) räknas också, och ett mål eller en plan "
           "under en sådan rubrik räcker, hur kort det än är; utan ett sådant avsnitt räknas mål och planer för ett "
           "sådant år var de än står. En rubrik som bara nämner det år berättelsen avser eller tidigare (”Mål för "
           "2025” i berättelsen för 2025) räknas inte."] if check.ahead else []),
        *([f"Utan eget avsnitt letas {quoted(check.phrases)} upp i texten för att visa var området nämns."] if check.phrases else []),
    ]


def model() -> type:
    """The pydantic model of a rule's `check:` mapping of this type (for checks/models.py)."""
    from typing import Literal

    from pydantic import Field

    from ..schema import FactKey, Strict

    class SectionCheck(Strict):
        """A section with one of these headings and real content; body phrases count as partial evidence."""

        type: Literal["section"]
        headings: list[str] = Field(min_length=1)
        phrases: list[str] = []
        min_words: int = Field(default=15, ge=0)
        # "unclaimed": a subsection that is another area's own section does not count (a chapter
        # "Process – åtgärder för att säkerställa kvaliteten" over riskanalys, klagomål ... is not the
        # report's account of its measures); "all": every subsection counts (a results chapter).
        subsections: Literal["all", "unclaimed"] = "all"
        # A figure the section is to give: the report's stated count for this key (even 0) is enough.
        figure: FactKey | None = None
        # A rule about the years ahead: a heading naming a year after the report's period ("Mål 2026",
        # "Vad vi gör 2026") is its section too; without such a section, a plan naming such a year is.
        ahead: bool = False

    return SectionCheck
