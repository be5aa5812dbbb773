"""Value classes without `dataclasses`: creating a dataclass compiles each generated method with
`exec`, about 0.4 ms per class, paid by every run that imports it. A `Value` names its attributes
in `__slots__` (a subclass only its own), writes its `__init__` out with the parameters in the
order of `_fields` (the base class's first), and takes equality, repr and pickling from here, as
a `@dataclass(slots=True)` has them; a `Frozen` value as a `@dataclass(frozen=True)`."""

from __future__ import annotations

from operator import attrgetter


def _getter(fields: tuple[str, ...]):
    """A function giving a value's attributes as one tuple: `attrgetter` makes it in C, but gives a
    single attribute bare."""
    if len(fields) > 1:
        return attrgetter(*fields)
    if fields:
        get = attrgetter(fields[0])
        return lambda value: (get(value),)
    return lambda value: ()


class Value:
    """Equal when of the same class with equal attributes; shown and pickled by its attributes."""

    __slots__ = ()
    __hash__ = None  # mutable: unhashable, as a dataclass with eq=True
    _fields: tuple[str, ...] = ()  # every attribute, the base class's first

    def __init_subclass__(cls):
        cls._fields = tuple(name for base in reversed(cls.__mro__) for name in base.__dict__.get("__slots__", ()))
        cls._values = property(_getter(cls._fields))

    _values = property(_getter(()))  # the attributes' values, in the order of `_fields`

    def __eq__(self, other) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values == other._values

    def __repr__(self) -> str:
        shown = ", ".join([f"{name}={getattr(self, name)!r}" for name in self._fields])
        return f"{type(self).__qualname__}({shown})"

    def __reduce__(self):
        return type(self), self._values


class Frozen(Value):
    """A value whose attributes are set once, by `__init__` through `_set`; hashable by them."""

    __slots__ = ()

    def _set(self, **values) -> None:
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name, value):
        raise AttributeError(f"cannot assign to field {name!r}: {type(self).__name__} is frozen")

    def __delattr__(self, name):
        raise AttributeError(f"cannot delete field {name!r}: {type(self).__name__} is frozen")

    def __hash__(self) -> int:
        return hash(self._values)
