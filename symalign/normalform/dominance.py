"""Dominated strategies and their iterated elimination, exactly, for any number of players.

Player ``i``'s action ``a`` is *strictly dominated* by a mixed strategy ``sigma`` of ``i``
when ``u_i(sigma, a_-i) > u_i(a, a_-i)`` for every opponents' profile ``a_-i``, and *weakly
dominated* when ``>=`` holds everywhere and ``>`` somewhere (Osborne and Rubinstein 1994,
Def. 60.2 and Sec. 4.3). Domination by a pure action is checked first, on the integer payoff
numerators; domination by a mixed strategy is an LP, solved and verified exactly by
`symalign.engines.lp.solve_lp`:

- strict: maximise ``e`` subject to ``sum_b sigma_b u_i(b, c) - u_i(a, c) >= e`` for every
  ``c``, ``sigma`` a distribution with ``sigma_a = 0``; dominated iff ``e > 0``;
- weak: maximise ``sum_c (sum_b sigma_b u_i(b, c) - u_i(a, c))`` subject to every term
  being ``>= 0``; dominated iff the LP is feasible with a positive optimum.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy

from symalign.core.config import Deadline
from symalign.core.errors import InvalidGameError
from symalign.core.game import Game
from symalign.core.lazy import np
from symalign.engines.lp import solve_lp

__all__ = ["DominatedStrategy", "IteratedElimination", "dominated_strategies",
           "iterated_elimination"]

METHOD_PURE = "exact comparison with every pure action (integer payoff numerators)"
METHOD_MIXED = ("exact comparison with every pure action, then an exact LP per remaining action "
                "(HiGHS as a guide, verified by duality; symalign.engines.lp)")
ORDER_STRICT = ("every strictly dominated action of every player removed in each round (the "
                "result does not depend on the order)")
ORDER_WEAK = ("every weakly dominated action of every player removed simultaneously in each "
              "round, in the order recorded (the result can depend on the order)")


@dataclass(frozen=True)
class DominatedStrategy:
    """A dominated action and a strategy that dominates it.

    Attributes
    ==========

    player : int
    action : int
        The action's index in the game it was found in (the original game's indices for
        `iterated_elimination`).
    label : str
        The action's name.
    dominator : tuple of sympy.Rational
        A dominating mixed strategy over the same player's actions (same indexing as
        ``action``; a pure action when one dominates).
    strict : bool
        Strict (True) or weak (False) dominance.
    round : int
        The elimination round (0 for `dominated_strategies`).


    Examples
    ========

    In the prisoner's dilemma defection strictly dominates cooperation for both players:

    >>> import symalign as sa
    >>> d = sa.dominated_strategies(sa.games.prisoners_dilemma())
    >>> [(x.player, x.label, x.dominator, x.strict) for x in d]
    [(0, 'C', (0, 1), True), (1, 'C', (0, 1), True)]

    """

    player: int
    action: int
    label: str
    dominator: tuple
    strict: bool
    round: int = 0


@dataclass(frozen=True)
class IteratedElimination:
    """The outcome of iterated elimination of dominated strategies.

    Attributes
    ==========

    game : Game
        The reduced game, with the original player and action names.
    surviving : tuple of tuples of int
        Each player's surviving actions, as indices into the original game.
    eliminated : tuple of DominatedStrategy
        What was removed, in order (round by round, player by player).
    strict : bool
    mixed : bool
        Whether mixed strategies could dominate.
    order : str
        The elimination order used.
    method : str


    Examples
    ========

    >>> import symalign as sa
    >>> it = sa.iterated_elimination(sa.games.prisoners_dilemma())
    >>> it.surviving, it.game.actions
    (((1,), (1,)), (('D',), ('D',)))

    """

    game: Game = field(repr=False)
    surviving: tuple
    eliminated: tuple = field(repr=False)
    strict: bool
    mixed: bool
    order: str = field(repr=False)
    method: str = field(repr=False)


def _numerators(game: Game) -> list:
    if not isinstance(game, Game):
        raise InvalidGameError(f"Argument 'game' must be a Game, not {type(game).__name__}.")
    if not game.is_numeric:
        raise InvalidGameError(f"Argument 'game' has symbolic payoffs "
                               f"{sorted(map(str, game.free_symbols))}; dominance needs "
                               "numbers: substitute values with game.subs(...).")
    return [ex.num for ex in game.exact_arrays()]


def _rows(U: np.ndarray, i: int, alive: list[list[int]]) -> np.ndarray:
    """Player ``i``'s payoffs as a matrix: one row per live action of ``i``, one column per
    live opponents' profile."""
    sub = U[np.ix_(*alive)]
    return np.moveaxis(sub, i, 0).reshape(len(alive[i]), -1)


