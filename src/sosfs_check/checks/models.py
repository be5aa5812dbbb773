"""The rule schema `Check`: the discriminated union of every check type's model.

Imported only to validate rule files (and to write their JSON Schema). Each check type builds its
model in `checks/<type>.py`'s `model()`; a check reads the validated data, as a model or as a
record from the rule cache (`records`), without pydantic. The models, and the models they hold,
are named here (`checks.models.StaleEntry`), so that they pickle and tests can import them.
"""

from __future__ import annotations

from typing import Annotated, Union, get_args

from pydantic import Field

from . import CHECK_TYPES
from ..schema import Strict


def _held(model: type) -> list[type]:
    """The models a model's fields hold, at any depth (`list[ReplacedLaw]`: ReplacedLaw, MovedParagraph)."""
    found, todo = [], [f.annotation for f in model.model_fields.values()]
    while todo:
        kind = todo.pop()
        if isinstance(kind, type) and issubclass(kind, Strict):
            found.append(kind)
            todo += [f.annotation for f in kind.model_fields.values()]
        else:
            todo += get_args(kind)
    return found


def _built(name: str) -> type:
    """Type `name`'s model, named in this module with the models it holds."""
    model = CHECK_TYPES[name].model()
    if get_args(model.model_fields["type"].annotation) != (name,):
        raise TypeError(f"checks/{name}.py: model() ska ge en modell med type: Literal[{name!r}]")
    named = {each.__name__: each for each in (model, *_held(model))}
    if taken := [n for n, each in named.items() if globals().get(n, each) is not each]:
        raise TypeError(f"checks/{name}.py: modellen {taken[0]} finns redan i en annan kontrolltyp")
    for each in named.values():
        each.__module__, each.__qualname__ = __name__, each.__name__
    globals().update(named)
    return model


MODELS = tuple(_built(name) for name in CHECK_TYPES)  # in the order of the type names
Check = Annotated[Union[MODELS], Field(discriminator="type")]
