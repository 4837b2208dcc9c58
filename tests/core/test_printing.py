"""Tests for symalign.latex: golden strings for every kind of object, and pdflatex compilation."""

import json
import os
import shutil
import subprocess

import pytest
import sympy

import symalign as sa
from symalign.cli import main

T, R, P, S = sympy.symbols("T R P S")


def test_bimatrix_golden():
    """Rows are player 0's actions, columns player 1's, cells (u_0, u_1) — spec §1.1."""
    assert sa.latex(sa.games.prisoners_dilemma()) == (
        "\\begin{array}{r|cc}\n"
        " & \\text{C} & \\text{D} \\\\\n"
        "\\hline\n"
        "\\text{C} & 2, 2 & 0, 3 \\\\\n"
        "\\text{D} & 3, 0 & 1, 1\n"
        "\\end{array}")


def test_symbolic_bimatrix_golden():
    assert sa.latex(sa.games.prisoners_dilemma(T, R, P, S)) == (
        "\\begin{array}{r|cc}\n"
        " & \\text{C} & \\text{D} \\\\\n"
        "\\hline\n"
        "\\text{C} & R, R & S, T \\\\\n"
        "\\text{D} & T, S & P, P\n"
        "\\end{array}")


def test_three_player_game_one_table_per_action_of_player_2():
    g = sa.Game.from_function(lambda a: (a[0], a[1], a[2]), (2, 2, 2),
                              players=["A", "B", "C"], actions=[["x", "y"]] * 3)
    out = sa.latex(g)
    assert out.startswith("\\begin{gathered}") and out.endswith("\\end{gathered}")
    assert out.count("\\begin{array}") == 2
    # a named player is not called "player C"; a player named by a number is ("player 2")
    assert "\\text{C plays x}" in out and "\\text{C plays y}" in out
    assert "\\text{y} & 1, 0, 1 & 1, 1, 1" in out


def test_piecewise_as_cases():
    a = sa.alpha(sa.games.prisoners_dilemma(T, R, P, S), assumptions=[T > R, R > P, P > S])
    out = sa.latex(a)
    assert out.startswith("\\begin{cases}") and out.endswith("\\end{cases}")
    assert "2 R - 2 T" in out and "S - T & \\text{otherwise}" in out


def test_profiles():
    assert sa.latex(sa.MixedProfile([["1/2", "1/2"], [1, 0]])) == (
        "\\left(\\left(\\frac{1}{2}, \\frac{1}{2}\\right), \\left(1, 0\\right)\\right)")
    assert sa.latex(sa.CorrelatedProfile([["1/2", 0], [0, "1/2"]])) == (
        "\\left\\{00: \\frac{1}{2}, 11: \\frac{1}{2}\\right\\}")


def test_record_as_two_column_array():
    out = sa.latex(sa.ca_inequalities(sa.games.prisoners_dilemma(), ("D", "D")))
    assert out.startswith("\\begin{array}{ll}")
    assert "\\text{alpha} & -2" in out and "\\text{coordination tight} & \\text{no}" in out
    assert "Stavrianos \\& Turner (2021)" in out  # text is escaped


def test_region_latex():
    (r1, r2) = sa.regions(sa.alpha, sa.games.prisoners_dilemma(T, R, P, S), [T > R, R > P, P > S])
    assert sa.latex(r1) == "2 R - 2 T \\quad \\text{if } 2 R \\geq S + T"


def test_repr_latex_for_jupyter():
    out = sa.games.chicken()._repr_latex_()
    assert out.startswith("$\\displaystyle \\begin{array}") and out.endswith("$")


def test_every_result_record_prints():
    """Every frozen-dataclass record symalign returns has a LaTeX form (generic two-column array)."""
    from symalign.delegation.bounds import form_a
    from symalign.delegation.constructions import calibration_example

    ex = calibration_example()
    rec = form_a(ex.game, ex.profile)
    out = sa.latex(rec)
    assert out.startswith("\\begin{array}")
    assert "\\sqrt" in out or "\\frac" in out


needs_pdflatex = pytest.mark.skipif(shutil.which("pdflatex") is None,
                                    reason="pdflatex is not installed (CI installs it)")


def _compile(tex: str, tmp_path) -> None:
    path = tmp_path / "doc.tex"
    path.write_text(tex, encoding="utf-8")
    r = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"],
                       cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout[-3000:]
    assert (tmp_path / "doc.pdf").stat().st_size > 1000


@needs_pdflatex
def test_standalone_stag_hunt_compiles(tmp_path, capsys):
    assert main(["analyze", "stag-hunt", "--format", "latex", "--standalone"]) == 0
    _compile(capsys.readouterr().out, tmp_path)


@needs_pdflatex
def test_standalone_parametric_pd_compiles(tmp_path, capsys):
    game = {"players": ["row", "column"], "actions": [["C", "D"], ["C", "D"]],
            "payoffs": [[["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]]],
            "parameters": {"T": {"real": True}, "R": {"real": True}, "P": {"real": True},
                           "S": {"real": True}},
            "assumptions": ["T > R", "R > P", "P > S"]}
    f = tmp_path / "pd.json"
    f.write_text(json.dumps(game), encoding="utf-8")
    assert main(["analyze", str(f), "--format", "latex", "--standalone"]) == 0
    tex = capsys.readouterr().out
    assert "\\begin{cases}" in tex  # alpha is a two-branch closed form under these assumptions
    os.remove(f)
    _compile(tex, tmp_path)