def _pure_dominator(R: np.ndarray, a: int, strict: bool) -> int | None:
    ra = R[a]
    for b in range(R.shape[0]):
        if b == a:
            continue
        rb = R[b]
        if strict:
            if bool(np.all(rb > ra)):
                return b
        elif bool(np.all(rb >= ra)) and bool(np.any(rb > ra)):
            return b
    return None


def _mixed_dominator(R: np.ndarray, a: int, strict: bool) -> list | None:
    """An exact dominating distribution over the rows of ``R`` (with weight 0 on ``a``), or
    None. Variables: ``sigma`` (one per row), and ``e`` (free) for strict dominance."""
    k, c = R.shape
    others = [b for b in range(k) if b != a]
    if not others:
        return None
    M = [[int(v) for v in row] for row in R.tolist()]
    ra = M[a]
    cols = [[M[b][j] for b in others] for j in range(c)]
    if strict:
        # -(sum_b sigma_b R[b, j]) + e <= -R[a, j]
        A_ub = [[-v for v in cols[j]] + [1] for j in range(c)]
        b_ub = [-ra[j] for j in range(c)]
        res = solve_lp([0] * len(others) + [1], A_ub=A_ub, b_ub=b_ub,
                       A_eq=[[1] * len(others) + [0]], b_eq=[1], maximize=True,
                       free=[len(others)])
        if res.status != "optimal" or not res.value > 0:
            return None
    else:
        A_ub = [[-v for v in cols[j]] for j in range(c)]
        b_ub = [-ra[j] for j in range(c)]
        obj = [sum(cols[j][q] for j in range(c)) for q in range(len(others))]
        res = solve_lp(obj, A_ub=A_ub, b_ub=b_ub, A_eq=[[1] * len(others)], b_eq=[1],
                       maximize=True)
        if res.status != "optimal" or not res.value > sum(ra):
            return None
    sigma = [sympy.Integer(0)] * k
    for q, b in enumerate(others):
        sigma[b] = res.x[q]
    return sigma


def _find(U: list, alive: list[list[int]], players, strict: bool, mixed: bool,
          actions, rnd: int, deadline: Deadline) -> list[DominatedStrategy]:
    out = []
    for i in players:
        R = _rows(U[i], i, alive)
        for a in range(R.shape[0]):
            deadline.check()
            b = _pure_dominator(R, a, strict)
            if b is not None:
                sigma = [sympy.Integer(1) if q == b else sympy.Integer(0)
                         for q in range(R.shape[0])]
            elif mixed and R.shape[0] > 2:
                sigma = _mixed_dominator(R, a, strict)
            else:
                sigma = None
            if sigma is None:
                continue
            k_i = len(actions[i])
            full = [sympy.Integer(0)] * k_i
            for q, orig in enumerate(alive[i]):
                full[orig] = sigma[q]
            orig_a = alive[i][a]
            out.append(DominatedStrategy(i, orig_a, actions[i][orig_a], tuple(full), strict,
                                         rnd))
    return out


