"""Nash equilibria, best responses and NashConv, exactly (Nash (1951); Aumann (1974); Lanctot et al. (2017), NashConv).

Pure equilibria are found for any number of players, numerically (vectorised over the
integer payoff numerators) or symbolically (each candidate decided under the assumptions).
For two players `nash_equilibria` returns *all extreme equilibria*: the vertices of every
maximal Nash subset, so that degenerate games with continua of equilibria lose nothing and
gain nothing (Avis, Rosenberg, Savani and von Stengel 2010; the method of ``lrsnash``).
Every returned equilibrium is confirmed in exact integer arithmetic against the defining
inequalities of Aumann (1974).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from symalign.core.lazy import np
import sympy
from sympy import Integer

from symalign.engines import vertex_enumeration as _ve
from symalign.engines.symbolic import decide, finish as _finish, smax
from symalign.core.errors import (
    InvalidGameError,
    InvalidProfileError,
    SymalignError,
    UndecidableError,
)
from symalign.core.game import Game, assumptions_of
from symalign.engines.lp import _rat
from symalign.core.profiles import CorrelatedProfile, MixedProfile, as_mixed

__all__ = [
    "NashEquilibria",
    "nash_equilibria",
    "pure_nash_equilibria",
    "pure_nash_conditions",
    "is_nash_equilibrium",
    "best_responses",
    "nashconv",
]

SOURCE = "Nash (1951); Aumann (1974)"
SOURCE_NASHCONV = "Lanctot et al. (2017), NashConv"

METHOD_PURE = "exhaustive exact check of every pure profile"
METHOD_VERTEX = ("exact lexicographic vertex enumeration of one best-response polytope, partners "
                 "by exact solves or exact face enumeration (Avis, Rosenberg, Savani, von "
                 "Stengel 2010; as lrsnash); every equilibrium verified exactly")
METHOD_ONE = "maximisers of the single player's payoff (vertices of the equilibrium simplex)"


# -- result type ---------------------------------------------------------------------------
@dataclass(frozen=True)
class NashEquilibria:
    """A set of Nash equilibria with the exact payoffs of each, and how it was computed.

    Iterating, indexing and ``len`` act on `profiles`. ``complete`` is True when the set is
    provably every equilibrium of its ``kind``: every pure equilibrium for ``kind="pure"``,
    every *extreme* equilibrium (vertex of a maximal Nash subset, Avis et al. (2010)) for ``kind="mixed"``.
    With three or more players, every equilibrium is then either listed or lies in one of
    the `components` (continua on one support, `NashComponent`), each with its
    non-emptiness decided and its vertices (or corners) listed among the profiles.

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.normalform.equilibria import nash_equilibria
    >>> ne = nash_equilibria(sa.games.battle_of_the_sexes())     # Stavrianos & Turner (2021), reference games table
    >>> len(ne), ne.complete
    (3, True)
    >>> ne[1], ne.payoffs[1]
    (MixedProfile(((2/3, 1/3), (1/3, 2/3))), (2/3, 2/3))

    Attributes
    ==========

    kind : str
        ``"pure"`` or ``"mixed"``.
    method : str
        The algorithm.
    complete : bool
        Whether the set is provably complete (see above).
    profiles : tuple of MixedProfile
        The equilibria, ordered by player 0's strategy, then player 1's, and so on, each
        compared as a probability vector in decreasing lexicographic order (so pure
        equilibria appear in row-major order of their profiles).
    payoffs : tuple of tuples of sympy.Rational
        ``payoffs[k][i] = u_i(profiles[k])``.
    source : str
        Where the definition comes from (a paper and section, or a docs page).
    components : tuple of NashComponent
        Continua of equilibria on one support (three or more players; see
        `symalign.normalform.nplayer.NashComponent`), never dropped.
    note : str or None
        Why a set of three or more players' equilibria is not proved complete when the
        reason is a budget (``settings.equilibrium_seconds``); None otherwise.

    """

    kind: str
    method: str = field(repr=False)
    complete: bool
    profiles: tuple
    payoffs: tuple
    source: str = field(default=SOURCE, repr=False)
    components: tuple = field(default=(), repr=False)
    note: str | None = field(default=None, repr=False)

    def __iter__(self) -> Iterator[MixedProfile]:
        return iter(self.profiles)

    def __len__(self) -> int:
        return len(self.profiles)

    def __getitem__(self, k):
        return self.profiles[k]

    def __contains__(self, profile) -> bool:
        return profile in self.profiles

    def as_floats(self) -> tuple:
        """The profiles as nested tuples of floats (for display; the values stay exact).

        Examples
        ========

        >>> import symalign as sa
        >>> sa.nash_equilibria(sa.games.matching_pennies()).as_floats()
        (((0.5, 0.5), (0.5, 0.5)),)

        """
        return tuple(tuple(tuple(float(v) for v in s) for s in p.strategies)
                     for p in self.profiles)

    def latex(self) -> str:
        """The equilibria and their payoffs as a LaTeX ``array`` (exact values).

        Examples
        ========

        >>> import symalign as sa
        >>> print(sa.nash_equilibria(sa.games.matching_pennies()).latex())
        \\begin{array}{ll}
        \\sigma & u(\\sigma) \\\\ \\hline
        \\left(\\frac{1}{2}, \\frac{1}{2}\\right), \\left(\\frac{1}{2}, \\frac{1}{2}\\right) & \\left(0, 0\\right) \\\\
        \\end{array}

        """
        rows = []
        for p, u in zip(self.profiles, self.payoffs):
            sig = ", ".join(_latex_tuple(s) for s in p.strategies)
            rows.append(f"{sig} & {_latex_tuple(u)} \\\\")
        return "\\begin{array}{ll}\n\\sigma & u(\\sigma) \\\\ \\hline\n" + "\n".join(rows) + \
            "\n\\end{array}"

    def _repr_latex_(self) -> str:
        return "$" + self.latex() + "$"

    def pure_profiles(self) -> tuple[tuple[int, ...], ...]:
        """The pure equilibria among `profiles`, as index tuples.

        Examples
        ========

        >>> import symalign as sa
        >>> from symalign.normalform.equilibria import nash_equilibria
        >>> nash_equilibria(sa.games.chicken()).pure_profiles()
        ((0, 1), (1, 0))

        """
        out = []
        for s in self.profiles:
            if s.is_pure():
                out.append(tuple(next(k for k, v in enumerate(d) if v != 0)
                                 for d in s.strategies))
        return tuple(out)


# -- helpers ---------------------------------------------------------------------------------
def _latex_tuple(values) -> str:
    return "\\left(" + ", ".join(sympy.latex(v) for v in values) + "\\right)"


def _assumptions(game: Game, assumptions) -> tuple:
    return assumptions_of(game, assumptions)


def _trusted_mixed(strategies) -> MixedProfile:
    """A `MixedProfile` from already-validated exact sympy probabilities."""
    obj = object.__new__(MixedProfile)
    obj._strategies = tuple(tuple(s) for s in strategies)
    return obj


def _order_key(strategies) -> tuple:
    return tuple(tuple(-Fraction(int(v.p), int(v.q)) for v in s) for s in strategies)


def _mixed_from_pure(shape, profile) -> MixedProfile:
    return _trusted_mixed([[Integer(1) if j == a else Integer(0) for j in range(k)]
                           for k, a in zip(shape, profile)])


def _profile(game: Game, profile) -> MixedProfile:
    if isinstance(profile, (CorrelatedProfile, Mapping)):
        raise InvalidProfileError(
            "Argument 'profile' is a correlated profile (a distribution over outcomes); Nash "
            "equilibria, best responses and NashConv are defined for pure or mixed (product) "
            "profiles only (Lanctot et al. (2017), NashConv). For correlated profiles use the CE/CCE "
            "conditions of Aumann (1974).")
    return as_mixed(game, profile)


def _is_numeric_profile(sigma: MixedProfile) -> bool:
    return all(v.is_Rational for s in sigma.strategies for v in s)


def _int_weights(dist) -> tuple[list[int], int]:
    """A rational distribution as integer numerators over a common denominator."""
    den = 1
    for v in dist:
        den = den * int(v.q) // math.gcd(den, int(v.q))
    return [int(v.p) * (den // int(v.q)) for v in dist], den


def _deviation_values_exact(game: Game, sigma: MixedProfile, i: int) -> list:
    """``u_i(b, sigma_-i)`` for every action ``b``, exactly, for numeric games and profiles."""
    ex = game.exact_arrays()[i]
    arr = ex.num.astype(object) if ex.num.dtype != object else ex.num
    den = ex.den
    for j in reversed(range(game.n_players)):
        if j == i:
            continue
        w, d = _int_weights(sigma.strategies[j])
        arr = np.tensordot(arr, np.array(w, dtype=object), axes=([j], [0]))
        den *= d
    return [_rat(int(v), den) for v in np.asarray(arr).reshape(-1).tolist()]


def _deviation_values_symbolic(game: Game, sigma: MixedProfile, i: int) -> list:
    arr = game.sympy_array()[i]
    for j in reversed(range(game.n_players)):
        if j == i:
            continue
        arr = np.tensordot(arr, np.asarray(sigma.strategies[j], dtype=object), axes=([j], [0]))
    return [_finish(v) for v in np.asarray(arr).reshape(-1)]


def _deviation_values(game: Game, sigma: MixedProfile, i: int) -> tuple[list, bool]:
    if game.is_numeric and _is_numeric_profile(sigma):
        return _deviation_values_exact(game, sigma, i), True
    return _deviation_values_symbolic(game, sigma, i), False


def _field(game: Game, sigma: MixedProfile, i: int):
    """Exact deviation values, best responses, own payoff and regret at a profile found by the
    n-player enumeration (algebraic probabilities), computed in its number field; else None."""
    if game.n_players < 3 or _is_numeric_profile(sigma) or not game.is_numeric:
        return None
    from symalign.normalform.nplayer import field_deviations
    return field_deviations(game, sigma, i)


def _own(sigma: MixedProfile, i: int, dev: list):
    return _finish(sympy.Add(*[p * v for p, v in zip(sigma.strategies[i], dev)]))


# -- pure equilibria ---------------------------------------------------------------------------
def _deviation_conditions(game: Game, a: tuple[int, ...]) -> list:
    U = game.sympy_array()
    conds = []
    for i, k in enumerate(game.shape):
        u = U[(i, *a)]
        for b in range(k):
            if b == a[i]:
                continue
            dev = a[:i] + (b,) + a[i + 1:]
            conds.append(sympy.Ge(u, U[(i, *dev)]))
    return conds


def pure_nash_conditions(game: Game) -> dict:
    """For every pure profile, the condition on the parameters under which it is a Nash equilibrium.

    The condition is the conjunction of the no-profitable-deviation inequalities
    ``u_i(a) >= u_i(b, a_-i)`` (trivially true ones dropped), so ``sympy.true`` and
    ``sympy.false`` mark profiles that are always or never equilibria.

    Examples
    ========

    >>> import sympy, symalign as sa
    >>> from symalign.normalform.equilibria import pure_nash_conditions
    >>> T, R, P, S = sympy.symbols("T R P S")
    >>> conds = pure_nash_conditions(sa.games.prisoners_dilemma(T, R, P, S))
    >>> conds[(1, 1)]          # (D, D) is an equilibrium when P >= S (Stavrianos & Turner (2021), reference games; Nash (1951); Aumann (1974))
    P >= S
    >>> conds[(0, 0)]
    R >= T
    >>> pure_nash_conditions(sa.games.matching_pennies())[(0, 0)]
    False

    Parameters
    ==========

    game : Game

    Returns
    =======

    dict
        ``{profile: sympy Boolean}`` over all pure profiles in row-major order.

    """
    out = {}
    for a in game.outcomes():
        conds = _deviation_conditions(game, a)
        unique = []
        for c in conds:
            if c is sympy.true:
                continue
            if c not in unique:
                unique.append(c)
        out[a] = sympy.And(*unique)
    return out


def _pure_numeric(game: Game) -> list[tuple[int, ...]]:
    ok = np.ones(game.shape, dtype=bool)
    for i, ex in enumerate(game.exact_arrays()):
        best = ex.num.max(axis=i, keepdims=True)
        ok &= np.asarray(ex.num == best, dtype=bool)
    return [tuple(int(x) for x in row) for row in np.argwhere(ok)]


def pure_nash_equilibria(game: Game, *, assumptions=()) -> tuple[tuple[int, ...], ...]:
    """Every pure Nash equilibrium, as action-index tuples in row-major order (Nash (1951); Aumann (1974)).

    A pure profile ``a`` is an equilibrium when ``u_i(a) >= u_i(b, a_-i)`` for every player
    ``i`` and action ``b``. Works for any number of players. For symbolic payoffs a profile
    is returned when the game's assumptions (and ``assumptions``) prove the inequalities;
    `pure_nash_conditions` shows the condition of every profile.

    Examples
    ========

    >>> import sympy, symalign as sa
    >>> from symalign.normalform.equilibria import pure_nash_equilibria
    >>> pure_nash_equilibria(sa.games.prisoners_dilemma())   # (D, D), Stavrianos & Turner (2021), reference games
    ((1, 1),)
    >>> pure_nash_equilibria(sa.games.battle_of_the_sexes())
    ((0, 0), (1, 1))
    >>> pure_nash_equilibria(sa.games.matching_pennies())
    ()
    >>> T, R, P, S = sympy.symbols("T R P S")
    >>> pd = sa.games.prisoners_dilemma(T, R, P, S)
    >>> pure_nash_equilibria(pd, assumptions=[T > R, R > P, P > S])
    ((1, 1),)

    Parameters
    ==========

    game : Game
    assumptions : iterable of sympy relations, optional
        Extra constraints on the parameters, added to ``game.assumptions``.

    Returns
    =======

    tuple of tuples of int

    Raises
    ======

    UndecidableError
        When the assumptions decide neither that a profile is an equilibrium nor that it is
        not; the error's ``condition`` is the undecided part.

    """
    if game.is_numeric:
        return tuple(_pure_numeric(game))
    A = _assumptions(game, assumptions)
    out = []
    for a in game.outcomes():
        undecided = []
        refuted = False
        for c in _deviation_conditions(game, a):
            v = decide(c, A)
            if v is False:
                refuted = True
                break
            if v is None:
                undecided.append(c)
        if refuted:
            continue
        if undecided:
            raise UndecidableError(sympy.And(*undecided),
                                   f"whether the pure profile {a} is a Nash equilibrium")
        out.append(a)
    return tuple(out)


# -- mixed equilibria --------------------------------------------------------------------------
def _bimatrix_ints(game: Game) -> tuple[list[list[int]], list[list[int]], int, int]:
    exA, exB = game.exact_arrays()
    return exA.num.tolist(), exB.num.tolist(), exA.den, exB.den


def _two_player_extreme(game: Game) -> tuple[list, list]:
    A, B, denA, denB = _bimatrix_ints(game)
    A = [[int(v) for v in r] for r in A]
    B = [[int(v) for v in r] for r in B]
    found = []
    for x, xs, y, ys in _ve.extreme_equilibria(A, B):
        u0, u1 = _ve.check_equilibrium(A, B, x, y)
        strategies = ([_rat(v, xs) for v in x], [_rat(v, ys) for v in y])
        pay = (_rat(u0.numerator, u0.denominator * denA),
               _rat(u1.numerator, u1.denominator * denB))
        found.append((strategies, pay))
    found.sort(key=lambda t: _order_key(t[0]))
    return [_trusted_mixed(s) for s, _ in found], [p for _, p in found]


def _payoffs_of_pure(game: Game, a) -> tuple:
    return tuple(game.payoff(i, a) for i in range(game.n_players))


def nash_equilibria(game: Game, kind: str = "mixed", *, assumptions=None):
    """Nash equilibria of a game, exactly (Nash (1951); Aumann (1974)).

    With ``kind="pure"``, every pure equilibrium (any number of players). With
    ``kind="mixed"`` and two players, every *extreme* equilibrium: the NE set of a bimatrix
    game is a finite union of maximal Nash subsets, each a product of polytopes, and the
    result lists all their vertices. In a nondegenerate game these are all the equilibria;
    in a degenerate game every equilibrium is a convex combination, within one maximal Nash
    subset, of listed ones, and the bilinear welfare is extremal at listed ones.

    With three or more players, every equilibrium is found by exact support enumeration
    (`symalign.normalform.nplayer`; McKelvey & McLennan 1996, Sec. 6). Equilibria can be
    irrational: their probabilities and payoffs are exact algebraic numbers (rationals,
    square roots, or ``CRootOf`` of their minimal polynomials) that print, give LaTeX and
    convert with ``float()``; each is verified by exact regret 0. A continuum of
    equilibria on one support is kept in ``components`` (see `NashComponent`); when it is
    polyhedral its vertices are listed among the profiles (for a curved one, its corners).
    ``complete`` is True when every isolated equilibrium is listed and every component's
    non-emptiness is decided.

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.normalform.equilibria import nash_equilibria
    >>> ne = nash_equilibria(sa.games.stag_hunt())          # Stavrianos & Turner (2021), reference games table
    >>> [s.strategies for s in ne]
    [((1, 0), (1, 0)), ((9/10, 1/10), (9/10, 1/10)), ((0, 1), (0, 1))]
    >>> ne.payoffs
    ((2, 2), (19/10, 19/10), (10, 10))
    >>> nash_equilibria(sa.games.matching_pennies()).profiles
    (MixedProfile(((1/2, 1/2), (1/2, 1/2))),)
    >>> # a degenerate game: player 1 is indifferent, so (T, any mix) is a segment of
    >>> # equilibria, listed by its two endpoints
    >>> g = sa.Game.from_arrays([[1, 1], [0, 0]], [[0, 0], [0, 0]])
    >>> nash_equilibria(g).pure_profiles()
    ((0, 0), (0, 1))
    >>> nash_equilibria(sa.games.prisoners_dilemma(), kind="pure").payoffs
    ((1, 1),)
    >>> # three players: McKelvey & McLennan's (1996) 2x2x2 game (Gambit's 2x2x2.nfg)
    >>> g = sa.Game.from_arrays([[[9, 0], [0, 3]], [[0, 3], [9, 0]]],
    ...                         [[[8, 0], [0, 4]], [[0, 4], [8, 0]]],
    ...                         [[[12, 0], [0, 6]], [[0, 6], [2, 0]]])
    >>> ne = nash_equilibria(g)
    >>> len(ne), ne.complete
    (9, True)

    A symbolic two-player game gives a `symalign.ParametricEquilibria`: the parameter space
    is partitioned exactly into regions, each with a witness point and its extreme equilibria
    (Nash 1951); for larger games in three or more parameters a region the sign engine
    cannot decide is named in ``notes`` with ``complete=False``. The stag hunt with mammoth
    payoff ``m > 2``:

    >>> import sympy
    >>> m = sympy.Symbol("m")
    >>> ne = nash_equilibria(sa.games.stag_hunt(2, 1, 1, m), assumptions=[m > 2])
    >>> [e.profile.strategies for e in ne]
    [((1, 0), (1, 0)), (((m - 1)/m, 1/m), ((m - 1)/m, 1/m)), ((0, 1), (0, 1))]
    >>> ne.complete
    True

    Parameters
    ==========

    game : Game
    kind : {"mixed", "pure"}
    assumptions : relation, str or iterable of them, optional
        Extra assumptions on the parameters of a symbolic game (the forms
        `Game.assuming` takes).

    Returns
    =======

    NashEquilibria, or ParametricEquilibria for the mixed equilibria of a symbolic game

    Raises
    ======

    ResourceLimitError
        When the number of support profiles exceeds ``settings.max_cases`` or the run
        exceeds ``settings.timeout``. (Past ``settings.equilibrium_seconds``, 600 s by
        default, three or more players' enumeration instead returns what it found with
        ``complete=False`` and a ``note``.)
    InvalidGameError
        For mixed equilibria of a symbolic game with more than two players.
    UndecidableError
        For pure equilibria of a symbolic game the assumptions do not decide.

    References
    ==========

    .. [1] D. Avis, G. D. Rosenberg, R. Savani, B. von Stengel, "Enumeration of Nash
       equilibria for two-player games", Economic Theory 42 (2010) 9-37.
    .. [2] R. D. McKelvey, A. McLennan, "Computation of equilibria in finite games",
       Handbook of Computational Economics I (1996), Ch. 2.

    """
    if kind not in ("mixed", "pure"):
        raise SymalignError(f"Argument 'kind' is {kind!r}; choose 'mixed' or 'pure'.")
    if not isinstance(game, Game):
        raise InvalidGameError(f"Argument 'game' must be a Game, not {type(game).__name__}.")
    if assumptions is not None and not game.is_numeric:
        game = game.assuming(*assumptions_of(game, assumptions)[len(game.assumptions):])
    if kind == "pure" or game.n_players == 1:
        pure = pure_nash_equilibria(game)
        profiles = tuple(_mixed_from_pure(game.shape, a) for a in pure)
        payoffs = tuple(_payoffs_of_pure(game, a) for a in pure)
        return NashEquilibria(kind=kind, method=METHOD_PURE if kind == "pure" else METHOD_ONE,
                              complete=True, profiles=profiles, payoffs=payoffs)
    if not game.is_numeric:
        if game.n_players != 2:
            raise InvalidGameError(
                f"Argument 'game' has symbolic payoffs (parameters "
                f"{sorted(map(str, game.free_symbols))}) and {game.n_players} players; mixed "
                "equilibria of symbolic games are implemented for two players: substitute "
                "values with game.subs(...), or use kind='pure' (see also pure_nash_conditions).")
        from symalign.parametric.partition import equilibrium_partition
        return equilibrium_partition(game, tuple(game.assumptions))
    if game.n_players == 2:
        profiles, payoffs = _two_player_extreme(game)
        return NashEquilibria(kind="mixed", method=METHOD_VERTEX, complete=True,
                              profiles=tuple(profiles), payoffs=tuple(payoffs))
    from symalign.normalform import nplayer
    profiles, payoffs, components, complete, stats = nplayer.enumerate_nash(game)
    return NashEquilibria(kind="mixed", method=nplayer.METHOD, complete=complete,
                          profiles=tuple(profiles), payoffs=tuple(payoffs),
                          components=tuple(components), note=stats["note"])


# -- checks at a given profile ------------------------------------------------------------------
def best_responses(game: Game, player, profile, *, assumptions=()) -> tuple[int, ...]:
    """Player's pure best responses to the others' strategies in ``profile`` (Nash (1951); Aumann (1974)).

    The actions ``b`` maximising ``u_i(b, sigma_-i)``, in increasing order; the player's own
    component of ``profile`` is ignored.

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.normalform.equilibria import best_responses
    >>> best_responses(sa.games.battle_of_the_sexes(), 0, [[1, 0], ["1/3", "2/3"]])
    (0, 1)
    >>> best_responses(sa.games.prisoners_dilemma(), 1, ("C", "C"))
    (1,)

    Parameters
    ==========

    game : Game
    player : int or str
    profile : pure or mixed profile
    assumptions : iterable of sympy relations, optional

    Returns
    =======

    tuple of int

    Raises
    ======

    UndecidableError
        When symbolic values cannot be compared under the assumptions.

    """
    i = game.player_index(player)
    sigma = _profile(game, profile)
    fd = _field(game, sigma, i)
    if fd is not None:
        return fd[1]
    dev, exact = _deviation_values(game, sigma, i)
    if exact:
        best = max(dev)
        return tuple(b for b, v in enumerate(dev) if v == best)
    A = _assumptions(game, assumptions)
    out = []
    for b, v in enumerate(dev):
        verdicts = [decide(sympy.Ge(v, w), A) for c, w in enumerate(dev) if c != b]
        if any(x is False for x in verdicts):
            continue
        if any(x is None for x in verdicts):
            cond = sympy.And(*[sympy.Ge(v, w) for c, w in enumerate(dev) if c != b])
            raise UndecidableError(cond, f"whether action {b} is a best response of player {i}")
        out.append(b)
    return tuple(out)


def is_nash_equilibrium(game: Game, profile, *, assumptions=()) -> bool:
    """Whether ``profile`` (pure or mixed) is a Nash equilibrium, decided exactly (Nash (1951); Aumann (1974)).

    Checks ``u_i(sigma) >= u_i(b, sigma_-i)`` for every player ``i`` and action ``b``.

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.normalform.equilibria import is_nash_equilibrium
    >>> bos = sa.games.battle_of_the_sexes()
    >>> is_nash_equilibrium(bos, [["2/3", "1/3"], ["1/3", "2/3"]])     # Stavrianos & Turner (2021), reference games
    True
    >>> is_nash_equilibrium(bos, [["1/2", "1/2"], ["1/3", "2/3"]])
    False
    >>> is_nash_equilibrium(sa.games.prisoners_dilemma(), ("D", "D"))
    True

    Raises
    ======

    UndecidableError
        For symbolic games or profiles the assumptions do not decide.

    """
    sigma = _profile(game, profile)
    A = _assumptions(game, assumptions)
    for i in range(game.n_players):
        fd = _field(game, sigma, i)
        if fd is not None:
            if fd[3] != 0:
                return False
            continue
        dev, exact = _deviation_values(game, sigma, i)
        own = _own(sigma, i, dev)
        if exact:
            if own != max(dev):
                return False
            continue
        for b, v in enumerate(dev):
            verdict = decide(sympy.Ge(own, v), A)
            if verdict is False:
                return False
            if verdict is None:
                raise UndecidableError(sympy.Ge(own, v),
                                       f"whether player {i} gains by deviating to action {b}")
    return True


def nashconv(game: Game, profile, *, assumptions=()) -> sympy.Expr:
    """``NashConv(sigma) = sum_i [max_{a_i} u_i(a_i, sigma_-i) - u_i(sigma)] >= 0`` (Lanctot et al. (2017), NashConv).

    Zero exactly at Nash equilibria. Defined for pure and mixed (product) profiles;
    correlated profiles are refused (the analogous sum for them
    can be negative).

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.normalform.equilibria import nashconv
    >>> pd = sa.games.prisoners_dilemma()
    >>> [nashconv(pd, a) for a in [("C", "C"), ("C", "D"), ("D", "D")]]
    [2, 1, 0]
    >>> nashconv(sa.games.matching_pennies(), [[1, 0], ["1/2", "1/2"]])
    1

    Parameters
    ==========

    game : Game
    profile : pure or mixed profile
    assumptions : iterable of sympy relations, optional
        Used to decide the maxima of symbolic values (``Max`` remains when undecided).

    Returns
    =======

    sympy.Expr

    Raises
    ======

    InvalidProfileError
        For a correlated profile.

    """
    sigma = _profile(game, profile)
    A = _assumptions(game, assumptions)
    total = Integer(0)
    for i in range(game.n_players):
        fd = _field(game, sigma, i)
        if fd is not None:
            total += fd[3]
            continue
        dev, exact = _deviation_values(game, sigma, i)
        best = max(dev) if exact else smax(dev, A)
        total += best - _own(sigma, i, dev)
    return _finish(total)
