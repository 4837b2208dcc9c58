"""Candidate supports for the exact n-player enumeration, and certified tests that rule them out.

`symalign.normalform.nplayer` enumerates the support profiles ``S = (S_0, ..., S_{n-1})``
that survive iterated elimination of actions strictly dominated by a pure action, and solves
the indifference system of each. Solving is the expensive step (a Gröbner basis; seconds
for seven or more unknowns), so a support is first tested cheaply, and skipped only when a
test *proves* that no equilibrium has exactly that support:

1. *conditional dominance* (Porter, Nudelman & Shoham 2008, Sec. 3): an action ``a`` of
   ``S_i`` is weakly beaten, with one strict inequality, by some ``b`` against every profile
   of ``S_-i``; every such profile has positive probability, so ``a`` is no best response;
2. a *linear relaxation* (`relaxation_infeasible`): if ``sigma`` is an equilibrium with
   support exactly ``S``, the product distribution ``w(s) = prod_j sigma_j(s_j)`` on the
   product ``S`` is strictly positive and satisfies, for every player ``i``, every
   ``a'`` in ``S_i`` and every action ``b``,

   ``sum_{s_-i} (u_i(b, s_-i) - u_i(a', s_-i)) w(a', s_-i) = sigma_i(a') (u_i(b, sigma_-i)
   - u_i(a', sigma_-i))``,

   which is ``= 0`` for ``b`` in ``S_i`` (indifference) and ``<= 0`` otherwise (``a'`` is a
   best response): the correlated-equilibrium inequalities (Aumann 1974) with equality
   inside the support. These are linear in ``w``. When the linear system ``E w = 0``,
   ``F w <= 0``, ``w > 0`` has no solution, neither has the indifference system with its
   inequalities. Infeasibility is certified exactly by Gordan's transposition theorem: a
   vector ``g = E^T y + F^T lambda`` with ``lambda >= 0`` and ``g > 0`` (then
   ``0 < w . g = y . E w + lambda . F w <= 0`` for any solution ``w``). HiGHS proposes
   ``y`` and ``lambda`` in floating point; they are read as exact rationals and ``g > 0``
   is checked in integer arithmetic, so a rounding error can only cost a prune, never
   drop an equilibrium. When no strictly positive ``g`` exists, symalign's exact LP
   (`symalign.engines.lp.solve_lp`) decides ``max t`` subject to ``w >= t``.

Supports are returned smallest first and, within a size, most balanced first (the order
Porter, Nudelman & Shoham found to reach an equilibrium soonest).
"""

from __future__ import annotations

import itertools
import math

from symalign.core.lazy import np

__all__: list[str] = []

#: supports with at least this many unknowns are tested by the linear relaxation (below it,
#: solving the indifference system is about as cheap as the LP)
RELAXATION_MIN_UNKNOWNS = 6


def undominated(U: list, shape) -> list[list[int]]:
    """Iterated elimination of actions strictly dominated by a pure action."""
    alive = [list(range(k)) for k in shape]
    changed = True
    while changed:
        changed = False
        for i in range(len(shape)):
            sub = U[i][np.ix_(*alive)]
            sub = np.moveaxis(sub, i, 0).reshape(len(alive[i]), -1)
            keep = []
            for r in range(len(alive[i])):
                dom = any(all(sub[r2, c] > sub[r, c] for c in range(sub.shape[1]))
                          for r2 in range(len(alive[i])) if r2 != r)
                if not dom:
                    keep.append(alive[i][r])
            if len(keep) < len(alive[i]):
                alive[i] = keep
                changed = True
    return alive


def conditionally_dominated(U, shape, S) -> bool:
    """Whether an action ``a`` of some ``S_i`` is beaten given ``S_-i``: some action ``b`` earns
    at least as much against every profile of ``S_-i`` and more against one. Every profile of
    ``S_-i`` has positive probability when the supports are exact, so ``b`` then earns strictly
    more than ``a`` and ``a`` is no best response."""
    n = len(shape)
    for i in range(n):
        idx = [list(S[j]) if j != i else list(range(shape[i])) for j in range(n)]
        sub = np.moveaxis(U[i][np.ix_(*idx)], i, 0).reshape(shape[i], -1)
        for a in S[i]:
            row = sub[a]
            for b in range(shape[i]):
                if b != a and all(x >= y for x, y in zip(sub[b], row)) and \
                        any(x > y for x, y in zip(sub[b], row)):
                    return True
    return False


def candidate_supports(alive) -> list[tuple]:
    """Every support profile over the surviving actions: fewest unknowns first, then the most
    balanced (smallest spread of support sizes), then lexicographically."""
    per = [[c for k in range(1, len(a) + 1) for c in itertools.combinations(a, k)]
           for a in alive]

    def key(S):
        sizes = [len(s) for s in S]
        return sum(sizes), max(sizes) - min(sizes), S
    return sorted(itertools.product(*per), key=key)


