"""Tests for symalign.io.rendering: the JSON schema, the text report, the LaTeX report."""

import glob
import json
import os
import re
import shutil
import subprocess

import pytest
import sympy

import symalign as sa
from symalign.cli.main import main
from symalign.io.rendering import report_schema, text_lines, value_to_json
from symalign.normalform.games import CATALOGUE

DATA = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data")
GAMBIT_FILES = sorted(glob.glob(os.path.join(DATA, "*.nfg")))


def _validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = report_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("spec", list(CATALOGUE) + GAMBIT_FILES,
                         ids=lambda s: os.path.basename(s))
def test_analyze_json_validates_against_the_shipped_schema(spec, capsys):
    """Acceptance: ``symalign analyze FILE --format json`` for every catalogue game and every
    Gambit example file follows report.schema.json (at the first profile too)."""
    validator = _validator()
    # the default section budget (settings.report_section_seconds): a section over budget is
    # a valid report too, and unbounded sections (e.g. bargaining among 4 players) could run long
    with sa.limits(report_section_seconds=5):
        assert main(["analyze", spec, "--format", "json", "--quiet"]) == 0
        data = json.loads(capsys.readouterr().out)
        errors = [e.message for e in validator.iter_errors(data)]
        assert not errors, errors[:3]
        n = len(data["game"]["players"])
        assert main(["analyze", spec, "--format", "json", "--quiet",
                     "--profile", ",".join(["0"] * n)]) == 0
        data = json.loads(capsys.readouterr().out)
        errors = [e.message for e in validator.iter_errors(data)]
        assert not errors, errors[:3]


def test_schema_rejects_the_old_string_values():
    """The schema is not vacuous: equilibria as one string (the old output) fail it."""
    validator = _validator()
    doc = json.loads(sa.render(sa.analyze(sa.games.stag_hunt(), sections=["ca"]), "json"))
    assert not list(validator.iter_errors(doc))
    doc["metrics"]["alpha"]["value"] = "(3/5, 2/5); (2/5, 3/5)"
    assert list(validator.iter_errors(doc))
    doc["metrics"]["alpha"]["value"] = {"type": "number", "exact": "0"}   # no decimal
    assert list(validator.iter_errors(doc))


def test_stag_hunt_json_by_hand():
    """The stag hunt (games.stag_hunt: U_0 = U_1 = [[2, 1], [1, 10]], actions F, M).

    By hand: player 0's mixed security value is the value of the zero-sum game U_0 against
    player 1: the row mix (p, 1-p) equalises 2p + (1-p) = p + 10(1-p), so p = 9/10 and
    v_0 = 19/10. The extreme equilibria are (F, F) paying (2, 2), (M, M) paying (10, 10) and
    the mixed one where each plays F with 9/10, paying 19/10 each. The Pareto frontier is
    the one point (10, 10).
    """
    r = sa.analyze(sa.games.stag_hunt(), title="Stag hunt")
    doc = json.loads(sa.render(r, "json"))
    assert doc["title"] == "Stag hunt"
    assert doc["game"]["payoffs"] == [[["2", "1"], ["1", "10"]], [["2", "1"], ["1", "10"]]]
    assert doc["game"]["actions"] == [["F", "M"], ["F", "M"]]
    sec = doc["metrics"]["security_value_0"]["value"]
    assert sec["type"] == "security" and sec["value"] == {"exact": "19/10", "decimal": 1.9}
    assert sec["strategies"] == [{"F": {"exact": "9/10", "decimal": 0.9},
                                  "M": {"exact": "1/10", "decimal": 0.1}}]
    eqs = doc["metrics"]["nash_equilibria"]["value"]
    assert eqs["type"] == "equilibria" and eqs["complete"] is True
    found = {tuple(tuple(s[a]["exact"] for a in ("F", "M")) for s in e["strategies"]):
             tuple(p["exact"] for p in e["payoffs"]) for e in eqs["equilibria"]}
    assert found == {(("1", "0"), ("1", "0")): ("2", "2"),
                     (("0", "1"), ("0", "1")): ("10", "10"),
                     (("9/10", "1/10"), ("9/10", "1/10")): ("19/10", "19/10")}
    assert doc["metrics"]["pure_nash_equilibria"]["value"] == {
        "type": "profiles", "profiles": [["F", "F"], ["M", "M"]]}
    assert doc["metrics"]["pareto_frontier"]["value"] == {
        "type": "vectors", "vectors": [[{"exact": "10", "decimal": 10.0}] * 2]}


