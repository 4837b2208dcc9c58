"""Security (maxmin) values: pure and mixed, with the full set of maxmin strategies (von Neumann's minimax theorem).

The mixed security value of player ``i`` is the value of the LP of §8::

    maximise v  subject to  sum_a x(a) u_i(a, b) >= v  for every opponent profile b,
                            sum_a x(a) == 1,  x >= 0,  v free,

solved exactly by `symalign.engines.lp.solve_lp` (HiGHS-guided, exactly re-solved and verified).
The set ``X_i`` of maxmin strategies is a polytope; `security_value` returns all its
vertices, and a certificate: one optimal strategy together with an optimal *punishing*
distribution over opponent profiles (the LP dual), which proves that no strategy
guarantees more.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import sympy

from symalign.engines import lp as _lp
from symalign.core.lazy import np
from symalign.engines.symbolic import decide, smax, smin
from symalign.core.errors import UndecidableError
from symalign.core.game import Game, assumptions_of, require_numeric

__all__ = [
    "pure_maxmin_profiles",
    "pure_security_value","security_value", "security_values", "minmax_value", "SecurityResult"]

SOURCE_SECURITY = "von Neumann's minimax theorem"


@dataclass(frozen=True)
class SecurityResult:
    """A player's security value with every maxmin strategy and a certificate (von Neumann's minimax theorem).

    Examples
    ========

    The stag hunt (§5 table): pure value 1 with both actions, mixed value 19/10 at
    (9/10, 1/10).

    >>> import symalign as sa
    >>> from symalign.normalform.security import security_value
    >>> security_value(sa.games.stag_hunt(), 0, mixed=False)
    SecurityResult(player=0, value=1, strategies=(0, 1), mixed=False)
    >>> r = security_value(sa.games.stag_hunt(), 0)
    >>> r.value, r.strategies, r.method
    (19/10, ((9/10, 1/10),), 'LP: highs+exact verification')

    Attributes
    ==========

    player : int
    value : sympy.Expr
        ``v_i`` (mixed) or ``v_i^pure``.
    strategies : tuple
        Pure: every pure maxmin action (indices, increasing). Mixed: every vertex of the
        polytope ``X_i`` of maxmin strategies, each a tuple of exact probabilities, in
        lexicographic order.
    mixed : bool
    certificate : tuple
        Pure: for every action ``a_i``, ``(b, u_i(a_i, b))`` with ``b`` the first (row-major)
        opponent profile minimising ``u_i(a_i, .)`` — so no action guarantees more than
        ``value``. Mixed: ``(x, punisher)`` with ``x`` an optimal strategy (it guarantees
        ``value`` against every opponent profile) and ``punisher`` a tuple of
        ``(opponent profile, probability)`` pairs, a distribution against which every action
        earns at most ``value``.
    method : str
    source : str

    """

    player: int
    value: sympy.Expr
    strategies: tuple
    mixed: bool
    certificate: tuple = field(repr=False)
    method: str = field(repr=False)
    source: str = field(default=SOURCE_SECURITY, repr=False)


def _opponent_matrix(game: Game, i: int):
    """Player i's payoffs as (numerators (k_i, K), denominator, opponent profiles)."""
    ex = game.exact_arrays()[i]
    num = np.moveaxis(ex.num, i, 0).reshape(game.shape[i], -1)
    others = [k for j, k in enumerate(game.shape) if j != i]
    return num, ex.den, others


def _opp_profile(others, flat: int) -> tuple[int, ...]:
    if not others:
        return ()
    return tuple(int(v) for v in np.unravel_index(flat, others))


def _pure_numeric(game: Game, i: int) -> SecurityResult:
    num, den, others = _opponent_matrix(game, i)
    mins = num.min(axis=1)
    arg = num.argmin(axis=1)
    best = mins.max()
    value = _lp._rat(int(best), den)
    strategies = tuple(int(a) for a in np.flatnonzero(mins == best))
    cert = tuple((_opp_profile(others, int(arg[a])), _lp._rat(int(mins[a]), den))
                 for a in range(num.shape[0]))
    return SecurityResult(i, value, strategies, False, cert, "exact enumeration")


