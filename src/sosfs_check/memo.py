"""Data derived from the rules that costs time to derive, kept across runs by `rulecache`.

Both tables are filled on demand; they only save work, results do not depend on them.
"""

STEMS: dict[str, str] = {}  # word -> its Snowball stem (vocabulary)
NEEDLES: dict[tuple[str, int], tuple] = {}  # (regex, flags) -> literal clauses (prefilter)
