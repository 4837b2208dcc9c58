"""Local alignment metrics: covariance and correlation, Kosoy, Moss and Templarrr (Stavrianos & Turner (2021); Turner's open problem (2021), local metrics).

A *local* metric is a function of the game and a profile (Turner (2021), open problem). Every
function here is exact: profiles may be pure, mixed or correlated, with rational or symbolic
probabilities.
Undefined values (a zero variance, a player who cannot affect another, a payoff-constant game)
raise `symalign.UndefinedMetricError` with the reason — the library-wide choice
(docs/discussion/errata.rst, "Conventions symalign fixed").
"""

from __future__ import annotations

import itertools

from symalign.core.lazy import np
import sympy
from sympy import Integer, ImmutableMatrix, Rational

from symalign.engines.symbolic import decide, is_zero, smax, smin
from symalign.core.deprecation import _is_player, warn_deprecated
from symalign.core.errors import InvalidProfileError, UndecidableError, UndefinedMetricError
from symalign.core.game import Game, assumptions_of
from symalign.core.profiles import CorrelatedProfile, as_correlated

__all__ = [
    "covariance",
    "covariance_matrix",
    "correlation",
    "correlation_matrix",
    "kosoy_alignment",
    "moss_alignment",
    "templarrr_alignment",
    "best_response_cells",
]


def _finish(e):
    e = sympy.sympify(e)
    return sympy.expand(e) if e.free_symbols else e


def _mu(game: Game, profile) -> CorrelatedProfile:
    if isinstance(profile, str):
        if profile == "uniform":
            return CorrelatedProfile.uniform(game.shape)
        raise InvalidProfileError(f"Argument 'profile' is {profile!r}; pass a profile or "
                                  "'uniform' (the global version).")
    return as_correlated(game, profile)


def _moments(game: Game, mu: CorrelatedProfile):
    """Flat probabilities, the flat payoff vectors and the means ``u_i(mu)``."""
    p = list(mu.probabilities.reshape(-1))
    U = game.sympy_array()
    us = [list(U[i].reshape(-1)) for i in range(game.n_players)]
    means = [_finish(sympy.Add(*[a * b for a, b in zip(p, u)])) for u in us]
    return p, us, means


def _cov(p, ui, uj, mi, mj):
    # Cov = E[u_i u_j] - E[u_i] E[u_j]: exact and identical to the centred form
    return _finish(sympy.Add(*[q * a * b for q, a, b in zip(p, ui, uj)]) - mi * mj)


def covariance_matrix(game: Game, profile) -> ImmutableMatrix:
    """The ``n x n`` matrix ``Cov_mu(u_i, u_j)`` of payoff covariances under ``mu``
    (aphyer's answer to Turner (2021)).

    Examples
    ========

    >>> from symalign.normalform.games import prisoners_dilemma
    >>> from symalign.normalform.local_metrics import covariance_matrix
    >>> covariance_matrix(prisoners_dilemma(), [["1/2", "1/2"], ["1/2", "1/2"]])
    Matrix([
    [5/4,  -1],
    [ -1, 5/4]])

    """
    mu = _mu(game, profile)
    p, us, means = _moments(game, mu)
    n = game.n_players
    M = [[None] * n for _ in range(n)]
    for i in range(n):
        for j in range(i, n):
            M[i][j] = M[j][i] = _cov(p, us[i], us[j], means[i], means[j])
    return ImmutableMatrix(M)


def covariance(game: Game, profile, i=None, j=None):
    """``Cov_mu(u_i, u_j) = sum_a mu(a) (u_i(a) - u_i(mu)) (u_j(a) - u_j(mu))`` (Stavrianos & Turner (2021); aphyer on Turner's open problem (2021)).

    With ``i`` and ``j`` omitted: the scalar ``Cov(u_0, u_1)`` for two players, the covariance
    matrix for ``n > 2``. ``profile="uniform"`` gives the global (uniform-cell) version.
    Probabilities may be symbolic; the result is then an expanded polynomial.

    Examples
    ========

    The Prisoner's Dilemma with defection probabilities ``p_0, p_1`` has
    ``Cov = -2 (p_0 (1 - p_0) + p_1 (1 - p_1))``:

    >>> import sympy
    >>> from symalign.normalform.games import prisoners_dilemma
    >>> from symalign.normalform.local_metrics import covariance
    >>> p0, p1 = sympy.symbols("p0 p1")
    >>> pd = prisoners_dilemma()
    >>> c = covariance(pd, [[1 - p0, p0], [1 - p1, p1]])
    >>> sympy.expand(c + 2*(p0*(1 - p0) + p1*(1 - p1)))
    0
    >>> covariance(pd, [["2/3", "1/3"], ["1/2", "1/2"]])
    -17/18

    Parameters
    ==========

    game : Game
    profile : pure, mixed or correlated profile, or ``"uniform"``
    i, j : int or str, optional
        Players.

    Returns
    =======

    sympy.Expr or ImmutableMatrix

    """
    if i is None and j is None:
        if game.n_players == 2:
            i, j = 0, 1
        else:
            return covariance_matrix(game, profile)
    elif i is None or j is None:
        raise InvalidProfileError(f"Arguments 'i' and 'j' must be given together (got i={i!r}, "
                                  f"j={j!r}).")
    i, j = game.player_index(i), game.player_index(j)
    mu = _mu(game, profile)
    p, us, means = _moments(game, mu)
    return _cov(p, us[i], us[j], means[i], means[j])


