"""Deprecation helpers: renamed names and reordered arguments keep working for one release.

Each helper emits a `DeprecationWarning` that names the new spelling, so that a user's code can
be updated by reading the warning alone (issue 13's API convention; see the developer notes).
"""

from __future__ import annotations

import functools
import numbers
import warnings

__all__ = ["deprecated_alias", "warn_deprecated", "player_first"]


def warn_deprecated(old: str, new: str, *, stacklevel: int = 3) -> None:
    """Warn that ``old`` is deprecated in favour of ``new`` (both as the user would write them).

    Examples
    ========

    >>> import warnings
    >>> from symalign.core.deprecation import warn_deprecated
    >>> with warnings.catch_warnings(record=True) as w:
    ...     warnings.simplefilter("always")
    ...     warn_deprecated("f(x, y)", "f(y, x)")
    >>> print(w[0].message)
    f(x, y) is deprecated and will be removed in the next release; use f(y, x).

    """
    warnings.warn(f"{old} is deprecated and will be removed in the next release; use {new}.",
                  DeprecationWarning, stacklevel=stacklevel)


def deprecated_alias(func, old_name: str, new_spelling: str | None = None):
    """A deprecated alias ``old_name`` of ``func`` that warns with the new spelling.

    Examples
    ========

    >>> import warnings
    >>> from symalign.core.deprecation import deprecated_alias
    >>> def new(x):
    ...     return 2 * x
    >>> old = deprecated_alias(new, "old")
    >>> with warnings.catch_warnings(record=True) as w:
    ...     warnings.simplefilter("always")
    ...     old(3)
    6
    >>> print(w[0].message)
    old() is deprecated and will be removed in the next release; use new().

    """
    new_spelling = new_spelling or f"{func.__name__}()"

    @functools.wraps(func)
    def alias(*args, **kwargs):
        warn_deprecated(f"{old_name}()", new_spelling)
        return func(*args, **kwargs)

    alias.__name__ = old_name
    alias.__qualname__ = old_name
    alias.__doc__ = (f"Deprecated alias of `{func.__name__}`: use {new_spelling}.\n\n"
                     f"It warns (`DeprecationWarning`) and will be removed in the next release.")
    alias.__wrapped__ = func
    return alias


def _is_player(x) -> bool:
    return isinstance(x, (str, numbers.Integral)) and not isinstance(x, bool)


def player_first(name: str, new_call: str):
    """Accept the old ``f(game, profile, player)`` order of ``f(game, player, profile)`` with a warning.

    The two orders cannot be confused: a player is an index or a name, a profile is neither.

    Examples
    ========

    >>> import warnings
    >>> from symalign.core.deprecation import player_first
    >>> @player_first("f", "f(game, player, profile)")
    ... def f(game, player, profile):
    ...     return player, profile
    >>> f(None, 0, (1, 1))
    (0, (1, 1))
    >>> with warnings.catch_warnings(record=True) as w:
    ...     warnings.simplefilter("always")
    ...     f(None, (1, 1), 0)
    (0, (1, 1))
    >>> print(w[0].message)
    f(game, profile, player) is deprecated and will be removed in the next release; use f(game, player, profile).

    """
    def wrap(func):
        @functools.wraps(func)
        def inner(game, player, profile, *args, **kwargs):
            if not _is_player(player) and _is_player(profile):
                warn_deprecated(f"{name}(game, profile, player)", new_call)
                player, profile = profile, player
            return func(game, player, profile, *args, **kwargs)
        return inner
    return wrap


#: the flat module names of earlier releases and where each now lives (issue 13's layout)
OLD_MODULES = {
    "errors": "core.errors", "config": "core.config", "parsing": "core.parsing",
    "printing": "core.printing", "game": "core.game", "profiles": "core.profiles",
    "lp": "engines.lp", "closedforms": "parametric.closedforms", "parametric": "parametric",
    "ca": "normalform.ca", "games": "normalform.games", "security": "normalform.security",
    "equilibria": "normalform.equilibria", "correlated": "normalform.correlated",
    "pareto": "normalform.pareto", "bargaining": "normalform.bargaining",
    "power": "normalform.power", "anarchy": "normalform.anarchy",
    "crosscheck": "normalform.crosscheck", "local": "normalform.local_metrics",
    "localized": "normalform.localized_metrics", "delegation": "delegation",
    "standardisation": "delegation.standardisation", "alignment": "delegation.alignment",
    "capability": "delegation.capability", "bounds": "delegation.bounds",
    "constructions": "delegation.constructions", "estimation": "delegation.estimation",
    "gamefile": "io.gamefile", "nfg": "io.nfg", "jsonfile": "io.jsonfile", "report": "io.report",
    "verify": "proving.claims", "prove": "proving.runner", "testing": "proving.testing",
    "experiments": "experiments", "cli": "cli",
}


#: flat modules whose name is also a public function (``sa.power``): aliasing them would
#: rebind the function, so ``import symalign.power`` is not kept (use the new path)
_SHADOWED = {"power", "verify", "localized"}


class _OldModuleFinder:
    """Import ``symalign.<old>`` (a module of earlier releases) as its new module, with a warning."""

    def find_spec(self, fullname, path=None, target=None):
        import importlib.util

        head, _, old = fullname.partition(".")
        if head != "symalign" or "." in old or old not in OLD_MODULES or old in _SHADOWED:
            return None
        new = "symalign." + OLD_MODULES[old]
        if new == fullname:
            return None
        return importlib.util.spec_from_loader(fullname, _OldModuleLoader(new))


class _OldModuleLoader:
    def __init__(self, new: str):
        self.new = new

    def create_module(self, spec):
        import importlib
        import sys

        warn_deprecated(f"the module {spec.name}", f"{self.new}", stacklevel=6)
        module = importlib.import_module(self.new)
        sys.modules[spec.name] = module
        return module

    def exec_module(self, module):
        pass


def install_module_aliases() -> None:
    """Let ``import symalign.bounds`` (and the other flat names) keep working for one release."""
    import sys

    if not any(isinstance(f, _OldModuleFinder) for f in sys.meta_path):
        sys.meta_path.append(_OldModuleFinder())
