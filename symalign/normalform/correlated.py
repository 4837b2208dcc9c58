"""Correlated and coarse correlated equilibria: exact tests and best/worst welfare (Nash (1951); Aumann (1974)).

A correlated profile ``mu`` is a correlated equilibrium (CE) when no player gains by
deviating from any recommended action::

    sum_{a_-i} mu(a_i, a_-i) [u_i(a_i, a_-i) - u_i(a_i', a_-i)] >= 0   for all i, a_i, a_i',

and a coarse correlated equilibrium (CCE) when no player gains by committing in advance
to one action ``a_i'``: ``sum_a mu(a) [u_i(a) - u_i(a_i', a_-i)] >= 0``. The best or worst
CE/CCE welfare is an LP over ``mu``, solved exactly and verified by `symalign.engines.lp.solve_lp`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import sympy

from symalign.engines import lp as _lp
from symalign.core.lazy import np
from symalign.engines.symbolic import decide
from symalign.core.errors import SymalignError, UndecidableError
from symalign.core.game import Game, assumptions_of
from symalign.core.profiles import CorrelatedProfile, as_correlated

__all__ = [
    "is_correlated_equilibrium",
    "correlated_equilibrium",
    "correlated_welfare_range",
    "CorrelatedEquilibriumResult",
    "ParametricCorrelatedEquilibrium",
]

SOURCE_CE = "Aumann (1974), correlated equilibrium"


def _outcome_index(game: Game, i: int) -> np.ndarray:
    """Flat (row-major) outcome index of ``(a_i, a_-i)`` as an array of shape (k_i, K)."""
    N = game.n_outcomes
    return np.moveaxis(np.arange(N).reshape(game.shape), i, 0).reshape(game.shape[i], -1)


def _incentive_rows(game: Game, coarse: bool) -> tuple[np.ndarray, list]:
    """Integer rows ``r`` with ``r . mu <= 0`` meaning "no profitable deviation" (each row is
    ``den_i`` times the gain of one deviation), and their labels ``(i, a_i, a_i')`` (CE) or
    ``(i, a_i')`` (CCE)."""
    rows, labels = [], []
    N = game.n_outcomes
    big = False
    for i, ex in enumerate(game.exact_arrays()):
        num = np.moveaxis(ex.num, i, 0).reshape(game.shape[i], -1)
        if num.dtype == object or int(np.abs(num).max(initial=0)) >= 2**30:
            num = num.astype(object)
            big = True
        idx = _outcome_index(game, i)
        k = game.shape[i]
        if coarse:
            for d in range(k):
                r = np.zeros(N, dtype=num.dtype)
                for a in range(k):
                    r[idx[a]] = num[d] - num[a]
                rows.append(r)
                labels.append((i, d))
        else:
            for a in range(k):
                for d in range(k):
                    if d == a:
                        continue
                    r = np.zeros(N, dtype=num.dtype)
                    r[idx[a]] = num[d] - num[a]
                    rows.append(r)
                    labels.append((i, a, d))
    if not rows:
        return np.zeros((0, N), dtype=np.int64), labels
    A = np.vstack([r.astype(object) for r in rows]) if big else np.vstack(rows)
    return A, labels


def _welfare_vector(game: Game, weights) -> list:
    from symalign.normalform.ca import _weights, _welfare_array
    w = _weights(game, weights)
    W = _welfare_array(game, w)
    if isinstance(W, np.ndarray):
        vals = list(W.reshape(-1))
        if not all(sympy.sympify(v).is_Rational for v in vals):
            raise SymalignError(f"Argument 'weights' is {list(weights)!r}, which is symbolic: "
                                "the CE welfare LP needs numbers.")
        return [sympy.Rational(v) for v in vals]
    return [_lp._rat(int(p), W.den) for p in W.num.reshape(-1).tolist()]


def is_correlated_equilibrium(game: Game, mu, coarse: bool = False) -> bool:
    """Whether ``mu`` is a correlated (or, with ``coarse=True``, coarse correlated) equilibrium.

    Checked exactly against every incentive constraint (Aumann (1974)). ``mu`` may be any profile:
    pure, mixed (a Nash equilibrium is a CE) or correlated. For symbolic games or profiles
    each constraint is decided under the game's assumptions.

    Examples
    ========

    Chicken's best CE and the uniform distribution on Matching Pennies:

    >>> import symalign as sa
    >>> from symalign.normalform.correlated import is_correlated_equilibrium
    >>> is_correlated_equilibrium(sa.games.chicken(), {(0, 0): "1/2", (0, 1): "1/4",
    ...                                                (1, 0): "1/4"})
    True
    >>> mp = sa.games.matching_pennies()
    >>> is_correlated_equilibrium(mp, sa.CorrelatedProfile.uniform((2, 2)))
    True
    >>> is_correlated_equilibrium(sa.games.prisoners_dilemma(), ("C", "C"), coarse=True)
    False

    Parameters
    ==========

    game : Game
    mu : profile
        Pure, mixed or correlated (`symalign.as_correlated` accepts it).
    coarse : bool
        Test the coarse (CCE) constraints instead.

    Returns
    =======

    bool

    Raises
    ======

    UndecidableError
        A symbolic constraint that the assumptions do not decide.

    """
    mu = as_correlated(game, mu)
    p = mu.probabilities.reshape(-1)
    if game.is_numeric and all(v.is_Rational for v in p):
        fr = [(int(v.p), int(v.q)) for v in p]
        L = math.lcm(*[q for _, q in fr])
        P = [a * (L // q) for a, q in fr]
        A, _ = _incentive_rows(game, coarse)
        if A.shape[0] == 0:
            return True
        Ao = A.astype(object) if A.dtype != object else A
        gains = Ao.dot(_lp._obj(P))
        return all(int(g) <= 0 for g in gains.tolist())
    U = game.sympy_array()
    assumptions = tuple(game.assumptions)
    for i in range(game.n_players):
        Ui = np.moveaxis(U[i], i, 0).reshape(game.shape[i], -1)
        idx = _outcome_index(game, i)
        k = game.shape[i]
        exprs = []
        if coarse:
            for d in range(k):
                exprs.append(((i, d), sympy.Add(*[p[idx[a, b]] * (Ui[d, b] - Ui[a, b])
                                                  for a in range(k)
                                                  for b in range(Ui.shape[1])])))
        else:
            for a in range(k):
                for d in range(k):
                    if d != a:
                        exprs.append(((i, a, d), sympy.Add(*[p[idx[a, b]] * (Ui[d, b] - Ui[a, b])
                                                             for b in range(Ui.shape[1])])))
        for label, gain in exprs:
            verdict = decide(sympy.expand(gain) <= 0, assumptions)
            if verdict is None:
                raise UndecidableError(sympy.expand(gain) <= 0,
                                       f"whether deviation {label} is unprofitable")
            if not verdict:
                return False
    return True


@dataclass(frozen=True)
class CorrelatedEquilibriumResult:
    """The best or worst welfare over CE (or CCE), with an optimal distribution (Nash (1951); Aumann (1974)).

    Examples
    ========

    Battle of the Sexes: the worst CE is the mixed-NE product with welfare 4/3.

    >>> import symalign as sa
    >>> from symalign.normalform.correlated import correlated_equilibrium
    >>> r = correlated_equilibrium(sa.games.battle_of_the_sexes(), objective="min")
    >>> r
    CorrelatedEquilibriumResult(value=4/3,
        distribution=CorrelatedProfile([[2/9, 4/9], [1/9, 2/9]]), objective='min', coarse=False)
    >>> r.certificate[1]
    4/3

    Attributes
    ==========

    value : sympy.Rational
        The extreme welfare.
    distribution : CorrelatedProfile
        An optimal CE (a vertex of the CE polytope: the verified LP optimum).
    objective : str
        ``'max'`` or ``'min'``.
    coarse : bool
    certificate : tuple
        The LP dual ``(multipliers, shift)``: ``multipliers`` is a tuple of
        ``(label, lambda)`` with ``lambda > 0`` for the incentive constraints used, labelled
        ``(i, a_i, a_i')`` (CE: recommended ``a_i``, deviation ``a_i'``) or ``(i, a_i')``
        (CCE). With ``g_label(a)`` the deviation gain ``u_i(a_i', a_-i) - u_i(a)`` (for CE only
        at outcomes recommending ``a_i``, else 0), every outcome satisfies
        ``W(a) <= shift + sum lambda g_label(a)`` for ``'max'`` and
        ``W(a) >= shift - sum lambda g_label(a)`` for ``'min'``. As every CE has
        ``sum_a mu(a) g_label(a) <= 0``, this proves that no CE beats ``value == shift``.
    lp : LPResult
        The verified LP solution (with `LPResult.verify`).
    method : str
    source : str

    """

    value: sympy.Expr
    distribution: CorrelatedProfile
    objective: str
    coarse: bool
    certificate: tuple = field(repr=False)
    lp: _lp.LPResult = field(repr=False)
    method: str = field(repr=False)
    source: str = field(default=SOURCE_CE, repr=False)


def correlated_equilibrium(game: Game, *, objective: str = "max", coarse: bool = False,
                           weights: Sequence | None = None,
                           assumptions=None) -> CorrelatedEquilibriumResult:
    """The welfare-best (``objective="max"``) or -worst (``"min"``) CE or CCE (Nash (1951); Aumann (1974)).

    Solves ``max/min sum_a mu(a) W(a)`` over the CE (or CCE) polytope exactly. The returned
    distribution is the vertex the verified LP returns; when several CE attain the extreme
    welfare, ``value`` is still exact and unique but the distribution is one of them.

    Examples
    ========

    Chicken: best CE ``(1/2, 1/4, 1/4, 0)`` with welfare 21/2, worst
    ``(0, 2/5, 2/5, 1/5)`` with welfare 36/5:

    >>> import symalign as sa
    >>> from symalign.normalform.correlated import correlated_equilibrium
    >>> best = correlated_equilibrium(sa.games.chicken())
    >>> best.value, best.distribution
    (21/2, CorrelatedProfile([[1/2, 1/4], [1/4, 0]]))
    >>> worst = correlated_equilibrium(sa.games.chicken(), objective="min")
    >>> worst.value, worst.distribution.probabilities.reshape(-1).tolist()
    (36/5, [0, 2/5, 2/5, 1/5])
    >>> worst.lp.verify()
    True

    Parameters
    ==========

    game : Game
        A numeric game (any number of players).
    objective : ``"max"`` or ``"min"``
    coarse : bool
        Coarse correlated equilibria instead.
    weights : sequence, optional
        Welfare weights ``lambda_i`` (default all 1), as in `symalign.welfare`.
    assumptions : relation, str or iterable of them, optional
        For symbolic games (the forms `Game.assuming` takes): the region of the parameters.

    Returns
    =======

    CorrelatedEquilibriumResult or ParametricCorrelatedEquilibrium
        The latter for symbolic payoffs or weights: the parametric LP solved by
        `symalign.parametric.linear_programs.parametric_lp`, a ``Piecewise`` over the
        regions where one basis is optimal, each with a witness point.

    Raises
    ======

    SymalignError
        An unknown ``objective``.
    ResourceLimitError
        A symbolic game whose CE LP has more candidate bases than
        ``symalign.settings.max_cases`` (no closed form is attempted), or over
        ``settings.timeout``.

    """
    if objective not in ("max", "min"):
        raise SymalignError(f"Argument 'objective' is {objective!r}; use 'max' or 'min'.")
    if not game.is_numeric or (weights is not None
                               and any(sympy.sympify(w).free_symbols for w in weights)):
        return _parametric_ce(game, objective, bool(coarse), weights,
                              assumptions_of(game, assumptions))
    key = ("ce", objective, bool(coarse), None if weights is None else tuple(map(str, weights)))
    if key in game._cache:
        return game._cache[key]
    A, labels = _incentive_rows(game, coarse)
    N = game.n_outcomes
    W = _welfare_vector(game, weights)
    maximize = objective == "max"
    L = math.lcm(*[int(w.q) for w in W])
    sign = -1 if maximize else 1
    c_int = [sign * int(w.p) * (L // int(w.q)) for w in W]
    A_eq = np.ones((1, N), dtype=np.int64)
    Afull = np.vstack([A, A_eq.astype(object)]) if A.dtype == object else np.vstack([A, A_eq])
    m_ub = A.shape[0]
    P = _lp._IntLP(c_int, Afull, [0] * m_ub + [1], m_ub, np.zeros(N, dtype=bool), sign, L,
                   [1] * (m_ub + 1))
    inputs = (tuple(W), A, np.zeros(m_ub, dtype=np.int64), A_eq, np.ones(1, dtype=np.int64),
              maximize, None)
    res = _lp._solve_int(P, inputs, maximize)
    if res.status != "optimal":  # pragma: no cover - the CE polytope is non-empty and bounded
        raise RuntimeError(f"symalign.normalform.correlated: the CE LP is {res.status}")
    arr = np.empty(game.shape, dtype=object)
    arr.reshape(-1)[:] = list(res.x)
    dist = CorrelatedProfile._trusted(arr)
    s = 1 if maximize else -1
    dens = [ex.den for ex in game.exact_arrays()]
    mult = tuple((lab, s * y * dens[lab[0]]) for lab, y in zip(labels, res.y_ub) if y != 0)
    cert = (mult, res.y_eq[0])
    out = CorrelatedEquilibriumResult(res.value, dist, objective, bool(coarse), cert, res,
                                      "LP: " + res.method)
    game._cache[key] = out
    return out


def correlated_welfare_range(game: Game, coarse: bool = False,
                             weights: Sequence | None = None) -> tuple[sympy.Expr, sympy.Expr]:
    """``(min, max)`` welfare over all CE (or CCE), exactly (Nash (1951); Aumann (1974)).

    Examples
    ========

    The values of docs/discussion/worked-examples.rst:

    >>> import symalign as sa
    >>> from symalign.normalform.correlated import correlated_welfare_range
    >>> correlated_welfare_range(sa.games.battle_of_the_sexes())
    (4/3, 3)
    >>> correlated_welfare_range(sa.games.stag_hunt())
    (19/5, 20)
    >>> correlated_welfare_range(sa.games.matching_pennies(), coarse=True)
    (0, 0)

    Parameters
    ==========

    game : Game
        A numeric game.
    coarse : bool
        Coarse correlated equilibria instead.
    weights : sequence, optional
        Welfare weights (default all 1).

    Returns
    =======

    tuple
        ``(worst, best)`` welfare, exact.

    """
    lo = correlated_equilibrium(game, objective="min", coarse=coarse, weights=weights).value
    hi = correlated_equilibrium(game, objective="max", coarse=coarse, weights=weights).value
    return lo, hi


@dataclass(frozen=True)
class ParametricCorrelatedEquilibrium:
    """The best or worst CE (or CCE) welfare of a symbolic game, region by region (Aumann (1974)).

    Examples
    ========

    Chicken with a crash payoff ``d`` (``U_0 = [[6, 2], [7, d]]``): for ``d < 2`` the best CE
    puts ``(2 - d)/(4 - d)`` on (C, C) and ``1/(4 - d)`` on each of (C, D), (D, C); for
    ``d > 2`` (D, D) dominates and the only CE is (D, D):

    >>> import sympy, symalign as sa
    >>> d = sympy.Symbol("d", real=True)
    >>> g = sa.Game.from_arrays([[6, 2], [7, d]], [[6, 7], [2, d]])
    >>> r = sa.correlated_equilibrium(g)
    >>> r.value
    Piecewise((6*(2*d - 7)/(d - 4), d <= 2), (2*d, True))
    >>> r.value.subs(d, 0)
    21/2
    >>> r.distribution_at({d: 0})
    CorrelatedProfile([[1/2, 1/4], [1/4, 0]])

    Attributes
    ==========

    value : sympy.Expr
        The extreme welfare: a ``Piecewise`` over the regions (or one expression).
    regions : tuple of LPRegion
        Each optimal basis's region (``condition``, ``witness``), its welfare ``value`` and
        its ``solution`` (the distribution over outcomes in row-major order, then the slacks
        of the incentive constraints).
    objective : str
    coarse : bool
    complete : bool
        True when every region has a witness point.
    method : str
    assumptions : tuple

    """

    value: sympy.Expr
    regions: tuple
    objective: str
    coarse: bool
    complete: bool
    method: str = field(repr=False)
    assumptions: tuple = ()
    shape: tuple = field(default=(), repr=False)
    source: str = field(default=SOURCE_CE, repr=False)

    def distribution_at(self, point) -> CorrelatedProfile:
        """An optimal distribution at ``point`` (a dict symbol -> number): the solution of
        the first region whose condition holds there."""
        from symalign.core.errors import InvalidGameError
        from symalign.engines.linearforms import holds_at
        pt = {k: sympy.sympify(v) for k, v in point.items()}
        N = math.prod(self.shape)
        for r in self.regions:
            if holds_at(r.condition, pt):
                arr = np.empty(self.shape, dtype=object)
                arr.reshape(-1)[:] = [sympy.sympify(v).xreplace(pt) for v in r.solution[:N]]
                return CorrelatedProfile._trusted(arr)
        raise InvalidGameError(f"Argument 'point' {point} lies in no region.")


def _parametric_ce(game: Game, objective: str, coarse: bool, weights, A: tuple):
    """The CE LP of a symbolic game in standard form, solved by basis enumeration."""
    from symalign.normalform.ca import _weights
    from symalign.parametric.linear_programs import parametric_lp
    U = game.sympy_array()
    N = game.n_outcomes
    rows = []
    for i in range(game.n_players):
        Ui = np.moveaxis(U[i], i, 0).reshape(game.shape[i], -1)
        idx = _outcome_index(game, i)
        k = game.shape[i]
        pairs = [(None, d) for d in range(k)] if coarse else \
            [(a, d) for a in range(k) for d in range(k) if d != a]
        for a, d in pairs:
            r = [sympy.Integer(0)] * N
            for aa in (range(k) if a is None else (a,)):
                for b in range(Ui.shape[1]):
                    r[idx[aa, b]] = sympy.expand(Ui[d, b] - Ui[aa, b])
            rows.append(r)
    m = len(rows)
    A_eq = [r + [sympy.Integer(1) if j == k else sympy.Integer(0) for j in range(m)]
            for k, r in enumerate(rows)]
    A_eq.append([sympy.Integer(1)] * N + [sympy.Integer(0)] * m)
    b = [0] * m + [1]
    w = _weights(game, weights)
    ws = w if w is not None else [sympy.Integer(1)] * game.n_players
    W = [sympy.expand(sum(ws[i] * U[i][a] for i in range(game.n_players)))
         for a in np.ndindex(*game.shape)]
    res = parametric_lp(W + [sympy.Integer(0)] * m, A_eq, b, maximize=objective == "max",
                        assumptions=A, what="the parametric correlated-equilibrium LP")
    complete = all(r.witness is not None for r in res.regions)
    return ParametricCorrelatedEquilibrium(res.value, res.regions, objective, coarse,
                                           complete, "parametric LP: " + res.method, A,
                                           tuple(game.shape))
