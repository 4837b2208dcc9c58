"""The central `Game` type: an immutable n-player normal-form game with exact or symbolic payoffs."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Iterator, Sequence

from symalign.core.lazy import np
import sympy
from sympy import ImmutableDenseNDimArray, ImmutableMatrix

from symalign.core.exact import ExactArray, to_exact, to_exact_array
from symalign.core.config import settings
from symalign.core.errors import InvalidGameError, InvalidProfileError, ResourceLimitError

__all__ = ["Game", "assumptions_of"]


def _check_size(shape: tuple[int, ...]) -> None:
    if len(shape) > settings.max_players:
        raise ResourceLimitError(f"the game has {len(shape)} players", "max_players",
                                 settings.max_players)
    for i, k in enumerate(shape):
        if k < 1:
            raise InvalidGameError(f"Argument 'shape': player {i} has {k} actions; every player "
                                   "needs at least one.")
    outcomes = math.prod(shape)
    if outcomes > settings.max_outcomes:
        raise ResourceLimitError(f"the game has {outcomes} outcomes", "max_outcomes",
                                 settings.max_outcomes)


def _names(given, default: Sequence[str], what: str) -> tuple[str, ...]:
    if given is None:
        return tuple(default)
    if isinstance(given, str):
        raise InvalidGameError(f"Argument '{what}' must be a sequence of names, not the string "
                               f"{given!r}.")
    names = tuple(given)
    if len(names) != len(default):
        raise InvalidGameError(f"Argument '{what}' has {len(names)} names, but {len(default)} "
                               f"are needed: {names!r}.")
    for nm in names:
        if not isinstance(nm, str) or not nm or any(ord(c) < 32 for c in nm):
            raise InvalidGameError(f"Argument '{what}' holds {nm!r}; names must be non-empty "
                                   "strings without control characters.")
    if len(set(names)) != len(names):
        raise InvalidGameError(f"Argument '{what}' has duplicate names: {names!r}.")
    return names


class Game:
    """An immutable finite normal-form game with exact (rational or symbolic) payoffs.

    Player ``i``'s payoff at the pure profile ``a = (a_0, ..., a_{n-1})`` is
    ``U[i][a_0]...[a_{n-1}]`` (symalign's conventions for games and profiles). Indices are 0-based; in
    two-player displays rows are player 0 and columns player 1.

    Numeric games hold their payoffs as integer arrays over a common denominator per player,
    so that metrics take a vectorised exact path; games with symbols hold sympy expressions.
    Either way a `Game` is immutable and hashable, compares by value, and supports the sympy
    protocol ``subs``, ``xreplace``, ``free_symbols``, ``args``/``func`` and LaTeX printing.

    Construct games with `Game.from_arrays` or `Game.from_function`, or take one from
    `symalign.normalform.games`.

    Examples
    ========

    >>> import symalign as sa
    >>> g = sa.Game.from_arrays([[2, 0], [3, 1]], [[2, 3], [0, 1]],
    ...                         players=["Row", "Col"], actions=[["C", "D"], ["C", "D"]])
    >>> g
    Game(shape=(2, 2), players=('Row', 'Col'))
    >>> g.payoff(0, ("D", "C"))
    3
    >>> g.utility(1).T
    Matrix([[2, 3, 0, 1]])
    >>> import sympy
    >>> x = sympy.Symbol("x")
    >>> h = sa.Game.from_arrays([[x, 0], [0, 1]], [[1, 0], [0, x]])
    >>> h.free_symbols
    {x}
    >>> h.subs(x, "1/2").payoff(0, (0, 0))
    1/2

    """

    __slots__ = ("_players", "_actions", "_shape", "_exact", "_sym", "_assumptions", "_hash",
                 "_cache", "__weakref__")

    # -- construction --------------------------------------------------------------------
    def __init__(self, payoffs, players=None, actions=None, assumptions=(), *,
                 allow_floats: bool = False):
        if isinstance(payoffs, Game):
            raise TypeError("Argument 'payoffs' is already a Game.")
        try:
            arrays = list(payoffs)
        except TypeError:
            raise InvalidGameError(f"Argument 'payoffs' must be a sequence of payoff arrays, "
                                   f"one per player, not {payoffs!r}.") from None
        self._build(arrays, players, actions, assumptions, allow_floats)

    def _build(self, arrays, players, actions, assumptions, allow_floats):
        if not arrays:
            raise InvalidGameError("Argument 'payoffs' is empty: a game needs at least one player.")
        n = len(arrays)
        if n > settings.max_players:
            raise ResourceLimitError(f"the game has {n} players", "max_players",
                                     settings.max_players)
        converted = []
        shape = None
        for i, a in enumerate(arrays):
            s, ex, sym = to_exact_array(a, name="arrays",
                                        allow_floats=allow_floats, error=InvalidGameError)
            if shape is None:
                shape = s
                if len(shape) != n:
                    raise InvalidGameError(
                        f"Argument 'arrays': {n} payoff array(s) were given, so each must have "
                        f"{n} dimension(s) (one per player), but array 0 has shape {shape}.")
                _check_size(shape)
            elif s != shape:
                raise InvalidGameError(f"Argument 'arrays': every payoff array must have the shape "
                                       f"of the first, {shape}; array {i} has shape {s}.")
            converted.append((ex, sym))
        self._shape = shape
        if all(ex is not None for ex, _ in converted):
            self._exact = tuple(ex for ex, _ in converted)
            self._sym = None
        else:
            self._exact = None
            sym = np.empty((n, *shape), dtype=object)
            for i, (ex, s) in enumerate(converted):
                sym[i] = ex.to_sympy() if ex is not None else s
            self._sym = sym
        self._players = _names(players, [str(i) for i in range(n)], "players")
        if actions is None:
            self._actions = tuple(tuple(str(j) for j in range(k)) for k in shape)
        else:
            acts = list(actions)
            if len(acts) != n:
                raise InvalidGameError(f"Argument 'actions' has {len(acts)} lists, but the game "
                                       f"has {n} players.")
            self._actions = tuple(_names(a, [str(j) for j in range(k)], f"actions[{i}]")
                                  for i, (a, k) in enumerate(zip(acts, shape)))
        self._assumptions = _relations(assumptions)
        self._hash = None
        self._cache = {}

    @classmethod
    def from_arrays(cls, *arrays, players=None, actions=None, assumptions=(),
                    allow_floats: bool = False) -> Game:
        """Build a game from one payoff array per player, indexed by action profile.

        As in pygambit, ``arrays[i][a_0]...[a_{n-1}]`` is player ``i``'s payoff. Entries may
        be ints, `fractions.Fraction`, strings such as ``"3/4"``, sympy numbers or sympy
        expressions with symbols. Floats are refused unless ``allow_floats=True``, which
        converts each by its shortest decimal representation (``0.1`` becomes ``1/10``).

        Examples
        ========

        >>> import symalign as sa
        >>> from fractions import Fraction
        >>> g = sa.Game.from_arrays([[1, "1/2"]], [[Fraction(2, 3), 0]])
        >>> g.shape, g.payoff(0, (0, 1)), g.payoff(1, (0, 0))
        ((1, 2), 1/2, 2/3)
        >>> sa.Game.from_arrays([[0.5, 1]], [[0, 1]])
        Traceback (most recent call last):
        ...
        symalign.ExactnessError: Argument 'arrays' at index (0, 0) is the float 0.5: ...
        >>> sa.Game.from_arrays([[0.5, 1]], [[0, 1]], allow_floats=True).payoff(0, (0, 0))
        1/2

        Parameters
        ==========

        *arrays : array_like
            One array per player, each with one axis per player.
        players : sequence of str, optional
            Player names; default ``"0", "1", ...``.
        actions : sequence of sequences of str, optional
            Action names per player; default ``"0", "1", ...``.
        assumptions : iterable of sympy relations, optional
            Constraints on the parameters (see `Game.assuming`).
        allow_floats : bool
            Convert floats explicitly instead of refusing them.

        Returns
        =======

        Game

        """
        return cls(arrays, players=players, actions=actions, assumptions=assumptions,
                   allow_floats=allow_floats)

    @classmethod
    def from_function(cls, f: Callable, shape: Sequence[int], players=None, actions=None,
                      assumptions=(), allow_floats: bool = False) -> Game:
        """Build a game from ``f(profile) -> (u_0, ..., u_{n-1})`` over every pure profile.

        Examples
        ========

        >>> import symalign as sa
        >>> # a 3x3 game in which each player earns the other's action index
        >>> g = sa.Game.from_function(lambda a: (a[1], a[0]), (3, 3))
        >>> g.payoff(0, (1, 2)), g.payoff(1, (1, 2))
        (2, 1)

        Parameters
        ==========

        f : callable
            Maps a profile (tuple of action indices) to a sequence of ``n`` payoffs.
        shape : sequence of int
            Number of actions of each player.

        Returns
        =======

        Game

        """
        shape = tuple(int(k) for k in shape)
        _check_size(shape)
        n = len(shape)
        arrays = [np.empty(shape, dtype=object) for _ in range(n)]
        for profile in itertools.product(*(range(k) for k in shape)):
            values = f(profile)
            try:
                values = tuple(values)
            except TypeError:
                raise InvalidGameError(f"Argument 'f' returned {values!r} at {profile}; it must "
                                       f"return {n} payoffs.") from None
            if len(values) != n:
                raise InvalidGameError(f"Argument 'f' returned {len(values)} payoffs at "
                                       f"{profile}; the game has {n} players.")
            for i, v in enumerate(values):
                arrays[i][profile] = v
        return cls(arrays, players=players, actions=actions, assumptions=assumptions,
                   allow_floats=allow_floats)

    @classmethod
    def from_fractions(cls, numerators, denominators, players=None, actions=None,
                       assumptions=()) -> Game:
        """Build a rational game from integer arrays of numerators and denominators, vectorised.

        ``numerators[i]`` and ``denominators[i]`` are player ``i``'s integer arrays (indexed by
        profile); player ``i``'s payoff at ``a`` is ``numerators[i][a] / denominators[i][a]``.
        No Python object is created per payoff, so games of millions of outcomes build fast.

        Examples
        ========

        >>> import numpy as np, symalign as sa
        >>> g = sa.Game.from_fractions([np.array([[1, 3]]), np.array([[2, 0]])],
        ...                            [np.array([[2, 4]]), np.array([[3, 1]])])
        >>> g.payoff(0, (0, 1)), g.payoff(1, (0, 0))
        (3/4, 2/3)
        >>> sa.Game.from_fractions([np.array([1])], [np.array([0])])
        Traceback (most recent call last):
        ...
        symalign.InvalidGameError: Argument 'denominators': player 0 has a denominator 0; denominators must be positive.

        """
        nums = [np.asarray(a) for a in numerators]
        dens = [np.asarray(a) for a in denominators]
        n = len(nums)
        if n == 0 or len(dens) != n:
            raise InvalidGameError(f"Arguments 'numerators' and 'denominators' need one array "
                                   f"per player; got {len(nums)} and {len(dens)}.")
        shape = tuple(int(k) for k in nums[0].shape)
        if len(shape) != n:
            raise InvalidGameError(f"Argument 'numerators': {n} arrays were given, so each must "
                                   f"have {n} dimensions, not shape {shape}.")
        _check_size(shape)
        exact = []
        for i, (p, q) in enumerate(zip(nums, dens)):
            for name, a in (("numerators", p), ("denominators", q)):
                if a.dtype.kind not in "iu" or tuple(a.shape) != shape:
                    raise InvalidGameError(f"Argument '{name}': player {i}'s array must be an "
                                           f"integer array of shape {shape}, not {a.dtype} "
                                           f"{tuple(a.shape)}.")
            if q.size and int(q.min()) <= 0:
                bad = int(q.min())
                raise InvalidGameError(f"Argument 'denominators': player {i} has a denominator "
                                       f"{bad}; denominators must be positive.")
            exact.append(ExactArray.from_pq(p, q))
        g = cls._from_parts(tuple(exact), None, shape,
                            _names(players, [str(i) for i in range(n)], "players"),
                            tuple(tuple(str(j) for j in range(k)) for k in shape)
                            if actions is None else
                            tuple(_names(a, [str(j) for j in range(k)], f"actions[{i}]")
                                  for i, (a, k) in enumerate(zip(actions, shape))),
                            _relations(assumptions))
        return g

    @classmethod
    def _from_parts(cls, exact, sym, shape, players, actions, assumptions) -> Game:
        g = object.__new__(cls)
        g._exact, g._sym, g._shape = exact, sym, shape
        g._players, g._actions, g._assumptions = players, actions, assumptions
        g._hash = None
        g._cache = {}
        return g

    # -- basic accessors -------------------------------------------------------------------
    @property
    def n_players(self) -> int:
        """Number of players ``n``."""
        return len(self._shape)

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of actions of each player, ``(k_0, ..., k_{n-1})``."""
        return self._shape

    @property
    def n_outcomes(self) -> int:
        """Number of pure profiles, the product of `shape`."""
        return math.prod(self._shape)

    @property
    def players(self) -> tuple[str, ...]:
        """Player names."""
        return self._players

    @property
    def actions(self) -> tuple[tuple[str, ...], ...]:
        """Action names, one tuple per player."""
        return self._actions

    @property
    def assumptions(self) -> tuple[sympy.Basic, ...]:
        """Relations the parameters are assumed to satisfy (see `assuming`)."""
        return self._assumptions

    @property
    def is_numeric(self) -> bool:
        """True when every payoff is a rational number (the vectorised exact path applies)."""
        return self._exact is not None

    @property
    def free_symbols(self) -> set[sympy.Symbol]:
        """The parameters (sympy symbols) appearing in the payoffs."""
        if self._exact is not None:
            return set()
        if "free_symbols" not in self._cache:
            syms: set = set()
            for e in self._sym.reshape(-1):
                syms |= e.free_symbols
            self._cache["free_symbols"] = frozenset(syms)
        return set(self._cache["free_symbols"])

    def outcomes(self) -> Iterator[tuple[int, ...]]:
        """Iterate over pure profiles in row-major order (the last player's action fastest)."""
        return itertools.product(*(range(k) for k in self._shape))

    # -- indices ---------------------------------------------------------------------------
    def player_index(self, player) -> int:
        """Index of ``player``, given as an index or a name."""
        if isinstance(player, (int, np.integer)) and not isinstance(player, bool):
            if 0 <= player < self.n_players:
                return int(player)
            raise InvalidProfileError(f"Argument 'player' is {player}, but the game has players "
                                      f"0..{self.n_players - 1}.")
        if isinstance(player, str) and player in self._players:
            return self._players.index(player)
        raise InvalidProfileError(f"Argument 'player' is {player!r}, which is neither an index "
                                  f"nor one of the names {self._players}.")

    def action_index(self, player, action) -> int:
        """Index of ``action`` of ``player``, given as an index or a name."""
        i = self.player_index(player)
        k = self._shape[i]
        if isinstance(action, (int, np.integer)) and not isinstance(action, bool):
            if 0 <= action < k:
                return int(action)
            raise InvalidProfileError(f"Argument 'profile': player {i} has actions 0..{k - 1}, "
                                      f"not {action}.")
        if isinstance(action, str) and action in self._actions[i]:
            return self._actions[i].index(action)
        raise InvalidProfileError(f"Argument 'profile': {action!r} is not an action of player "
                                  f"{i} (actions {self._actions[i]}).")

    def pure_profile(self, profile) -> tuple[int, ...]:
        """Normalise a pure profile given by indices or action names to a tuple of indices.

        Examples
        ========

        >>> import symalign as sa
        >>> sa.games.prisoners_dilemma().pure_profile(("D", 0))
        (1, 0)

        """
        if isinstance(profile, (str, bytes)) or not isinstance(profile, Iterable):
            raise InvalidProfileError(f"Argument 'profile' must be a sequence of {self.n_players} "
                                      f"actions, not {profile!r}.")
        p = tuple(profile)
        if len(p) != self.n_players:
            raise InvalidProfileError(f"Argument 'profile' has {len(p)} actions, but the game has "
                                      f"{self.n_players} players: {profile!r}.")
        return tuple(self.action_index(i, a) for i, a in enumerate(p))

    # -- payoffs ---------------------------------------------------------------------------
    __iter__ = None  # indexing is by profile (`__getitem__`), not a sequence protocol

    def __getitem__(self, profile):
        """``game[profile]``: the payoff vector ``(u_0, ..., u_{n-1})`` at a pure profile;
        with a slice or a list of actions for some players, the game restricted to them.

        Each entry of ``profile`` is an action index or name; ``:`` keeps all of a player's
        actions and a list keeps the listed ones, so ``game["D", :]`` is the game in which
        player 0 plays D. Restricted games keep the original player and action names.

        Examples
        ========

        >>> import symalign as sa
        >>> pd = sa.games.prisoners_dilemma()
        >>> pd["D", "C"], pd[1, 0][0], pd.payoff(0, ("D", "C"))
        ((3, 0), 3, 3)
        >>> pd["D", :].shape, pd["D", :].actions
        ((1, 2), (('D',), ('C', 'D')))
        >>> pd["D", :]["D", "D"]
        (1, 1)

        """
        if not isinstance(profile, tuple):
            profile = (profile,)
        if len(profile) != self.n_players:
            raise InvalidProfileError(f"Argument 'profile' has {len(profile)} entries, but the "
                                      f"game has {self.n_players} players: {profile!r}.")
        if not any(isinstance(a, (slice, list)) for a in profile):
            a = self.pure_profile(profile)
            if self._exact is not None:
                return tuple(ex.value(a) for ex in self._exact)
            return tuple(self._sym[(i, *a)] for i in range(self.n_players))
        keep = []
        for i, a in enumerate(profile):
            if isinstance(a, slice):
                keep.append(list(range(self._shape[i]))[a])
            elif isinstance(a, list):
                keep.append([self.action_index(i, b) for b in a])
            else:
                keep.append([self.action_index(i, a)])
            if not keep[-1]:
                raise InvalidProfileError(f"Argument 'profile' keeps no action of player {i}: "
                                          f"{a!r}.")
            if len(set(keep[-1])) != len(keep[-1]):
                raise InvalidProfileError(f"Argument 'profile' repeats an action of player {i}: "
                                          f"{a!r}.")
        return self._restricted(keep)

    def _restricted(self, keep: list[list[int]]) -> Game:
        """The game in which player ``i`` has only the actions ``keep[i]`` (original names)."""
        ix = np.ix_(*keep)
        actions = tuple(tuple(self._actions[i][a] for a in k) for i, k in enumerate(keep))
        shape = tuple(len(k) for k in keep)
        if self._exact is not None:
            parts = tuple(ExactArray(np.ascontiguousarray(ex.num[ix]), ex.den)
                          for ex in self._exact)
            return Game._from_parts(parts, None, shape, self._players, actions,
                                    self._assumptions)
        sym = np.ascontiguousarray(self._sym[(slice(None), *ix)])
        sym.setflags(write=False)
        return Game._from_parts(None, sym, shape, self._players, actions, self._assumptions)

    def payoff(self, player, profile) -> sympy.Expr:
        """Player's exact payoff at a pure profile (indices or action names)."""
        i = self.player_index(player)
        a = self.pure_profile(profile)
        if self._exact is not None:
            return self._exact[i].value(a)
        return self._sym[(i, *a)]

    def payoff_array(self, player) -> np.ndarray:
        """Player's payoffs as a numpy object array of sympy values, indexed by profile."""
        i = self.player_index(player)
        return self.sympy_array()[i].copy()

    def sympy_array(self) -> np.ndarray:
        """The payoff tensor ``U`` as a read-only numpy object array of shape ``(n, *shape)``."""
        if self._sym is None:
            sym = np.empty((self.n_players, *self._shape), dtype=object)
            for i, ex in enumerate(self._exact):
                sym[i] = ex.to_sympy()
            sym.setflags(write=False)
            self._sym = sym
        return self._sym

    @property
    def payoffs(self) -> tuple[ImmutableDenseNDimArray, ...]:
        """The payoff tensor as one `sympy.ImmutableDenseNDimArray` per player."""
        if "payoffs" not in self._cache:
            U = self.sympy_array()
            self._cache["payoffs"] = tuple(
                ImmutableDenseNDimArray(U[i].reshape(-1).tolist(), self._shape)
                for i in range(self.n_players))
        return self._cache["payoffs"]

    def utility(self, player) -> ImmutableMatrix:
        """Player's utility as a column vector over outcomes in row-major order."""
        i = self.player_index(player)
        return ImmutableMatrix(self.sympy_array()[i].reshape(-1).tolist())

    def exact_arrays(self) -> tuple[ExactArray, ...] | None:
        """The integer-numerator representation of a numeric game, or ``None`` if symbolic."""
        return self._exact

    # -- sympy protocol --------------------------------------------------------------------
    @property
    def args(self) -> tuple:
        """``(payoffs, players, actions, assumptions)``, so that ``g.func(*g.args) == g``."""
        return (self.payoffs, self._players, self._actions, self._assumptions)

    @property
    def func(self):
        """The constructor, for the sympy ``func(*args)`` idiom."""
        return Game

    def xreplace(self, rule) -> Game:
        """Replace subexpressions exactly, as `sympy.Basic.xreplace`."""
        return self._map(lambda e: e.xreplace(rule), lambda r: r.xreplace(rule))

    def subs(self, *args, **kwargs) -> Game:
        """Substitute values for parameters, as `sympy.Basic.subs`; floats are refused.

        Strings are parsed exactly, so ``g.subs(x, "1/3")`` substitutes one third.
        """
        if len(args) == 2:
            args = ({args[0]: args[1]},)
        rule = args[0] if args else {}
        if isinstance(rule, dict):
            rule = {k: to_exact(v, name="subs") for k, v in rule.items()}
        else:
            rule = [(k, to_exact(v, name="subs")) for k, v in rule]
        return self._map(lambda e: e.subs(rule, **kwargs), lambda r: r.subs(rule, **kwargs))

    def _map(self, f, frel) -> Game:
        if self._exact is not None and not self._assumptions:
            return self
        U = self.sympy_array()
        new = np.empty(U.shape, dtype=object)
        flat_new, flat_old = new.reshape(-1), U.reshape(-1)
        for k in range(flat_old.size):
            flat_new[k] = f(flat_old[k])
        rels = tuple(r for r in (frel(r) for r in self._assumptions) if r is not sympy.true)
        for r in rels:
            if r is sympy.false:
                raise InvalidGameError("the substitution contradicts the game's assumptions "
                                       f"{self._assumptions}.")
        return Game(list(new), self._players, self._actions, rels)

    def assuming(self, *relations) -> Game:
        """Return the same game carrying extra assumptions on its parameters.

        Metrics use them to decide comparisons. Relations are sympy relations (a conjunction
        ``a & b`` counts as its parts), strings parsed over the game's free symbols, or lists of
        these: the same forms as the ``assumptions=`` argument of every metric
        (`assumptions_of`).

        Examples
        ========

        >>> import sympy, symalign as sa
        >>> T, R, P, S = sympy.symbols("T R P S")
        >>> pd = sa.games.prisoners_dilemma(T, R, P, S).assuming(T > R, R > P, P > S)
        >>> pd.assumptions
        (T > R, R > P, P > S)

        """
        rels = _relations(_flatten(relations), {s.name: s for s in self.free_symbols})
        return Game._from_parts(self._exact, self._sym, self._shape, self._players,
                                self._actions, self._assumptions + tuple(
                                    r for r in rels if r not in self._assumptions))

    def with_names(self, players=None, actions=None) -> Game:
        """Return the same payoffs with new player or action names."""
        return Game._from_parts(
            self._exact, self._sym, self._shape,
            _names(players, self._players, "players") if players is not None else self._players,
            tuple(_names(a, old, f"actions[{i}]") for i, (a, old) in
                  enumerate(zip(actions, self._actions))) if actions is not None
            else self._actions,
            self._assumptions)

    # -- equality, hashing, printing -----------------------------------------------------
    def _key(self):
        if self._exact is not None:
            payload = tuple((ex.den, ex.num.dtype.str, ex.num.tobytes()) if ex.num.dtype != object
                            else (ex.den, "O", tuple(ex.num.reshape(-1).tolist()))
                            for ex in self._exact)
        else:
            payload = tuple(self._sym.reshape(-1).tolist())
        return (self._shape, self._players, self._actions, self._assumptions, payload)

    def __eq__(self, other) -> bool:
        if not isinstance(other, Game):
            return NotImplemented
        if self is other:
            return True
        if (self._shape, self._players, self._actions, self._assumptions) != (
                other._shape, other._players, other._actions, other._assumptions):
            return False
        if self._exact is not None and other._exact is not None:
            return all(a.den == b.den and np.array_equal(a.num, b.num)
                       for a, b in zip(self._exact, other._exact))
        if (self._exact is None) != (other._exact is None):
            return False
        return bool(np.all(self._sym == other._sym))

    def __hash__(self) -> int:
        if self._hash is None:
            if self._exact is not None:
                self._hash = hash((self._shape, self._players, self._actions, self._assumptions,
                                   tuple(hash(ex.num.tobytes()) if ex.num.dtype != object else
                                         hash(tuple(ex.num.reshape(-1).tolist()))
                                         for ex in self._exact),
                                   tuple(ex.den for ex in self._exact)))
            else:
                self._hash = hash(self._key())
        return self._hash

    def __reduce__(self):
        return (_rebuild, (self.sympy_array().tolist() if self._exact is None else
                           [ex.to_sympy().tolist() for ex in self._exact],
                           self._players, self._actions, self._assumptions))

    def __repr__(self) -> str:
        return f"Game(shape={self._shape}, players={self._players})"

    def _sympystr(self, printer) -> str:
        return repr(self)

    def _latex(self, printer) -> str:
        from symalign.core.printing import game_latex
        return game_latex(self, printer)

    def _repr_latex_(self) -> str:
        from symalign.core.printing import latex
        return "$\\displaystyle " + latex(self) + "$"


