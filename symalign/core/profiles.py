"""Pure, mixed and correlated profiles, and exact expected payoffs under them (symalign's conventions for games and profiles)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from symalign.core.lazy import np
import sympy
from sympy import Integer, Rational

from symalign.core.exact import to_exact
from symalign.core.exact import finish as _finish
from symalign.core.errors import InvalidProfileError
from symalign.core.game import Game

__all__ = [
    "MixedProfile",
    "CorrelatedProfile",
    "as_mixed",
    "as_correlated",
    "expected_payoff",
    "expected_payoffs",
]


def _check_distribution(values: Sequence[sympy.Expr], name: str, where: str) -> None:
    for k, v in enumerate(values):
        if v.is_negative:
            raise InvalidProfileError(f"Argument '{name}': {where}probability at action {k} is "
                                      f"{v}, which is negative.")
        if v.is_number and v > 1:
            raise InvalidProfileError(f"Argument '{name}': {where}probability at action {k} is "
                                      f"{v}, which exceeds 1.")
    total = sympy.Add(*values)
    if total.is_number:
        if total != 1:
            raise InvalidProfileError(f"Argument '{name}': {where}probabilities sum to {total}, "
                                      "not 1.")
        return
    if sympy.simplify(total - 1) != 0:
        raise InvalidProfileError(f"Argument '{name}': {where}probabilities sum to {total}, "
                                  "which is not identically 1.")


class MixedProfile:
    """A mixed profile: one probability distribution per player, players randomising independently.

    Probabilities are exact (ints, fractions, strings such as ``"1/3"``, sympy numbers) or
    symbolic, as long as each distribution sums to 1 identically and no probability is
    negative (symbolic ones are checked when decidable).

    Examples
    ========

    >>> import sympy, symalign as sa
    >>> s = sa.MixedProfile([["1/2", "1/2"], [1, 0]])
    >>> s
    MixedProfile(((1/2, 1/2), (1, 0)))
    >>> s.probability((0, 0))
    1/2
    >>> p = sympy.Symbol("p", nonnegative=True)
    >>> sa.MixedProfile([[p, 1 - p], [0, 1]]).probability((1, 1))
    1 - p

    """

    __slots__ = ("_strategies", "__weakref__")

    def __init__(self, strategies, *, allow_floats: bool = False):
        if isinstance(strategies, MixedProfile):
            self._strategies = strategies._strategies
            return
        if isinstance(strategies, (str, bytes)) or not isinstance(strategies, Sequence | np.ndarray):
            raise InvalidProfileError(f"Argument 'strategies' must be a sequence of distributions, "
                                      f"one per player, not {strategies!r}.")
        out = []
        for i, dist in enumerate(strategies):
            if isinstance(dist, (str, bytes)) or not isinstance(dist, Sequence | np.ndarray):
                raise InvalidProfileError(f"Argument 'strategies': player {i}'s entry {dist!r} "
                                          "is not a sequence of probabilities.")
            if len(dist) == 0:
                raise InvalidProfileError(f"Argument 'strategies': player {i}'s distribution is "
                                          "empty.")
            vals = tuple(to_exact(v, name="strategies", where=f" (player {i}, action {k})",
                                  allow_floats=allow_floats, error=InvalidProfileError)
                         for k, v in enumerate(dist))
            _check_distribution(vals, "strategies", f"player {i}'s ")
            out.append(vals)
        if not out:
            raise InvalidProfileError("Argument 'strategies' is empty.")
        self._strategies = tuple(out)

    @classmethod
    def pure(cls, shape: Sequence[int], profile: Sequence[int]) -> MixedProfile:
        """The point-mass profile of a pure profile.

        Examples
        ========

        >>> import symalign as sa
        >>> sa.MixedProfile.pure((2, 3), (1, 0))
        MixedProfile(((0, 1), (1, 0, 0)))

        """
        return cls([[Integer(1) if j == a else Integer(0) for j in range(k)]
                    for k, a in zip(shape, profile)])

    @classmethod
    def uniform(cls, shape: Sequence[int]) -> MixedProfile:
        """Every player uniform over their actions.

        Examples
        ========

        >>> import symalign as sa
        >>> sa.MixedProfile.uniform((2, 3)).strategies[1]
        (1/3, 1/3, 1/3)

        """
        return cls([[Rational(1, k)] * k for k in shape])

    @property
    def strategies(self) -> tuple[tuple[sympy.Expr, ...], ...]:
        """The distributions, one tuple of probabilities per player."""
        return self._strategies

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of actions of each player."""
        return tuple(len(s) for s in self._strategies)

    @property
    def n_players(self) -> int:
        """Number of players."""
        return len(self._strategies)

    @property
    def free_symbols(self) -> set:
        """Symbols in the probabilities."""
        return set().union(*(v.free_symbols for s in self._strategies for v in s))

    def probability(self, profile: Sequence[int]) -> sympy.Expr:
        """``P_sigma(a) = prod_i sigma_i(a_i)``."""
        return _finish(sympy.Mul(*(s[a] for s, a in zip(self._strategies, profile))))

    def support(self, player: int) -> tuple[int, ...]:
        """Actions of ``player`` with probability that is not identically zero."""
        return tuple(k for k, v in enumerate(self._strategies[player]) if v != 0)

    def is_pure(self) -> bool:
        """True when every player puts probability one on a single action."""
        return all(sum(1 for v in s if v != 0) == 1 for s in self._strategies)

    def subs(self, *args) -> MixedProfile:
        """Substitute into symbolic probabilities."""
        return MixedProfile([[v.subs(*args) for v in s] for s in self._strategies])

    def to_correlated(self) -> CorrelatedProfile:
        """The product distribution ``P_sigma`` over outcomes."""
        shape = self.shape
        arr = np.empty(shape, dtype=object)
        for a in np.ndindex(*shape):
            arr[a] = self.probability(a)
        return CorrelatedProfile._trusted(arr)

    def __eq__(self, other):
        if not isinstance(other, MixedProfile):
            return NotImplemented
        return self._strategies == other._strategies

    def __hash__(self):
        return hash(("MixedProfile", self._strategies))

    def __repr__(self):
        inner = ", ".join("(" + ", ".join(str(v) for v in s) + ("," if len(s) == 1 else "") + ")"
                          for s in self._strategies)
        return f"MixedProfile(({inner}{',' if len(self._strategies) == 1 else ''}))"

    def _latex(self, printer):
        parts = [r"\left(" + ", ".join(printer._print(v) for v in s) + r"\right)"
                 for s in self._strategies]
        return r"\left(" + ", ".join(parts) + r"\right)"


