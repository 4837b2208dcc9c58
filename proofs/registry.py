"""Discovery of the theorems declared in ``proofs/thm_*.py`` (`symalign.proving.theorems.theorem`).

Each module declares exactly one `symalign.proving.theorems.Theorem` (by convention called ``proof``).
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from symalign.proving.theorems import Theorem

__all__ = ["theorem_names", "theorem_modules", "theorems", "theorem_of", "load", "run"]

_HERE = Path(__file__).resolve().parent


def theorem_names() -> list[str]:
    """Module names of every theorem, sorted (``thm_...``)."""
    return sorted(m.name for m in pkgutil.iter_modules([str(_HERE)]) if m.name.startswith("thm_"))


def theorem_of(module) -> Theorem:
    """The one `Theorem` a module declares."""
    found = [v for v in vars(module).values() if isinstance(v, Theorem)]
    if len(found) != 1:
        raise LookupError(f"{module.__name__} declares {len(found)} theorems; expected one")
    return found[0]


def load(name: str):
    """Import one theorem module by module name (``thm_x``) or theorem name."""
    mod_name = name if name.startswith("thm_") else f"thm_{name}"
    if mod_name not in theorem_names():
        for m in theorem_modules():
            if theorem_of(m).name == name:
                return m
        raise KeyError(f"no theorem called {name!r}; known: {', '.join(theorem_names())}")
    return importlib.import_module(f"{__package__}.{mod_name}")


def theorem_modules() -> list:
    """All theorem modules, imported, in name order."""
    return [importlib.import_module(f"{__package__}.{n}") for n in theorem_names()]


def theorems() -> list[Theorem]:
    """Every declared theorem, in module-name order."""
    return [theorem_of(m) for m in theorem_modules()]


def run(only=None) -> list:
    """Run the proofs (all, or the names in ``only``) and return their `Verification` records."""
    if only is None:
        mods = theorem_modules()
    else:
        names = [only] if isinstance(only, str) else list(only)
        mods = [load(n) for n in names]
    return [theorem_of(m)() for m in mods]
