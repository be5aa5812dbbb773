"""The rule schema's `Check` union, joined from each check type's own `model()` (issue 15)."""

import pickle
from typing import Literal, get_args

import pytest

from sosfs_check.checks import CHECK_TYPES, CheckType, models
from sosfs_check.packs import builtin_rules_dir
from sosfs_check.rules import load_rules
from sosfs_check.schema import Strict


def test_every_check_type_gives_its_model_named_here():
    assert [get_args(m.model_fields["type"].annotation)[0] for m in models.MODELS] == list(CHECK_TYPES)
    assert {(m.__module__, m.__qualname__) for m in models.MODELS} == {("sosfs_check.checks.models", m.__name__)
                                                                      for m in models.MODELS}
    assert models.ReplacedLaw.__module__ == "sosfs_check.checks.models"  # a model held by a check's model
    assert models.MODELS[list(CHECK_TYPES).index("stale_references")] is models.StaleReferencesCheck


def test_a_rule_set_validated_from_yaml_pickles():
    """The models are built inside functions, and still pickle by their name in checks.models."""
    rules = load_rules(builtin_rules_dir())
    assert type(rules.by_id("LAGAR-INAKTUELL-REFERENS").check.replaced_laws[0]) is models.ReplacedLaw
    assert pickle.loads(pickle.dumps(rules)) == rules


def test_a_model_of_another_type_is_refused(monkeypatch):
    def model():
        class LengthCheck(Strict):
            type: Literal["lengd"]

        return LengthCheck

    monkeypatch.setitem(CHECK_TYPES, "length", CheckType(lambda check, ctx: None, lambda check: [], model))
    with pytest.raises(TypeError) as refused:
        models._built("length")
    assert str(refused.value) == "checks/length.py: model() ska ge en modell med type: Literal['length']"


def test_two_check_types_cannot_hold_models_of_one_name(monkeypatch):
    def model():
        class StaleEntry(Strict):
            pattern: str

        class LengthCheck(Strict):
            type: Literal["length"]
            entries: list[StaleEntry] = []

        return LengthCheck

    monkeypatch.setitem(CHECK_TYPES, "length", CheckType(lambda check, ctx: None, lambda check: [], model))
    with pytest.raises(TypeError) as refused:
        models._built("length")
    assert str(refused.value) == "checks/length.py: modellen StaleEntry finns redan i en annan kontrolltyp"
    assert not hasattr(models, "LengthCheck")  # nothing of the refused type is named
