"""Template guidance in a document: the blocks a reader marked, those in an instruction style, and
those that are mostly instruction sentences ("Beskriv här …"), from the pack's guidance checks."""

from __future__ import annotations

import re
from collections.abc import Callable

from .document import BODY_KINDS, Block
from .prefilter import Folded

# A sentence that is only a reference to a föreskrift or law: what stands before it is quoted from there.
QUOTED_SOURCE = re.compile(r"\(?(?:SOSFS|HSLF-FS|SFS)\s*\d{4}:\d+(?:\s*,?\s*\d+\s*kap\.)?(?:\s*\d+\s*[a-z]?\s*§+)?\.?\)?\.?")
# Instruction sentences must hold this share of a block's words for the block to be guidance.
GUIDANCE_SHARE = 0.5

def guidance_marks(blocks: list[Block], text: Folded, sentences: Callable[[int], list[str]], checks) -> dict[int, str]:
    """Position -> Block.guidance key for every block that is template guidance: marked by the
    reader, in an instruction style, or mostly instruction sentences (the pack's phrasings)."""
    marks = {pos: b.guidance for pos, b in enumerate(blocks) if b.guidance}
    styles = [re.compile(p, re.IGNORECASE) for c in checks for p in c.styles]
    if styles:
        instruction: dict[str, bool] = {}  # style name -> an instruction style; a document has few
        for pos, block in enumerate(blocks):
            if pos in marks or not block.style:
                continue
            if block.style not in instruction:
                instruction[block.style] = any(p.search(block.style) for p in styles)
            if instruction[block.style]:
                marks[pos] = "style"
    patterns = [re.compile(p, re.IGNORECASE) for c in checks for p in c.sentences]
    for pos in text.candidates(patterns) if patterns else ():
        if pos in marks or blocks[pos].kind not in BODY_KINDS:
            continue
        said = sentences(pos)
        words = _guidance_words(said, patterns)
        if words and words >= GUIDANCE_SHARE * sum(len(x.split()) for x in said):
            marks[pos] = "instruction"
    return marks


def _guidance_words(said: list[str], patterns: list[re.Pattern]) -> int:
    """Words of a paragraph's instruction sentences. A sentence followed by its source ("… SOSFS
    2011:9 7 kap. 3 §.") quotes the rule on purpose; an instruction that opens a quotation ("Till
    exempel: ”Under året …") goes on to the closing quotation mark, over the example's sentences."""
    words, quoting = 0, False
    for i, sentence in enumerate(said):
        instruction = any(p.match(sentence) for p in patterns) and not (
            i + 1 < len(said) and QUOTED_SOURCE.fullmatch(said[i + 1]))
        if instruction or quoting:
            words += len(sentence.split())
            if sentence.count("”") % 2:  # Swedish ”…” opens and closes with the same mark
                quoting = not quoting
    return words
