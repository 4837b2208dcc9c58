"""Security (maxmin) values: pure and mixed, with the full set of maxmin strategies (von Neumann's minimax theorem).

The mixed security value of player ``i`` is the value of the maxmin LP (von Neumann's minimax theorem)::

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
from symalign.core.deprecation import warn_deprecated
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

    The stag hunt: pure value 1 with both actions, mixed value 19/10 at
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
        earns at most ``value``. Empty for the mixed value of a symbolic game.
    method : str
    source : str
    conditions : tuple
        Symbolic games, pure value: ``(action, condition)`` for every action that is maxmin
        somewhere, with the condition (simplified under the assumptions) under which it is;
        ``strategies`` then lists the actions whose condition the assumptions prove.

    """

    player: int
    value: sympy.Expr
    strategies: tuple
    mixed: bool
    certificate: tuple = field(repr=False)
    method: str = field(repr=False)
    source: str = field(default=SOURCE_SECURITY, repr=False)
    conditions: tuple = field(default=(), repr=False)


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


def _pure_symbolic(game: Game, i: int, A: tuple, strict: bool) -> SecurityResult:
    U = np.moveaxis(game.sympy_array()[i], i, 0).reshape(game.shape[i], -1)
    others = [k for j, k in enumerate(game.shape) if j != i]
    row_mins = [smin(list(row), A) for row in U]
    value = _pure_value(game, i, A)
    strategies, conditions = [], []
    k, K = U.shape
    method = ("exact symbolic comparison under the game's assumptions; the value as a closed "
              "form over the exact regions")
    if k * (k - 1) * K * K > _MAX_MAXMIN_COMPARISONS and not strict:
        rows = []   # too many comparisons for the conditions of the maxmin actions
        method += (f"; maxmin actions not computed (over {_MAX_MAXMIN_COMPARISONS} "
                   "comparisons: call with strict=True to force them)")
    else:
        rows = list(enumerate(U))
    memo: dict = {}
    for a, row in rows:
        # min(row_a) >= min(row_b) iff every entry of row_a is >= some entry of row_b
        cond = sympy.And(*[sympy.Or(*[sympy.Ge(u, w) for w in U[b]])
                           for b in range(len(U)) if b != a for u in row])
        cond = _decided_atoms(cond, A, memo)
        if cond is sympy.false:
            continue
        if cond is not sympy.true and strict:
            raise UndecidableError(cond, f"whether action {a} is a pure maxmin action of "
                                         f"player {i}")
        conditions.append((a, cond))
        if cond is sympy.true:
            strategies.append(a)
    if strict and value.has(sympy.Piecewise):
        raise UndecidableError(value.args[0][1], f"the pure security value of player {i}")
    cert = []
    for a, row in enumerate(U):
        m = row_mins[a]
        b = next((k for k, v in enumerate(row) if v == m), None)
        cert.append((_opp_profile(others, b) if b is not None else None, m))
    return SecurityResult(i, value, tuple(strategies), False, tuple(cert), method,
                          conditions=tuple(conditions))


#: Symbolic pure security values list the conditions of the maxmin actions only up to this
#: many pairwise payoff comparisons (``k (k - 1) K^2`` for ``k`` actions and ``K`` opponent
#: profiles), each decided under the assumptions.
_MAX_MAXMIN_COMPARISONS = 400


def _decided_atoms(cond, A, memo: dict):
    """Replace each relation the assumptions decide by True or False (decisions memoised)."""
    for r in cond.atoms(sympy.core.relational.Relational):
        if r not in memo:
            memo[r] = decide(r, A)
    return cond.xreplace({r: sympy.true if memo[r] else sympy.false
                          for r in cond.atoms(sympy.core.relational.Relational)
                          if memo[r] is not None})


def _mixed_symbolic(game: Game, i: int, A: tuple, strict: bool) -> SecurityResult:
    from symalign.parametric.solutions import mixed_security_closed_form
    value = mixed_security_closed_form(game, i, assumptions=A)
    if strict and value.has(sympy.Piecewise):
        raise UndecidableError(value.args[0][1], f"the mixed security value of player {i}")
    return SecurityResult(i, value, (), True, (),
                          "closed form by the lower envelope of the 2xm / mx2 LP (the maxmin "
                          "strategies of symbolic games are not computed)")


def _pure_value(game: Game, i: int, A: tuple) -> sympy.Expr:
    """``max_{a_i} min_{a_-i} u_i`` as a closed form: a ``Piecewise`` over the exact regions
    where the assumptions leave the maxima and minima undecided."""
    from symalign.engines.symbolic import closed
    if game.is_numeric:
        return _pure_numeric(game, i).value
    U = np.moveaxis(game.sympy_array()[i], i, 0).reshape(game.shape[i], -1)
    return closed(smax([smin(list(row), A) for row in U], A), A)


