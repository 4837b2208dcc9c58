"""Localized global metrics: a local metric evaluated on the set chosen by a localizing function (Stavrianos & Turner (2021), localized global metrics).

A localizing function ``L`` maps a game to a non-empty set ``L(G)`` of profiles; the localized
metric is ``M_L(G) = {M(G, pi) : pi in L(G)}``. Rules (symalign's choice, docs/discussion/local-metrics.rst): if ``M`` is constant on
``L(G)`` the value is returned; otherwise a `LocalizedInterval` ``[min, max]`` — never a silently
chosen element. When ``L(G)`` is an infinite set (a polytope, or a union of them) the metric is
evaluated at its extreme points; that is exact for metrics linear in the profile (welfare,
expected payoffs) and, for other metrics, is said in the result (``extreme_points_only``).

Localizers (Stavrianos & Turner (2021)):

================== =================================================================
``"welfare"``       ``A* = argmax_a W(a)`` (pure; the extreme points of ``Delta(A*)``)
``"pure-maxmin"``   ``prod_i argmax_{a_i} min_{a_{-i}} u_i``
``"mixed-maxmin"``  ``prod_i X_i``, ``X_i`` the optimal set of the security LP (its vertices)
``"worst-ne"``      Nash equilibria of minimal welfare (``kind="pure"`` or ``"mixed"``)
``"best-ne"``       Nash equilibria of maximal welfare
``"best-ce"``       the optimal face of the best-CE LP (its vertices); ``coarse=True`` for CCE
``"worst-ce"``      the optimal face of the worst-CE LP
================== =================================================================
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction

from symalign.core.lazy import np
import sympy
from sympy import Rational

from symalign.engines import lp as _lp
from symalign.core.config import settings
from symalign.core.errors import InvalidGameError, ResourceLimitError, UndefinedMetricError
from symalign.core.game import Game
from symalign.core.profiles import CorrelatedProfile, MixedProfile

__all__ = [
    "localized",
    "localizing_set",
    "LocalizedInterval",
    "LocalizingSet",
    "LOCALIZERS",
]

SOURCE = "Stavrianos & Turner (2021), localized global metrics"
LOCALIZERS = ("welfare", "pure-maxmin", "mixed-maxmin", "worst-ne", "best-ne", "best-ce",
              "worst-ce")


@dataclass(frozen=True)
class LocalizingSet:
    """The profiles of ``L(G)`` that are evaluated, and whether they are all of ``L(G)``.

    ``finite`` is True when ``profiles`` is the whole of ``L(G)``; otherwise ``profiles`` are the
    extreme points of the (union of) polytope(s) ``L(G)``.

    Examples
    ========

    >>> from symalign.normalform.games import stag_hunt
    >>> from symalign.normalform.localized_metrics import localizing_set
    >>> L = localizing_set(stag_hunt(), "worst-ne", kind="pure")    # (F, F)
    >>> L.profiles, L.finite
    ((MixedProfile(((1, 0), (1, 0))),), True)

    """

    localizer: str
    profiles: tuple
    finite: bool
    method: str
    source: str = SOURCE


@dataclass(frozen=True)
class LocalizedInterval:
    """A localized metric that is not (known to be) constant on ``L(G)``: ``[lower, upper]``.

    ``extreme_points_only`` is True when ``L(G)`` is infinite, the metric is not linear in the
    profile, and only the extreme points of ``L(G)`` were evaluated; then ``[lower, upper]``
    is the range over those points, which may be narrower than over all of ``L(G)``.

    Examples
    ========

    >>> from symalign.normalform.games import coordination
    >>> from symalign.normalform.localized_metrics import localized
    >>> r = localized("welfare", coordination(), "pure-maxmin")   # every cell guarantees 0
    >>> r.lower, r.upper, r.n_profiles
    (0, 4, 4)

    """

    lower: sympy.Expr
    upper: sympy.Expr
    localizer: str
    n_profiles: int
    extreme_points_only: bool = False
    method: str = field(default="", repr=False)
    source: str = field(default=SOURCE, repr=False)


# -- exact vertex enumeration (small polytopes) -------------------------------------------

def _vertices(A_ub, b_ub, A_eq, b_eq, d):
    """All vertices of ``{x in R^d : A_ub x <= b_ub, A_eq x = b_eq}`` (bounded), exactly."""
    eq_idx = []
    for k, row in enumerate(A_eq):        # keep a maximal independent set of equalities
        rows = [list(A_eq[j]) for j in eq_idx] + [list(row)]
        if _lp._rank(rows, len(row))[0] > len(eq_idx):
            eq_idx.append(k)
    E = [A_eq[k] for k in eq_idx]
    f = [b_eq[k] for k in eq_idx]
    need = d - len(E)
    m = len(A_ub)
    from math import comb
    if comb(m, need) > settings.max_cases:
        raise ResourceLimitError(f"exact vertex enumeration needs {comb(m, need)} bases",
                                 "max_cases", settings.max_cases)
    out = []
    seen = set()
    for S in itertools.combinations(range(m), need):
        rows = E + [A_ub[k] for k in S]
        x = _lp._unique_solution([list(r) for r in rows], f + [b_ub[k] for k in S], d)
        if x is None:
            continue
        t = tuple(x)
        if t in seen:
            continue
        if all(sum(a * b for a, b in zip(row, x)) <= bb for row, bb in zip(A_ub, b_ub)):
            seen.add(t)
            out.append(t)
    return sorted(out)


def _q(v) -> Fraction:
    v = sympy.Rational(v)
    return Fraction(int(v.p), int(v.q))


def _r(v: Fraction):
    return Rational(v.numerator, v.denominator)


# -- localizing sets ------------------------------------------------------------------------

def _pure_maxmin(game: Game) -> tuple:
    U = game.sympy_array()
    sets = []
    for i in range(game.n_players):
        arr = np.moveaxis(U[i], i, 0).reshape(game.shape[i], -1)
        mins = [min(row) for row in arr.tolist()]
        m = max(mins)
        sets.append([a for a, v in enumerate(mins) if v == m])
    return tuple(MixedProfile.pure(game.shape, a) for a in itertools.product(*sets))


def _maxmin_vertices(game: Game, i: int) -> list:
    """Vertices of player ``i``'s optimal security-LP set ``X_i`` (exact)."""
    from symalign.normalform.bargaining import _security_value_lp
    v = _q(_security_value_lp(game, i))
    U = game.sympy_array()
    k = game.shape[i]
    cols = np.moveaxis(U[i], i, 0).reshape(k, -1)
    A_ub = [[-_q(cols[a, c]) for a in range(k)] for c in range(cols.shape[1])]
    b_ub = [-v] * cols.shape[1]
    A_ub += [[Fraction(-1) if a == b else Fraction(0) for a in range(k)] for b in range(k)]
    b_ub += [Fraction(0)] * k
    verts = _vertices(A_ub, b_ub, [[Fraction(1)] * k], [Fraction(1)], k)
    return [tuple(_r(x) for x in vx) for vx in verts]


