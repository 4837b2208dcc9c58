"""The catalogue of named games (Stavrianos & Turner (2021), reference games), generic symbolic games and seeded random exact games."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

from symalign.core.lazy import np
import sympy
from sympy import Rational

from symalign.core.exact import to_exact
from symalign.core.errors import InvalidGameError
from symalign.core.game import Game

__all__ = [
    "prisoners_dilemma",
    "matching_pennies",
    "battle_of_the_sexes",
    "stag_hunt",
    "chicken",
    "coordination",
    "surplus_counterexample",
    "templarrr_flag",
    "bargaining_test",
    "symbolic_game",
    "random_game",
    "random_common_payoff_game",
    "random_zero_sum_game",
    "random_constant_sum_game",
    "CATALOGUE",
    "by_name",
]


def _bimatrix(A, B, actions0, actions1, players=("0", "1")) -> Game:
    return Game.from_arrays(A, B, players=players, actions=[actions0, actions1])


def prisoners_dilemma(T=3, R=2, P=1, S=0) -> Game:
    """The Prisoner's Dilemma with temptation ``T``, reward ``R``, punishment ``P`` and sucker ``S``.

    Actions are C (cooperate) and D (defect); ``U[0] = [[R, S], [T, P]]`` and ``U[1] = U[0]^T``.
    The defaults give PD(+) of Stavrianos & Turner (2021), reference games; ``prisoners_dilemma(0, -1, -2, -3)``
    is PD(−). Any argument may be a sympy symbol.

    Examples
    ========

    >>> import sympy, symalign as sa
    >>> sa.alpha(sa.games.prisoners_dilemma())
    -2
    >>> T, R, P, S = sympy.symbols("T R P S")
    >>> sa.games.prisoners_dilemma(T, R, P, S).payoff(0, ("D", "C"))
    T

    """
    return _bimatrix([[R, S], [T, P]], [[R, T], [S, P]], ["C", "D"], ["C", "D"])


def matching_pennies() -> Game:
    """Matching Pennies: player 1 is the matcher (Stavrianos & Turner (2021)); actions H and T.

    Examples
    ========

    >>> import symalign as sa
    >>> sa.games.matching_pennies().payoff(1, ("H", "H"))
    1

    """
    return _bimatrix([[-1, 1], [1, -1]], [[1, -1], [-1, 1]], ["H", "T"], ["H", "T"])


def battle_of_the_sexes() -> Game:
    """Battle of the Sexes with payoffs (2, 1) at (A, A) and (1, 2) at (B, B) (Stavrianos & Turner
    (2021)).

    Examples
    ========

    >>> import symalign as sa
    >>> sa.alpha(sa.games.battle_of_the_sexes())
    -1

    """
    return _bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]], ["A", "B"], ["A", "B"])


def stag_hunt(fruit=2, fruit_alone=1, mammoth_alone=1, mammoth=10) -> Game:
    """The hunter-gatherer stag hunt of Sourbut, Hammond & Wood's blog post (2024):
    a common-payoff game.

    Actions are F (gather fruit) and M (hunt mammoth); both players earn ``fruit`` at (F, F),
    ``mammoth`` at (M, M), and a player who gathers (hunts) alone earns ``fruit_alone``
    (``mammoth_alone``). The defaults give the 2/1/1/10 game.

    Examples
    ========

    >>> import symalign as sa
    >>> sa.games.stag_hunt().utility(0).T
    Matrix([[2, 1, 1, 10]])

    """
    U = [[fruit, fruit_alone], [mammoth_alone, mammoth]]
    return _bimatrix(U, [[fruit, mammoth_alone], [fruit_alone, mammoth]], ["F", "M"], ["F", "M"])


def chicken() -> Game:
    """Chicken with C (swerve) and D (dare): ``U[0] = [[6, 2], [7, 0]]``, the CE test game
    (docs/discussion/worked-examples.rst).

    Examples
    ========

    >>> import symalign as sa
    >>> sa.max_welfare(sa.games.chicken())
    12

    """
    return _bimatrix([[6, 2], [7, 0]], [[6, 7], [2, 0]], ["C", "D"], ["C", "D"])


def coordination() -> Game:
    """The common-payoff coordination game ``[[2, 0], [0, 1]]``.

    Examples
    ========

    >>> import symalign as sa
    >>> sa.alpha(sa.games.coordination())
    0

    """
    return _bimatrix([[2, 0], [0, 1]], [[2, 0], [0, 1]], ["A", "B"], ["A", "B"])


def surplus_counterexample() -> Game:
    """The game refuting the seed post's surplus claim (docs/discussion/errata.rst): rows X, Y;
    columns L, R.

    Examples
    ========

    >>> import symalign as sa
    >>> sa.games.surplus_counterexample().payoff(0, ("Y", "R"))
    3

    """
    return _bimatrix([[0, 5], [2, 3]], [[0, 1], [0, 1]], ["X", "Y"], ["L", "R"])


def templarrr_flag() -> Game:
    """Templarrr's common-payoff flag game ``[[3, 1], [2, 0]]`` (Templarrr's answer to Turner (2021)).

    Examples
    ========

    >>> import symalign as sa
    >>> sa.is_common_payoff(sa.games.templarrr_flag())
    True

    """
    U = [[3, 1], [2, 0]]
    return _bimatrix(U, U, ["0", "1"], ["0", "1"])


def bargaining_test() -> Game:
    """The game whose Nash bargaining and Kalai–Smorodinsky solutions differ (Nash (1950);
    Kalai & Smorodinsky (1975)).

    Examples
    ========

    >>> import symalign as sa
    >>> sa.utopia_welfare(sa.games.bargaining_test())
    6

    """
    return _bimatrix([[4, 0], [3, 0]], [[0, 2], [1, 0]], ["0", "1"], ["0", "1"])


def symbolic_game(shape: Sequence[int], name: str = "u", **assumptions) -> Game:
    """A generic game whose every payoff is its own symbol ``u_{i}_{a_0...a_{n-1}}``.

    Keyword arguments are sympy assumptions given to every symbol (``real=True`` is implied).

    Examples
    ========

    >>> import symalign as sa
    >>> g = sa.games.symbolic_game((2, 2))
    >>> g.payoff(1, (0, 1))
    u_1_01
    >>> len(g.free_symbols)
    8

    """
    shape = tuple(int(k) for k in shape)
    assumptions.setdefault("real", True)
    arrays = []
    for i in range(len(shape)):
        arr = np.empty(shape, dtype=object)
        for a in itertools.product(*(range(k) for k in shape)):
            sep = "_" if any(k > 10 for k in shape) else ""
            arr[a] = sympy.Symbol(f"{name}_{i}_{sep.join(str(x) for x in a)}", **assumptions)
        arrays.append(arr)
    return Game(arrays)


def _rng_values(rng, size, low, high, denominator):
    if denominator == 1:
        return rng.integers(low, high + 1, size=size, dtype=np.int64)
    dens = rng.integers(1, denominator + 1, size=size)
    nums = rng.integers(low * dens, high * dens + 1)
    return np.array([Rational(int(p), int(q)) for p, q in zip(nums.reshape(-1), dens.reshape(-1))],
                    dtype=object).reshape(size)


def _check_random_args(shape, low, high, denominator):
    shape = tuple(int(k) for k in shape)
    if not shape:
        raise InvalidGameError("Argument 'shape' is empty: a game needs at least one player.")
    if low > high:
        raise InvalidGameError(f"Argument 'low' ({low}) exceeds 'high' ({high}).")
    if denominator < 1:
        raise InvalidGameError(f"Argument 'denominator' must be at least 1, not {denominator}.")
    return shape


def random_game(shape: Sequence[int], seed=None, *, low: int = -10, high: int = 10,
                denominator: int = 1) -> Game:
    """A random game with independent payoffs, reproducible from ``seed``.

    Payoffs are integers in ``[low, high]``; with ``denominator > 1`` they are rationals
    ``p/q`` with ``1 <= q <= denominator`` in the same range.

    Examples
    ========

    >>> import symalign as sa
    >>> g = sa.games.random_game((3, 3), seed=1)
    >>> g == sa.games.random_game((3, 3), seed=1)
    True
    >>> sa.alpha(g) <= 0
    True

    """
    shape = _check_random_args(shape, low, high, denominator)
    rng = np.random.default_rng(seed)
    return Game([_rng_values(rng, shape, low, high, denominator) for _ in shape])


def random_common_payoff_game(shape: Sequence[int], seed=None, *, low: int = -10,
                              high: int = 10, denominator: int = 1) -> Game:
    """A random game in which every player has the same payoff (so ``alpha == 0``).

    Examples
    ========

    >>> import symalign as sa
    >>> sa.alpha(sa.games.random_common_payoff_game((2, 3, 2), seed=4))
    0

    """
    shape = _check_random_args(shape, low, high, denominator)
    rng = np.random.default_rng(seed)
    u = _rng_values(rng, shape, low, high, denominator)
    return Game([u] * len(shape))


def random_constant_sum_game(shape: Sequence[int], seed=None, *, constant=0, low: int = -10,
                             high: int = 10, denominator: int = 1) -> Game:
    """A random game whose payoffs sum to ``constant`` at every outcome (the last player absorbs it).

    Examples
    ========

    >>> import symalign as sa
    >>> sa.is_constant_sum(sa.games.random_constant_sum_game((3, 2), seed=0, constant=5))
    True

    """
    shape = _check_random_args(shape, low, high, denominator)
    constant = to_exact(constant, name="constant")
    rng = np.random.default_rng(seed)
    us = [_rng_values(rng, shape, low, high, denominator) for _ in shape[:-1]]
    if denominator == 1 and constant.is_Integer:
        last = int(constant) - sum(us, np.zeros(shape, dtype=np.int64))
    else:
        last = np.empty(shape, dtype=object)
        for a in np.ndindex(*shape):
            last[a] = constant - sympy.Add(*(sympy.sympify(u[a]) for u in us))
    return Game([*us, last])


def random_zero_sum_game(shape: Sequence[int], seed=None, *, low: int = -10, high: int = 10,
                         denominator: int = 1) -> Game:
    """A random zero-sum game (payoffs sum to 0 at every outcome).

    Examples
    ========

    >>> import symalign as sa
    >>> g = sa.games.random_zero_sum_game((4, 4), seed=2)
    >>> sa.max_welfare(g)
    0

    """
    return random_constant_sum_game(shape, seed, constant=0, low=low, high=high,
                                    denominator=denominator)


#: Catalogue games by kebab-case name, as listed by ``symalign games``.
CATALOGUE: dict[str, tuple[Callable[[], Game], str]] = {
    "prisoners-dilemma": (prisoners_dilemma, "Prisoner's Dilemma PD(+), T,R,P,S = 3,2,1,0"),
    "prisoners-dilemma-minus": (lambda: prisoners_dilemma(0, -1, -2, -3),
                                "Prisoner's Dilemma PD(-) = PD(+) - 3"),
    "matching-pennies": (matching_pennies, "Matching Pennies (player 1 matches)"),
    "battle-of-the-sexes": (battle_of_the_sexes, "Battle of the Sexes"),
    "stag-hunt": (stag_hunt, "hunter-gatherer stag hunt 2/1/1/10 (common payoff)"),
    "chicken": (chicken, "Chicken [[6,2],[7,0]]"),
    "coordination": (coordination, "common-payoff coordination [[2,0],[0,1]]"),
    "surplus-counterexample": (surplus_counterexample, "refutes the post's surplus claim"),
    "templarrr-flag": (templarrr_flag, "Templarrr's common-payoff flag game"),
    "bargaining-test": (bargaining_test, "a game where NBS and Kalai-Smorodinsky differ"),
}


def by_name(name: str) -> Game:
    """The catalogue game called ``name`` (kebab-case, as on the command line).

    Examples
    ========

    >>> import symalign as sa
    >>> sa.games.by_name("stag-hunt") == sa.games.stag_hunt()
    True

    """
    try:
        factory, _ = CATALOGUE[name]
    except KeyError:
        known = ", ".join(CATALOGUE)
        raise InvalidGameError(f"Argument 'name': there is no catalogue game {name!r} "
                               f"(known: {known}).") from None
    return factory()