def pure_security_value(game: Game, player, *, assumptions=()) -> sympy.Expr:
    """Deprecated: use ``security_value(game, player, mixed=False).value``.

    One function per concept (the API convention): the pure security value is the ``value``
    of the pure `security_value` record, which also lists the maxmin actions and, for symbolic
    games, the condition under which each is maxmin. This alias warns and will be removed in
    the next release.

    Examples
    ========

    >>> import symalign as sa
    >>> sa.security_value(sa.games.stag_hunt(), 0, mixed=False).value
    1

    """
    warn_deprecated("pure_security_value(game, player)",
                    "security_value(game, player, mixed=False).value")
    return security_value(game, player, mixed=False, assumptions=assumptions).value


def _security_lp(game: Game, i: int) -> tuple[_lp._IntLP, tuple, list]:
    """The maxmin LP in integer form: variables (x_0..x_{k-1}, v), rows den*v - num.x <= 0;
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


def security_value(game: Game, player, mixed: bool = True, *, assumptions=None,
                   strict: bool = False) -> SecurityResult:
    """Player's security (maxmin) value with every maxmin strategy (von Neumann's minimax theorem).

    Pure: ``v_i^pure = max_{a_i} min_{a_-i} u_i(a_i, a_-i)``. Mixed: ``v_i = max_x min_{a_-i}
    sum_a x(a) u_i(a, a_-i)``, computed by an exactly verified LP; ``strategies`` are then
    the vertices of the maxmin polytope ``X_i``. For ``n >= 3`` the opponents are treated as
    one coalition choosing joint pure profiles, as in the maxmin LP.

    Examples
    ========

    Battle of the Sexes: pure value 0 with both actions maxmin, mixed value 2/3:

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

    Symbolic games get closed forms (the mixed value for 2xm and mx2 games). The prisoner's
    dilemma family with ``T > R > P > S``: defecting guarantees ``min(T, P) = P`` and
    cooperating only ``S`` (the maxmin value of von Neumann 1928):

    >>> import sympy
    >>> T, R, P, S = sympy.symbols("T R P S")
    >>> pd = sa.games.prisoners_dilemma(T, R, P, S)
    >>> security_value(pd, 0, assumptions=["T > R", R > P, P > S]).value
    P
    >>> r = security_value(pd, 0, mixed=False, assumptions=[T > R, R > P])
    >>> point = {T: 3, R: 2, P: 1, S: 0}
    >>> r.value.subs(point), [(a, c.subs(point)) for a, c in r.conditions]
    (1, [(0, False), (1, True)])

    Parameters
    ==========

    game : Game
    player : int or str
    mixed : bool
        Mixed (default) or pure security value.
    assumptions : relation, str or iterable of them, optional
        Extra assumptions on the parameters of a symbolic game (the forms
        `Game.assuming` takes).
    strict : bool
        For symbolic games: raise `UndecidableError` instead of returning a ``Piecewise``
        value or conditional maxmin actions.

    Returns
    =======

    SecurityResult

    Raises
    ======

    SymalignError
        A mixed security value of a symbolic game in which both players have more than two
        actions (substitute values with ``game.subs``).
    UndecidableError
        With ``strict=True``, a value or maxmin action the assumptions do not decide.

    References
    ==========

    von Neumann's minimax theorem; von Neumann's minimax theorem.

    """
    i = game.player_index(player)
    if not game.is_numeric:
        A = assumptions_of(game, assumptions)
        key = ("security", i, bool(mixed), A, bool(strict))
        if key not in game._cache:
            game._cache[key] = (_mixed_symbolic if mixed else _pure_symbolic)(game, i, A,
                                                                              strict)
        return game._cache[key]
    key = ("security", i, bool(mixed))
    cache = game._cache
    if key in cache:
        return cache[key]
    out = _mixed_numeric(game, i) if mixed else _pure_numeric(game, i)
    cache[key] = out
    return out


def security_values(game: Game, mixed: bool = True, *, assumptions=None
                    ) -> tuple[SecurityResult, ...]:
    """Every player's `security_value`, in player order (von Neumann's minimax theorem).

    Examples
    ========

    The values of docs/discussion/worked-examples.rst: the surplus counterexample's mixed values and the stag hunt's pure values.

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
    return tuple(security_value(game, i, mixed, assumptions=assumptions)
                 for i in range(game.n_players))


def minmax_value(game: Game, player) -> sympy.Expr:
    """The minmax (punishment) value ``min_{mu_-i} max_{a_i} u_i(a_i, mu_-i)`` (von Neumann's minimax theorem).

    Solved as its own LP over distributions ``mu_-i`` of the opponents' pure profiles. For
    two players this is the punishment by the single opponent and equals the mixed security
    value (von Neumann). For ``n >= 3`` the punishers are *correlated* (a joint distribution
    over their profiles); this equals the security value too, whereas independent punishers
    can force no less, and their value may be irrational (not computed here).

    Examples
    ========

    Equal to the mixed security values, as von Neumann's theorem says:

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