def test_three_player_matrix_is_a_matrix_not_a_string():
    g, _ = sa.io.load_game(os.path.join(DATA, "2x2x2.nfg"))
    v = value_to_json(sympy.Matrix([[1, sympy.sqrt(2)], [sympy.sqrt(2), 1]]), g)
    assert v == {"type": "matrix", "rows": [
        [{"exact": "1", "decimal": 1.0}, {"exact": "sqrt(2)", "decimal": 2 ** 0.5}],
        [{"exact": "sqrt(2)", "decimal": 2 ** 0.5}, {"exact": "1", "decimal": 1.0}]]}
    text = sa.render(sa.analyze(g, sections=["pareto"]))
    assert "Matrix(" not in text and "[1, " in text


def test_text_one_equilibrium_per_line_with_labels():
    """Battle of the Sexes (games.battle_of_the_sexes: U_0 = [[2, 0], [0, 1]], U_1 =
    [[1, 0], [0, 2]], actions A, B). By hand, the mixed equilibrium has player 0 playing A
    with q where 1*q = 2*(1-q), q = 2/3, and player 1 playing A with p where 2p = 1-p,
    p = 1/3: payoffs (2/3, 2/3)."""
    text = sa.render(sa.analyze(sa.games.battle_of_the_sexes(), sections=["equilibria"]))
    lines = [ln.strip() for ln in text.splitlines()]
    start = next(k for k, ln in enumerate(lines) if ln.startswith("extreme Nash"))
    eq_lines = [lines[start].split("  ", 1)[1].strip()] + lines[start + 1:start + 3]
    assert sorted(eq_lines) == sorted(["(A; A)  payoffs (2, 1)", "(B; B)  payoffs (1, 2)",
                                       "(2/3 A + 1/3 B; 1/3 A + 2/3 B)  payoffs (2/3, 2/3)"])


def test_text_decimals_beside_irrational_values_only():
    g = sa.Game.from_arrays([[1, 0]], [[0, 1]])
    assert text_lines(sympy.sqrt(2), g) == ["sqrt(2) (≈ 1.41421)"]
    assert text_lines(sympy.Rational(1, 3), g) == ["1/3"]
    assert text_lines((sympy.Integer(1), sympy.sqrt(2) / 2), g) == ["(1, sqrt(2)/2 (≈ 0.707107))"]