def _pure_symbolic(game: Game, i: int) -> SecurityResult:
    U = np.moveaxis(game.sympy_array()[i], i, 0).reshape(game.shape[i], -1)
    others = [k for j, k in enumerate(game.shape) if j != i]
    A = tuple(game.assumptions)
    row_mins = [smin(list(row), A) for row in U]
    value = smax(row_mins, A)
    strategies = []
    for a, m in enumerate(row_mins):
        verdict = decide(sympy.Eq(m, value), A) if m != value else True
        if verdict is None:
            raise UndecidableError(sympy.Eq(m, value),
                                   f"whether action {a} is a pure maxmin action of player {i}")
        if verdict:
            strategies.append(a)
    cert = []
    for a, row in enumerate(U):
        m = row_mins[a]
        b = next((k for k, v in enumerate(row) if v == m), None)
        cert.append((_opp_profile(others, b) if b is not None else None, m))
    return SecurityResult(i, value, tuple(strategies), False, tuple(cert),
                          "exact symbolic comparison under the game's assumptions")


def pure_security_value(game: Game, player, *, assumptions=()) -> sympy.Expr:
    """The pure security value ``max_{a_i} min_{a_-i} u_i`` as a closed form (von Neumann's minimax theorem).

    For numeric games a number; for symbolic games a single expression where the assumptions
    decide the maxima and minima, else a ``Piecewise`` over the exact regions (see
    `symalign.regions`). Unlike `security_value` it never needs to decide which actions are
    maxmin, so it works on the whole parameter space.

    Examples
    ========

    >>> import sympy, symalign as sa
    >>> x = sympy.Symbol("x")
    >>> g = sa.Game.from_arrays([[x, 0], [1, 2]], [[0, 1], [1, 0]])
    >>> sa.pure_security_value(g, 0)
    1
    >>> y = sympy.Symbol("y")
    >>> h = sa.Game.from_arrays([[y, 3], [1, 2]], [[0, 1], [1, 0]])
    >>> sa.pure_security_value(h, 0)
    Piecewise((3, y >= 3), (1, y <= 1), (y, True))
    >>> sa.pure_security_value(h, 0, assumptions=[y > 5])
    3
    >>> sa.pure_security_value(sa.games.stag_hunt(), 0)
    1

    """
    from symalign.engines.symbolic import closed
    i = game.player_index(player)
    if game.is_numeric:
        return _pure_numeric(game, i).value
    A = assumptions_of(game, assumptions)
    U = np.moveaxis(game.sympy_array()[i], i, 0).reshape(game.shape[i], -1)
    return closed(smax([smin(list(row), A) for row in U], A), A)


def _security_lp(game: Game, i: int) -> tuple[_lp._IntLP, tuple, list]:
    """The §8 LP in integer form: variables (x_0..x_{k-1}, v), rows den*v - num.x <= 0;
    with the LP's user-form inputs and the opponents' profiles (one per row)."""
    num, den, others = _opponent_matrix(game, i)
    k, K = num.shape
    if num.dtype == object or int(np.abs(num).max(initial=0)) >= 2**31 or den >= 2**31:
        A_ub = np.empty((K, k + 1), dtype=object)
        A_ub[:, :k] = -num.T.astype(object)
        A_ub[:, k] = den
    else:
        A_ub = np.empty((K, k + 1), dtype=np.int64)
        A_ub[:, :k] = -num.T
        A_ub[:, k] = den
    A_eq = np.ones((1, k + 1), dtype=np.int64)
    A_eq[0, k] = 0
    c = np.zeros(k + 1, dtype=np.int64)
    c[k] = 1
    b_ub = np.zeros(K, dtype=np.int64)
    b_eq = np.ones(1, dtype=np.int64)
    A = np.vstack([A_ub, A_eq])   # object dtype when A_ub is
    free = np.zeros(k + 1, dtype=bool)
    free[k] = True
    P = _lp._IntLP([0] * k + [-1], A, [0] * K + [1], K, free, -1, 1, [1] * (K + 1))
    inputs = (c, A_ub, b_ub, A_eq, b_eq, True, (k,))
    return P, inputs, others