def _ce_vertices(game: Game, coarse: bool) -> list:
    """Vertices of the (coarse) correlated-equilibrium polytope, as flat distributions."""
    U = game.sympy_array()
    outcomes = list(game.outcomes())
    m = len(outcomes)
    A_ub, b_ub = [], []
    for i in range(game.n_players):
        for b in range(game.shape[i]):
            if coarse:
                row = [-_q(U[(i, *a)] - U[(i, *(a[:i] + (b,) + a[i + 1:]))]) for a in outcomes]
                A_ub.append(row)
                b_ub.append(Fraction(0))
                continue
            for a_i in range(game.shape[i]):
                if a_i == b:
                    continue
                row = [(-_q(U[(i, *a)] - U[(i, *(a[:i] + (b,) + a[i + 1:]))])
                        if a[i] == a_i else Fraction(0)) for a in outcomes]
                A_ub.append(row)
                b_ub.append(Fraction(0))
    A_ub += [[Fraction(-1) if j == k else Fraction(0) for j in range(m)] for k in range(m)]
    b_ub += [Fraction(0)] * m
    return _vertices(A_ub, b_ub, [[Fraction(1)] * m], [Fraction(1)], m)


def localizing_set(game: Game, localizer: str, *, kind: str = "pure",
                   coarse: bool = False) -> LocalizingSet:
    """The profiles of ``L(G)`` for a named localizer (Stavrianos & Turner (2021), localized global metrics), exactly.

    Finite localizers return every element; polytope localizers return their extreme points
    (``finite=False``): ``"mixed-maxmin"`` the products of the vertices of each ``X_i``,
    ``"best-ce"``/``"worst-ce"`` the vertices of the optimal face, ``"worst-ne"``/``"best-ne"``
    with ``kind="mixed"`` the extreme equilibria of optimal welfare (`symalign.normalform.equilibria`).

    Examples
    ========

    >>> from symalign.normalform.games import chicken, battle_of_the_sexes
    >>> from symalign.normalform.localized_metrics import localizing_set
    >>> localizing_set(chicken(), "best-ce").profiles   # (1/2, 1/4, 1/4, 0)
    (CorrelatedProfile([[1/2, 1/4], [1/4, 0]]),)
    >>> [p.strategies for p in localizing_set(battle_of_the_sexes(), "pure-maxmin").profiles]
    [((1, 0), (1, 0)), ((1, 0), (0, 1)), ((0, 1), (1, 0)), ((0, 1), (0, 1))]

    """
    if not game.is_numeric:
        raise InvalidGameError("Argument 'game' has symbolic payoffs; localizing sets need "
                               "numeric payoffs (substitute values with game.subs).")
    if localizer == "welfare":
        from symalign.normalform.ca import welfare_maximisers
        profs = tuple(MixedProfile.pure(game.shape, a) for a in welfare_maximisers(game))
        return LocalizingSet(localizer, profs, True,
                             "argmax of W over pure profiles (the vertices of Delta(A*))")
    if localizer == "pure-maxmin":
        return LocalizingSet(localizer, _pure_maxmin(game), True,
                             "product of the pure maxmin action sets")
    if localizer == "mixed-maxmin":
        per = [_maxmin_vertices(game, i) for i in range(game.n_players)]
        profs = tuple(MixedProfile(list(c)) for c in itertools.product(*per))
        finite = all(len(p) == 1 for p in per)
        return LocalizingSet(localizer, profs, finite,
                             "products of the vertices of each security-LP optimal set X_i "
                             "(exact LP and exact vertex enumeration)")
    if localizer in ("worst-ne", "best-ne"):
        from symalign.normalform.ca import welfare
        if kind == "pure":
            from symalign.normalform.local_metrics import best_response_cells
            sets = [set(best_response_cells(game, i)) for i in range(game.n_players)]
            cells = sorted(set.intersection(*sets))
            eqs = [MixedProfile.pure(game.shape, a) for a in cells]
            finite, method = True, "pure Nash equilibria (intersection of best-response cells)"
        elif kind == "mixed":
            from symalign.normalform.equilibria import nash_equilibria
            eqs = [getattr(e, "profile", e) for e in nash_equilibria(game, kind="mixed")]
            finite = False
            method = "extreme Nash equilibria of optimal welfare (symalign.normalform.equilibria)"
        else:
            raise InvalidGameError(f"Argument 'kind' is {kind!r}; use 'pure' or 'mixed'.")
        if not eqs:
            raise UndefinedMetricError(f"the {localizer} localizer",
                                       f"the game has no {kind} Nash equilibrium")
        if kind == "mixed" and game.n_players >= 3:
            from symalign.normalform.nplayer import welfare_extremisers
            profs = welfare_extremisers(game, eqs, best=localizer == "best-ne")
            return LocalizingSet(localizer, profs, finite, method)
        ws = [welfare(game, e) for e in eqs]
        target = min(ws) if localizer == "worst-ne" else max(ws)
        profs = tuple(e for e, w in zip(eqs, ws) if w == target)
        return LocalizingSet(localizer, profs, finite, method)
    if localizer in ("best-ce", "worst-ce"):
        verts = _ce_vertices(game, coarse)
        from symalign.normalform.ca import _welfare_array, _values
        W = [_q(v) for v in _values(_welfare_array(game, None))]
        ws = [sum(a * b for a, b in zip(v, W)) for v in verts]
        target = max(ws) if localizer == "best-ce" else min(ws)
        face = [v for v, w in zip(verts, ws) if w == target]
        profs = []
        for v in face:
            arr = np.empty(game.shape, dtype=object)
            arr.reshape(-1)[:] = [_r(x) for x in v]
            profs.append(CorrelatedProfile._trusted(arr))
        return LocalizingSet(localizer, tuple(profs), len(profs) == 1,
                             f"vertices of the optimal face of the {'coarse ' if coarse else ''}"
                             "correlated-equilibrium polytope (exact vertex enumeration)")
    raise InvalidGameError(f"Argument 'localizer' is {localizer!r}; use one of "
                           f"{', '.join(repr(x) for x in LOCALIZERS)}.")


