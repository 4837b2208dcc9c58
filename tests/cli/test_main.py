"""Tests for the symalign command line: exit statuses, formats, one-line errors."""

import json
import os
import re
import subprocess
import sys

import pytest
import sympy

from symalign.cli import main


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "symalign", *args], capture_output=True,
                          text=True, input=stdin, timeout=60)


def test_analyze_default_game_is_prisoners_dilemma(capsys):
    """Spec §5: PD(+) has OPT 4 and U* 6, so alpha = OPT - U* = -2; the text report's alpha
    line must carry exactly that value."""
    assert main(["analyze"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Prisoner's Dilemma PD(+), T,R,P,S = 3,2,1,0\n")
    alpha_lines = re.findall(r"^\s*alpha = OPT - U\*\s+(\S+)\s*$", out, re.MULTILINE)
    assert alpha_lines == ["-2"], out


def test_analyze_json_keys_and_exact_strings(capsys):
    assert main(["analyze", "battle-of-the-sexes", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)["metrics"]
    for key in ("alpha", "max_welfare", "utopia_welfare", "alignment_gap", "is_common_payoff",
                "is_constant_sum", "is_zero_sum", "has_unique_pareto_payoff"):
        assert key in data
    # Stavrianos & Turner (2021): BoS OPT 3, U* 4, alpha -1
    assert sympy.sympify(data["alpha"]["value"]["exact"]) == -1
    assert data["alpha"]["value"]["decimal"] == -1.0
    assert sympy.sympify(data["max_welfare"]["value"]["exact"]) == 3
    assert sympy.sympify(data["utopia_welfare"]["value"]["exact"]) == 4
    assert data["is_common_payoff"]["value"] == {"type": "boolean", "value": False}


def exact(data, key):
    """The exact string of the scalar metric ``key`` in a JSON report."""
    value = data["metrics"][key]["value"]
    assert value["type"] == "number", value
    return value["exact"]


def _report_value(out, label):
    """The value cell of the one report line labelled ``label`` in the text, LaTeX or Markdown
    report, with the format's decoration ($, backticks, |, &, \\) removed."""
    values = [line.split(label, 1)[1] for line in out.splitlines() if label in line]
    assert len(values) == 1, (label, out)
    return re.sub(r"[\s$`|&\\]", "", values[0])


@pytest.mark.parametrize("fmt", ["text", "json", "latex", "markdown"])
def test_every_format(fmt, capsys):
    """Every format reports the stag hunt's OPT and U*, derived by hand from the catalogue's
    defaults (games.stag_hunt: fruit 2, fruit_alone 1, mammoth_alone 1, mammoth 10, actions
    F, M, both players paid the same): U_0 = U_1 = [[2, 1], [1, 10]], so
    W = U_0 + U_1 = [[4, 2], [2, 20]] and OPT = W(M, M) = 20; U* = max U_0 + max U_1
    = 10 + 10 = 20 (so alpha = OPT - U* = 0, a common-payoff game)."""
    assert main(["analyze", "stag-hunt", "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert out.strip()
    if fmt == "json":
        data = json.loads(out)
        opt, utopia, alpha = (exact(data, k) for k in ("max_welfare", "utopia_welfare", "alpha"))
    elif fmt == "latex":
        opt = _report_value(out, r"max welfare $\mathrm{OPT}$")
        utopia = _report_value(out, r"utopia welfare $U^\star$")
        alpha = _report_value(out, r"$\alpha = \mathrm{OPT} - U^\star$")
    else:
        opt = _report_value(out, "max welfare OPT")
        utopia = _report_value(out, "utopia welfare U*")
        alpha = _report_value(out, "alpha = OPT - U*")
    assert (opt, utopia, alpha) == ("20", "20", "0")


def test_profile_option(capsys):
    """PD(+) at (D,D): W = 2, CG = 2 (spec §14 table).

    Mixed profile (1/2 C + 1/2 D, D), by hand from games.prisoners_dilemma's defaults
    T, R, P, S = 3, 2, 1, 0: U_0 = [[R, S], [T, P]] = [[2, 0], [3, 1]], U_1 = U_0^T =
    [[2, 3], [0, 1]], so W = [[4, 3], [3, 2]] and OPT = W(C, C) = 4;
    W = 1/2 W(C, D) + 1/2 W(D, D) = 3/2 + 1 = 5/2 and CG = OPT - W = 4 - 5/2 = 3/2."""
    assert main(["analyze", "prisoners-dilemma", "--profile", "D,D", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert exact(data, "welfare_at_profile") == "2" and exact(data, "coordination_gap") == "2"
    assert data["profile"] == {"type": "profiles", "profiles": [["D", "D"]]}
    assert main(["analyze", "prisoners-dilemma", "--profile", "1/2,1/2;D",
                 "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert sympy.sympify(exact(data, "welfare_at_profile")) == sympy.Rational(5, 2)
    assert sympy.sympify(exact(data, "coordination_gap")) == sympy.Rational(3, 2)
    assert sympy.sympify(exact(data, "max_welfare")) == 4
    # decimals are exact too: 0.5 is 1/2
    assert main(["analyze", "prisoners-dilemma", "--profile", "0.5,0.5;D",
                 "--format", "json"]) == 0
    assert exact(json.loads(capsys.readouterr().out), "welfare_at_profile") == "5/2"


def test_games_lists_kebab_case(capsys):
    assert main(["games"]) == 0
    out = capsys.readouterr().out
    for name in ("prisoners-dilemma", "matching-pennies", "battle-of-the-sexes", "stag-hunt",
                 "chicken", "coordination"):
        assert name in out


@pytest.mark.parametrize("args", [
    ["analyze", "no-such-game"],
    ["analyze", "stag-hunt", "--format", "pdf"],
    ["analyze", "prisoners-dilemma", "--profile", "X,Y"],
    ["analyze", "prisoners-dilemma", "--profile", "1/2,1/3;C"],
    ["frobnicate"],
])
def test_user_errors_exit_2_with_one_line(args):
    r = run(*args)
    assert r.returncode == 2
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "Traceback" not in r.stderr
    assert r.stderr.startswith("symalign: error:")


def test_output_file_is_written(tmp_path, capsys):
    out = tmp_path / "report.json"
    assert main(["analyze", "chicken", "--format", "json", "--output", str(out)]) == 0
    assert exact(json.loads(out.read_text()), "alpha") == "-2"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_failed_run_leaves_no_partial_file(tmp_path):
    out = tmp_path / "report.json"
    r = run("analyze", "no-such-game", "--output", str(out))
    assert r.returncode == 2 and not out.exists()
    assert os.listdir(tmp_path) == []


def test_python_dash_m_and_standalone_latex(tmp_path):
    r = run("analyze", "stag-hunt", "--format", "latex", "--standalone")
    assert r.returncode == 0
    assert r.stdout.startswith("\\documentclass") and "\\end{document}" in r.stdout
    assert "\\toprule" in r.stdout


def test_large_game_report_skips_complete_mixed_enumeration(tmp_path, capsys):
    """A 21x21 game (441 outcomes) is analysed; the mixed PoA entries say why they were
    skipped instead of enumerating every extreme equilibrium. Its correlated-equilibrium LP
    is the degenerate one every HiGHS basis fails on (solved by the warm-started exact
    simplex), and it is reported."""
    import symalign as sa

    path = tmp_path / "g.nfg"
    sa.write_game(sa.games.random_game((21, 21), seed=3), str(path))
    with sa.limits(report_section_seconds=None):
        assert main(["analyze", str(path), "--format", "json", "--sections",
                     "equilibria,anarchy"]) == 0
    data = json.loads(capsys.readouterr().out)["metrics"]
    assert "skipped" in data["price_of_anarchy_mixed"]["value"]["reason"]
    assert "outcomes" in data["price_of_anarchy_mixed"]["value"]["reason"]
    assert "nash_equilibria" not in data
    assert data["pure_nash_equilibria"]["value"]["type"] == "profiles"
    assert data["ce_welfare_range"]["value"]["type"] == "vector"
    assert data["price_of_anarchy_correlated"]["value"]["type"] == "number"


def test_equilibria_of_a_symbolic_game_file(tmp_path, capsys):
    """`symalign equilibria` on a symbolic 2x2 file lists each equilibrium with its condition.
    [[x, 0], [0, 1]] against [[1, 0], [0, x]]: (T, L) needs x >= 0 (row: x >= 0 at L), the
    mix needs x > 0, (B, L) needs x <= 0 (issue 14: the command crashed on symbolic games)."""
    f = tmp_path / "bos.json"
    f.write_text(json.dumps({"title": "BoS x", "parameters": {"x": {"real": True}},
                             "payoffs": [[["x", "0"], ["0", "1"]], [["1", "0"], ["0", "x"]]]}))
    assert main(["equilibria", str(f)]) == 0
    out = capsys.readouterr().out
    assert "4 extreme Nash equilibria, each where its condition holds" in out
    assert "1, 0; 1, 0  payoffs x, 1  if" in out and "0, 1; 1, 0  payoffs 0, 0  if" in out


def test_every_option_has_help_and_version_is_printed(capsys):
    import argparse

    from symalign.cli.main import _build_parser

    missing = []

    def walk(parser, path):
        for a in parser._actions:
            if isinstance(a, argparse._SubParsersAction):
                for name, sub in a.choices.items():
                    walk(sub, [*path, name])
            elif not a.help and not isinstance(a, argparse._HelpAction):
                missing.append(" ".join([*path, *(a.option_strings or [a.dest])]))

    walk(_build_parser(), ["symalign"])
    assert not missing, missing
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.startswith("symalign ")


def test_equilibria_budget_note_is_printed(capsys):
    """With settings.equilibrium_seconds = 0 the three-player enumeration stops before its
    first support: the text output says "not proved complete" and prints the note naming
    the setting (Gambit's 2x2x2 example, 27 support profiles)."""
    import symalign as sa
    path = os.path.join(os.path.dirname(__file__), "..", "data", "2x2x2.nfg")
    with sa.limits(equilibrium_seconds=0):
        assert main(["equilibria", path]) == 0
    out = capsys.readouterr().out
    assert "0 extreme Nash equilibria (not proved complete)" in out
    assert "symalign.settings.equilibrium_seconds" in out and "27 of 27" in out


def test_version_from_a_checkout_names_the_package_version(monkeypatch, capsys):
    """Run from a checkout without installing, ``--version`` falls back to ``__version__``
    (and says it is not installed) instead of printing "unknown"; ``__version__`` is the
    version pyproject.toml declares."""
    import importlib.metadata
    import pathlib
    import tomllib

    import symalign

    def not_installed(name):
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "version", not_installed)
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"symalign {symalign.__version__} (not installed)"
    pyproject = pathlib.Path(__file__).parents[2] / "pyproject.toml"
    if pyproject.exists():
        declared = tomllib.loads(pyproject.read_text())["project"]["version"]
        assert symalign.__version__ == declared