def _rho(cov_ij, var_i, var_j, i, j, A):
    for k, v in ((i, var_i), (j, var_j)):
        z = is_zero(v, A)
        if z is True:
            raise UndefinedMetricError("correlation", f"the variance of player {k}'s payoff under "
                                       "the profile is 0")
        if z is None:
            raise UndecidableError(sympy.Eq(v, 0), f"whether player {k}'s payoff variance is 0")
    if i == j:
        return Integer(1)
    out = cov_ij / sympy.sqrt(var_i * var_j)
    if out.free_symbols:
        return out
    return sympy.radsimp(out)


def correlation(game: Game, profile, i=None, j=None, *, assumptions=()):
    """``rho_mu(u_i, u_j) = Cov / sqrt(Var u_i Var u_j)``, exact (Stavrianos & Turner (2021); aphyer on Turner's open problem (2021)).

    Undefined (raises `UndefinedMetricError`) when either variance is 0, e.g. at every pure
    profile. With ``i``, ``j`` omitted: a scalar for two players, the matrix for ``n > 2``.

    Examples
    ========

    >>> from symalign.normalform.games import prisoners_dilemma, surplus_counterexample
    >>> from symalign.normalform.local_metrics import correlation
    >>> correlation(prisoners_dilemma(), [["1/2", "1/2"], ["1/2", "1/2"]])
    -4/5
    >>> correlation(surplus_counterexample(), "uniform")
    3*sqrt(13)/13
    >>> correlation(prisoners_dilemma(), ("C", "D"))
    Traceback (most recent call last):
    ...
    symalign.UndefinedMetricError: correlation is undefined: the variance of player 0's payoff under the profile is 0

    Returns
    =======

    sympy.Expr or ImmutableMatrix

    Raises
    ======

    UndefinedMetricError
        When a variance is 0.

    """
    A = assumptions_of(game, assumptions)
    if i is None and j is None and game.n_players != 2:
        C = covariance_matrix(game, profile)
        n = game.n_players
        return ImmutableMatrix([[_rho(C[a, b], C[a, a], C[b, b], a, b, A) for b in range(n)]
                                for a in range(n)])
    if i is None and j is None:
        i, j = 0, 1
    elif i is None or j is None:
        raise InvalidProfileError(f"Arguments 'i' and 'j' must be given together (got i={i!r}, "
                                  f"j={j!r}).")
    i, j = game.player_index(i), game.player_index(j)
    mu = _mu(game, profile)
    p, us, means = _moments(game, mu)
    return _rho(_cov(p, us[i], us[j], means[i], means[j]),
                _cov(p, us[i], us[i], means[i], means[i]),
                _cov(p, us[j], us[j], means[j], means[j]), i, j, A)


def correlation_matrix(game: Game, profile, *, assumptions=()) -> ImmutableMatrix:
    """The ``n x n`` correlation matrix; undefined if any variance is 0.

    Examples
    ========

    >>> from symalign.normalform.games import matching_pennies
    >>> from symalign.normalform.local_metrics import correlation_matrix
    >>> correlation_matrix(matching_pennies(), "uniform")
    Matrix([
    [ 1, -1],
    [-1,  1]])

    """
    C = covariance_matrix(game, profile)
    A = assumptions_of(game, assumptions)
    n = game.n_players
    return ImmutableMatrix([[_rho(C[a, b], C[a, a], C[b, b], a, b, A) for b in range(n)]
                            for a in range(n)])


def _deviation_values(game: Game, mu: CorrelatedProfile, i: int, j: int) -> list:
    """``u_i(a_j', mu_{-j})`` for every action ``a_j'`` of ``j``, with ``mu_{-j}`` the marginal of
    ``mu`` on the other players (for a mixed profile, the others' product strategy)."""
    P = mu.probabilities
    marg = P.sum(axis=j)           # distribution over A_{-j}
    U = game.sympy_array()[i]
    out = []
    for b in range(game.shape[j]):
        Ub = np.take(U, b, axis=j)
        out.append(_finish(sympy.Add(*[x * y for x, y in zip(marg.reshape(-1),
                                                             Ub.reshape(-1))])))
    return out


