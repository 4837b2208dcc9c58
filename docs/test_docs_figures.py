"""The figure scripts compute what the definitions say (hand-checked test vectors), and run.

The docs build runs ``docs/figures/*.py`` through matplotlib's plot directive; these tests run
the same code, so a figure cannot silently drift from the library or the definitions.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest
import sympy
from sympy import Rational, sqrt

FIGURES = Path(__file__).parent / "figures"
sys.path.insert(0, str(FIGURES))

import symalign as sa  # noqa: E402
from _support import (EPIC_CONSTANTS, epic_distance, epic_standardise,  # noqa: E402
                      form_a_bound, hull_frontier_2d, ia_target_agent, payoff_vectors,
                      pure_pareto_points)


@pytest.mark.parametrize("name, efficient, frontier", [
    # standard Pareto efficiency test vectors
    ("prisoners_dilemma", [(0, 3), (2, 2), (3, 0)], [(0, 3), (2, 2), (3, 0)]),
    ("chicken", [(2, 7), (6, 6), (7, 2)], [(2, 7), (6, 6), (7, 2)]),
    ("bargaining_test", [(0, 2), (3, 1), (4, 0)], [(0, 2), (3, 1), (4, 0)]),
    ("matching_pennies", [(-1, 1), (1, -1)], [(-1, 1), (1, -1)]),
    ("stag_hunt", [(10, 10)], [(10, 10)]),
    ("surplus_counterexample", [(5, 1)], [(5, 1)]),
])
def test_pareto_helpers_match_the_definition(name, efficient, frontier):
    game = getattr(sa.games, name)()
    assert pure_pareto_points(game) == efficient
    assert hull_frontier_2d(list(payoff_vectors(game).values())) == frontier


def test_epic_standardisation_of_the_stag_hunt():
    """symalign's EPIC and MAX test vectors: c = 7/2, m = sqrt(57), nu = (-3, -5, -5, 13)/(2 sqrt(57))."""
    c, m, nu = epic_standardise([2, 1, 1, 10])
    assert (c, m) == (Rational(7, 2), sqrt(57))
    assert list(nu) == [sympy.radsimp(x / (2 * sqrt(57))) for x in (-3, -5, -5, 13)]


def test_form_a_on_the_calibration_example():
    """the calibration-is-necessary example (symalign): m_hat = (sqrt2/2, sqrt2), m = (3 sqrt2/2, sqrt2); Form A = 4/3."""
    m_hat = [sqrt(2) / 2, sqrt(2)]
    m = [3 * sqrt(2) / 2, sqrt(2)]
    assert form_a_bound(0, 0, m, m_hat, **EPIC_CONSTANTS) == Rational(4, 3)


def test_ia_construction_is_exact():
    """exact constructions (derived for symalign): the constructed agent is at EPIC distance exactly delta."""
    _, _, nu_hat = epic_standardise([2, 1, 1, 10])
    xi = sympy.Matrix([-9, 4, 4, 1]) / sqrt(114)
    for delta in (0, Rational(1, 3), Rational(1, 2), 1):
        nu = ia_target_agent(nu_hat, xi, delta)
        assert sympy.simplify(epic_distance(nu_hat, nu) - delta) == 0


@pytest.mark.parametrize("script", sorted(p.stem for p in FIGURES.glob("[!_]*.py")))
def test_figure_script_runs(script):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    module = importlib.import_module(script)
    fig = module.main()
    assert fig.axes
    matplotlib.pyplot.close(fig)


@pytest.mark.parametrize("k", [Rational(1, 2), 1, 2, 3, 2 ** Rational(1, 3)])
def test_library_form_a_agrees_with_the_formula(k):
    """Where symalign exports its delegation API, the figures use it; it must agree exactly
    with the formula that the figures fall back to (Form A of the authors' code, proof derived for symalign)."""
    import grid_scans
    from _support import library
    if not library("form_a"):
        pytest.skip("symalign does not export form_a yet")
    agents = sa.Game.from_arrays([[k], [0]], [[0], [2]])
    principals = sa.Game.from_arrays([[1], [0]], [[0], [2]])
    played = [0] if k > 2 else [1] if k < 2 else [0, 1]
    regret, value = grid_scans._library_bound("form_a", agents, principals, played)
    m_hat = [sqrt(2) / 2, sqrt(2)]
    m = [k * sqrt(2) / 2, sqrt(2)]
    assert (value - form_a_bound(0, 0, m, m_hat, **EPIC_CONSTANTS)).equals(0)
    assert regret == {(0,): 1, (1,): 0, (0, 1): Rational(1, 2)}[tuple(played)]


def test_library_form_a1_agrees_with_the_formula():
    import grid_scans
    from _support import library
    if not library("form_a1"):
        pytest.skip("symalign does not export form_a1 yet")
    c, m, nu_hat = epic_standardise([2, 1, 1, 10])
    delta = Rational(1, 4)
    nu = ia_target_agent(nu_hat, grid_scans.XI, delta)
    u = [m * x + c for x in nu]
    agents = sa.Game.from_arrays(*[[[u[0], u[1]], [u[2], u[3]]]] * 2)
    principals = sa.games.stag_hunt()
    _, value = grid_scans._library_bound("form_a1", agents, principals, [3])
    assert (value - 4 * 2 * m * delta).equals(0)


@pytest.mark.parametrize("name", ["prisoners_dilemma", "chicken", "bargaining_test",
                                  "matching_pennies", "stag_hunt", "surplus_counterexample"])
def test_library_frontiers_agree_with_the_fallback(name):
    """The Pareto figure prefers symalign's frontiers; they must equal the definition's
    fallback of ``_support`` (standard Pareto efficiency)."""
    from _support import library
    pure, hull = library("pareto_frontier"), library("convex_pareto_frontier")
    if not (pure and hull):
        pytest.skip("symalign does not export the Pareto frontiers yet")
    game = getattr(sa.games, name)()
    assert [p.payoff for p in pure(game)] == pure_pareto_points(game)
    assert list(hull(game).vertices) == hull_frontier_2d(list(payoff_vectors(game).values()))