class CorrelatedProfile:
    """A correlated profile: a probability distribution over pure outcomes (symalign's conventions for games and profiles).

    Examples
    ========

    >>> import symalign as sa
    >>> mu = sa.CorrelatedProfile([["1/2", "1/4"], ["1/4", 0]])   # Chicken's best CE
    >>> mu.probability((0, 1))
    1/4
    >>> mu.support()
    ((0, 0), (0, 1), (1, 0))
    >>> mu.marginal(0)
    (3/4, 1/4)

    """

    __slots__ = ("_p", "__weakref__")

    def __init__(self, probabilities, *, allow_floats: bool = False):
        if isinstance(probabilities, CorrelatedProfile):
            self._p = probabilities._p
            return
        try:
            arr = np.asarray(probabilities, dtype=object)
        except ValueError as exc:
            raise InvalidProfileError(f"Argument 'probabilities' is not a rectangular array: "
                                      f"{exc}") from None
        if arr.ndim == 0 or arr.size == 0:
            raise InvalidProfileError(f"Argument 'probabilities' must be an array with one axis "
                                      f"per player, not {probabilities!r}.")
        flat = arr.reshape(-1)
        vals = []
        for k, v in enumerate(flat.tolist()):
            if isinstance(v, (list, tuple, np.ndarray)):
                raise InvalidProfileError("Argument 'probabilities' is not a rectangular array.")
            where = f" at outcome {tuple(int(x) for x in np.unravel_index(k, arr.shape))}"
            vals.append(to_exact(v, name="probabilities", where=where,
                                 allow_floats=allow_floats, error=InvalidProfileError))
        _check_distribution(vals, "probabilities", "the ")
        out = np.empty(arr.shape, dtype=object)
        out.reshape(-1)[:] = vals
        out.setflags(write=False)
        self._p = out

    @classmethod
    def _trusted(cls, arr: np.ndarray) -> CorrelatedProfile:
        obj = object.__new__(cls)
        arr = arr.copy()
        arr.setflags(write=False)
        obj._p = arr
        return obj

    @classmethod
    def from_dict(cls, shape: Sequence[int], weights: Mapping) -> CorrelatedProfile:
        """Build from ``{profile: probability}``; unlisted outcomes get 0.

        Examples
        ========

        >>> import symalign as sa
        >>> sa.CorrelatedProfile.from_dict((2, 2), {(0, 0): "1/2", (1, 1): "1/2"}).support()
        ((0, 0), (1, 1))

        """
        arr = np.zeros(tuple(shape), dtype=object)
        arr[...] = Integer(0)
        for profile, p in weights.items():
            try:
                arr[tuple(profile)] = p
            except (IndexError, TypeError, ValueError):
                raise InvalidProfileError(f"Argument 'weights' names the outcome {profile!r}, "
                                          f"which is not in a game of shape {tuple(shape)}.") \
                    from None
        return cls(arr)

    @classmethod
    def uniform(cls, shape: Sequence[int]) -> CorrelatedProfile:
        """The uniform distribution over all outcomes."""
        arr = np.empty(tuple(shape), dtype=object)
        arr[...] = Rational(1, math.prod(shape))
        return cls._trusted(arr)

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of actions of each player."""
        return self._p.shape

    @property
    def probabilities(self) -> np.ndarray:
        """The probabilities as a read-only object array indexed by outcome."""
        return self._p

    @property
    def free_symbols(self) -> set:
        """Symbols in the probabilities."""
        return set().union(*(v.free_symbols for v in self._p.reshape(-1)))

    def probability(self, profile: Sequence[int]) -> sympy.Expr:
        """``mu(a)``."""
        return self._p[tuple(profile)]

    def support(self) -> tuple[tuple[int, ...], ...]:
        """Outcomes whose probability is not identically zero, in row-major order."""
        return tuple(tuple(int(x) for x in a) for a in np.ndindex(*self._p.shape)
                     if self._p[a] != 0)

    def marginal(self, player: int) -> tuple[sympy.Expr, ...]:
        """Player's marginal distribution."""
        axes = tuple(j for j in range(self._p.ndim) if j != player)
        m = self._p.sum(axis=axes) if axes else self._p
        return tuple(_finish(v) for v in m)

    def __eq__(self, other):
        if not isinstance(other, CorrelatedProfile):
            return NotImplemented
        return self._p.shape == other._p.shape and bool(np.all(self._p == other._p))

    def __hash__(self):
        return hash(("CorrelatedProfile", self._p.shape, tuple(self._p.reshape(-1))))

    def __repr__(self):
        return f"CorrelatedProfile({self._p.tolist()!r})".replace("Rational", "")

    def _latex(self, printer):
        items = [rf"{''.join(str(x) for x in a)}: {printer._print(self._p[a])}"
                 for a in np.ndindex(*self._p.shape) if self._p[a] != 0]
        return r"\left\{" + ", ".join(items) + r"\right\}"