def require_numeric(game: Game, what: str,
                    hint: str = "substitute values with game.subs(...)") -> None:
    """Private to the package: refuse a game with symbolic payoffs for ``what`` (an
    `InvalidGameError` naming the symbols), with a ``hint`` on what to do instead."""
    if not game.is_numeric:
        raise InvalidGameError(f"Argument 'game' has symbolic payoffs "
                               f"{sorted(map(str, game.free_symbols))}: {what} needs numeric "
                               f"payoffs; {hint}.")


def _rebuild(payoffs, players, actions, assumptions) -> Game:
    return Game(payoffs, players, actions, assumptions)


def _flatten(relations) -> list:
    """Relations from any accepted form: one relation or string, a conjunction, or nested lists."""
    out = []
    stack = [relations]
    while stack:
        r = stack.pop()
        if r is None:
            continue
        if isinstance(r, sympy.And):
            stack.extend(reversed(r.args))
        elif isinstance(r, (str, sympy.Basic)) or not hasattr(r, "__iter__"):
            out.append(r)
        else:
            stack.extend(reversed(list(r)))
    return out


def assumptions_of(game: Game, assumptions=None) -> tuple:
    """The game's own assumptions followed by extra ones, in the forms `Game.assuming` accepts.

    Every function with an ``assumptions=`` argument reads it through this function, so that
    ``f(game, assumptions=[T > R])``, ``f(game, assumptions=T > R)``,
    ``f(game, assumptions="T > R")`` and ``f(game.assuming(T > R))`` mean the same.

    Examples
    ========

    >>> import sympy, symalign as sa
    >>> from symalign.core.game import assumptions_of
    >>> T, R, P, S = sympy.symbols("T R P S")
    >>> pd = sa.games.prisoners_dilemma(T, R, P, S).assuming(T > R)
    >>> assumptions_of(pd, ["R > P", P > S])
    (T > R, R > P, P > S)
    >>> set(assumptions_of(pd, (R > P) & (P > S))) == set(assumptions_of(pd.assuming("R > P", P > S)))
    True

    """
    symbols = {s.name: s for s in getattr(game, "free_symbols", ())}
    extra = _relations(_flatten(assumptions), symbols)
    own = tuple(getattr(game, "assumptions", ()))
    return own + tuple(r for r in extra if r not in own)


def _relations(relations, symbols=None) -> tuple:
    from symalign.core.parsing import parse_relation
    out = []
    for r in relations:
        if isinstance(r, str):
            r = parse_relation(r, symbols or {})
        if r is sympy.true:
            continue
        if r is sympy.false:
            raise InvalidGameError("Argument 'assumptions' contains a relation that is always "
                                   "false.")
        if not isinstance(r, (sympy.core.relational.Relational, sympy.logic.boolalg.Boolean)):
            raise InvalidGameError(f"Argument 'assumptions' holds {r!r}, which is not a sympy "
                                   "relation such as T > R.")
        out.append(r)
    return tuple(out)