def dominated_strategies(game: Game, player=None, *, strict: bool = True,
                         mixed: bool = True) -> tuple[DominatedStrategy, ...]:
    """Every dominated action of a player (or of every player), with a dominating strategy.

    Player ``i``'s action ``a`` is strictly dominated when some strategy of ``i`` earns
    strictly more against every opponents' profile, weakly dominated when it earns at least
    as much everywhere and strictly more somewhere (Osborne and Rubinstein 1994, Sec. 4.3).
    With ``mixed=True`` mixed strategies may dominate (an exact LP per action); a pure
    dominator is reported when one exists.

    Examples
    ========

    >>> import symalign as sa
    >>> [(d.player, d.label) for d in sa.dominated_strategies(sa.games.prisoners_dilemma())]
    [(0, 'C'), (1, 'C')]
    >>> # M is dominated only by a mix of T and B (Osborne and Rubinstein 1994, Fig. 60.1)
    >>> g = sa.Game.from_arrays([[3, 0], [1, 1], [0, 3]], [[0, 0], [0, 0], [0, 0]],
    ...                         actions=[["T", "M", "B"], ["L", "R"]])
    >>> d, = sa.dominated_strategies(g, 0)
    >>> d.label, d.dominator
    ('M', (1/2, 0, 1/2))
    >>> sa.dominated_strategies(g, 0, mixed=False)
    ()

    Parameters
    ==========

    game : Game
        A numeric game with any number of players.
    player : int or str, optional
        One player; all players by default.
    strict : bool
        Strict (default) or weak dominance.
    mixed : bool
        Whether mixed strategies may dominate (default True).

    Returns
    =======

    tuple of DominatedStrategy

    Raises
    ======

    ResourceLimitError
        When the checks take longer than ``symalign.settings.dominance_seconds`` (60 s by
        default) or ``symalign.settings.timeout``.

    """
    U = _numerators(game)
    alive = [list(range(k)) for k in game.shape]
    players = range(game.n_players) if player is None else [game.player_index(player)]
    deadline = Deadline("the dominance checks", "dominance_seconds")
    return tuple(_find(U, alive, players, strict, mixed, game.actions, 0, deadline))


def iterated_elimination(game: Game, *, strict: bool = True,
                         mixed: bool = True) -> IteratedElimination:
    """Iterated elimination of dominated strategies; the reduced game keeps the original names.

    In each round every dominated action of every player (against the actions still alive)
    is removed, until none is left. For strict dominance the result does not depend on the
    order of removal; for weak dominance it can, so the order used (all at once per round)
    is recorded and every removal is listed with its round (Osborne and Rubinstein 1994,
    Sec. 4.2-4.3).

    Examples
    ========

    >>> import symalign as sa
    >>> # solved by iterated strict dominance: C (by R), then M and B (by T), then R (by L)
    >>> g = sa.Game.from_arrays([[4, 5, 6], [2, 8, 3], [3, 9, 2]],
    ...                         [[3, 1, 2], [1, 4, 6], [0, 6, 8]],
    ...                         actions=[["T", "M", "B"], ["L", "C", "R"]])
    >>> r = sa.iterated_elimination(g)
    >>> r.surviving, r.game.actions
    (((0,), (0,)), (('T',), ('L',)))
    >>> [(d.round, d.player, d.label) for d in r.eliminated]
    [(0, 1, 'C'), (1, 0, 'M'), (1, 0, 'B'), (2, 1, 'R')]

    Parameters
    ==========

    game : Game
        A numeric game with any number of players.
    strict : bool
        Strict (default) or weak dominance.
    mixed : bool
        Whether mixed strategies may dominate (default True).

    Returns
    =======

    IteratedElimination

    Raises
    ======

    ResourceLimitError
        When the checks take longer than ``symalign.settings.dominance_seconds`` (60 s by
        default) or ``symalign.settings.timeout``.

    """
    U = _numerators(game)
    alive = [list(range(k)) for k in game.shape]
    eliminated: list[DominatedStrategy] = []
    rnd = 0
    deadline = Deadline("the iterated elimination", "dominance_seconds")
    while True:
        found = _find(U, alive, range(game.n_players), strict, mixed, game.actions, rnd,
                      deadline)
        if not found:
            break
        gone = {(d.player, d.action) for d in found}
        if not strict:
            # never remove a player's last action (weakly dominated actions that dominate
            # each other through ties cannot all go; keep at least the first)
            for i in range(game.n_players):
                if all((i, a) in gone for a in alive[i]):
                    gone.discard((i, alive[i][0]))
                    found = [d for d in found if (d.player, d.action) != (i, alive[i][0])]
        eliminated.extend(found)
        alive = [[a for a in alive[i] if (i, a) not in gone] for i in range(game.n_players)]
        rnd += 1
    return IteratedElimination(
        game=game._restricted(alive), surviving=tuple(tuple(a) for a in alive),
        eliminated=tuple(eliminated), strict=strict, mixed=mixed,
        order=ORDER_STRICT if strict else ORDER_WEAK,
        method=METHOD_MIXED if mixed else METHOD_PURE)
