"""`values.Value` and `values.Frozen`: the classes made of them behave as the dataclasses they replace."""

from __future__ import annotations

import copy
import inspect
import pickle
from pathlib import Path

import pytest

from sosfs_check import behaviour, descriptions, document, facts, result, ruleset, verdicts, vocabulary
from sosfs_check.packs import builtin_rules
from sosfs_check.readers import common, ooxml, wordml
from sosfs_check.values import Frozen, Value

MODULES = (document, result, verdicts, behaviour, facts, descriptions, common, wordml, ooxml, ruleset, vocabulary)
CLASSES = {cls for module in MODULES for cls in vars(module).values()
           if isinstance(cls, type) and issubclass(cls, Value) and cls not in (Value, Frozen)}


def test_every_value_class_takes_its_attributes_in_order():
    assert {cls.__name__ for cls in CLASSES} == {
        "Block", "TocEntry", "Markup", "Document", "Location", "Finding", "Outcome", "AreaStatus", "Fact", "Draft",
        "Result", "Problem", "Verdict", "Law", "Figures", "Statement", "Style", "WordStyle", "Package",
        "RuleSet", "Term"}
    for cls in CLASSES:
        assert tuple(inspect.signature(cls).parameters) == cls._fields, cls
    assert common.Style._fields == common.Style.__slots__
    assert wordml.WordStyle._fields == (*common.Style.__slots__, "numbered", "vanish", "name")


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


def test_a_frozen_value_is_set_once_and_hashable():
    law = behaviour.Law({"risk": "Riskanalys"}, {}, {}, frozenset({"3 kap. 10 §"}))
    with pytest.raises(AttributeError, match="frozen"):
        law.areas = {}
    with pytest.raises(AttributeError, match="frozen"):
        del law.areas
    assert law == pickle.loads(pickle.dumps(law)) and law.authorisations == frozenset({"3 kap. 10 §"})
    assert facts.Figures([]).unclear == {} and facts.Figures([]).unclear is not facts.Figures([]).unclear
    assert hash(behaviour.Law((), (), ())) == hash(((), (), (), frozenset()))
    with pytest.raises(TypeError):  # its dicts are not hashable, as the dataclass's were not
        hash(law)


def test_a_rule_set_is_pickled_with_its_vocabulary_given_by_name():
    rules = builtin_rules()
    again = pickle.loads(pickle.dumps(rules))
    assert again == rules and again.vocabulary == rules.vocabulary and again.packs == (rules.pack,)
    with pytest.raises(TypeError):  # the vocabulary is never given by position
        ruleset.RuleSet(rules.pack, rules.rules, rules.packs, rules.sections, rules.vocabulary)


def test_a_term_compiles_its_pattern_once():
    term = vocabulary.compile_term("rapportera avvikelser")
    assert term == vocabulary.Term(term.text, term.words, term.regex) and hash(term) == hash(vocabulary.Term(*term._values))
    assert term.pattern is term.pattern and term.pattern.match("rapportera risker och avvikelserna")


def test_a_document_holds_its_headings_and_title_found_once():
    """`headings` and `title` are found when the document is made (and by `Builder.finish`), not
    at each use; pickled, the headings are the same blocks as in `blocks`."""
    heading = _block(kind="heading", text="Mål", index=1, level=1)
    doc = document.Document(Path("a.docx"), "docx", [heading, _block()], core_title="Egenskap")
    assert doc.headings == [heading] and doc.headings[0] is heading and doc.headings is doc.headings
    assert doc.title == "Mål"  # no title block and no front matter: the first heading
    again = pickle.loads(pickle.dumps(doc, pickle.HIGHEST_PROTOCOL))
    assert again.headings == [heading] and again.headings[0] is again.blocks[0] and again.title == "Mål"
    built = common.Builder(document.Document(Path("b.docx"), "docx", core_title="Egenskap"), "stycke")
    built.add("paragraph", "Berättelse")
    built.add("paragraph", "Mål")
    assert (built.doc.headings, built.doc.title) == ([], "Egenskap")
    built.doc.blocks[0].kind, built.doc.blocks[1].kind = "title", "heading"  # as the heuristics change kinds
    finished = built.finish()
    assert (finished.headings, finished.title) == ([built.doc.blocks[1]], "Berättelse")


class _One(Frozen):
    __slots__ = ("name",)

    def __init__(self, name):
        self._set(name=name)


class _Other(Value):
    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name


class _Empty(Frozen):
    __slots__ = ()


class _Pair(_One):
    __slots__ = ("count",)

    def __init__(self, name, count):
        self._set(name=name, count=count)


def test_values_of_one_attribute_none_and_an_inherited_one_are_tuples_in_field_order():
    """`_values` is the tuple `==`, `hash` and pickling read, whatever the number of attributes."""
    assert (_One("a")._values, _Empty()._values, _Pair("a", 2)._values) == (("a",), (), ("a", 2))
    assert _One("a") == _One("a") and _One("a") != _One("b") and _One("a") != _Other("a")
    assert _Empty() == _Empty() and _Pair("a", 2) != _One("a") and _Pair("a", 2) == _Pair("a", 2)
    assert (hash(_One("a")), hash(_Empty()), hash(_Pair("a", 2))) == (hash(("a",)), hash(()), hash(("a", 2)))
    assert (repr(_One("a")), repr(_Empty()), repr(_Pair("a", 2))) == (
        "_One(name='a')", "_Empty()", "_Pair(name='a', count=2)")
    for value in (_One("a"), _Other("a"), _Empty(), _Pair("a", 2)):
        assert value.__reduce__() == (type(value), value._values)
        again = pickle.loads(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
        assert type(again) is type(value) and again == value and again is not value
    with pytest.raises(TypeError):
        hash(_Other("a"))
