"""Parametric solutions of small symbolic games: mixed security values and mixed equilibria with their conditions."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field

import sympy
from sympy import Piecewise

from symalign.engines.symbolic import decide
from symalign.parametric.conditions import condition_satisfiable
from symalign.core.config import Deadline
from symalign.core.errors import InvalidGameError, SymalignError
from symalign.core.game import Game, assumptions_of
from symalign.core.profiles import MixedProfile

__all__ = ["parametric_security_value", "ConditionalEquilibrium", "simplify_piecewise",
           "mixed_security_closed_form"]

SOURCE_SEC = "von Neumann's minimax theorem (LP form), solved in closed form for 2xm / mx2"
SOURCE_NE = "Nash (1951); Aumann (1974), support enumeration with symbolic payoffs"


def simplify_piecewise(expr, assumptions: Iterable = ()):
    """Drop ``Piecewise`` branches whose condition the assumptions refute; stop at one they prove.

    A branch whose region is empty (checked by
    `symalign.parametric.conditions.condition_satisfiable`) is dropped too.

    Examples
    ========

    >>> import sympy
    >>> from symalign.parametric.solutions import simplify_piecewise
    >>> x = sympy.Symbol("x")
    >>> simplify_piecewise(sympy.Piecewise((1, x > 0), (2, True)), [x > 1])
    1
    >>> simplify_piecewise(sympy.Piecewise((1, (x > 2) & (x < -1)), (2, True)))
    2

    """
    assumptions = tuple(assumptions)

    def fold(pw):
        kept = []
        for value, cond in pw.args:
            v = True if cond is sympy.true else decide(cond, assumptions)
            if v is None and condition_satisfiable(cond, assumptions) is False:
                v = False   # the branch's region is empty (exact LP on its sign cases)
            if v is False:
                continue
            if v is True:
                kept.append((value, sympy.true))
                break
            kept.append((value, cond))
        if not kept:
            return sympy.nan
        if kept[0][1] is sympy.true:
            return kept[0][0]
        return Piecewise(*kept)

    expr = sympy.sympify(expr)
    return expr.replace(lambda e: isinstance(e, Piecewise), fold)


def _two_player_matrix(game: Game, player: int) -> tuple[list[list], bool]:
    """The player's payoff matrix with the player's actions as rows."""
    if game.n_players != 2:
        raise InvalidGameError(f"Argument 'game' has {game.n_players} players; parametric "
                               "security values are implemented for two-player games.")
    U = game.sympy_array()[player]
    rows = U if player == 0 else U.T
    return [list(r) for r in rows], player == 1


def parametric_security_value(game: Game, player, *, assumptions: Iterable = ()):
    """Deprecated: use ``security_value(game, player, assumptions=...).value``.

    Kept for one release; emits a `DeprecationWarning`.

    Examples
    ========

    >>> import warnings, sympy, symalign as sa
    >>> a, b = sympy.symbols("a b")
    >>> g = sa.Game.from_arrays([[a, b], [b, a]], [[-a, -b], [-b, -a]])
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore", DeprecationWarning)
    ...     sa.parametric_security_value(g, 0) == sa.security_value(g, 0).value
    True

    """
    from symalign.core.deprecation import warn_deprecated
    warn_deprecated("parametric_security_value(game, player, assumptions=...)",
                    "security_value(game, player, assumptions=...).value")
    return mixed_security_closed_form(game, player, assumptions=assumptions)


def mixed_security_closed_form(game: Game, player, *, assumptions=None):
    """The mixed security value of a symbolic 2xm or mx2 game as a closed form with conditions.

    For a 2x2 payoff matrix ``[[a, b], [c, d]]`` (the player's actions as rows) the value is
    ``(ad - bc)/(a + d - b - c)`` where the lines of the two columns cross inside (0, 1) at a
    peak of the lower envelope (no saddle point) and the pure saddle value
    ``max(min(a, b), min(c, d))`` elsewhere (von Neumann's minimax theorem, standard for 2x2 zero-sum games).
    For 2xm (mx2) games the maximum of the concave lower envelope is attained at an endpoint
    or a crossing of two lines; the value is the maximum over those candidates (the minimum over
    the opponent's candidates for mx2, by von Neumann's theorem).

    Examples
    ========

    >>> import sympy, symalign as sa
    >>> a, b, c, d = sympy.symbols("a b c d")
    >>> g = sa.Game.from_arrays([[a, b], [c, d]], [[-a, -b], [-c, -d]])
    >>> from symalign.parametric.solutions import mixed_security_closed_form
    >>> v = mixed_security_closed_form(g, 0)
    >>> v.subs({a: 1, b: -1, c: -1, d: 1})   # matching pennies for the row player
    0
    >>> v.subs({a: 3, b: 1, c: 0, d: 2})     # no saddle point: (6 - 0)/(3 + 2 - 1 - 0)
    3/2
    >>> v.subs({a: 2, b: 1, c: 0, d: -1})    # saddle at (row 0, column 1)
    1

    Returns
    =======

    sympy.Expr
        A ``Piecewise`` (or a single expression when the assumptions decide the case).

    """
    i = game.player_index(player)
    M, _ = _two_player_matrix(game, i)
    A = assumptions_of(game, assumptions)
    m, k = len(M), len(M[0])
    if m == 2 and k == 2:
        (a, b), (c, d) = M
        interior = sympy.And((a - b) * (c - d) < 0, (a - c) * (b - d) < 0)
        value = Piecewise((sympy.cancel((a * d - b * c) / (a + d - b - c)), interior),
                          (sympy.Max(sympy.Min(a, b), sympy.Min(c, d)), True))
        return _resolved(simplify_piecewise(value, A), A)
    if m == 2:
        return _resolved(simplify_piecewise(_envelope(M, maximise=True), A), A)
    if k == 2:
        # v = min_y max_i (y M[i][0] + (1 - y) M[i][1]) by the minimax theorem
        cols = [[M[r][0] for r in range(m)], [M[r][1] for r in range(m)]]
        return _resolved(simplify_piecewise(_envelope(cols, maximise=False), A), A)
    raise InvalidGameError(f"Argument 'game' has shape {game.shape}; parametric security "
                           "values need the player or the opponent to have two actions.")


def _resolved(value, A):
    """With assumptions, resolve the remaining maxima and minima they decide (exact LP)."""
    if not A or not value.has(sympy.Max, sympy.Min):
        return value
    from symalign.engines.symbolic import smax, smin
    return value.replace(lambda e: isinstance(e, (sympy.Max, sympy.Min)),
                         lambda e: (smax if isinstance(e, sympy.Max) else smin)(e.args, A))


def _envelope(M, maximise: bool):
    """max_x min_j (x M0j + (1-x) M1j) (or min_y max_i) over candidate breakpoints, as Max/Min."""
    top, bottom = M
    inner = sympy.Min if maximise else sympy.Max
    outer = sympy.Max if maximise else sympy.Min
    lines = list(zip(top, bottom))

    def env(x):
        return inner(*[x * p + (1 - x) * q for p, q in lines])

    candidates = [env(sympy.Integer(0)), env(sympy.Integer(1))]
    for (p1, q1), (p2, q2) in itertools.combinations(lines, 2):
        den = (p1 - q1) - (p2 - q2)
        if den == 0:
            continue
        x = sympy.cancel((q2 - q1) / den)
        valid = sympy.And(sympy.Ne(den, 0), x >= 0, x <= 1)
        sentinel = -sympy.oo if maximise else sympy.oo
        candidates.append(Piecewise((env(x), valid), (sentinel, True)))
    return outer(*candidates)


@dataclass(frozen=True)
class ConditionalEquilibrium:
    """A mixed equilibrium of a parametric game and the condition under which it is one.

    Examples
    ========

    >>> import sympy, symalign as sa
    >>> x = sympy.Symbol("x")
    >>> g = sa.Game.from_arrays([[x, 0], [0, 1]], [[1, 0], [0, 1]])
    >>> [e.condition for e in sa.nash_equilibria(g)]
    [x >= 0, x > 0, True, Eq(x, 0)]
    """

    profile: MixedProfile
    payoffs: tuple
    condition: sympy.Basic
    supports: tuple = field(default=(), repr=False)
    source: str = field(default=SOURCE_NE, repr=False)

    def _latex(self, printer):
        return (printer._print(self.profile) + r" \quad \text{if } "
                + printer._print(self.condition))


def _generic_equilibria(game: Game, A: tuple) -> tuple[ConditionalEquilibrium, ...]:
    """Support enumeration over equal-size supports (the generic, non-degenerate case).

    For each pair of supports the indifference equations are solved symbolically, and the
    equilibrium holds where every probability in the support is positive and no action outside
    the support does better. Conditions the assumptions refute are dropped, ones they prove
    become ``True``. Degenerate parameter values (a measure-zero set) may carry further
    equilibria that this generic enumeration does not list.
    """
    if game.n_players != 2:
        raise InvalidGameError(f"Argument 'game' has {game.n_players} players; parametric "
                               "equilibria are implemented for two-player games.")
    U = game.sympy_array()
    R, C = U[0], U[1]
    m, n = game.shape
    out = []
    deadline = Deadline("the parametric equilibrium enumeration")
    for size in range(1, min(m, n) + 1):
        for I in itertools.combinations(range(m), size):
            for J in itertools.combinations(range(n), size):
                deadline.check()
                eq = _support_equilibrium(R, C, I, J, m, n, A)
                if eq is not None:
                    out.append(eq)
    return tuple(out)


def _solve_indifference(P, rows, cols):
    """Probabilities y on ``cols`` making every row in ``rows`` indifferent, and the value."""
    k = len(cols)
    ys = sympy.symbols(f"y0:{k}", cls=sympy.Dummy)      # never a game parameter's name
    v = sympy.Dummy("v")
    eqs = [sum(P[r, c] * y for c, y in zip(cols, ys)) - v for r in rows]
    eqs.append(sum(ys) - 1)
    M, rhs = sympy.linear_eq_to_matrix(eqs, [*ys, v])
    det = sympy.factor(M.det())
    if det == 0:
        return None
    sol = M.LUsolve(rhs)
    return [sympy.cancel(s) for s in sol[:k]], sympy.cancel(sol[k]), det


def _support_equilibrium(R, C, I, J, m, n, A):
    col = _solve_indifference(R, I, J)           # column player's mix makes rows in I indifferent
    row = _solve_indifference(C.T, J, I)         # row player's mix makes columns in J indifferent
    if col is None or row is None:
        return None
    y, v, det1 = col
    x, w, det2 = row
    conds = [sympy.Ne(det1, 0), sympy.Ne(det2, 0)] if len(I) > 1 else []
    conds += [p > 0 for p in x + y if not (p.is_number and p > 0)]
    for r in range(m):
        if r not in I:
            conds.append(sympy.cancel(sum(R[r, c] * yc for c, yc in zip(J, y))) <= v)
    for c in range(n):
        if c not in J:
            conds.append(sympy.cancel(sum(C[r, c] * xr for r, xr in zip(I, x))) <= w)
    kept = []
    for cnd in conds:
        if cnd is sympy.true:
            continue
        if cnd is sympy.false:
            return None
        d = decide(cnd, A)
        if d is False:
            return None
        if d is None:
            kept.append(cnd)
    if kept:
        from symalign.parametric.closedforms import conjunction_feasible
        try:
            if conjunction_feasible(kept, A) is False:
                return None
        except ImportError:  # pragma: no cover - the LP module is part of the package
            pass
    cond = sympy.And(*kept) if kept else sympy.true
    xs = [sympy.Integer(0)] * m
    for r, p in zip(I, x):
        xs[r] = p
    yfull = [sympy.Integer(0)] * n
    for c, p in zip(J, y):
        yfull[c] = p
    try:
        profile = MixedProfile([xs, yfull])
    except SymalignError:  # probabilities that can never be valid (e.g. provably negative)
        return None
    return ConditionalEquilibrium(profile, (v, w), cond, (I, J))