def _mixed_numeric(game: Game, i: int) -> SecurityResult:
    P, inputs, others = _security_lp(game, i)
    res = _lp._solve_int(P, inputs, True)
    if res.status != "optimal":  # pragma: no cover - the security LP is feasible and bounded
        raise RuntimeError(f"symalign.normalform.security: the security LP is {res.status}")
    k = game.shape[i]
    vertices = _lp._face_vertices(P, res)
    strategies = tuple(sorted(tuple(v[:k]) for v in vertices))
    # every inequality row is den * (v - u_i(x, b)) <= 0, so the punishing distribution is the
    # normalised inequality duals (computed in integers; optimal results always carry them)
    Y = res._int_duals[0][:P.m_ub]
    total = sum(Y)
    punisher = tuple((_opp_profile(others, b), _lp._rat(q, total))
                     for b, q in enumerate(Y) if q != 0)
    cert = (tuple(res.x[:k]), punisher)
    return SecurityResult(i, res.value, strategies, True, cert, "LP: " + res.method)


def security_value(game: Game, player, mixed: bool = True) -> SecurityResult:
    """Player's security (maxmin) value with every maxmin strategy (von Neumann's minimax theorem).

    Pure: ``v_i^pure = max_{a_i} min_{a_-i} u_i(a_i, a_-i)``. Mixed: ``v_i = max_x min_{a_-i}
    sum_a x(a) u_i(a, a_-i)``, computed by an exactly verified LP; ``strategies`` are then
    the vertices of the maxmin polytope ``X_i``. For ``n >= 3`` the opponents are treated as
    one coalition choosing joint pure profiles, as in §8.

    Examples
    ========

    Battle of the Sexes, §5 table: pure value 0 with both actions maxmin, mixed value 2/3:

    >>> import symalign as sa
    >>> from symalign.normalform.security import security_value
    >>> bos = sa.games.battle_of_the_sexes()
    >>> security_value(bos, 0, mixed=False)
    SecurityResult(player=0, value=0, strategies=(0, 1), mixed=False)
    >>> r = security_value(bos, 0)
    >>> r.value, r.strategies
    (2/3, ((1/3, 2/3),))
    >>> r.certificate                  # optimal x, and the punishing column mix
    ((1/3, 2/3), (((0,), 1/3), ((1,), 2/3)))

    Matching Pennies: pure -1 (both actions), mixed 0 at (1/2, 1/2):

    >>> mp = sa.games.matching_pennies()
    >>> security_value(mp, 1, mixed=False).value, security_value(mp, 1).strategies
    (-1, ((1/2, 1/2),))

    Parameters
    ==========

    game : Game
    player : int or str
    mixed : bool
        Mixed (default) or pure security value.

    Returns
    =======

    SecurityResult

    Raises
    ======

    SymalignError
        A mixed security value of a game with symbolic payoffs was requested (use
        `symalign.parametric_security_value` for small symbolic games, or substitute values).
    UndecidableError
        Pure maxmin actions of a symbolic game that the assumptions do not decide.

    References
    ==========

    von Neumann's minimax theorem; von Neumann's minimax theorem.

    """
    i = game.player_index(player)
    key = ("security", i, bool(mixed))
    cache = game._cache
    if key in cache:
        return cache[key]
    if not mixed:
        out = _pure_numeric(game, i) if game.is_numeric else _pure_symbolic(game, i)
    else:
        require_numeric(game, "a mixed security value",
                        "use symalign.parametric_security_value for 2xm and mx2 symbolic "
                        "games, game.subs(...) to substitute values, or mixed=False for the "
                        "pure value")
        out = _mixed_numeric(game, i)
    cache[key] = out
    return out