def _metric(metric, kwargs) -> tuple[Callable, bool, str]:
    if callable(metric):
        return metric, bool(kwargs.pop("linear", False)), getattr(metric, "__name__", "metric")
    from symalign.normalform import ca
    from symalign.normalform import local_metrics as local
    from symalign.normalform.power import nashconv
    table = {
        "welfare": (lambda g, p: ca.welfare(g, p), True),
        "covariance": (lambda g, p: local.covariance(g, p, **kwargs), False),
        "correlation": (lambda g, p: local.correlation(g, p, **kwargs), False),
        "kosoy": (lambda g, p: local.kosoy_alignment(g, profile=p, **kwargs), False),
        "moss": (lambda g, p: local.moss_alignment(g, p), True),
        "nashconv": (lambda g, p: nashconv(g, p), False),
        "coordination_gap": (lambda g, p: ca.coordination_gap(g, p), True),
    }
    if metric not in table:
        raise InvalidGameError(f"Argument 'metric' is {metric!r}; pass a callable "
                               f"metric(game, profile) or one of {sorted(table)}.")
    f, lin = table[metric]
    return f, lin, metric


def localized(metric, game: Game, localizer: str, *, kind: str = "pure", coarse: bool = False,
              **kwargs):
    """The localized global metric ``M_L(G)`` (Stavrianos & Turner (2021), localized global metrics): the value, or ``[min, max]``.

    ``metric`` is a callable ``metric(game, profile)`` (pass ``linear=True`` if it is linear in
    the profile) or one of ``"welfare"``, ``"covariance"``, ``"correlation"``, ``"kosoy"``
    (with ``j=``, ``i=``), ``"moss"``, ``"nashconv"``, ``"coordination_gap"``. If the metric is
    constant on ``L(G)`` (all of it, or — for linear metrics — its extreme points) that value is
    returned; otherwise a `LocalizedInterval`. If the metric is undefined at an element of
    ``L(G)`` the localized metric is undefined (`UndefinedMetricError` naming the profile).

    Examples
    ========

    Test vectors:

    >>> from symalign.normalform.games import (prisoners_dilemma, matching_pennies, chicken,
    ...                             battle_of_the_sexes, stag_hunt)
    >>> from symalign.normalform.localized_metrics import localized
    >>> localized("welfare", chicken(), "best-ce"), localized("welfare", stag_hunt(), "worst-ne")
    (21/2, 4)
    >>> localized("covariance", matching_pennies(), "mixed-maxmin")
    -1
    >>> localized("moss", prisoners_dilemma(), "welfare")
    1/2
    >>> localized("welfare", battle_of_the_sexes(), "pure-maxmin")
    LocalizedInterval(lower=0, upper=3, localizer='pure-maxmin', n_profiles=4, extreme_points_only=False)

    Parameters
    ==========

    metric : callable or str
    game : Game
    localizer : str
        One of `LOCALIZERS`.
    kind : ``"pure"`` or ``"mixed"``
        The Nash-equilibrium class for ``"worst-ne"``/``"best-ne"`` (must be stated).
    coarse : bool
        Coarse correlated equilibria for ``"best-ce"``/``"worst-ce"``.

    Returns
    =======

    sympy.Expr or LocalizedInterval

    """
    f, linear, name = _metric(metric, dict(kwargs))
    L = localizing_set(game, localizer, kind=kind, coarse=coarse)
    vals = []
    for p in L.profiles:
        try:
            vals.append(sympy.sympify(f(game, p)))
        except UndefinedMetricError as exc:
            raise UndefinedMetricError(f"{name} localized at {localizer}",
                                       f"{exc.reason} (at the profile {p!r} of L(G))") from None
    uniq = []
    for v in vals:
        if not any(sympy.expand(v - u) == 0 for u in uniq):
            uniq.append(v)
    if len(uniq) == 1 and (L.finite or linear):
        return uniq[0]
    from symalign.engines.algebraic import compare
    lo = uniq[0]
    hi = uniq[0]
    for v in uniq[1:]:
        if compare(v, lo) < 0:
            lo = v
        if compare(v, hi) > 0:
            hi = v
    return LocalizedInterval(lo, hi, localizer, len(L.profiles),
                             extreme_points_only=not (L.finite or linear),
                             method=L.method)
