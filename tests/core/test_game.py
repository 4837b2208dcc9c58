"""Tests for symalign.core.game.Game: construction, exactness, validation, the sympy protocol."""

import copy
import pickle
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

import symalign as sa


def test_payoff_types_are_exact():
    g = sa.Game.from_arrays([[1, "3/4"], [Fraction(-2, 6), sympy.Rational(5, 2)]],
                            [[np.int64(7), 0], ["2^3", "sqrt(4)"]])
    assert g.payoff(0, (0, 1)) == sympy.Rational(3, 4)
    assert g.payoff(0, (1, 0)) == sympy.Rational(-1, 3)
    assert g.payoff(1, (0, 0)) == 7
    assert g.payoff(1, (1, 0)) == 8
    assert g.payoff(1, (1, 1)) == 2
    assert g.is_numeric


@pytest.mark.parametrize("bad", [0.5, np.float64(0.25), sympy.Float("0.5")])
def test_floats_refused_with_guidance(bad):
    with pytest.raises(sa.ExactnessError) as info:
        sa.Game.from_arrays([[bad, 1]], [[0, 1]])
    msg = str(info.value)
    assert "float" in msg and "allow_floats=True" in msg and "(0, 0)" in msg


def test_float_array_refused_and_explicit_conversion():
    with pytest.raises(sa.ExactnessError):
        sa.Game.from_arrays(np.array([[0.1, 0.2]]), np.array([[0.0, 1.0]]))
    g = sa.Game.from_arrays(np.array([[0.1, 0.2]]), np.array([[0.0, 1.0]]), allow_floats=True)
    assert g.payoff(0, (0, 0)) == sympy.Rational(1, 10)


@pytest.mark.parametrize("arrays,match", [
    (([[1, 2]], [[1, 2], [3, 4]]), "shape"),
    (([1, 2], [1, 2]), "dimension"),
    (([[1, 2], [3]], [[1, 2], [3, 4]]), "rectangular"),
    (([["x"]], [[1]]), "undeclared symbol"),
    (([[True]], [[1]]), "bool"),
    (([[1 + 2j]], [[1]]), "complex"),
    (([[None]], [[1]]), "not an exact number"),
    (([[sympy.oo]], [[1]]), "finite"),
])
def test_malformed_arrays(arrays, match):
    with pytest.raises(sa.SymalignError, match=match):
        sa.Game.from_arrays(*arrays)


def test_empty_and_zero_actions():
    with pytest.raises(sa.InvalidGameError):
        sa.Game([])
    with pytest.raises(sa.InvalidGameError, match="at least one"):
        sa.Game.from_arrays(np.zeros((0, 2), dtype=int), np.zeros((0, 2), dtype=int))


def test_names_validation():
    with pytest.raises(sa.InvalidGameError, match="duplicate"):
        sa.Game.from_arrays([[1]], [[1]], players=["a", "a"])
    with pytest.raises(sa.InvalidGameError, match="names"):
        sa.Game.from_arrays([[1]], [[1]], players="ab")
    with pytest.raises(sa.InvalidGameError):
        sa.Game.from_arrays([[1, 2]], [[1, 2]], actions=[["x"], ["y"]])


def test_resource_limit_checked():
    with sa.limits(max_outcomes=3):
        with pytest.raises(sa.ResourceLimitError, match="max_outcomes"):
            sa.Game.from_function(lambda a: (0, 0), (2, 2))


def test_profiles_by_name_and_index():
    pd = sa.games.prisoners_dilemma()
    assert pd.payoff(0, ("D", "C")) == pd.payoff("0", (1, 0)) == 3
    with pytest.raises(sa.InvalidProfileError, match="not an action"):
        pd.payoff(0, ("X", "C"))
    with pytest.raises(sa.InvalidProfileError, match="3"):
        pd.payoff(0, (0, 3))
    with pytest.raises(sa.InvalidProfileError, match="2 players"):
        pd.payoff(0, (0,))
    with pytest.raises(sa.InvalidProfileError):
        pd.payoff(5, (0, 0))


def test_utility_is_row_major():
    """Spec §1.1: outcome vectors list profiles with the last player's action fastest."""
    g = sa.Game.from_function(lambda a: (10 * a[0] + a[1], 0), (2, 3))
    assert list(g.utility(0)) == [0, 1, 2, 10, 11, 12]


def test_equality_hash_and_immutability():
    a = sa.games.prisoners_dilemma()
    b = sa.Game.from_arrays([[2, 0], [3, 1]], [[2, 3], [0, 1]], actions=[["C", "D"], ["C", "D"]])
    assert a == b and hash(a) == hash(b)
    assert a != sa.games.prisoners_dilemma(4, 2, 1, 0)
    assert len({a, b}) == 1
    with pytest.raises(AttributeError):
        a.shape = (3, 3)
    # the same values written differently compare equal: 2/2 == 1 and 6/4 == 3/2
    assert sa.Game.from_arrays(["2/2", "6/4"]) == sa.Game.from_arrays([1, Fraction(3, 2)])
    assert sa.Game.from_arrays(["2/2", "6/4"]) != sa.Game.from_arrays([1, 1])


def test_func_args_roundtrip_and_pickle():
    for g in [sa.games.chicken(), sa.games.symbolic_game((2, 2)),
              sa.games.random_game((2, 3), seed=5, denominator=7)]:
        assert g.func(*g.args) == g
        assert pickle.loads(pickle.dumps(g)) == g
        assert copy.deepcopy(g) == g


