"""Write rules/former.yml: every inflected form of the description vocabulary's words.

    python tools/vocabulary_forms.py [OUTPUT]    (default: rules/former.yml)

The forms come from simplemma's Swedish dictionary (`pip install simplemma`); a check run reads
them from the pack and never loads the dictionary. Run again after changing a topic's words in
rules/beskrivningar.yml (a test says when the file is out of date).
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sosfs_check.packs import builtin_rules_dir  # noqa: E402
from sosfs_check.rules import load_rules  # noqa: E402
from sosfs_check.descriptions import dictionary_forms, vocabulary_words  # noqa: E402

HEADER = (
    "# yaml-language-server: $schema=../docs/rules.schema.json\n"
    "# Böjningsformer av orden i rules/beskrivningar.yml, ur simplemmas svenska ordbok.\n"
    "# Skrivs av tools/vocabulary_forms.py; ändra inte för hand.\n"
)


def forms_text() -> str:
    data = load_rules(builtin_rules_dir(), trusted=True).vocabulary.data
    forms = dictionary_forms(vocabulary_words(data))
    return HEADER + yaml.safe_dump({"descriptions": {"forms": forms}}, allow_unicode=True, sort_keys=True, width=120)


def main() -> int:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else builtin_rules_dir() / "former.yml"
    target.write_text(forms_text(), encoding="utf-8")
    print(f"Skrev {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
