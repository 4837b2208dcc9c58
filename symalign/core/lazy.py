"""Private: numpy imported on first use, so that ``import symalign`` costs little more than sympy."""

from __future__ import annotations

import importlib

__all__ = ["np"]


class _LazyModule:
    """A stand-in that imports the named module on first attribute access."""

    __slots__ = ("_name", "_module")

    def __init__(self, name: str):
        self._name = name
        self._module = None

    def __getattr__(self, attr):
        module = self._module
        if module is None:
            module = importlib.import_module(self._name)
            object.__setattr__(self, "_module", module)
        return getattr(module, attr)

    def __repr__(self):
        return f"<lazy module {self._name!r}>"


np = _LazyModule("numpy")
