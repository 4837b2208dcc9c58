"""Tests for the theorem modules in proofs/ and the runner symalign.proving.runner.

Every ``proofs/thm_*.py`` is found the way pygambit's tutorial tests find notebooks, run once
per session, and must come out as expected (proved, or refuted when meant to be false) with a
non-sampled method. Broken metrics must make the relevant proofs fail.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sympy

import symalign as sa
from symalign.proving.claims import METHODS, Verification, exhaustive, refute_by_search
from symalign.proving.theorems import SCOPES, Theorem

# modules by import path (the package may export functions with the same names)
prove = importlib.import_module("symalign.proving.runner")
prove_cli = importlib.import_module("symalign.cli.prove")

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted(p.stem for p in (ROOT / "proofs").glob("thm_*.py"))

_CACHE: dict = {}


def _module(stem):
    pkg = prove._proofs_package()  # symalign.proofs when installed, else the source folder
    return importlib.import_module(f"{pkg.__name__}.{stem}")


def _theorem(stem):
    return prove._proofs_package().theorem_of(_module(stem))


def _result(stem) -> Verification:
    if stem not in _CACHE:
        _CACHE[stem] = _theorem(stem)()
    return _CACHE[stem]


def test_discovery_matches_the_folder():
    pkg = prove._proofs_package()
    assert pkg.theorem_names() == MODULES
    assert len(MODULES) >= 20


@pytest.mark.parametrize("stem", MODULES)
def test_theorem_is_one_declaration(stem):
    """Each module declares one Theorem (name, LaTeX statement, source, hypotheses, expected
    verdict, scope) and has no skeleton of its own (no NAME/STATEMENT/statement())."""
    m = _module(stem)
    t = _theorem(stem)
    assert isinstance(t, Theorem)
    # the docstring and the source cite the paper or reference, never the unshipped spec files
    assert m.__doc__ and ".md §" not in m.__doc__ and "spec §" not in m.__doc__
    assert "$" in m.__doc__ or ".. math::" in m.__doc__, "docstring states the theorem in LaTeX"
    assert t.name and isinstance(t.statement, str) and t.source and ".md" not in t.source
    assert isinstance(t.hypotheses, tuple) and isinstance(t.expected, bool)
    assert t.scope in SCOPES and t.covers
    for legacy in ("NAME", "STATEMENT", "SOURCE", "HYPOTHESES", "EXPECTED", "statement"):
        assert not hasattr(m, legacy), f"{stem} still defines {legacy}"


@pytest.mark.parametrize("stem", MODULES)
def test_theorem_comes_out_as_expected(stem):
    t = _theorem(stem)
    v = _result(stem)
    assert isinstance(v, Verification)
    assert not v.error, v.error
    assert v.holds is not None, [s.how for s in v.steps]
    assert v.holds == v.expected == t.expected, [s.how for s in v.steps]
    assert v.method in METHODS and v.method != "sampled"
    assert v.steps and not all("sampled" in s.how for s in v.steps)
    assert v.name == t.name and v.claim == t.statement and v.source == t.source
    assert v.scope.startswith(t.scope)
    if v.holds is False:
        assert v.counterexample is not None
        assert t.scope == "counterexample"
    json.dumps(v.to_dict())


def test_some_claims_are_meant_to_be_refuted():
    false = [s for s in MODULES if _theorem(s).expected is False]
    assert "thm_false_alpha_zero_common_payoff" in false and len(false) >= 3


# -- a crash, an error or a skipped case is never a pass ----------------------------------------

def test_a_crash_is_the_theorems_named_failure_and_the_run_continues(monkeypatch):
    mod = _module("thm_pd_covariance")
    t = _theorem("thm_pd_covariance")

    def boom():
        raise ZeroDivisionError("seeded crash")

    monkeypatch.setattr(mod, "proof", dataclasses.replace(t, body=boom))
    out = prove.run_proofs(["pd_covariance", "false_alpha_zero_common_payoff"])
    assert [v.name for v in out] == ["pd_covariance", "false_alpha_zero_common_payoff"]
    assert out[0].holds is None and not out[0].ok
    assert out[0].error == "ZeroDivisionError: seeded crash"
    assert out[1].ok
    table = prove.render(out, "table")
    assert "CRASHED" in table and "pd_covariance CRASHED: ZeroDivisionError" in table


def test_a_module_that_does_not_load_is_a_named_failure(monkeypatch):
    pkg = prove._proofs_package()
    real = pkg.theorem_of

    def broken(module):
        if module.__name__.endswith("thm_pd_covariance"):
            raise ImportError("seeded import failure")
        return real(module)

    monkeypatch.setattr(pkg, "theorem_of", broken)
    out = prove.run_proofs(["pd_covariance", "false_alpha_zero_common_payoff"])
    assert out[0].name == "pd_covariance" and out[0].holds is None and not out[0].ok
    assert out[0].error == "ImportError: seeded import failure" and out[1].ok


def test_a_library_error_inside_a_check_is_not_a_pass():
    v = exhaustive(lambda x: 1 / x > 0, [1, 0, 2], name="positive reciprocal")
    assert v.holds is None and "ZeroDivisionError" in v.steps[0].how
    assert refute_by_search(lambda x: 1 / x > 0, [0]).holds is None   # nor a refutation
    assert exhaustive(lambda x: True, []).holds is None                 # nothing checked


def test_the_independent_checker_shares_no_code_with_symalign():
    """proofs/_independent.py imports only the standard library."""
    import ast
    tree = ast.parse((ROOT / "proofs" / "_independent.py").read_text())
    names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert set(names) <= {"__future__", "itertools", "fractions"}, names


def _exact():
    return importlib.import_module(f"{prove._proofs_package().__name__}._exact")


def test_exact_comparison_needs_no_floating_digits():
    """``a = sqrt(10^120 + 1) - 10^60`` and ``b = 1 / (2 * 10^60)`` agree to about 180 digits
    (a = 1/(sqrt(10^120 + 1) + 10^60) < b), so a 50-digit test calls them equal; the exact
    comparison must not. Ramanujan's sqrt(2) + sqrt(3) = sqrt(5 + 2 sqrt 6) is equal exactly."""
    ex = _exact()
    a = sympy.sqrt(10**120 + 1) - 10**60
    b = sympy.Rational(1, 2 * 10**60)
    assert not ex.same(a, b) and ex.sign(a - b) == -1 and ex.ge(b, a) and not ex.ge(a, b)
    assert ex.same(sympy.sqrt(2) + sympy.sqrt(3), sympy.sqrt(5 + 2 * sympy.sqrt(6)))
    assert ex.absolute(a - b) == b - a
    lam = sympy.Symbol("lam", positive=True)
    assert ex.sign(-2 * lam) == -1
    with pytest.raises(ex.NotDecided):
        ex.sign(sympy.Symbol("x", real=True))


