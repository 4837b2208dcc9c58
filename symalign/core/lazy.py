"""Private: load on first use, so that ``import symalign`` costs little more than ``import sympy``.

* ``np``: numpy, imported on the first attribute access;
* `LazyPackage` and `export_lazily`: a subpackage lists its public names by module
  (``_LAZY = {"symalign.normalform.ca": ("alpha", ...)}``) and each module is imported when one
  of its names is first used (``sa.alpha``, ``from symalign import alpha``,
  ``sa.normalform.alpha``); ``__all__`` and ``dir()`` list every name from the start.
"""

from __future__ import annotations

import importlib
import types

__all__ = ["np", "LazyPackage", "export_lazily"]


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


def _export(module: types.ModuleType, name: str):
    """The object a lazy name stands for: the module's attribute, or the module itself."""
    if name in module.__dict__:
        return module.__dict__[name]
    if module.__name__.rpartition(".")[2] == name:
        return module
    raise AttributeError(f"module {module.__name__!r} has no attribute {name!r}")


class LazyPackage(types.ModuleType):
    """A package whose public names load with their module on first use.

    Its ``_LAZY_NAMES`` maps each name to the module that defines it. Two things happen when a
    submodule finishes loading (Python then sets it as an attribute of its package): the result
    records it exports get Jupyter's rich display (`symalign.core.printing.rich_display`), and a
    public name that equals the module's own name (``normalform.power``, the function) is bound
    to the function, not to the module, as an eager ``from .power import power`` would.

    Examples
    ========

    >>> import symalign as sa
    >>> type(sa.normalform).__name__, "lemke_howson" in dir(sa.normalform)
    ('LazyPackage', True)
    >>> sa.normalform.power is sa.power and callable(sa.power)
    True

    """

    def __getattr__(self, name):
        target = self.__dict__.get("_LAZY_NAMES", {}).get(name)
        if target is None:
            # a submodule, as if the package had imported it (``sa.normalform.ca``)
            if not name.startswith("__") and name in _submodules(self):
                return importlib.import_module(f"{self.__name__}.{name}")
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")
        value = _export(importlib.import_module(target), name)
        self.__dict__[name] = value
        return value

    def __setattr__(self, name, value):
        lazy = self.__dict__.get("_LAZY_NAMES")
        if lazy and isinstance(value, types.ModuleType):
            _displayed(value, lazy)
            if lazy.get(name) == value.__name__ and name in value.__dict__:
                value = value.__dict__[name]
        super().__setattr__(name, value)

    def __dir__(self):
        return sorted(set(self.__dict__) | set(self.__dict__.get("_LAZY_NAMES", ()))
                      | _submodules(self))


def _submodules(package: types.ModuleType) -> set:
    """The names of a package's submodules (from its folder, without importing them)."""
    import pkgutil

    return {info.name for info in pkgutil.iter_modules(getattr(package, "__path__", ()))}


def _displayed(module: types.ModuleType, lazy: dict) -> None:
    """Give the dataclasses that ``module`` exports Jupyter's rich display."""
    import dataclasses

    from symalign.core.printing import rich_display

    for name, target in lazy.items():
        if target == module.__name__:
            value = module.__dict__.get(name)
            if isinstance(value, type) and dataclasses.is_dataclass(value):
                rich_display(value)


def export_lazily(namespace: dict) -> None:
    """Make the package whose globals are ``namespace`` a `LazyPackage` over its ``_LAZY``.

    ``_LAZY`` maps each module (its full dotted name) to the public names it defines; a name
    that is a module itself (``games``) maps from that module. Submodules loaded before the
    call (by another import) are handled as if loaded after it.
    """
    import sys

    package = sys.modules[namespace["__name__"]]
    names = {name: module for module, exported in namespace["_LAZY"].items() for name in exported}
    namespace["_LAZY_NAMES"] = names
    package.__class__ = LazyPackage
    for name, module in names.items():
        loaded = sys.modules.get(module)
        if loaded is not None:
            _displayed(loaded, names)
            if name not in namespace or isinstance(namespace[name], types.ModuleType):
                namespace[name] = _export(loaded, name)
