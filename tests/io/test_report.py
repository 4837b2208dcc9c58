"""Tests for symalign.io.report: the entries added by issue 18 (equilibrium components,
Lemke–Howson for larger games, iterated dominance). Layout is the renderer's business;
these tests read the data (entries and JSON) only. The entries of a symbolic game (issue 14)
are checked against hand derivations for the prisoner's dilemma family ``[[R, S], [T, P]]``."""

from __future__ import annotations

import json

import sympy

import symalign as sa
from symalign.io import report


def test_components_and_dominance_entries():
    """A = (1,0; 0,1), B = (1,1; 0,0) (hand-derived in tests/normalform/test_components.py):
    one component, the union of three segments; nothing is dominated (each row is the best
    response to some column, and the column player is indifferent)."""
    g = sa.Game.from_arrays([[1, 0], [0, 1]], [[1, 1], [0, 0]], players=["Row", "Col"],
                            actions=[["T", "B"], ["L", "R"]])
    r = sa.analyze(g)
    (comp,) = r["nash_equilibrium_components"]
    assert comp.startswith("union of segments of dimension 1")
    assert len(r["nash_equilibria"]) == 4
    assert r["dominance_eliminated"] == ()
    assert r["dominance_surviving"] == ("Row: T, B", "Col: L, R")
    data = json.loads(sa.render(r, "json"))
    assert data["nash_equilibrium_components"] == [comp]
    assert data["dominance_eliminated"] == []


def test_dominance_entry_lists_the_order():
    """The game of the iterated_elimination example: C goes (dominated by R), then M and B
    (by T), then R (by L)."""
    g = sa.Game.from_arrays([[4, 5, 6], [2, 8, 3], [3, 9, 2]],
                            [[3, 1, 2], [1, 4, 6], [0, 6, 8]],
                            players=["Row", "Col"], actions=[["T", "M", "B"], ["L", "C", "R"]])
    entries = {e.key: e.value for e in report._dominance_section(g, None)}
    assert entries["dominance_eliminated"] == (
        "Col: C (round 0)", "Row: M (round 1)", "Row: B (round 1)", "Col: R (round 2)")
    assert entries["dominance_surviving"] == ("Row: T", "Col: L")


def test_larger_two_player_games_get_one_lemke_howson_equilibrium():
    g = sa.games.random_game((25, 20), seed=4)          # 500 outcomes: over the enumeration cap
    entries = {e.key: e.value for e in report._equilibria_section(g, None)}
    assert "nash_equilibria" not in entries
    text = entries["lemke_howson_equilibrium"]
    # "(p, q, ...); (r, s, ...)": exact probabilities as strings, which MixedProfile parses
    x, y = (part.strip("() ").split(", ") for part in text.split(";"))
    assert sa.is_nash_equilibrium(g, [x, y])
    big = sa.games.random_game((2, 2, 2), seed=0)
    assert "lemke_howson_equilibrium" not in {e.key for e in report._equilibria_section(big, None)}


# -- symbolic games (issue 14) -----------------------------------------------------------------

T, R, P, S = sympy.symbols("T R P S")
PD = sa.games.prisoners_dilemma(T, R, P, S)


def test_symbolic_pure_security_value_is_a_closed_form_not_undefined():
    """Issue 14: the report printed 'undefined' for v_i^pure although the closed form exists.
    v_0^pure = max(min(R, S), min(T, P)); at (T, R, P, S) = (5, 3, 1, 0) it is 1, and at
    (3, 2, 0, 1) (S > P) it is max(1, 0) = 1."""
    r = sa.analyze(PD)
    for i in range(2):
        v = r[f"security_value_pure_{i}"]
        assert isinstance(v, sympy.Basic), v
        for point in ({T: 5, R: 3, P: 1, S: 0}, {T: 3, R: 2, P: 0, S: 1}):
            assert v.subs(point) == max(min(point[R], point[S]), min(point[T], point[P]))
        assert isinstance(r[f"security_value_{i}"], sympy.Basic)


def test_classes_simplified_under_the_assumptions():
    """Issue 14: under T > R > P > S the zero-sum line read Eq(2*P, 0) & ...; zero-sum needs
    2R = 0 and 2P = 0 (the diagonal welfare) which R > P excludes, so it is 'no'; likewise
    constant-sum needs 2R = 2P, and common-payoff needs S = T."""
    r = sa.analyze(PD.assuming(T > R, R > P, P > S))
    assert r["is_zero_sum"] is False and r["is_constant_sum"] is False
    assert r["is_common_payoff"] is False and r["is_common_interest"] is False
    assert r["security_value_pure_0"] == P and r["security_value_0"] == P


def test_symbolic_2x2_equilibria_entry_lists_conditions():
    """D strictly dominates under T > R > P > S: one equilibrium (D, D), with no condition."""
    r = sa.analyze(PD.assuming(T > R, R > P, P > S))
    assert r["nash_equilibria"] == ("(0, 1); (0, 1) if True",)