def _relaxation_rows(U, shape, S):
    """The rows of ``E`` (equalities) and ``F`` (inequalities) over the product of ``S``."""
    n = len(shape)
    cells = list(itertools.product(*S))
    col = {s: k for k, s in enumerate(cells)}
    E, F = [], []
    for i in range(n):
        rest = list(itertools.product(*[S[j] for j in range(n) if j != i]))
        for a1 in S[i]:
            base = [U[i][s[:i] + (a1,) + s[i:]] for s in rest]
            cols = [col[s[:i] + (a1,) + s[i:]] for s in rest]
            for b in range(shape[i]):
                if b == a1:
                    continue
                row = [0] * len(cells)
                nz = False
                for k, s, v in zip(cols, rest, base):
                    d = int(U[i][s[:i] + (b,) + s[i:]]) - int(v)
                    row[k] = d
                    nz = nz or d != 0
                if not nz:
                    continue
                (E if b in S[i] else F).append(row)
    return E, F, len(cells)


def _float_certificate(E, F, m: int) -> bool:
    """A Gordan certificate ``g = E^T y + F^T lambda > 0`` from HiGHS, checked exactly."""
    from scipy.optimize import linprog
    mE, mF = len(E), len(F)
    if mE + mF == 0:
        return False
    A = np.array(E + F, dtype=float).T                 # m x (mE + mF): g = A z
    nz = mE + mF
    # variables (z, eps): maximise eps subject to A z >= eps, sum(A z) = 1, eps <= 1
    A_ub = np.hstack([-A, np.ones((m, 1))])
    b_ub = np.zeros(m)
    A_eq = np.hstack([A.sum(axis=0, keepdims=True), np.zeros((1, 1))])
    c = np.zeros(nz + 1)
    c[-1] = -1.0
    bounds = [(None, None)] * mE + [(0, None)] * mF + [(None, 1)]
    try:
        res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=[1.0], bounds=bounds,
                      method="highs")
    except ValueError:                                  # pragma: no cover
        return False
    if res.status != 0 or not (-res.fun > 1e-9):
        return False
    z = [int(round(math.ldexp(float(v), 60))) for v in res.x[:nz]]
    z = z[:mE] + [max(0, v) for v in z[mE:]]
    rows = E + F
    for k in range(m):
        if sum(r[k] * v for r, v in zip(rows, z) if r[k] and v) <= 0:
            return False
    return True


def _exact_lp_infeasible(E, F, m: int) -> bool:
    """``max t`` subject to ``w >= t``, ``sum w = 1``, ``E w = 0``, ``F w <= 0`` (exactly) is
    at most 0, or the LP is infeasible."""
    from symalign.engines.lp import solve_lp
    n = m + 1
    A_ub = [r + [0] for r in F]
    for k in range(m):
        row = [0] * n
        row[k], row[m] = -1, 1
        A_ub.append(row)
    A_ub.append([0] * m + [1])
    b_ub = [0] * (len(A_ub) - 1) + [1]
    A_eq = [[1] * m + [0]] + [r + [0] for r in E]
    b_eq = [1] + [0] * len(E)
    c = [0] * m + [1]
    res = solve_lp(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq, maximize=True, free=[m])
    return res.status == "infeasible" or (res.status == "optimal" and res.value <= 0)


def relaxation_infeasible(U, shape, S) -> bool:
    """True when the linear relaxation (see the module docstring) proves that no Nash
    equilibrium has support exactly ``S``; False when it is feasible (or not certified).

    Examples
    ========

    >>> import numpy as np
    >>> from symalign.normalform.supports import relaxation_infeasible
    >>> # three players, two actions; player 0 gets 1 for matching player 1, else 0, and
    >>> # players 1 and 2 always get 0: (mix, mix, pure) needs player 1 to be indifferent
    >>> # (always) and player 0 indifferent (iff player 1 mixes 50:50): feasible
    >>> U0 = np.array([[[1, 1], [0, 0]], [[0, 0], [1, 1]]], dtype=object)
    >>> Z = np.zeros((2, 2, 2), dtype=int).astype(object)
    >>> relaxation_infeasible([U0, Z, Z], (2, 2, 2), ((0, 1), (0, 1), (0,)))
    False
    >>> # player 0 mixing while player 1 plays action 0 only: 0 is strictly better
    >>> relaxation_infeasible([U0, Z, Z], (2, 2, 2), ((0, 1), (0,), (0,)))
    True

    """
    E, F, m = _relaxation_rows(U, shape, S)
    if _float_certificate(E, F, m):
        return True
    return _exact_lp_infeasible(E, F, m)