def kosoy_alignment(game: Game, j, i, profile=None, *, assumptions=()):
    """Kosoy's ``a_{j/i}``: how well player ``j``'s choice serves player ``i`` (Kosoy's answer to Turner's open problem (2021)).

    ``a_{j/i}(sigma) = (u_i(sigma) - min_b u_i(b, sigma_{-j})) / (max_b u_i(b, sigma_{-j})
    - min_b u_i(b, sigma_{-j}))``, in ``[0, 1]``, with ``b`` ranging over ``j``'s pure actions
    (the n-player form of Kosoy's answer to Turner (2021)). It does not depend on ``u_j``. For a
    correlated profile the
    deviation payoffs use the marginal of ``mu`` on the other players [choice]. Undefined when
    ``j`` cannot affect ``i``'s payoff given the others (zero denominator).

    Examples
    ========

    >>> from symalign.normalform.games import prisoners_dilemma, battle_of_the_sexes, matching_pennies
    >>> from symalign.normalform.local_metrics import kosoy_alignment
    >>> pd = prisoners_dilemma()
    >>> [kosoy_alignment(pd, 1, 0, a) for a in [("C", "C"), ("C", "D"), ("D", "C"), ("D", "D")]]
    [1, 0, 1, 0]
    >>> kosoy_alignment(battle_of_the_sexes(), 1, 0, [["2/3", "1/3"], ["1/3", "2/3"]])
    1/3
    >>> kosoy_alignment(matching_pennies(), 1, 0, [["1/2", "1/2"], ["1/2", "1/2"]])
    Traceback (most recent call last):
    ...
    symalign.UndefinedMetricError: kosoy_alignment is undefined: player 1 cannot affect player 0's payoff given the other players' strategies

    Parameters
    ==========

    game : Game
    profile : pure, mixed or correlated profile
    j : int or str
        The player whose choice is judged (Kosoy's B).
    i : int or str
        The player served (Kosoy's A).

    Returns
    =======

    sympy.Expr

    """
    if not _is_player(j) and _is_player(profile):   # the old order (game, profile, j, i)
        warn_deprecated("kosoy_alignment(game, profile, j, i)", "kosoy_alignment(game, j, i, profile)")
        j, i, profile = i, profile, j
    j, i = game.player_index(j), game.player_index(i)
    A = assumptions_of(game, assumptions)
    mu = _mu(game, profile)
    vals = _deviation_values(game, mu, i, j)
    hi, lo = smax(vals, A), smin(vals, A)
    den = _finish(hi - lo)
    z = is_zero(den, A)
    if z is True:
        raise UndefinedMetricError("kosoy_alignment", f"player {j} cannot affect player {i}'s "
                                   "payoff given the other players' strategies")
    if z is None:
        raise UndecidableError(sympy.Eq(den, 0), f"whether player {j} can affect player {i}")
    from symalign.core.profiles import expected_payoff
    ui = expected_payoff(game, i, mu)
    out = (ui - lo) / den
    return sympy.cancel(out) if out.free_symbols else out


def moss_alignment(game: Game, profile, *, assumptions=()):
    """Moss's coefficient ``a(mu) = (W(mu) - W_min) / (U* - W_min)`` in ``[0, 1]`` (Moss's answer to Turner's open problem (2021)).

    Undefined iff ``U* = W_min``, i.e. iff the game is payoff-constant.

    Examples
    ========

    >>> from symalign.normalform.games import prisoners_dilemma, chicken
    >>> from symalign.normalform.local_metrics import moss_alignment
    >>> moss_alignment(prisoners_dilemma(), ("C", "C")), moss_alignment(prisoners_dilemma(), ("C", "D"))
    (1/2, 1/4)
    >>> moss_alignment(chicken(), {("C", "C"): "1/2", ("C", "D"): "1/4", ("D", "C"): "1/4"})
    3/4

    Raises
    ======

    UndefinedMetricError
        On payoff-constant games.

    """
    from symalign.normalform.ca import min_welfare, utopia_welfare, welfare
    A = tuple(assumptions)
    wmin = min_welfare(game, assumptions=A)
    ustar = utopia_welfare(game, assumptions=A)
    den = _finish(ustar - wmin)
    z = is_zero(den, tuple(game.assumptions) + A)
    if z is True:
        raise UndefinedMetricError("moss_alignment", "U* = W_min: the game is payoff-constant")
    if z is None:
        raise UndecidableError(sympy.Eq(den, 0), "whether the game is payoff-constant")
    out = (welfare(game, _mu(game, profile)) - wmin) / den
    return sympy.cancel(out) if out.free_symbols else out


