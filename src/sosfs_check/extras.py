"""Optional parts of the install: PDF reading (`.[pdf]`) and Excel output (`.[xlsx]`).

The plain install reads Word, OpenDocument, Markdown and text; a missing extra is named in a
Swedish message, with the command that adds it.
"""

from __future__ import annotations


def missing(extra: str, what: str) -> str:
    """'PDF-filer kräver tillägget 'pdf' …': the message for an extra that is not installed."""
    return (
        f"{what} kräver tillägget '{extra}', som inte är installerat: installera det med "
        f"pip install '.[{extra}]' i mappen med sosfs-check (eller '.[all]' för alla tillägg)"
    )
