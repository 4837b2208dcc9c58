"""symalign: exact and symbolic alignment, cooperation and control metrics for multi-player games.

>>> import symalign as sa
>>> sa.alpha(sa.games.prisoners_dilemma())
-2
"""

from __future__ import annotations

# The public namespace is the union of the subpackages' curated namespaces, lowest layer first
# (each subpackage's ``__all__`` lists its names; docs/reference/ documents every one of them).
# ``core`` loads at once; the other subpackages load each module on the first use of one of its
# names (symalign.core.lazy), so that ``import symalign`` costs little more than ``import sympy``.
from symalign import core, delegation, engines, io, normalform, parametric, proving
from symalign.core import *  # noqa: F401,F403
from symalign.core.deprecation import OLD_MODULES as _OLD_MODULES
from symalign.core.deprecation import install_module_aliases as _install_module_aliases
from symalign.engines import symbolic as _symbolic

__version__ = "0.1.0"

#: the subpackages whose names load on first use, lowest layer first
_SUBPACKAGES = (engines, parametric, normalform, delegation, io, proving)

#: names that load on first use from outside the subpackages above: the experiment drivers and
#: the delegation report (they pull in the concurrency machinery)
_LAZY = {
    "experiments": ("symalign.experiments", None),
    "ExperimentResult": ("symalign.experiments", "ExperimentResult"),
    "bound_validation": ("symalign.experiments", "bound_validation"),
    "estimation_error": ("symalign.experiments", "estimation_error"),
    "grid_scan": ("symalign.experiments", "grid_scan"),
    "paper_experiments": ("symalign.experiments", "paper_experiments"),
    "delegation_report": ("symalign.cli.experiments", "delegation_report"),
}
for _sub in _SUBPACKAGES:
    for _name in _sub.__all__:
        _LAZY.setdefault(_name, (_sub.__name__, _name))
del _sub, _name

__all__ = ["__version__", *core.__all__, *engines.__all__, *parametric.__all__,
           *normalform.__all__, *delegation.__all__, *io.__all__, *proving.__all__,
           "experiments", "ExperimentResult", "bound_validation", "grid_scan", "estimation_error",
           "paper_experiments", "delegation_report"]


def _closed_forms_hook(key):
    """Stand-in for a hook of `symalign.engines.symbolic` that the closed-forms module fills:
    the first call loads that module, which installs the real hooks, and delegates to them."""

    def hook(*args):
        from symalign.parametric.closedforms import _install_hook

        _install_hook()
        return _symbolic._HOOKS[key](*args)

    return hook


for _key in ("nonneg", "pos", "consistent", "closed_form"):
    _symbolic._HOOKS.setdefault(_key, _closed_forms_hook(_key))
del _key
_install_module_aliases()


# Jupyter display (_repr_latex_, _repr_html_) for every result record exported here; the lazily
# loaded subpackages give it to their records as their modules load (symalign.core.lazy).
from symalign.core.printing import enable_rich_display as _enable_rich_display  # noqa: E402

_enable_rich_display(globals())


def __getattr__(name):
    if name in _OLD_MODULES and name not in _LAZY:   # sa.bounds etc.: the modules of 0.1
        import importlib

        from symalign.core.deprecation import warn_deprecated

        new = "symalign." + _OLD_MODULES[name]
        if new != f"symalign.{name}":   # sa.cli is the cli subpackage itself: no warning
            warn_deprecated(f"symalign.{name}", new)
        return importlib.import_module(new)
    if name in _LAZY:
        import importlib

        module_name, attr = _LAZY[name]
        module = importlib.import_module(module_name)
        value = module if attr is None else getattr(module, attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'symalign' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY))
