"""Tests for the theorem modules in proofs/ and the runner symalign.proving.runner.

Every ``proofs/thm_*.py`` is found the way pygambit's tutorial tests find notebooks, run once
per session, and must come out as expected (proved, or refuted when meant to be false) with a
non-sampled method. Broken metrics must make the relevant proofs fail.
"""

from __future__ import annotations

import argparse
import importlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sympy

import symalign as sa
from symalign.proving.claims import METHODS, Verification

# modules by import path (the package may export functions with the same names)
prove = importlib.import_module("symalign.proving.runner")
prove_cli = importlib.import_module("symalign.cli.prove")

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted(p.stem for p in (ROOT / "proofs").glob("thm_*.py"))

_CACHE: dict = {}


def _module(stem):
    pkg = prove._proofs_package()  # symalign.proofs when installed, else the source folder
    return importlib.import_module(f"{pkg.__name__}.{stem}")


def _result(stem) -> Verification:
    if stem not in _CACHE:
        _CACHE[stem] = _module(stem).proof()
    return _CACHE[stem]


def test_discovery_matches_the_folder():
    pkg = prove._proofs_package()
    assert pkg.theorem_names() == MODULES
    assert len(MODULES) >= 20


@pytest.mark.parametrize("stem", MODULES)
def test_theorem_module_shape(stem):
    m = _module(stem)
    assert m.__doc__ and "§" in m.__doc__ and ".md" in m.__doc__, "docstring cites the spec"
    assert "$" in m.__doc__ or ".. math::" in m.__doc__, "docstring states the theorem in LaTeX"
    assert m.statement() == m.STATEMENT and isinstance(m.STATEMENT, str)
    assert isinstance(m.HYPOTHESES, tuple) and isinstance(m.EXPECTED, bool)
    assert m.SOURCE and "§" in m.SOURCE and m.NAME


@pytest.mark.parametrize("stem", MODULES)
def test_theorem_comes_out_as_expected(stem):
    m = _module(stem)
    v = _result(stem)
    assert isinstance(v, Verification)
    assert v.holds is not None, [s.how for s in v.steps]
    assert v.holds == v.expected == m.EXPECTED, [s.how for s in v.steps]
    assert v.method in METHODS and v.method != "sampled"
    assert v.steps and not all("sampled" in s.how for s in v.steps)
    assert v.name == m.NAME and v.claim == m.STATEMENT and v.source == m.SOURCE
    if v.holds is False:
        assert v.counterexample is not None
    json.dumps(v.to_dict())


def test_some_claims_are_meant_to_be_refuted():
    false = [s for s in MODULES if _module(s).EXPECTED is False]
    assert "thm_false_alpha_zero_common_payoff" in false and len(false) >= 3


# -- broken metrics make proofs fail ------------------------------------------------------------

def _drop_last_player(original):
    """alpha computed without the last player's best payoff (a deliberately broken metric)."""
    def broken(game, weights=None, *, assumptions=()):
        U = game.sympy_array()
        last = sympy.Max(*U[-1].reshape(-1).tolist())
        return sympy.expand(original(game, weights, assumptions=assumptions) + last)
    return broken


def test_broken_alpha_fails_alpha_nonpositive(monkeypatch):
    from symalign.normalform import ca
    monkeypatch.setattr(ca, "alpha", _drop_last_player(ca.alpha))
    mod = _module("thm_alpha_nonpositive")
    monkeypatch.setattr(mod, "SHAPES", ((2, 2), (2, 3)))   # keep the failing run short
    v = mod.proof()
    assert v.holds is not True
    assert not v.ok


def test_broken_alpha_fails_translation_invariance(monkeypatch):
    """Dropping the term breaks translation invariance (alpha(u + b) shifts by b_{n-1})."""
    from symalign.normalform import ca
    monkeypatch.setattr(ca, "alpha", _drop_last_player(ca.alpha))
    mod = _module("thm_alpha_translation_invariance")
    monkeypatch.setattr(mod, "SHAPES", ((2, 2),))
    v = mod.proof()
    assert v.holds is False and not v.ok


