"""Write rules/lagtext.yml: the statute's own sentences that reports tend to restate.

    python tools/law_sentences.py [LAW_DIR [OUTPUT]]
    (default: the shared/law folder beside the repository; rules/lagtext.yml)

The consolidated statutes are not part of the package, so the sentences the checker compares
report text with (`descriptions.law`, see sosfs_check.descriptions) are shipped as pack data.
Taken: patientsäkerhetslagen (2010:659) 3 kap. and 6 kap. 4 §, socialtjänstlagen (2025:400)
5 kap. and 27 kap., LSS (1993:387) 24 a–24 g §§.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
# (file, citation prefix, first line that starts the part, line that ends it)
PARTS = [
    ("sfs-2010-659.md", "SFS 2010:659 3 kap.", r"^## 3 kap\.", r"^## 4 kap\."),
    ("sfs-2010-659.md", "SFS 2010:659 6 kap.", r"^## 6 kap\.", r"^## 7 kap\."),
    ("sfs-2025-400.md", "SFS 2025:400 5 kap.", r"^### 5 kap\.", r"^### 6 kap\."),
    ("sfs-2025-400.md", "SFS 2025:400 27 kap.", r"^### 27 kap\.", r"^### 28 kap\."),
    ("sfs-1993-387.md", "SFS 1993:387", r"^### 24 a §", r"^### 25 §"),
]
PARAGRAPH = re.compile(r"^#+ (?:.*/ )?(\d+ ?[a-z]?) §\s*$")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
SENTENCE_END = re.compile(r"(?<=[.:;])\s+(?=[A-ZÅÄÖ0-9])")
KEEP_FROM_6 = "4 §"  # of PSL 6 kap. only the duty to report risks


def sentences(law_dir: Path) -> list[dict]:
    out = []
    for name, prefix, start, end in PARTS:
        lines = (law_dir / name).read_text(encoding="utf-8").split("\n")
        first = next(i for i, line in enumerate(lines) if re.match(start, line))
        last = next(i for i, line in enumerate(lines[first + 1 :], first + 1) if re.match(end, line))
        paragraph, text = "", []

        def flush():
            body = " ".join(" ".join(text).split())
            if paragraph and body and (not prefix.endswith("6 kap.") or paragraph == KEEP_FROM_6):
                for sentence in SENTENCE_END.split(re.sub(r"\s*Lag \(\d{4}:\d+\)\.?", "", body)):
                    if len(sentence.split()) >= 5:
                        out.append({"source": f"{prefix} {paragraph}", "text": sentence})
            text.clear()

        for line in lines[first:last]:
            if line.startswith("#"):
                flush()
                if match := PARAGRAPH.match(line):
                    paragraph = f"{match[1]} §"
                continue
            line = LINK.sub(r"\1", line).strip()
            if line and not line.startswith("<"):
                text.append(line)
        flush()
    return out


def main() -> int:
    law_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else next(
        (d for d in (ROOT.parent / "shared" / "law", ROOT.parents[1] / "shared" / "law") if d.is_dir()), None
    )
    if law_dir is None or not law_dir.is_dir():
        print("hittar inte de konsoliderade författningarna (shared/law); ange mappen", file=sys.stderr)
        return 2
    output = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "rules" / "lagtext.yml"
    header = (
        "# yaml-language-server: $schema=../docs/rules.schema.json\n"
        "# Lagens egna meningar, som en berättelse inte ska få belägg för genom att upprepa (se docs/evidence.md).\n"
        "# Skrivs av tools/law_sentences.py ur de konsoliderade författningarna; ändra inte för hand.\n"
    )
    data = {"descriptions": {"law": sentences(law_dir)}}
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
    output.write_text(header + body, encoding="utf-8")
    print(f"{len(data['descriptions']['law'])} meningar")
    return 0


if __name__ == "__main__":
    sys.exit(main())