def _looks_pure(profile) -> bool:
    return (isinstance(profile, (tuple, list)) and len(profile) > 0
            and all(isinstance(a, (str, int, np.integer)) and not isinstance(a, bool)
                    for a in profile))


def as_mixed(game: Game, profile) -> MixedProfile:
    """Interpret ``profile`` (pure tuple, list of distributions or `MixedProfile`) for ``game``.

    Examples
    ========

    >>> import symalign as sa
    >>> pd = sa.games.prisoners_dilemma()
    >>> sa.as_mixed(pd, ("C", "D"))
    MixedProfile(((1, 0), (0, 1)))

    """
    if isinstance(profile, CorrelatedProfile):
        raise InvalidProfileError("Argument 'profile' is a correlated profile, but this function "
                                  "needs a pure or mixed (independent) profile.")
    if isinstance(profile, MixedProfile):
        sigma = profile
    elif _looks_pure(profile):
        sigma = MixedProfile.pure(game.shape, game.pure_profile(profile))
    else:
        sigma = MixedProfile(profile)
    if sigma.shape != game.shape:
        raise InvalidProfileError(f"Argument 'profile' has shape {sigma.shape}, but the game has "
                                  f"shape {game.shape}.")
    return sigma


def as_correlated(game: Game, profile) -> CorrelatedProfile:
    """Interpret any profile (pure, mixed or correlated) as a distribution over outcomes.

    Examples
    ========

    >>> import symalign as sa
    >>> pd = sa.games.prisoners_dilemma()
    >>> sa.as_correlated(pd, ("D", "D")).support()
    ((1, 1),)

    """
    if isinstance(profile, CorrelatedProfile):
        mu = profile
    elif isinstance(profile, Mapping):
        mu = CorrelatedProfile.from_dict(game.shape, {game.pure_profile(k): v
                                                      for k, v in profile.items()})
    else:
        mu = as_mixed(game, profile).to_correlated()
    if mu.shape != game.shape:
        raise InvalidProfileError(f"Argument 'profile' has shape {mu.shape}, but the game has "
                                  f"shape {game.shape}.")
    return mu


def _contract(U: np.ndarray, sigma: MixedProfile) -> sympy.Expr:
    arr = U
    for s in sigma.strategies:
        arr = np.tensordot(np.asarray(s, dtype=object), arr, axes=([0], [0]))
    return arr[()] if isinstance(arr, np.ndarray) else arr


def expected_payoff(game: Game, player, profile) -> sympy.Expr:
    """Player's exact expected payoff ``u_i(mu) = sum_a mu(a) u_i(a)`` under any profile.

    Examples
    ========

    >>> import sympy, symalign as sa
    >>> mp = sa.games.matching_pennies()
    >>> sa.expected_payoff(mp, 0, [["1/2", "1/2"], ["1/3", "2/3"]])
    0
    >>> p = sympy.Symbol("p")
    >>> sa.expected_payoff(mp, 1, [[p, 1 - p], [1, 0]])
    2*p - 1

    """
    i = game.player_index(player)
    if _looks_pure(profile):
        return game.payoff(i, profile)
    U = game.sympy_array()[i]
    if isinstance(profile, (CorrelatedProfile, Mapping)):
        mu = as_correlated(game, profile)
        return _finish(sympy.Add(*(mu.probabilities.reshape(-1) * U.reshape(-1))))
    return _finish(_contract(U, as_mixed(game, profile)))


def expected_payoffs(game: Game, profile) -> tuple[sympy.Expr, ...]:
    """Every player's expected payoff under ``profile``.

    Examples
    ========

    >>> import symalign as sa
    >>> sa.expected_payoffs(sa.games.battle_of_the_sexes(), [["2/3", "1/3"], ["1/3", "2/3"]])
    (2/3, 2/3)

    """
    return tuple(expected_payoff(game, i, profile) for i in range(game.n_players))