def test_broken_nashconv_fails_power_identity(monkeypatch):
    power = importlib.import_module("symalign.normalform.power")
    original = power.nashconv

    def broken(game, profile, *, assumptions=()):
        # forget player 0's own payoff term u_0(sigma)
        return original(game, profile, assumptions=assumptions) + sa.expected_payoff(game, 0, profile)

    monkeypatch.setattr(power, "nashconv", broken)
    mod = _module("thm_power_welfare_identity")
    monkeypatch.setattr(mod, "nashconv", broken)
    v = mod.proof()
    assert v.holds is not True


def test_broken_standardisation_fails_invariance(monkeypatch):
    """A standardisation that forgets to centre is not translation invariant."""
    mod = _module("thm_standardisation_invariance")
    original = mod.standardise

    def broken(u, std, **kw):
        s = original(u, std, **kw)
        import dataclasses
        vec = s.vector.applyfunc(lambda e: e + s.shift / 7)
        return dataclasses.replace(s, vector=vec)

    monkeypatch.setattr(mod, "standardise", broken)
    assert mod.proof().holds is not True


# -- the runner ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def few():
    return prove.run_proofs(only=["pd_covariance", "alpha_per_player_scaling", "epic_constants"])


def test_run_proofs_by_name_and_module(few):
    assert [v.name for v in few] == ["pd_covariance", "alpha_per_player_scaling", "epic_constants"]
    assert prove.run_proofs("thm_pd_covariance")[0].name == "pd_covariance"
    with pytest.raises(sa.SymalignError, match="no theorem"):
        prove.run_proofs("no_such_theorem")


def test_render_formats(few):
    data = json.loads(prove.render(few, "json"))
    assert [d["name"] for d in data] == [v.name for v in few]
    for d in data:
        assert {"name", "statement", "method", "expected", "holds", "seconds"} <= set(d)
    assert data[1]["expected"] is False and data[1]["holds"] is False
    table = prove.render(few, "table")
    assert "refuted" in table and "3/3 theorems as expected" in table
    md = prove.render(few, "markdown")
    assert md.startswith("| theorem |") and "## alpha_per_player_scaling" in md
    tex = prove.render(few, "latex")
    assert tex.startswith(r"\documentclass") and r"\usepackage{booktabs}" in tex
    assert r"\usepackage{amsmath" in tex and tex.rstrip().endswith(r"\end{document}")
    with pytest.raises(sa.SymalignError):
        prove.render(few, "html")


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
def test_latex_report_compiles(few, tmp_path):
    tex = tmp_path / "report.tex"
    tex.write_text(prove.render_latex(few), encoding="utf-8")
    r = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", tex.name],
                       cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout[-2000:]
    assert (tmp_path / "report.pdf").exists()


def test_cli_register_and_run(tmp_path, monkeypatch, capsys):
    cli = importlib.import_module("symalign.cli.main")
    assert prove_cli.register in cli._COMMANDS  # 'symalign prove' is registered by default
    out = tmp_path / "proofs.json"
    tex = tmp_path / "proofs.tex"
    code = cli.main(["prove", "--format", "json", "--only", "pd_covariance", "--only",
                     "false_alpha_zero_common_payoff", "--latex", str(tex), "-o", str(out)])
    assert code == 0
    data = json.loads(out.read_text())
    assert [d["holds"] for d in data] == [True, False]
    assert tex.read_text().startswith(r"\documentclass")
    assert cli.main(["prove", "--only", "nonexistent"]) == 2
    assert "no theorem" in capsys.readouterr().err


def test_cli_exit_status_reports_unexpected(monkeypatch):
    parser = argparse.ArgumentParser().add_subparsers(dest="command")
    prove_cli.register(parser)
    args = parser.choices["prove"].parse_args(["--only", "pd_covariance"])
    bad = Verification(claim="x", name="x", method="identity", expected=True, holds=None)
    monkeypatch.setattr(prove_cli, "run_proofs", lambda only=None: [bad])
    assert args.func(args) == 1


def test_proofs_importable_without_symalign_prove():
    """The registry is usable on its own from the repository root (python -c)."""
    r = subprocess.run([sys.executable, "-c", "import proofs; print(len(proofs.theorem_names()))"],
                       cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and int(r.stdout) == len(MODULES)
