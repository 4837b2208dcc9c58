"""The exact equilibrium partition of symbolic games larger than 2x2 in three or more
parameters, by lazy sign branching (issue 14, point 6): the regions partition the whole
space, ties included, each region's equilibria are the numeric ones, and regions the engine
cannot decide are named, never hidden.

The oracle is the numeric `nash_equilibria` (exact vertex enumeration) on the game
substituted at the point, compared as sets of exact profiles and payoffs; the hand-derived
cases are in the docstrings.
"""

import functools
from fractions import Fraction

import pytest
import sympy
from hypothesis import example, given, settings, strategies as st

import symalign as sa
from symalign.parametric import sign_branching

w, l, t = sympy.symbols("w l t")
a, b, c = sympy.symbols("a b c")

#: rock-paper-scissors, symmetric: a win pays w, a loss l, a tie t
_RPS = [[t, l, w], [w, t, l], [l, w, t]]
GAMES = {
    "rps": (sa.Game.from_arrays(_RPS, [list(r) for r in zip(*_RPS)]), (w, l, t)),
    "2x3": (sa.Game.from_arrays([[a, 0, 1], [0, 1, 0]], [[1, b, 0], [0, 1, c]]), (a, b, c)),
    # a 3x3 game with three independent symbolic payoffs on the row player's diagonal
    "3x3": (sa.Game.from_arrays([[a, 0, 1], [0, b, 0], [1, 0, c]],
                                [[1, 0, 0], [0, 1, 1], [0, 1, 0]]), (a, b, c)),
}


@functools.lru_cache(maxsize=None)
def _ne(name):
    return sa.nash_equilibria(GAMES[name][0])


def _at(values, point):
    return tuple(tuple(sympy.cancel(v.subs(point)) for v in s) for s in values)


def _check(name, point):
    ne = _ne(name)
    game = GAMES[name][0]
    holding = [r for r in ne.regions if r.condition.subs(point) is sympy.true]
    assert len(holding) == 1, f"{len(holding)} regions hold at {point}"
    region = holding[0]
    numeric = sa.nash_equilibria(game.subs(point))
    mine = {_at(p.strategies, point): tuple(sympy.cancel(v.subs(point)) for v in pay)
            for p, pay in zip(region.profiles, region.payoffs)}
    ref = dict(zip([p.strategies for p in numeric.profiles], map(tuple, numeric.payoffs)))
    assert mine == ref
    merged = {_at(e.profile.strategies, point): tuple(sympy.cancel(v.subs(point))
                                                      for v in e.payoffs)
              for e in ne if e.condition.subs(point)}
    assert merged == ref


def test_rps_with_symbolic_win_loss_tie_by_hand():
    """Hand derivation (both players have the payoff matrix R, R[i][j] = t if i = j, w if i
    beats j, l if j beats i). Against the uniform mix every action pays (w + l + t)/3, so
    the uniform profile is always an equilibrium, and an extreme one unless w = l = t: then
    every profile is an equilibrium and the extreme ones are the 9 pure profiles. A pure tie
    (i, i) pays t; the deviations pay w and l: it is an equilibrium iff t >= w and t >= l.
    With w > t > l (the classic game) the uniform profile is the only equilibrium."""
    ne = _ne("rps")
    assert ne.complete and "branching" in ne.method and ne.notes == ()
    third = sympy.Rational(1, 3)
    uniform = ((third,) * 3, (third,) * 3)
    pure_ties = {((1, 0, 0), (1, 0, 0)), ((0, 1, 0), (0, 1, 0)), ((0, 0, 1), (0, 0, 1))}
    for r in ne.regions:
        x = r.witness
        if x[w] == x[l] == x[t]:
            assert len(r.profiles) == 9 and all(set(s) == {0, 1} for p in r.profiles
                                                for s in p.strategies)
        else:
            assert uniform in {p.strategies for p in r.profiles}
        ties = pure_ties <= {_at(p.strategies, x) for p in r.profiles}
        assert ties == (x[t] >= x[w] and x[t] >= x[l]), (r.condition, x)
    assert len(ne.region_at({w: 1, l: 1, t: 1}).profiles) == 9
    classic = sa.nash_equilibria(GAMES["rps"][0], assumptions=[w > t, t > l])
    assert classic.complete and len(classic.regions) == 1
    assert [p.strategies for p in classic.regions[0].profiles] == [uniform]
    assert classic.regions[0].condition is sympy.true


def _witnessed(name):
    for r in _ne(name).regions:
        assert r.decided and r.witness is not None
        assert all(v.is_Rational for v in r.witness.values())
        assert r.condition.subs(r.witness) is sympy.true, (name, r.condition)


def test_every_region_has_an_exact_witness_in_it():
    _witnessed("rps")
    _witnessed("2x3")


@pytest.mark.slow
def test_every_region_of_the_3x3_game_is_decided_with_a_witness():
    """About 40 s of CPU (75 s on a loaded machine): the partition itself."""
    assert _ne("3x3").complete and _ne("3x3").notes == ()
    _witnessed("3x3")


def test_witnesses_respect_the_assumptions():
    """Branches are checked together with the assumptions (here ``y > 2``, ``z, v < 0`` on
    a 2x3 game in three parameters), so every witness satisfies them."""
    y, z, v = sympy.symbols("y z v")
    g = sa.Game.from_arrays([[y, 0, 1], [0, 1, 0]], [[1, z, 0], [0, 1, v]])
    ne = sa.nash_equilibria(g, assumptions=[y > 2, z < 0, v < 0])
    assert ne.complete
    for r in ne.regions:
        x = r.witness
        assert x[y] > 2 and x[z] < 0 and x[v] < 0