def security_values(game: Game, mixed: bool = True) -> tuple[SecurityResult, ...]:
    """Every player's `security_value`, in player order (von Neumann's minimax theorem).

    Examples
    ========

    The §5 table: the surplus counterexample's mixed values and the stag hunt's pure values.

    >>> import symalign as sa
    >>> from symalign.normalform.security import security_values
    >>> [r.value for r in security_values(sa.games.surplus_counterexample())]
    [2, 1]
    >>> [r.value for r in security_values(sa.games.stag_hunt(), mixed=False)]
    [1, 1]

    Parameters
    ==========

    game : Game
    mixed : bool
        Mixed (default) or pure security values.

    Returns
    =======

    tuple of SecurityResult

    """
    return tuple(security_value(game, i, mixed) for i in range(game.n_players))


def minmax_value(game: Game, player) -> sympy.Expr:
    """The minmax (punishment) value ``min_{mu_-i} max_{a_i} u_i(a_i, mu_-i)`` (von Neumann's minimax theorem).

    Solved as its own LP over distributions ``mu_-i`` of the opponents' pure profiles. For
    two players this is the punishment by the single opponent and equals the mixed security
    value (von Neumann). For ``n >= 3`` the punishers are *correlated* (a joint distribution
    over their profiles); this equals the security value too, whereas independent punishers
    can force no less, and their value may be irrational (not computed here).

    Examples
    ========

    Equal to the §5 security values, as von Neumann's theorem says:

    >>> import symalign as sa
    >>> from symalign.normalform.security import minmax_value
    >>> minmax_value(sa.games.stag_hunt(), 0), minmax_value(sa.games.chicken(), 1)
    (19/10, 2)

    Parameters
    ==========

    game : Game
        A numeric game with any number of players.
    player : int or str

    Returns
    =======

    sympy.Rational
        The exact minmax value (its LP is verified like every LP in symalign).

    Raises
    ======

    SymalignError
        For games with symbolic payoffs.

    """
    i = game.player_index(player)
    require_numeric(game, "minmax_value")
    num, den, _ = _opponent_matrix(game, i)
    k, K = num.shape
    # variables (mu_0..mu_{K-1}, w): minimise w s.t. sum_b mu_b num[a, b] - den*w <= 0 for all a
    A_ub = np.empty((k, K + 1), dtype=object)
    A_ub[:, :K] = num.astype(object)
    A_ub[:, K] = -den
    A_eq = [[1] * K + [0]]
    res = _lp.solve_lp([0] * K + [1], A_ub, [0] * k, A_eq, [1], free=[K])
    return res.value


def pure_maxmin_profiles(game: Game) -> tuple[tuple[int, ...], ...]:
    """Every profile ``a0`` of pure maxmin actions: the reference point of the surplus.

    Stavrianos and Turner (2021, "Game-theoretic Alignment in terms of Attainable Utility")
    measure surplus as ``u_i(a) - u_i(a0)`` with ``a0`` "the natural strategy profile of
    maxmin". Each player's pure maxmin actions maximise ``min_{a_-i} u_i``; they are often
    not unique (Matching Pennies, Battle of the Sexes, Stag Hunt), so ``a0`` is any profile
    in their product, and all of them are returned, in row-major order.

    Examples
    ========

    >>> import symalign as sa
    >>> g = sa.games.surplus_counterexample()
    >>> [tuple(g.actions[i][a] for i, a in enumerate(p)) for p in sa.pure_maxmin_profiles(g)]
    [('Y', 'R')]
    >>> sa.pure_maxmin_profiles(sa.games.battle_of_the_sexes())   # both actions, both players
    ((0, 0), (0, 1), (1, 0), (1, 1))

    Parameters
    ==========

    game : Game
        Numeric, or symbolic with assumptions that decide every comparison.

    Returns
    =======

    tuple of tuples of int

    Raises
    ======

    UndecidableError
        When the assumptions do not decide whether an action is a pure maxmin action.

    """
    per_player = [security_value(game, i, mixed=False).strategies
                  for i in range(game.n_players)]
    return tuple(itertools.product(*per_player))
