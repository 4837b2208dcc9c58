"""Discovery of the theorem modules ``proofs/thm_*.py`` and a runner.

Every theorem module defines ``NAME``, ``STATEMENT`` (LaTeX), ``SOURCE``, ``HYPOTHESES``,
``EXPECTED``, ``statement()`` and ``proof() -> symalign.proving.claims.Verification``.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

__all__ = ["theorem_names", "theorem_modules", "load", "run"]

_HERE = Path(__file__).resolve().parent


def theorem_names() -> list[str]:
    """Module names of every theorem, sorted (``thm_...``)."""
    return sorted(m.name for m in pkgutil.iter_modules([str(_HERE)]) if m.name.startswith("thm_"))


def load(name: str):
    """Import one theorem module by module name (``thm_x``) or theorem ``NAME``."""
    mod_name = name if name.startswith("thm_") else f"thm_{name}"
    if mod_name not in theorem_names():
        for m in theorem_modules():
            if m.NAME == name:
                return m
        raise KeyError(f"no theorem called {name!r}; known: {', '.join(theorem_names())}")
    return importlib.import_module(f"{__package__}.{mod_name}")


def theorem_modules() -> list:
    """All theorem modules, imported, in name order."""
    return [importlib.import_module(f"{__package__}.{n}") for n in theorem_names()]


def run(only=None) -> list:
    """Run the proofs (all, or the names in ``only``) and return their `Verification` records."""
    if only is None:
        mods = theorem_modules()
    else:
        names = [only] if isinstance(only, str) else list(only)
        mods = [load(n) for n in names]
    return [m.proof() for m in mods]
