"""symalign: exact and symbolic alignment, cooperation and control metrics for multi-player games.

>>> import symalign as sa
>>> sa.alpha(sa.games.prisoners_dilemma())
-2
"""

from __future__ import annotations

# The public namespace is the union of the subpackages' curated namespaces, lowest layer first
# (each subpackage's ``__all__`` lists its names; docs/reference/ documents every one of them).
from symalign import core, delegation, engines, io, normalform, parametric, proving
from symalign.core import *  # noqa: F401,F403
from symalign.core.deprecation import OLD_MODULES as _OLD_MODULES
from symalign.core.deprecation import install_module_aliases as _install_module_aliases
from symalign.delegation import *  # noqa: F401,F403
from symalign.engines import *  # noqa: F401,F403
from symalign.io import *  # noqa: F401,F403
from symalign.normalform import *  # noqa: F401,F403
from symalign.parametric import *  # noqa: F401,F403
from symalign.parametric.closedforms import _install_hook as _install_closed_forms
from symalign.proving import *  # noqa: F401,F403

_install_closed_forms()
_install_module_aliases()

__version__ = "0.1.0"

#: names that load on first use: the experiment drivers and the delegation report (they pull in
#: the concurrency machinery), so that ``import symalign`` stays close to ``import sympy``
_LAZY_NAMES = ["experiments", "ExperimentResult", "bound_validation", "grid_scan",
               "estimation_error", "paper_experiments", "delegation_report"]

__all__ = ["__version__", *core.__all__, *engines.__all__, *parametric.__all__,
           *normalform.__all__, *delegation.__all__, *io.__all__, *proving.__all__, *_LAZY_NAMES]

_LAZY = {
    "experiments": ("symalign.experiments", None),
    "ExperimentResult": ("symalign.experiments", "ExperimentResult"),
    "bound_validation": ("symalign.experiments", "bound_validation"),
    "estimation_error": ("symalign.experiments", "estimation_error"),
    "grid_scan": ("symalign.experiments", "grid_scan"),
    "paper_experiments": ("symalign.experiments", "paper_experiments"),
    "delegation_report": ("symalign.cli.experiments", "delegation_report"),
}


# Jupyter display (_repr_latex_, _repr_html_) for every result record exported here.
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
