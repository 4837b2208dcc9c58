"""One Nash equilibrium of a large two-player game, exactly: the Lemke–Howson algorithm.

`nash_equilibria` enumerates every extreme equilibrium, which is exponential in the size of
the game. The Lemke–Howson algorithm follows a single path of complementary pivots from the
artificial equilibrium to one Nash equilibrium, so it reaches games of hundreds of actions.
Here every pivot is exact (integer arithmetic, with the lexicographic ratio test for
degenerate games; `symalign.engines.complementary_pivoting`) and the equilibrium found is
checked against the defining inequalities in integers before it is returned.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy

from symalign.core.config import Deadline
from symalign.core.errors import InvalidGameError, SymalignError
from symalign.core.game import Game
from symalign.core.profiles import MixedProfile
from symalign.engines import complementary_pivoting as _cp
from symalign.engines import race_rounds as _rounds
from symalign.engines import vertex_enumeration as _ve
from symalign.engines.lp import _rat
from symalign.normalform.equilibria import NashEquilibria, _order_key, _trusted_mixed

__all__ = ["LemkeHowsonResult", "lemke_howson", "lemke_howson_equilibria"]

METHOD_LH = ("Lemke-Howson path with exact integer pivoting and the lexicographic ratio test "
             "(Lemke and Howson 1964; von Stengel 2002); the equilibrium verified exactly")
METHOD_RACE = ("Lemke-Howson paths of every dropped label run side by side (label 0's with a "
               "growing share of extra pivots), the first to end kept; exact integer pivoting "
               "with the lexicographic ratio test (the first two rounds by exact argmaxes; on "
               "small games the winning label found by the race in floating point when no "
               "ratio test is close, then its path followed exactly); the equilibrium "
               "verified exactly")
METHOD_RACE_SHORT = ("Lemke-Howson paths of every dropped label run side by side (label 0's "
                     "with a growing share of extra pivots), the first to end kept; the race "
                     "decided by its first four rounds, computed for every label at once in "
                     "closed form with exact integer ratio tests (label 0's path, when its "
                     "length decides, followed with exact or certified floating-point "
                     "pivots); the equilibrium verified exactly")
METHOD_RACE_CONTINUED = ("Lemke-Howson paths of every dropped label run side by side "
                         "(label 0's with a growing share of extra pivots), the first to end "
                         "kept; the first four rounds computed for every label at once in "
                         "closed form with exact integer ratio tests, the race continued from "
                         "there with exact pivoting (basis solves, the lexicographic ratio "
                         "test); the equilibrium verified exactly")
METHOD_ALL = ("Lemke-Howson from the artificial equilibrium with every dropped label; exact "
              "integer pivoting with the lexicographic ratio test; the distinct equilibria "
              "found, each verified exactly (not necessarily all equilibria)")


@dataclass(frozen=True)
class LemkeHowsonResult:
    """The equilibrium at the end of a Lemke–Howson path.

    Attributes
    ==========

    profile : MixedProfile
        The Nash equilibrium (exact).
    payoffs : tuple of sympy.Rational
        ``(u_0, u_1)`` at the equilibrium.
    label : int
        The dropped label: ``0..m-1`` are player 0's actions, ``m..m+n-1`` player 1's.
    pivots : int
        The length of the path.
    method : str
        The algorithm.


    Examples
    ========

    Matching pennies has one equilibrium, both players mixing half and half, worth 0 to each
    (von Neumann 1928; Lemke & Howson 1964):

    >>> import symalign as sa
    >>> r = sa.lemke_howson(sa.games.matching_pennies())
    >>> r.profile, r.payoffs
    (MixedProfile(((1/2, 1/2), (1/2, 1/2))), (0, 0))

    """

    profile: MixedProfile
    payoffs: tuple
    label: int
    pivots: int
    method: str = field(default=METHOD_LH, repr=False)


def _check_bimatrix(game: Game) -> None:
    if not isinstance(game, Game):
        raise InvalidGameError(f"Argument 'game' must be a Game, not {type(game).__name__}.")
    if game.n_players != 2:
        raise InvalidGameError(f"Argument 'game' has {game.n_players} players; the "
                               "Lemke-Howson algorithm solves two-player games.")
    if not game.is_numeric:
        raise InvalidGameError(f"Argument 'game' has symbolic payoffs "
                               f"{sorted(map(str, game.free_symbols))}; the Lemke-Howson "
                               "algorithm needs numbers: substitute values with game.subs(...).")


def _bimatrix(game: Game) -> tuple[list[list[int]], list[list[int]], int, int]:
    _check_bimatrix(game)
    exA, exB = game.exact_arrays()
    A, B = (ex.num.tolist() if ex.num.dtype != object        # int64: Python ints already
            else [[int(v) for v in r] for r in ex.num.tolist()] for ex in (exA, exB))
    return A, B, exA.den, exB.den


def _label_index(game: Game, label) -> int:
    """A label as an index ``0..m+n-1``, from an int or a ``(player, action)`` pair."""
    m, n = game.shape
    if isinstance(label, tuple) and len(label) == 2:
        i = game.player_index(label[0])
        a = game.action_index(i, label[1])
        return a if i == 0 else m + a
    if isinstance(label, int) and not isinstance(label, bool) and 0 <= label < m + n:
        return label
    raise SymalignError(f"Argument 'label' is {label!r}; give an index 0..{m + n - 1} (player "
                        "0's actions first, then player 1's) or a (player, action) pair.")


def _verified(A, B, denA, denB, x, y) -> tuple[MixedProfile, tuple]:
    u0, u1 = _ve.check_equilibrium(A, B, x, y)
    sx, sy = sum(x), sum(y)
    sigma = _trusted_mixed(([_rat(v, sx) for v in x], [_rat(v, sy) for v in y]))
    return sigma, (_rat(u0.numerator, u0.denominator * denA),
                   _rat(u1.numerator, u1.denominator * denB))


def lemke_howson(game: Game, label=None) -> LemkeHowsonResult:
    """One Nash equilibrium of a two-player game by the Lemke–Howson algorithm, exactly.

    With ``label`` given, the path that drops that label (an index ``0..m+n-1``, player 0's
    actions first, or a ``(player, action)`` pair) is followed from the artificial
    equilibrium to its end. With ``label=None`` (the default) the paths of all ``m + n``
    labels are run side by side, one pivot each in turn, with label 0's path soon getting as
    many pivots as all the others together, and the first to end is kept: the cost is about
    twice the smaller of ``m + n`` times the *shortest* path and label 0's path, whereas a
    single path can be very long (tens of thousands of pivots in some random 200x200 games).
    Both are deterministic. The race's first two rounds (the paths that end at a pure
    equilibrium after two pivots) are exact argmaxes over the payoffs; its third and fourth
    rounds are computed for every label at once in closed form, with exact integer ratio
    tests (`symalign.engines.race_rounds`; label 0's path, with its extra pivots, followed
    exactly for up to 8 pivots when its length decides), and the race's winner and end come
    from these when they decide it (``method`` says so). Otherwise, on small games the
    winning label is found by the same race in floating point, all paths batched, and only
    its path is followed exactly (the exact race decides when a ratio test is too close to
    call in floating point, when a tie shows up in a tableau that has been pivoted, and when
    payoffs spread over ``2**24`` or more); else the exact race runs, on games too large
    for the float race (above about 40x40) from every label's state after round 4, which
    the closed form gives (``method`` says so). The result is always
    the exact end of the reported label's path; it is the exact race's unless two different
    values of a ratio test came out within ``1e-12`` of each other in the float race (the
    tests found no such case).

    Pivots are exact (fraction-free integer arithmetic, python-flint solving the basis) and
    degenerate games are handled by the lexicographic ratio test, so the path is the one of
    the theory; the equilibrium is verified against the defining inequalities in integers.
    Lemke and Howson (1964); von Stengel (2002), Sec. 3.

    Examples
    ========

    >>> import symalign as sa
    >>> r = sa.lemke_howson(sa.games.battle_of_the_sexes(), label=0)
    >>> r.profile, r.payoffs, r.pivots
    (MixedProfile(((1, 0), (1, 0))), (2, 1), 2)
    >>> sa.lemke_howson(sa.games.matching_pennies()).profile     # the unique equilibrium
    MixedProfile(((1/2, 1/2), (1/2, 1/2)))
    >>> g = sa.games.random_game((60, 60), seed=1)
    >>> sa.is_nash_equilibrium(g, sa.lemke_howson(g).profile)
    True

    Parameters
    ==========

    game : Game
        A numeric two-player game.
    label : int or (player, action), optional
        The label dropped at the start; all of them side by side when omitted.

    Returns
    =======

    LemkeHowsonResult

    Raises
    ======

    InvalidGameError
        For a game with symbolic payoffs or without two players.
    ResourceLimitError
        When the paths take longer than ``symalign.settings.lemke_howson_seconds`` (60 s by
        default) or ``symalign.settings.timeout``.

    References
    ==========

    - C. E. Lemke, J. T. Howson, "Equilibrium points of bimatrix games", J. SIAM 12
      (1964) 413-423.
    - B. von Stengel, "Computing equilibria for two-person games", Handbook of Game
      Theory with Economic Applications 3 (2002), ch. 45.

    """
    if label is None:
        _check_bimatrix(game)
        exA, exB = game.exact_arrays()
        end = _cp.race_two_pivot_end(exA.num, exB.num)
        if end is not None:          # the race's first two rounds, vectorised
            i, j, k = end
            m, n = game.shape
            one, zero = sympy.S.One, sympy.S.Zero
            sigma = _trusted_mixed(([one if a == i else zero for a in range(m)],
                                    [one if b == j else zero for b in range(n)]))
            pay = (_rat(int(exA.num[i, j]), exA.den), _rat(int(exB.num[i, j]), exB.den))
            return LemkeHowsonResult(sigma, pay, k, 2, METHOD_RACE)
    A, B, denA, denB = _bimatrix(game)
    deadline = Deadline("the Lemke-Howson path", "lemke_howson_seconds")
    short = None
    if label is None:
        short = _rounds.race_short(A, B, arrays=(exA.num, exB.num), deadline=deadline,
                               two_pivot=False)
    if short is not None:
        x, y, k, pivots = short
        method = (METHOD_RACE_SHORT if _rounds.decided_by_round_four(*game.shape, k, pivots)
                  else METHOD_RACE_CONTINUED)
    elif label is None:
        x, y, k, pivots = _cp.lemke_howson_race(A, B, deadline=deadline)
        method = METHOD_RACE
    else:
        k = _label_index(game, label)
        x, y, pivots = _cp.lemke_howson_path(A, B, k, deadline=deadline)
        method = METHOD_LH
    sigma, pay = _verified(A, B, denA, denB, x, y)
    return LemkeHowsonResult(sigma, pay, k, pivots, method)


def lemke_howson_equilibria(game: Game, labels=None) -> NashEquilibria:
    """The distinct equilibria at the ends of the Lemke–Howson paths of every dropped label.

    Each path starts at the artificial equilibrium (see `lemke_howson`). The set is *not*
    complete in general (``complete=False``): some equilibria are the ends of no such path
    (von Stengel 2002, Sec. 3.5); `nash_equilibria` enumerates them all for small games.

    Examples
    ========

    >>> import symalign as sa
    >>> ne = sa.lemke_howson_equilibria(sa.games.battle_of_the_sexes())
    >>> ne.pure_profiles(), ne.complete      # the mixed equilibrium ends no path from (0, 0)
    (((0, 0), (1, 1)), False)

    Parameters
    ==========

    game : Game
        A numeric two-player game.
    labels : iterable of int or (player, action), optional
        The dropped labels to start from; all ``m + n`` by default.

    Returns
    =======

    NashEquilibria

    Raises
    ======

    ResourceLimitError
        When the paths together take longer than ``symalign.settings.lemke_howson_seconds``
        (60 s by default) or ``symalign.settings.timeout``: a single path can be very long
        on a large game; `lemke_howson` (all labels side by side) then finds one equilibrium
        quickly.

    """
    A, B, denA, denB = _bimatrix(game)
    m, n = game.shape
    ks = range(m + n) if labels is None else [_label_index(game, k) for k in labels]
    deadline = Deadline("the Lemke-Howson paths", "lemke_howson_seconds")
    found = {}
    for k in ks:
        x, y, _ = _cp.lemke_howson_path(A, B, k, deadline=deadline)
        sigma, pay = _verified(A, B, denA, denB, x, y)
        found.setdefault(sigma, pay)
    items = sorted(found.items(), key=lambda t: _order_key(t[0].strategies))
    return NashEquilibria(kind="mixed", method=METHOD_ALL, complete=False,
                          profiles=tuple(s for s, _ in items),
                          payoffs=tuple(p for _, p in items))