def best_response_cells(game: Game, player, *, assumptions=()) -> dict:
    """``BR_i``: the cells in which ``player`` best-responds, mapped to the tie size ``K``
    (Templarrr's answer to Turner (2021)).

    Returns ``{a: K}`` where ``K = |argmax_{a_i'} u_i(a_i', a_{-i})|``; ties are included.

    Examples
    ========

    >>> from symalign.normalform.games import prisoners_dilemma
    >>> from symalign.normalform.local_metrics import best_response_cells
    >>> best_response_cells(prisoners_dilemma(), 0)
    {(1, 0): 1, (1, 1): 1}

    """
    i = game.player_index(player)
    A = assumptions_of(game, assumptions)
    U = game.sympy_array()[i]
    out = {}
    others = [range(k) for q, k in enumerate(game.shape) if q != i]
    cells = []
    for rest in itertools.product(*others):
        col = []
        for b in range(game.shape[i]):
            a = rest[:i] + (b,) + rest[i:]
            col.append((a, U[a]))
        if all(v.is_Rational for _, v in col):
            m = max(v for _, v in col)
            best = [a for a, v in col if v == m]
        else:
            best = []
            for a, v in col:
                conds = [decide(sympy.Ge(v, w), A) for b2, w in col if b2 != a]
                if all(c is True for c in conds):
                    best.append(a)
                elif any(c is None for c in conds) and not any(c is False for c in conds):
                    raise UndecidableError(sympy.And(*[sympy.Ge(v, w) for b2, w in col
                                                       if b2 != a]),
                                           f"whether player {i} best-responds at {a}")
        for a in best:
            cells.append((a, len(best)))
    for a, k in sorted(cells):
        out[a] = k
    return out


def templarrr_alignment(game: Game, i=None, j=None, *, weighted: bool = False, assumptions=()):
    """Templarrr's shared-best-response fractions (Templarrr's answer to Turner's open problem (2021)), exact.

    With ``i`` and ``j``: the directional ``al_{i->j} = |BR_i ∩ BR_j| / |BR_i|``. Without them:
    the game-level ``al = |∩_i BR_i| / |∪_i BR_i|`` (for two players Templarrr's
    ``|BR_0 ∩ BR_1| / |BR_0 ∪ BR_1|``; the ``n``-player intersection/union form is a
    [choice]). ``BR_0 ∩ ... ∩ BR_{n-1}`` is the set of pure Nash equilibria. The default is the
    set version (ties included as whole cells); ``weighted=True`` gives the weighted
    directional variant ``sum_a w_i(a) [a in BR_j] / |A_{-i}|`` with ``w_i(a) = 1/K`` on a tie of
    ``K`` cells. The source gives no game-level weighted formula, so ``weighted=True`` needs
    ``i`` and ``j``.

    Examples
    ========

    >>> from symalign.normalform.games import prisoners_dilemma, chicken, templarrr_flag
    >>> from symalign.normalform.local_metrics import templarrr_alignment
    >>> templarrr_alignment(prisoners_dilemma(), 0, 1), templarrr_alignment(prisoners_dilemma())
    (1/2, 1/3)
    >>> templarrr_alignment(chicken()), templarrr_alignment(templarrr_flag())   # the flags
    (1, 1/3)

    Returns
    =======

    sympy.Rational

    Raises
    ======

    UndefinedMetricError
        For ``weighted=True`` without ``i`` and ``j``.

    """
    if (i is None) != (j is None):
        raise InvalidProfileError(f"Arguments 'i' and 'j' must be given together (got i={i!r}, "
                                  f"j={j!r}).")
    BR = [best_response_cells(game, k, assumptions=assumptions) for k in range(game.n_players)]
    if i is not None:
        i, j = game.player_index(i), game.player_index(j)
        if weighted:
            others = game.n_outcomes // game.shape[i]
            total = sum((Rational(1, K) for a, K in BR[i].items() if a in BR[j]), Integer(0))
            return total / others
        return Rational(len(set(BR[i]) & set(BR[j])), len(BR[i]))
    if weighted:
        raise UndefinedMetricError("templarrr_alignment", "the source gives no game-level "
                                   "weighted formula; pass i and j for the weighted directional "
                                   "variant")
    sets = [set(b) for b in BR]
    inter = set.intersection(*sets)
    union = set.union(*sets)
    return Rational(len(inter), len(union))
