"""`values.Value`: the result and document classes behave as the dataclasses they replace."""

from __future__ import annotations

import copy
import inspect
import pickle
from pathlib import Path

import pytest

from sosfs_check import document, result, verdicts
from sosfs_check.values import Value

CLASSES = [cls for module in (document, result, verdicts) for cls in vars(module).values()
           if isinstance(cls, type) and issubclass(cls, Value) and cls is not Value]


def test_every_value_class_takes_its_slots_in_order():
    assert {cls.__name__ for cls in CLASSES} == {
        "Block", "TocEntry", "Markup", "Document", "Location", "Finding", "Outcome", "AreaStatus", "Fact", "Draft",
        "Result", "Problem", "Verdict"}
    for cls in CLASSES:
        assert tuple(inspect.signature(cls).parameters) == cls.__slots__, cls


def _block(**changes) -> document.Block:
    return document.Block(**{"kind": "paragraph", "text": "Vi följer upp.", "index": 3, "section": ("Mål",), **changes})


def test_equal_by_class_and_attributes_and_never_hashable():
    assert _block() == _block()
    assert _block() != _block(line=2)
    assert _block() != document.TocEntry("Vi följer upp.")
    assert (_block() == object()) is False
    with pytest.raises(TypeError):
        hash(_block())


def test_shown_as_a_dataclass_shows_itself():
    assert repr(document.TocEntry("Mål", "3")) == "TocEntry(text='Mål', page='3', level=None)"
    assert repr(verdicts.Problem(quote="x")) == "Problem(where=None, quote='x', detail='', severity=None)"


def test_lists_left_out_are_new_for_each_value():
    first, second = document.Document(Path("a.docx"), "docx"), document.Document(Path("a.docx"), "docx")
    first.blocks.append(_block())
    assert (first.blocks, second.blocks, second.toc, second.markup, second.warnings) == ([_block()], [], [], [], [])
    given = []
    assert verdicts.Verdict(True, given).evidence is given


def test_pickled_and_copied_by_attributes():
    doc = document.Document(Path("a.docx"), "docx", [_block(), _block(index=4, table=(0, 1, 2))],
                            [document.TocEntry("Mål", "3", 1)], warnings=["varning"], core_title="Titel")
    again = pickle.loads(pickle.dumps(doc, pickle.HIGHEST_PROTOCOL))
    assert again == doc and again is not doc and again.blocks[1].table == (0, 1, 2)
    assert type(again.blocks[0]) is document.Block
    shallow = copy.copy(doc)
    assert shallow == doc and shallow.blocks is doc.blocks
    with pytest.raises(AttributeError):
        doc.pages = 3  # slots: no attribute beside the named ones
