"""Price of anarchy and price of stability, as ratios and as differences (Koutsoupias & Papadimitriou (1999); Anshelevich et al. (2004)).

Fix an equilibrium class (pure NE, mixed NE, CE or CCE; it must be declared) and let
``W_min``, ``W_max`` be the worst and best equilibrium welfare. Two ratio conventions exist:

* ``convention="cs"`` (the default, ratio >= 1): ``PoA = OPT / W_min``, ``PoS = OPT / W_max``,
  defined only when the denominator is positive;
* ``convention="efficiency"`` (ratio <= 1): ``W_min / OPT`` and ``W_max / OPT``, defined only
  when ``OPT > 0`` and ``W >= 0`` on every outcome.

Outside these domains the ratios raise `symalign.UndefinedMetricError` (never a meaningless
number such as PD(−)'s ``(-2)/(-4)``). The difference forms ``anarchy_gap = OPT - W_min`` and
``stability_gap = OPT - W_max`` are always defined for a non-empty class and are
translation-invariant, like alpha. An empty pure-NE set makes the pure class undefined.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from symalign.core.errors import InvalidGameError, SymalignError, UndefinedMetricError
from symalign.core.game import Game

__all__ = [
    "equilibrium_welfare_range",
    "EquilibriumWelfareRange",
    "price_of_anarchy",
    "price_of_stability",
    "anarchy_gap",
    "stability_gap",
]

SOURCE = "Koutsoupias & Papadimitriou (1999); Anshelevich et al. (2004)"
_CLASSES = ("pure", "mixed", "correlated", "coarse")


@dataclass(frozen=True)
class EquilibriumWelfareRange:
    """Worst and best equilibrium welfare of a declared class, and OPT (Nash (1951); Aumann (1974)).

    Examples
    ========

    >>> from symalign.normalform.games import stag_hunt
    >>> from symalign.normalform.anarchy import equilibrium_welfare_range
    >>> r = equilibrium_welfare_range(stag_hunt(), "mixed")    # worst 19/5, best 20
    >>> r.worst, r.best, r.max_welfare
    (19/5, 20, 20)

    """

    equilibria: str
    worst: sympy.Expr
    best: sympy.Expr
    max_welfare: sympy.Expr
    method: str
    source: str = SOURCE


def _welfare_of(game: Game, eq) -> sympy.Expr:
    from symalign.normalform.ca import welfare
    payoffs = getattr(eq, "payoffs", None)
    if payoffs is not None and not callable(payoffs):
        return sympy.Add(*payoffs)
    profile = getattr(eq, "profile", eq)
    return welfare(game, profile)


def _require_vertex_extremes(ne) -> None:
    """With 3+ players the welfare over a continuum of equilibria is extremal at its listed
    vertices only when at most one player's strategy varies on it (then it is affine). An
    enumeration stopped by its time budget lists only some equilibria: refused too."""
    if getattr(ne, "note", None):
        from symalign.core.config import settings
        from symalign.core.errors import ResourceLimitError
        raise ResourceLimitError("the mixed-equilibrium welfare range needs every equilibrium, "
                                 "but their enumeration stopped early", "equilibrium_seconds",
                                 settings.equilibrium_seconds)
    for c in ne.components:
        if c.varying_players is None or len(c.varying_players) > 1:
            raise SymalignError(
                "the mixed-equilibrium welfare range is not computed: the game has a continuum "
                f"of equilibria on support {c.support} on which several players vary or which "
                "is not polyhedral, so its welfare may be extremal away from the listed "
                "equilibria (see nash_equilibria(game).components)")


def equilibrium_welfare_range(game: Game, equilibria: str = "pure") -> EquilibriumWelfareRange:
    """``(W_min, W_max)`` over the declared equilibrium class, with OPT (Koutsoupias & Papadimitriou (1999); Anshelevich et al. (2004)).

    ``"pure"``: pure Nash equilibria; ``"mixed"``: all Nash equilibria (the extremes of the
    bilinear welfare are attained at extreme equilibria); ``"correlated"`` and
    ``"coarse"``: the exact LPs of Aumann (1974). Equilibria come from `symalign.normalform.equilibria` and
    `symalign.normalform.correlated`.

    Examples
    ========

    >>> from symalign.normalform.games import chicken
    >>> from symalign.normalform.anarchy import equilibrium_welfare_range
    >>> r = equilibrium_welfare_range(chicken(), "correlated")    # [36/5, 21/2]
    >>> r.worst, r.best, r.max_welfare
    (36/5, 21/2, 12)

    Raises
    ======

    UndefinedMetricError
        When the pure class is empty.

    """
    from symalign.normalform.ca import max_welfare
    if equilibria not in _CLASSES:
        raise InvalidGameError(f"Argument 'equilibria' is {equilibria!r}; use one of "
                               f"{', '.join(repr(c) for c in _CLASSES)}.")
    key = ("equilibrium_welfare_range", equilibria)
    if key in game._cache:
        return game._cache[key]
    opt = max_welfare(game)
    if equilibria in ("pure", "mixed"):
        if equilibria == "pure":
            from symalign.normalform.equilibria import pure_nash_equilibria
            eqs = list(pure_nash_equilibria(game))
            method = "enumeration of pure Nash equilibria"
        else:
            from symalign.normalform.equilibria import nash_equilibria
            if not game.is_numeric:
                raise InvalidGameError(
                    f"Argument 'game' has symbolic payoffs (parameters "
                    f"{sorted(map(str, game.free_symbols))}); its mixed equilibria hold under "
                    "conditions (see nash_equilibria(game)): substitute values with "
                    "game.subs(...) for the mixed-equilibrium welfare range.")
            ne = nash_equilibria(game, kind="mixed")
            eqs = list(ne)
            method = "exact enumeration of extreme Nash equilibria (symalign.normalform.equilibria)"
            if game.n_players >= 3:
                _require_vertex_extremes(ne)
        if not eqs:
            raise UndefinedMetricError(f"the {equilibria} equilibrium welfare",
                                       f"the game has no {equilibria} Nash equilibrium")
        if equilibria == "mixed" and game.n_players >= 3:
            from symalign.normalform.nplayer import welfare_range
            worst, best = welfare_range(game, eqs)
        else:
            ws = [_welfare_of(game, e) for e in eqs]
            from symalign.engines.symbolic import smax, smin
            A = game.assumptions
            worst, best = smin(ws, A), smax(ws, A)
    else:
        from symalign.normalform.correlated import correlated_equilibrium
        coarse = equilibria == "coarse"
        worst = correlated_equilibrium(game, objective="min", coarse=coarse).value
        best = correlated_equilibrium(game, objective="max", coarse=coarse).value
        method = "exact verified LP over the (coarse) correlated equilibria (symalign.normalform.correlated)"
    out = EquilibriumWelfareRange(equilibria, worst, best, opt, method)
    game._cache[key] = out
    return out


def _defined_where(name, cond, value, A, strict):
    """``value`` where ``cond`` holds and ``nan`` elsewhere, as a canonical ``Piecewise``
    (each region checked); ``strict=True`` raises `UndecidableError` instead."""
    from symalign.core.errors import UndecidableError
    if strict:
        raise UndecidableError(cond, f"whether {name} is defined (a single expression was "
                                     "asked for)")
    from symalign.engines.piecewise import piecewise, unfold_relations
    return piecewise([(value, unfold_relations(cond)), (sympy.nan, True)], A)


def _ratio(game: Game, which: str, equilibria: str, convention: str, strict: bool = False):
    from symalign.engines.symbolic import decide
    from symalign.normalform.ca import min_welfare
    r = equilibrium_welfare_range(game, equilibria)
    w = r.worst if which == "anarchy" else r.best
    name = "price_of_anarchy" if which == "anarchy" else "price_of_stability"
    label = "worst" if which == "anarchy" else "best"
    A = game.assumptions
    if convention == "cs":
        pos = decide(sympy.Gt(w, 0), A)
        if pos is False:
            raise UndefinedMetricError(name, f"the CS ratio OPT / W needs W > 0, but the {label} "
                                       f"{equilibria} equilibrium welfare is {w}")
        value = sympy.cancel(r.max_welfare / w) if w.free_symbols else r.max_welfare / w
        if pos is None:
            return _defined_where(name, sympy.Gt(w, 0), value, A, strict)
        return value
    if convention == "efficiency":
        pos = decide(sympy.Gt(r.max_welfare, 0), A)
        wmin = min_welfare(game)
        nonneg = decide(sympy.Ge(wmin, 0), A)
        if pos is False or nonneg is False:
            raise UndefinedMetricError(name, "the efficiency ratio W / OPT needs OPT > 0 and "
                                       f"W >= 0 on every outcome, but OPT = {r.max_welfare} and "
                                       f"min W = {wmin}")
        value = sympy.cancel(w / r.max_welfare) if w.free_symbols else w / r.max_welfare
        if pos is None or nonneg is None:
            return _defined_where(name, sympy.And(sympy.Gt(r.max_welfare, 0), sympy.Ge(wmin, 0)),
                                  value, A, strict)
        return value
    raise InvalidGameError(f"Argument 'convention' is {convention!r}; use 'cs' (OPT / W >= 1) or "
                           "'efficiency' (W / OPT <= 1).")


def price_of_anarchy(game: Game, equilibria: str = "pure", convention: str = "cs", *,
                       strict: bool = False):
    """Price of anarchy ``OPT / W_min`` (``convention="cs"``, >= 1) or ``W_min / OPT``
    (Koutsoupias & Papadimitriou (1999)).

    The equilibrium class is an explicit argument: ``"pure"``, ``"mixed"``, ``"correlated"``
    or ``"coarse"``.

    Examples
    ========

    Test vectors (docs/discussion/worked-examples.rst):

    >>> from symalign.normalform.games import (prisoners_dilemma, battle_of_the_sexes, stag_hunt,
    ...                             chicken)
    >>> from symalign.normalform.anarchy import price_of_anarchy
    >>> price_of_anarchy(prisoners_dilemma())
    2
    >>> price_of_anarchy(prisoners_dilemma(), convention="efficiency")
    1/2
    >>> price_of_anarchy(stag_hunt(), "pure"), price_of_anarchy(chicken(), "correlated")
    (5, 5/3)
    >>> price_of_anarchy(prisoners_dilemma(0, -1, -2, -3))
    Traceback (most recent call last):
    ...
    symalign.UndefinedMetricError: price_of_anarchy is undefined: the CS ratio OPT / W needs W > 0, but the worst pure equilibrium welfare is -4

    On a symbolic game whose assumptions do not decide whether the ratio is defined (in the
    CS convention: whether W > 0), the result is a ``Piecewise`` with ``nan`` where it is
    undefined. The Prisoner's Dilemma family of Stavrianos & Turner's C-A posts, with
    ``T > R > P > S``: OPT and the worst pure-NE welfare 2P,

    >>> import sympy, symalign as sa
    >>> T, R, P, S = sympy.symbols("T R P S", real=True)
    >>> pd = sa.games.prisoners_dilemma(T, R, P, S).assuming(T > R, R > P, P > S)
    >>> price_of_anarchy(pd).args[-1]
    (nan, True)
    >>> price_of_anarchy(pd.assuming(P > 0, 2*R > S + T))      # OPT = 2R, W = 2P
    R/P

    Parameters
    ==========

    game : Game
    equilibria : ``"pure"``, ``"mixed"``, ``"correlated"`` or ``"coarse"``
    convention : ``"cs"`` or ``"efficiency"``
    strict : bool
        Raise `UndecidableError` instead of returning a ``Piecewise``.

    Returns
    =======

    sympy.Expr

    Raises
    ======

    UndefinedMetricError
        Outside the convention's domain, or for an empty pure-NE set.
    UndecidableError
        With ``strict=True``, when the assumptions do not decide whether it is defined.

    """
    return _ratio(game, "anarchy", equilibria, convention, strict)


def price_of_stability(game: Game, equilibria: str = "pure", convention: str = "cs", *,
                        strict: bool = False):
    """Price of stability ``OPT / W_max`` (``convention="cs"``) or ``W_max / OPT`` (Koutsoupias & Papadimitriou (1999); Anshelevich et al. (2004)).

    Examples
    ========

    >>> from symalign.normalform.games import chicken, battle_of_the_sexes
    >>> from symalign.normalform.anarchy import price_of_stability
    >>> price_of_stability(chicken(), "pure"), price_of_stability(chicken(), "correlated")
    (4/3, 8/7)
    >>> price_of_stability(battle_of_the_sexes(), "pure")
    1

    Raises
    ======

    UndefinedMetricError
        Outside the convention's domain, or for an empty pure-NE set.

    """
    return _ratio(game, "stability", equilibria, convention, strict)


def anarchy_gap(game: Game, equilibria: str = "pure") -> sympy.Expr:
    """``Delta_anarchy = OPT - W_min`` (Koutsoupias & Papadimitriou (1999); Anshelevich et al. (2004)), always defined for a non-empty class.

    Examples
    ========

    >>> from symalign.normalform.games import prisoners_dilemma, stag_hunt
    >>> from symalign.normalform.anarchy import anarchy_gap
    >>> anarchy_gap(prisoners_dilemma(0, -1, -2, -3)), anarchy_gap(stag_hunt())
    (2, 16)

    """
    r = equilibrium_welfare_range(game, equilibria)
    out = r.max_welfare - r.worst
    return sympy.expand(out) if out.free_symbols else out


def stability_gap(game: Game, equilibria: str = "pure") -> sympy.Expr:
    """``Delta_stability = OPT - W_max`` (Koutsoupias & Papadimitriou (1999); Anshelevich et al. (2004)): the coordination gap at the best equilibrium.

    Examples
    ========

    >>> from symalign.normalform.games import chicken
    >>> from symalign.normalform.anarchy import stability_gap
    >>> stability_gap(chicken(), "pure"), stability_gap(chicken(), "correlated")
    (3, 3/2)

    """
    r = equilibrium_welfare_range(game, equilibria)
    out = r.max_welfare - r.best
    return sympy.expand(out) if out.free_symbols else out