q = st.fractions(min_value=-2, max_value=2, max_denominator=2)


@settings(max_examples=40, deadline=None)
@given(q, q, q)
@example(Fraction(1), Fraction(1), Fraction(1))      # w = l = t: everything is a tie
@example(Fraction(1), Fraction(0), Fraction(1))      # t = w > l
@example(Fraction(0), Fraction(1), Fraction(1))      # t = l > w
@example(Fraction(1), Fraction(-1), Fraction(0))     # the classic game
@example(Fraction(0), Fraction(0), Fraction(1))      # w = l < t
@example(Fraction(2), Fraction(0), Fraction(1))      # 2t = w + l
@example(Fraction(0), Fraction(1), Fraction(0))      # uniform pays (w + l + t)/3 = 1/3
def test_rps_partition_matches_numeric(u, v, s):
    """Every rational point (ties between w, l, t and 2t = w + l included) lies in exactly
    one region, whose equilibria are the numeric ones there."""
    _check("rps", {w: sympy.Rational(u.numerator, u.denominator),
                   l: sympy.Rational(v.numerator, v.denominator),
                   t: sympy.Rational(s.numerator, s.denominator)})


@settings(max_examples=40, deadline=None)
@given(q, q, q)
@example(Fraction(0), Fraction(0), Fraction(0))
@example(Fraction(0), Fraction(1), Fraction(1))
@example(Fraction(1), Fraction(0), Fraction(-1))
@example(Fraction(1), Fraction(-1), Fraction(2))     # on the curve b c = c - 1
@example(Fraction(-1), Fraction(1, 2), Fraction(2))  # on the curve b c = c - 1
def test_2x3_partition_matches_numeric(u, v, s):
    """A 2x3 game with three payoffs: the critical polynomials include b c - c + 1, which is
    not linear; points on that curve and on the lines a = 0, b = 0, c = 0, b + c = 1 are
    pinned."""
    _check("2x3", {a: sympy.Rational(u.numerator, u.denominator),
                   b: sympy.Rational(v.numerator, v.denominator),
                   c: sympy.Rational(s.numerator, s.denominator)})


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(q, q, q)
@example(Fraction(1), Fraction(0), Fraction(1))      # a = c = 1, b = 0
@example(Fraction(2), Fraction(0), Fraction(1, 2))   # a c = 1
@example(Fraction(1), Fraction(1), Fraction(1))      # a + c = 2, a b + a c + b c = 2 b + 1
@example(Fraction(-1), Fraction(1), Fraction(-1))    # a + b = 0, b + c = 0
def test_3x3_partition_matches_numeric(u, v, s):
    """A 3x3 game with three independent payoffs (critical polynomials include a c - 1 and
    a b + a c + b c - 2 b - 1): every region is decided, and every point (on the curves
    included) lies in exactly one region with the numeric equilibria."""
    assert _ne("3x3").complete
    _check("3x3", {a: sympy.Rational(u.numerator, u.denominator),
                   b: sympy.Rational(v.numerator, v.denominator),
                   c: sympy.Rational(s.numerator, s.denominator)})


def test_undecided_regions_are_named_and_the_partition_is_incomplete(monkeypatch):
    """With an engine that can prove a region empty but never non-empty and no witness
    points, every region is undecided: ``complete`` is False and ``notes`` names each one
    (the regions themselves still partition the space)."""
    real = sign_branching._eliminate

    def never_true(rels, search, splits):
        value, _ = real(rels, search, splits)
        return (None if value else value), None

    monkeypatch.setattr(sign_branching, "_eliminate", never_true)
    monkeypatch.setattr(sign_branching._Witnesses, "add", lambda self, point: None)
    ne = sa.nash_equilibria(GAMES["rps"][0])
    assert not ne.complete
    assert len(ne.notes) == len(ne.regions) >= 2
    for r, note in zip(sorted(ne.regions, key=lambda r: sympy.default_sort_key(r.condition)),
                       ne.notes):
        assert r.decided is None and r.witness is None
        assert str(r.condition) in note and "neither proved empty" in note


def test_non_polynomial_payoffs_fall_back_to_the_generic_enumeration_and_say_so():
    y, z, v = sympy.symbols("y z v")
    g = sa.Game.from_arrays([[sympy.sqrt(y), 0, 1], [0, 1, 0]], [[1, z, 0], [0, 1, v]])
    ne = sa.nash_equilibria(g, assumptions=[y > 2, z < 0, v < 0])
    assert not ne.complete and ne.regions == () and "generic" in ne.method
    assert "not polynomial" in ne.notes[0]


def test_over_budget_is_refused_naming_the_setting():
    with sa.limits(max_cases=10):
        with pytest.raises(sa.ResourceLimitError, match="max_cases"):
            sa.nash_equilibria(GAMES["rps"][0])


_SCRIPT = """
import sympy, symalign as sa
w, l, t = sympy.symbols("w l t")
R = [[t, l, w], [w, t, l], [l, w, t]]
ne = sa.nash_equilibria(sa.Game.from_arrays(R, [list(r) for r in zip(*R)]))
for r in ne.regions:
    print(r.condition, r.witness, [p.strategies for p in r.profiles], r.payoffs)
for e in ne:
    print(e.profile.strategies, e.condition)
"""


def test_same_printed_partition_under_three_hash_seeds():
    """The regions, their order, witnesses and closed forms print the same under any seed."""
    from tests._hashseeds import outputs_under_hash_seeds
    outs = outputs_under_hash_seeds(_SCRIPT)
    assert outs[0] == outs[1] == outs[2]
    assert outs[0].count("\n") == len(_ne("rps").regions) + len(_ne("rps"))