def test_a_bound_off_beyond_fifty_digits_fails_its_theorem(monkeypatch):
    """Form A's value plus 10^-70 times an irrational (invisible to a 50-digit comparison)
    must fail the theorem: values are compared exactly."""
    def nudge(b, *a, **k):
        if not b.holds_hypotheses:
            return b
        return dataclasses.replace(b, value=b.value + sympy.sqrt(2) / 10**70)
    _wrap(monkeypatch, "thm_form_a_bound", "form_a", nudge)
    assert not _rerun("thm_form_a_bound").ok


# -- the bound theorems fail on the bugs issue 19 seeded ------------------------------------------

def _rerun(stem):
    return _theorem(stem)()


def _wrap(monkeypatch, stem, name, change):
    mod = _module(stem)
    original = getattr(mod, name)
    monkeypatch.setattr(mod, name, lambda *a, **k: change(original(*a, **k), *a, **k))


@pytest.mark.parametrize("stem,fn", [("thm_form_a_bound", "form_a"),
                                     ("thm_form_c_bound", "form_c"),
                                     ("thm_form_a1_bound", "form_a1"),
                                     ("thm_form_p_bound", "form_p"),
                                     ("thm_ideal_regret_bound", "prop_b")])
def test_a_bound_too_large_fails_its_theorem(monkeypatch, stem, fn):
    """A valid but inflated bound (value + 10^6, as in the issue) must fail: the theorems
    compare the value with the statement's formula and check tightness."""
    def inflate(b, *a, **k):
        if not b.holds_hypotheses:
            return b
        return dataclasses.replace(b, value=b.value + 10**6)
    _wrap(monkeypatch, stem, fn, inflate)
    assert not _rerun(stem).ok


def test_form_a_with_the_worst_r_or_without_the_cap_fails(monkeypatch):
    import symalign.delegation.bounds as bounds
    mod = _module("thm_form_a_bound")

    def worst(dg, profile, **kw):
        if kw.get("R") is not None:
            return bounds.form_a(dg, profile, **kw)
        recs = [bounds.form_a(dg, profile, R=R, cap=False)
                for R in bounds.form_a(dg, profile).details["candidates"]]
        return max(recs, key=lambda b: float(b.value))
    monkeypatch.setattr(mod, "form_a", worst)
    assert not _rerun("thm_form_a_bound").ok
    monkeypatch.setattr(mod, "form_a", lambda dg, p, **kw: bounds.form_a(dg, p, **{**kw, "cap": False}))
    assert not _rerun("thm_form_a_bound").ok


def test_halved_alignment_term_fails_the_bound_theorems(monkeypatch):
    import symalign.delegation.bounds as bounds
    original = bounds._Ctx.__init__

    def halved(self, *a, **k):
        original(self, *a, **k)
        self.align = self.align / 2
    monkeypatch.setattr(bounds._Ctx, "__init__", halved)
    for stem in ("thm_form_a_bound", "thm_form_c_bound", "thm_form_p_bound"):
        assert not _rerun(stem).ok, stem


def test_form_c_reporting_failed_hypotheses_fails(monkeypatch):
    import symalign.delegation.bounds as bounds
    _wrap(monkeypatch, "thm_form_c_bound", "form_c",
          lambda b, *a, **k: bounds._failed("Form C", b.regret, "seeded", b.standardisation,
                                            b.hypotheses, b.source))
    v = _rerun("thm_form_c_bound")
    assert not v.ok and v.holds is not True


def test_regret_decomposition_raising_fails(monkeypatch):
    mod = _module("thm_welfare_regret_decomposition")

    def raises(*a, **k):
        raise sa.UndefinedMetricError("collective capability", "seeded")
    monkeypatch.setattr(mod, "regret_decomposition", raises)
    assert not _rerun("thm_welfare_regret_decomposition").ok


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
    monkeypatch.setattr(_module("_support"), "SHAPES", ((2, 2), (2, 3)))   # a short failing run
    v = mod.proof()
    assert v.holds is not True
    assert not v.ok


def test_broken_alpha_fails_translation_invariance(monkeypatch):
    """Dropping the term breaks translation invariance (alpha(u + b) shifts by b_{n-1})."""
    from symalign.normalform import ca
    monkeypatch.setattr(ca, "alpha", _drop_last_player(ca.alpha))
    mod = _module("thm_alpha_translation_invariance")
    monkeypatch.setattr(_module("_support"), "SHAPES", ((2, 2),))
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
