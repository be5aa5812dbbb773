"""Value classes without `dataclasses`: creating a dataclass compiles each generated method with
`exec`, about 0.4 ms per class, paid by every run that imports it. A `Value` names its attributes
in `__slots__`, writes its `__init__` out with the parameters in that order, and takes equality,
repr and pickling from here, as a `@dataclass(slots=True)` has them."""

from __future__ import annotations


class Value:
    """Equal when of the same class with equal attributes; shown and pickled by its attributes."""

    __slots__ = ()
    __hash__ = None  # mutable: unhashable, as a dataclass with eq=True

    def _values(self) -> tuple:
        return tuple([getattr(self, name) for name in self.__slots__])

    def __eq__(self, other) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __repr__(self) -> str:
        shown = ", ".join([f"{name}={getattr(self, name)!r}" for name in self.__slots__])
        return f"{type(self).__qualname__}({shown})"

    def __reduce__(self):
        return type(self), self._values()