def test_subs_and_free_symbols():
    x, y = sympy.symbols("x y")
    g = sa.Game.from_arrays([[x, y]], [[x + y, 0]])
    assert g.free_symbols == {x, y}
    h = g.subs({x: 1, y: "1/2"})
    assert h.is_numeric and h.payoff(1, (0, 0)) == sympy.Rational(3, 2)
    with pytest.raises(sa.ExactnessError):
        g.subs(x, 0.5)
    assert g.xreplace({x: y}).free_symbols == {y}


def test_assuming_carries_relations_and_parses_strings():
    T, R = sympy.symbols("T R")
    g = sa.Game.from_arrays([[T, R]], [[R, T]]).assuming("T > R")
    assert g.assumptions == (T > R,)
    with pytest.raises(sa.FileFormatError):
        g.assuming("T > __import__")
    assert g.subs({T: 2, R: 1}).assumptions == ()
    with pytest.raises(sa.InvalidGameError, match="contradicts"):
        g.subs({T: 1, R: 2})


def test_from_function_validates_output():
    with pytest.raises(sa.InvalidGameError, match="returned 1 payoffs"):
        sa.Game.from_function(lambda a: (0,), (2, 2))
    with pytest.raises(sa.InvalidGameError):
        sa.Game.from_function(lambda a: 0, (2, 2))


def test_three_player_game_accessors():
    g = sa.Game.from_function(lambda a: (a[0], a[1], a[2] * 2), (2, 3, 2))
    assert g.n_players == 3 and g.shape == (2, 3, 2) and g.n_outcomes == 12
    assert g.payoff(2, (1, 2, 1)) == 2
    assert len(list(g.outcomes())) == 12
    assert g.payoffs[1][1, 2, 0] == 2


@st.composite
def small_tables(draw):
    shape = tuple(draw(st.lists(st.integers(1, 3), min_size=1, max_size=3)))
    arrays = [np.array(draw(st.lists(st.fractions(-5, 5, max_denominator=6),
                                     min_size=int(np.prod(shape)),
                                     max_size=int(np.prod(shape)))), dtype=object).reshape(shape)
              for _ in shape]
    return arrays


@given(small_tables())
def test_payoffs_match_input_exactly(arrays):
    g = sa.Game(arrays)
    for i, arr in enumerate(arrays):
        for a in np.ndindex(*arr.shape):
            v = arr[a]
            assert g.payoff(i, a) == sympy.Rational(v.numerator, v.denominator)
    assert g.func(*g.args) == g


@given(st.lists(st.tuples(st.one_of(st.integers(-10**6, 10**6),
                                    st.integers(-(2**62), 2**62)),
                          st.one_of(st.integers(1, 1024), st.integers(1025, 10**12))),
                min_size=1, max_size=40))
def test_elementwise_reduction_is_lowest_terms(pairs):
    """`from_fractions` reduces every payoff to lowest terms, whichever route it takes (gcd
    table for denominators <= 1024 or np.gcd; float64 or integer division), as Python's
    Fraction does. Numerators up to 2**62 exercise the integer division."""
    from symalign.core.exact import _reduce

    p = np.array([a for a, _ in pairs], dtype=np.int64)
    q = np.array([b for _, b in pairs], dtype=np.int64)
    rp, rq = _reduce(p, q)
    assert [(int(a), int(b)) for a, b in zip(rp, rq)] == \
        [(Fraction(a, b).numerator, Fraction(a, b).denominator) for a, b in pairs]


# -- payoff access by indexing (issue 18) ------------------------------------------------------
def test_getitem_payoff_vector_and_restriction():
    """PD (C=0, D=1): u(D, C) = (3, 0) (spec §5 table, T=3, S=0). game["D", :] is the 1x2
    game of player 0 playing D, whose cells are u(D, C) = (3, 0) and u(D, D) = (1, 1)."""
    import symalign as sa
    from symalign.core.errors import InvalidProfileError
    pd = sa.games.prisoners_dilemma()
    assert pd["D", "C"] == (3, 0) == pd[1, 0]
    assert pd[1, 0][1] == 0 == pd.payoff(1, (1, 0))
    row = pd["D", :]
    assert row.shape == (1, 2) and row.actions == (("D",), ("C", "D"))
    assert row[0, 0] == (3, 0) and row["D", "D"] == (1, 1)
    assert pd[["D", "C"], 1].actions == (("D", "C"), ("D",))
    assert pd[["D", "C"], 1]["C", "D"] == (0, 3)
    with pytest.raises(InvalidProfileError, match="has 1 entries"):
        pd["D"]
    with pytest.raises(InvalidProfileError, match="keeps no action"):
        pd[[], :]
    with pytest.raises(InvalidProfileError, match="repeats"):
        pd[[0, 0], :]
    with pytest.raises(TypeError, match="not iterable"):
        list(pd)


def test_getitem_symbolic_and_three_players():
    import symalign as sa
    x = sympy.Symbol("x")
    h = sa.Game.from_arrays([[x, 0], [0, 1]], [[1, 0], [0, x]])
    assert h[0, 0] == (x, 1) and h[:, 1][1, 0] == (1, x)
    g = sa.Game.from_function(lambda a: (a[0], a[1], a[2]), (2, 3, 2))
    assert g[1, 2, 0] == (1, 2, 0)
    sub = g[:, [2], :]
    assert sub.shape == (2, 1, 2) and sub[1, 0, 1] == (1, 2, 1)