def test_gambit_unlabelled_strategies_are_named_from_1(capsys):
    """tests/data/pd.nfg has no labels: Gambit calls the strategies 1 and 2; its outcome
    table pays (1, 1) at profile (2, 2) (the last outcome, "1 2 3 4" in Gambit's order), which
    is the one pure equilibrium (9 < 10 and 0 < 1: strategy 2 dominates)."""
    assert main(["equilibria", os.path.join(DATA, "pd.nfg"), "--pure"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[1].strip() == "(2; 2)  payoffs (1, 1)"


def test_skipped_reason_says_why():
    game = sa.Game.from_arrays([[sympy.Symbol("a"), 0], [0, 1]], [[1, 0], [0, 1]])
    r = sa.analyze(game, sections=["anarchy"])
    assert "symbolic games" in r["price_of_anarchy_mixed"].reason
    assert "400 outcomes" not in r["price_of_anarchy_mixed"].reason


def test_one_and_three_player_games_get_a_mixed_price_of_anarchy():
    """Not skipped any more (issue 15 enumerates the equilibria of n-player games). One player
    with payoffs (1, 2, 3): the only equilibrium plays 3 = OPT, so PoA = 1 (hand derivation)."""
    r = sa.analyze(sa.Game.from_arrays([1, 2, 3]), sections=["anarchy"])
    assert r["price_of_anarchy_mixed"] == 1
    r3 = sa.analyze(sa.games.random_game((3, 3, 2), seed=1), sections=["anarchy"])
    assert isinstance(r3["price_of_anarchy_mixed"], sympy.Basic)


def test_equilibria_command_formats(capsys):
    validator = _validator()
    assert main(["equilibria", "matching-pennies", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert not list(validator.iter_errors(doc))
    (eq,) = doc["metrics"]["nash_equilibria"]["value"]["equilibria"]
    assert [s["H"]["exact"] for s in eq["strategies"]] == ["1/2", "1/2"]
    assert main(["games", "--format", "json"]) == 0
    names = [g["name"] for g in json.loads(capsys.readouterr().out)]
    assert names == list(CATALOGUE)


# -- LaTeX ---------------------------------------------------------------------------------------

needs_pdflatex = pytest.mark.skipif(shutil.which("pdflatex") is None,
                                    reason="pdflatex is not installed (CI installs it)")


def test_latex_labels_are_math_and_fractions_inline():
    tex = sa.render(sa.analyze(sa.games.stag_hunt()), "latex")
    assert r"$\alpha = \mathrm{OPT} - U^\star$" in tex
    assert r"pure security value $v_{0}^{\mathrm{pure}}$" in tex
    assert r"\tfrac{19}{10}" in tex and r"\frac{" not in tex
    assert r"\toprule" in tex and r"\bottomrule" in tex
    assert r"\text{F}" in tex   # strategy labels in profiles


@needs_pdflatex
@pytest.mark.parametrize("spec", ["stag-hunt", os.path.join(DATA, "2x2x2.nfg")],
                         ids=["stag-hunt", "2x2x2"])
def test_standalone_report_compiles_without_overfull_boxes(spec, tmp_path):
    game, title = sa.io.load_game(spec)
    with sa.limits(report_section_seconds=None):
        report = sa.analyze(game, title=title, profile=tuple([0] * game.n_players))
    tex = sa.render(report, "latex", standalone=True)
    assert r"\section*{" + title.replace("&", r"\&") in tex
    (tmp_path / "r.tex").write_text(tex, encoding="utf-8")
    for _ in range(2):   # longtable settles its column widths on the second run
        r = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "r.tex"],
                           cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stdout[-2000:]
    log = (tmp_path / "r.log").read_text(errors="replace")
    assert not re.findall(r"Overfull \\[hv]box", log)
    assert "LaTeX Warning" not in log


@needs_pdflatex
def test_long_closed_forms_fit_the_value_column(tmp_path):
    """A symbolic delegation game's report holds closed forms several times wider than the
    value column (the Battle of the Sexes family with agents' payoff x > 0: its collective
    alignment is about 970 characters of LaTeX) and long vectors of them: a vector breaks
    between its components, a single wide value is scaled down to the column, so the compiled
    page has no overfull box; the hypotheses' ``||x||_inf`` prints bars, not OT1 dashes."""
    from symalign.cli.experiments import delegation_report
    from symalign.delegation.model import DelegationGame
    x = sympy.Symbol("x", positive=True)
    dg = DelegationGame(sa.Game.from_arrays([[x, 0], [0, 1]], [[1, 0], [0, 2]]),
                        sa.games.battle_of_the_sexes())
    tex = sa.render(delegation_report(dg), "latex", standalone=True)
    assert r"\resizebox{\linewidth}" in tex and r"\textbar{}" in tex
    (tmp_path / "r.tex").write_text(tex, encoding="utf-8")
    for _ in range(2):
        r = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "r.tex"],
                           cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stdout[-2000:]
    log = (tmp_path / "r.log").read_text(errors="replace")
    assert not re.findall(r"Overfull \\[hv]box", log)
