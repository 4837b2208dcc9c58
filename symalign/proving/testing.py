"""Hypothesis strategies for exact games and profiles, and exact assertion helpers.

Strategies build on ``st.fractions(...).map(Rational)`` so that shrinking moves towards small
denominators; every parameter is keyword-only. The assertion helpers compare
with exact ``==`` and fail on any float.

Examples
========

>>> from hypothesis import given, settings
>>> import symalign as sa
>>> from symalign.proving.testing import games, assert_exact_equal
>>> @settings(max_examples=20, database=None)
... @given(games(n_players=2, max_actions=3))
... def test_alpha_nonpositive(g):
...     assert sa.alpha(g) <= 0
>>> test_alpha_nonpositive()

"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from fractions import Fraction

import sympy
from hypothesis import strategies as st
from sympy import Integer, Rational

from symalign.core.lazy import np

__all__ = [
    "rationals",
    "games",
    "symbolic_games",
    "common_payoff_games",
    "zero_sum_games",
    "constant_sum_games",
    "mixed_profiles",
    "correlated_profiles",
    "distributions",
    "delegation_games",
    "assert_exact_equal",
    "assert_no_float",
]


def rationals(*, max_denominator: int = 12, bound: int = 10) -> st.SearchStrategy[Rational]:
    """Exact sympy rationals in ``[-bound, bound]`` with denominator at most ``max_denominator``.

    Examples
    ========

    >>> from hypothesis import find, settings
    >>> from symalign.proving.testing import rationals
    >>> find(rationals(max_denominator=4), lambda r: r > 2, settings=settings(database=None))
    3

    """
    return st.fractions(-bound, bound, max_denominator=max_denominator).map(
        lambda f: Rational(f.numerator, f.denominator))


def _shape(draw, n_players: int, max_actions: int, shape) -> tuple[int, ...]:
    if shape is not None:
        return tuple(int(k) for k in shape)
    return tuple(draw(st.integers(1, max_actions)) for _ in range(n_players))


def _array(draw, shape, values) -> np.ndarray:
    size = math.prod(shape)
    flat = draw(st.lists(values, min_size=size, max_size=size))
    arr = np.empty(shape, dtype=object)
    arr.reshape(-1)[:] = flat
    return arr


@st.composite
def games(draw, *, n_players: int = 2, max_actions: int = 3, denominator: int = 1,
          bound: int = 10, shape: Sequence[int] | None = None):
    """Random exact games: ``n_players`` players with 1..``max_actions`` actions each.

    Payoffs are rationals in ``[-bound, bound]`` with denominators up to ``denominator``
    (integers by default). ``shape`` fixes the action counts.

    Examples
    ========

    >>> from hypothesis import given, settings
    >>> from symalign.proving.testing import games
    >>> @settings(max_examples=10, database=None)
    ... @given(games(n_players=3, max_actions=2))
    ... def check(g):
    ...     assert g.n_players == 3 and all(1 <= k <= 2 for k in g.shape)
    >>> check()

    """
    from symalign.core.game import Game
    sh = _shape(draw, n_players, max_actions, shape)
    values = rationals(max_denominator=denominator, bound=bound)
    return Game([_array(draw, sh, values) for _ in sh])


@st.composite
def symbolic_games(draw, shape: Sequence[int] = (2, 2), *, symbols: Sequence | None = None,
                   denominator: int = 1, bound: int = 5):
    """Games whose entries are rationals or parameters drawn from ``symbols`` (default ``x, y``).

    At least one entry is a parameter, so the game is symbolic.

    Examples
    ========

    >>> from hypothesis import given, settings
    >>> from symalign.proving.testing import symbolic_games
    >>> @settings(max_examples=10, database=None)
    ... @given(symbolic_games((2, 2)))
    ... def check(g):
    ...     assert g.free_symbols and not g.is_numeric
    >>> check()

    """
    from symalign.core.game import Game
    sh = tuple(int(k) for k in shape)
    syms = list(symbols) if symbols is not None else list(sympy.symbols("x y", real=True))
    values = st.one_of(rationals(max_denominator=denominator, bound=bound),
                       st.sampled_from(syms))
    arrays = [_array(draw, sh, values) for _ in sh]
    if not any(isinstance(v, sympy.Symbol) for a in arrays for v in a.reshape(-1)):
        i = draw(st.integers(0, len(sh) - 1))
        k = draw(st.integers(0, math.prod(sh) - 1))
        arrays[i].reshape(-1)[k] = draw(st.sampled_from(syms))
    return Game(arrays)


@st.composite
def common_payoff_games(draw, *, n_players: int = 2, max_actions: int = 3,
                        denominator: int = 1, bound: int = 10,
                        shape: Sequence[int] | None = None):
    """Games in which every player has the same payoff (standard game classes).

    Examples
    ========

    >>> from hypothesis import given, settings
    >>> import symalign as sa
    >>> from symalign.proving.testing import common_payoff_games
    >>> @settings(max_examples=10, database=None)
    ... @given(common_payoff_games())
    ... def check(g):
    ...     assert sa.is_common_payoff(g) and sa.alpha(g) == 0
    >>> check()

    """
    from symalign.core.game import Game
    sh = _shape(draw, n_players, max_actions, shape)
    u = _array(draw, sh, rationals(max_denominator=denominator, bound=bound))
    return Game([u] * len(sh))


@st.composite
def constant_sum_games(draw, *, n_players: int = 2, max_actions: int = 3,
                       denominator: int = 1, bound: int = 10,
                       shape: Sequence[int] | None = None, constant: object = None):
    """Games whose payoffs sum to one constant at every outcome (standard game classes).

    The constant is drawn unless given; the last player absorbs it.

    Examples
    ========

    >>> from hypothesis import given, settings
    >>> import symalign as sa
    >>> from symalign.proving.testing import constant_sum_games
    >>> @settings(max_examples=10, database=None)
    ... @given(constant_sum_games(n_players=3, max_actions=2))
    ... def check(g):
    ...     assert sa.is_constant_sum(g)
    >>> check()

    """
    from symalign.core.game import Game
    sh = _shape(draw, n_players, max_actions, shape)
    values = rationals(max_denominator=denominator, bound=bound)
    c = draw(values) if constant is None else sympy.sympify(constant)
    us = [_array(draw, sh, values) for _ in sh[:-1]]
    last = np.empty(sh, dtype=object)
    for a in np.ndindex(*sh):
        last[a] = c - sympy.Add(*(u[a] for u in us))
    return Game([*us, last])


def zero_sum_games(*, n_players: int = 2, max_actions: int = 3, denominator: int = 1,
                   bound: int = 10, shape: Sequence[int] | None = None):
    """Games whose payoffs sum to zero at every outcome (standard game classes).

    Examples
    ========

    >>> from hypothesis import given, settings
    >>> import symalign as sa
    >>> from symalign.proving.testing import zero_sum_games
    >>> @settings(max_examples=10, database=None)
    ... @given(zero_sum_games())
    ... def check(g):
    ...     assert sa.is_zero_sum(g)
    >>> check()

    """
    return constant_sum_games(n_players=n_players, max_actions=max_actions,
                              denominator=denominator, bound=bound, shape=shape, constant=0)


@st.composite
def distributions(draw, k: int, *, max_weight: int = 6, full_support: bool = False):
    """Exact probability vectors of length ``k`` (rational, summing to exactly one).

    Examples
    ========

    >>> from hypothesis import find, settings
    >>> from symalign.proving.testing import distributions
    >>> find(distributions(3), lambda p: p[2] > 0, settings=settings(database=None))
    (0, 0, 1)

    """
    lo = 1 if full_support else 0
    w = draw(st.lists(st.integers(lo, max_weight), min_size=k, max_size=k))
    if sum(w) == 0:
        w[draw(st.integers(0, k - 1))] = 1
    total = sum(w)
    return tuple(Rational(x, total) for x in w)


@st.composite
def mixed_profiles(draw, game, *, max_weight: int = 6, full_support: bool = False):
    """Exact mixed profiles (`MixedProfile`) of ``game``.

    Examples
    ========

    >>> from hypothesis import given, settings
    >>> import symalign as sa
    >>> from symalign.proving.testing import mixed_profiles
    >>> pd = sa.games.prisoners_dilemma()
    >>> @settings(max_examples=10, database=None)
    ... @given(mixed_profiles(pd))
    ... def check(sigma):
    ...     assert sigma.shape == (2, 2) and all(sum(p) == 1 for p in sigma.strategies)
    >>> check()

    """
    from symalign.core.profiles import MixedProfile
    return MixedProfile([list(draw(distributions(k, max_weight=max_weight,
                                                 full_support=full_support)))
                         for k in game.shape])


@st.composite
def correlated_profiles(draw, game, *, max_weight: int = 6, full_support: bool = False):
    """Exact correlated profiles (`CorrelatedProfile`) of ``game``.

    Examples
    ========

    >>> from hypothesis import given, settings
    >>> import symalign as sa
    >>> from symalign.proving.testing import correlated_profiles
    >>> chicken = sa.games.chicken()
    >>> @settings(max_examples=10, database=None)
    ... @given(correlated_profiles(chicken))
    ... def check(mu):       # Stavrianos & Turner (2021), the Coordination-Alignment inequalities: W(mu) <= OPT at every correlated profile
    ...     assert sum(mu.probabilities.reshape(-1)) == 1
    ...     assert sa.welfare(chicken, mu) <= sa.max_welfare(chicken)
    >>> check()

    """
    from symalign.core.profiles import CorrelatedProfile
    p = draw(distributions(game.n_outcomes, max_weight=max_weight, full_support=full_support))
    arr = np.empty(game.shape, dtype=object)
    arr.reshape(-1)[:] = p
    return CorrelatedProfile(arr)


@st.composite
def delegation_games(draw, *, n_players: int = 2, max_actions: int = 2, denominator: int = 1,
                     bound: int = 10, shape: Sequence[int] | None = None):
    """Random exact delegation games ``D = (S, u, u_hat)`` (agents ``u``, principals ``u_hat``).

    Imports `symalign.delegation` lazily. Skip-safe: when that module is not installed the
    drawing test is skipped (under pytest) instead of failing.

    Examples
    ========

    >>> from symalign.proving.testing import delegation_games
    >>> s = delegation_games(n_players=2)   # building the strategy never imports delegation
    >>> s is not None
    True

    """
    try:
        from symalign.delegation.model import DelegationGame
    except ImportError:  # pragma: no cover - depends on the installed modules
        import pytest
        pytest.skip("symalign.delegation is not available")
    sh = _shape(draw, n_players, max_actions, shape)
    values = rationals(max_denominator=denominator, bound=bound)
    from symalign.core.game import Game
    agents = Game([_array(draw, sh, values) for _ in sh])
    principals = Game([_array(draw, sh, values) for _ in sh])
    return DelegationGame(agents, principals)


# -- assertions ----------------------------------------------------------------------------------

def _floats(obj, path: str = "value", seen=None):
    """Yield ``(path, float)`` for every float inside ``obj``."""
    if seen is None:
        seen = set()
    if isinstance(obj, (bool, int, str, bytes, Fraction, type(None))):
        return
    if isinstance(obj, (float, np.floating, complex)):
        yield path, obj
        return
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, sympy.Basic):
        fl = obj.atoms(sympy.Float)
        if fl:
            yield path, next(iter(fl))
        return
    if isinstance(obj, np.ndarray):
        if obj.dtype.kind in "fc":
            yield path, obj.dtype
            return
        if obj.dtype == object:
            for idx, v in np.ndenumerate(obj):
                yield from _floats(v, f"{path}[{', '.join(map(str, idx))}]", seen)
        return
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            yield from _floats(getattr(obj, f.name), f"{path}.{f.name}", seen)
        return
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _floats(k, f"{path}.keys()", seen)
            yield from _floats(v, f"{path}[{k!r}]", seen)
        return
    if isinstance(obj, (list, tuple, set, frozenset)):
        for k, v in enumerate(obj):
            yield from _floats(v, f"{path}[{k}]", seen)
        return
    for attr in ("strategies", "probabilities"):  # profiles
        if hasattr(obj, attr) and type(obj).__module__.startswith("symalign"):
            yield from _floats(getattr(obj, attr), f"{path}.{attr}", seen)
            return
    if type(obj).__module__.startswith("symalign") and hasattr(obj, "sympy_array"):
        yield from _floats(obj.sympy_array(), f"{path}.payoffs", seen)


def assert_no_float(obj) -> None:
    """Fail if ``obj`` contains a float anywhere: records, tuples, dicts, arrays, expressions.

    Examples
    ========

    >>> import sympy
    >>> from symalign.proving.testing import assert_no_float
    >>> assert_no_float((sympy.Rational(1, 3), {"a": [sympy.sqrt(2)]}))
    >>> assert_no_float({"a": [sympy.Float(0.5)]})
    Traceback (most recent call last):
    ...
    AssertionError: value['a'][0] is the float 0.500000000000000; symalign values must be exact.

    """
    for path, v in _floats(obj):
        raise AssertionError(f"{path} is the float {v}; symalign values must be exact.")


def _exact_equal(a, b) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a, b = np.asarray(a, dtype=object), np.asarray(b, dtype=object)
        return a.shape == b.shape and all(_exact_equal(x, y) for x, y in
                                          zip(a.reshape(-1), b.reshape(-1)))
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_exact_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_exact_equal(a[k], b[k]) for k in a)
    try:
        eq = a == b
    except Exception:  # pragma: no cover
        eq = False
    if eq is True or eq is sympy.true or (isinstance(eq, np.bool_) and bool(eq)):
        return True
    if isinstance(a, (sympy.Basic, int, Fraction)) and isinstance(b, (sympy.Basic, int, Fraction)):
        sa, sb = sympy.sympify(a), sympy.sympify(b)
        if isinstance(sa, sympy.Expr) and isinstance(sb, sympy.Expr):
            d = sympy.expand(sa - sb)
            if d == 0:
                return True
            return sympy.simplify(d) == 0
    return False


def assert_exact_equal(a, b) -> None:
    """Assert ``a == b`` exactly (sympy difference simplifying to 0); fail on any float.

    Containers (tuples, lists, dicts, arrays) are compared element by element.

    Examples
    ========

    >>> import sympy
    >>> from symalign.proving.testing import assert_exact_equal
    >>> assert_exact_equal(sympy.Rational(1, 2), sympy.Integer(1) / 2)
    >>> assert_exact_equal((sympy.sqrt(8), 1), (2 * sympy.sqrt(2), 1))
    >>> assert_exact_equal(sympy.Rational(1, 2), 0.5)
    Traceback (most recent call last):
    ...
    AssertionError: b is the float 0.5; symalign values must be exact.

    """
    for path, v in _floats(a, "a"):
        raise AssertionError(f"{path} is the float {v}; symalign values must be exact.")
    for path, v in _floats(b, "b"):
        raise AssertionError(f"{path} is the float {v}; symalign values must be exact.")
    if not _exact_equal(a, b):
        raise AssertionError(f"{a!r} != {b!r} (exact comparison)")


# Integer re-export used by doctests of this module
_ONE = Integer(1)
