"""Tests for symalign.io.report: sections, time budgets, progress, notebook display, the
entries added by issue 18 (equilibrium components, Lemke–Howson for larger games, iterated
dominance) and the entries of a symbolic game (issue 14), checked against hand derivations for
the prisoner's dilemma family ``[[R, S], [T, P]]``. Layout is the renderer's business
(tests/io/test_rendering.py)."""

from __future__ import annotations

import json
import time

import pytest

import sympy

import symalign as sa
from symalign.cli.main import main
from symalign.core.errors import InvalidGameError, SymalignError
from symalign.io import report
from symalign.io import report as R


def test_components_and_dominance_entries():
    """A = (1,0; 0,1), B = (1,1; 0,0) (hand-derived in tests/normalform/test_components.py):
    one component, the union of three segments; nothing is dominated (each row is the best
    response to some column, and the column player is indifferent)."""
    g = sa.Game.from_arrays([[1, 0], [0, 1]], [[1, 1], [0, 0]], players=["Row", "Col"],
                            actions=[["T", "B"], ["L", "R"]])
    r = sa.analyze(g)
    (comp,) = r["nash_equilibrium_components"].components
    kind, dim, subsets = comp
    assert (kind, dim) == ("union of segments", 1)
    assert len(r["nash_equilibria"]) == 4
    assert r["dominance_eliminated"] == ()
    assert r["dominance_surviving"] == ("Row: T, B", "Col: L, R")
    # the three segments: T against L..(1/2,1/2); (1/2,1/2) against T..B; B against (1/2,1/2)..R
    text = sa.render(r).splitlines()
    (line,) = [ln for ln in text if "equilibrium components" in ln]
    assert line.split("components", 1)[1].strip() == (
        "union of segments: conv{(T; L), (T; 1/2 L + 1/2 R)} ∪ "
        "conv{(T; 1/2 L + 1/2 R), (B; 1/2 L + 1/2 R)} ∪ conv{(B; 1/2 L + 1/2 R), (B; R)}")
    data = json.loads(sa.render(r, "json"))["metrics"]
    value = data["nash_equilibrium_components"]["value"]
    assert value["type"] == "components"
    (c,) = value["components"]
    assert (c["kind"], c["dimension"]) == ("union of segments", 1)
    exact = [[[{a: p["exact"] for a, p in v.items()} for v in side] for side in s["vertices"]]
             for s in c["subsets"]]
    assert exact == [
        [[{"T": "1", "B": "0"}], [{"L": "1", "R": "0"}, {"L": "1/2", "R": "1/2"}]],
        [[{"T": "1", "B": "0"}, {"T": "0", "B": "1"}], [{"L": "1/2", "R": "1/2"}]],
        [[{"T": "0", "B": "1"}], [{"L": "1/2", "R": "1/2"}, {"L": "0", "R": "1"}]]]
    tex = sa.render(r, "latex")
    assert r"\operatorname{conv}\bigl\{" in tex and r"\cup" in tex and "conv[" not in tex
    assert data["dominance_eliminated"]["value"] == {"type": "list", "items": []}


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
    found = entries["lemke_howson_equilibrium"]
    # one equilibrium with exact probabilities, the set not claimed complete
    assert len(found) == 1 and not found.complete
    assert sa.is_nash_equilibrium(g, list(found.strategies[0]))
    big = sa.games.random_game((2, 2, 2), seed=0)
    assert "lemke_howson_equilibrium" not in {e.key for e in report._equilibria_section(big, None)}


# -- symbolic games (issue 14) -----------------------------------------------------------------

T, R_, P, S = sympy.symbols("T R P S")
PD = sa.games.prisoners_dilemma(T, R_, P, S)


def test_symbolic_pure_security_value_is_a_closed_form_not_undefined():
    """Issue 14: the report printed 'undefined' for v_i^pure although the closed form exists.
    v_0^pure = max(min(R, S), min(T, P)); at (T, R, P, S) = (5, 3, 1, 0) it is 1, and at
    (3, 2, 0, 1) (S > P) it is max(1, 0) = 1."""
    r = sa.analyze(PD)
    for i in range(2):
        v = r[f"security_value_pure_{i}"].value
        assert isinstance(v, sympy.Basic), v
        for point in ({T: 5, R_: 3, P: 1, S: 0}, {T: 3, R_: 2, P: 0, S: 1}):
            assert v.subs(point) == max(min(point[R_], point[S]), min(point[T], point[P]))
        assert isinstance(r[f"security_value_{i}"].value, sympy.Basic)


def test_classes_simplified_under_the_assumptions():
    """Issue 14: under T > R > P > S the zero-sum line read Eq(2*P, 0) & ...; zero-sum needs
    2R = 0 and 2P = 0 (the diagonal welfare) which R > P excludes, so it is 'no'; likewise
    constant-sum needs 2R = 2P, and common-payoff needs S = T."""
    r = sa.analyze(PD.assuming(T > R_, R_ > P, P > S))
    assert r["is_zero_sum"] is False and r["is_constant_sum"] is False
    assert r["is_common_payoff"] is False and r["is_common_interest"] is False
    assert r["security_value_pure_0"].value == P and r["security_value_0"].value == P


def test_symbolic_2x2_equilibria_entry_lists_conditions():
    """D strictly dominates under T > R > P > S: one equilibrium (D, D), with no condition."""
    r = sa.analyze(PD.assuming(T > R_, R_ > P, P > S))
    assert r["nash_equilibria"] == ("(0, 1); (0, 1)",)


def test_sections_choose_what_is_computed():
    r = sa.analyze(sa.games.chicken(), sections=["ca", "bargaining"])
    assert {e.section for e in r.entries} == {"Coordination-Alignment",
                                              "bargaining (threat point d = mixed security "
                                              "values v)"}
    assert [s["name"] for s in r.sections] == ["ca", "bargaining"]
    assert r["alpha"] == -2   # chicken [[6,2],[7,0]]: OPT = W(C,C) = 12, U* = 7 + 7 = 14
    with pytest.raises(SymalignError, match="choose among ca, class"):
        sa.analyze(sa.games.chicken(), sections=["nope"])


def test_a_zero_budget_reports_every_value_as_over_budget_naming_the_setting():
    # a first run loads every section's modules (they load lazily); without it the 1 ms timer
    # can cut a section short while it is still importing, before it has made any entry
    sa.analyze(sa.games.stag_hunt())
    with sa.limits(report_section_seconds=0):
        r = sa.analyze(sa.games.stag_hunt())
    assert all(s["status"] == "over budget" for s in r.sections if s["name"] != "local")
    reasons = {e.value.reason for e in r.entries}
    assert len(reasons) > 1 and all("report_section_seconds" in x for x in reasons)


def test_a_running_computation_is_interrupted_at_its_budget(monkeypatch):
    """A section whose value would take 30 s is cut at its 0.2 s budget: its value is
    undefined with the reason (were it not interrupted, the value would be 1)."""
    def busy():
        end = time.monotonic() + 30
        while time.monotonic() < end:
            pass
        return 1

    def _slow_section(game, profile):
        return [R.Entry("slow", "slow", R._safe(busy), "slow"),
                R.Entry("after", "after", R._safe(lambda: 2), "slow")]

    monkeypatch.setattr(R, "SECTIONS", [*R.SECTIONS, _slow_section])
    with sa.limits(report_section_seconds=0.2):
        r = sa.analyze(sa.games.chicken(), sections=["ca", "slow"])
    assert "over budget" in r["slow"].reason and "report_section_seconds" in r["slow"].reason
    assert "over budget" in r["after"].reason
    assert r["alpha"] == -2
    assert r.sections[-1]["status"] == "over budget"


def test_a_swallowed_timer_signal_is_repeated(monkeypatch):
    """The timer's exception can be swallowed: raised inside a gc callback or a ``__del__``,
    Python prints "Exception ignored" and carries on (a CI run showed hypothesis's gc callback
    swallowing it, after which the section ran on without a budget). Here the computation
    swallows the first interruption itself; the repeated signal must still cut it short
    (were it not, the value would be 1 after 5 s)."""
    swallowed = []

    def busy():
        end = time.monotonic() + 5
        while time.monotonic() < end:
            try:
                while time.monotonic() < end:
                    pass
            except BaseException as exc:  # noqa: BLE001 - what a gc callback does to it
                if swallowed:
                    raise
                swallowed.append(type(exc).__name__)
        return 1

    def _slow_section(game, profile):
        return [R.Entry("slow", "slow", R._safe(busy), "slow")]

    if not R._timer_available():
        pytest.skip("no interval timer in this thread")
    monkeypatch.setattr(R, "SECTIONS", [*R.SECTIONS, _slow_section])
    with sa.limits(report_section_seconds=0.2):
        r = sa.analyze(sa.games.chicken(), sections=["slow"])
    assert swallowed == ["_OverBudget"]
    assert "over budget" in r["slow"].reason


def test_cli_notes_a_section_over_budget_on_stderr(capsys):
    with sa.limits(report_section_seconds=0):
        assert main(["analyze", "chicken", "--sections", "ca"]) == 0
    err = capsys.readouterr().err
    assert "symalign: note: the section 'ca' ran out of its time budget" in err
    assert "symalign.settings.report_section_seconds" in err


def test_analyze_refuses_a_non_game_clearly():
    with pytest.raises(InvalidGameError, match="Game.from_arrays"):
        sa.analyze([[1, 2], [3, 4]])


def test_notebook_display():
    r = sa.analyze(sa.games.prisoners_dilemma(), title="PD", sections=["ca"])
    assert repr(r) == "Report('PD': 6 entries in 1 section)"
    assert str(r).startswith("PD\n==")
    html = r._repr_html_()
    assert html.count("<tr>") == 7 and "<td>alpha = OPT - U*</td><td>-2</td>" in html
    assert r"\toprule" in r._repr_latex_()


def test_an_interrupted_section_leaves_no_half_done_sympy_state(monkeypatch):
    """When the timer cuts a section short at an arbitrary point, sympy's expression cache
    and CRootOf's isolation intervals are dropped (a cut-short assumption query or interval
    refinement must not leak into later values); a section that finishes keeps them."""
    import sympy.core.cache

    calls = []
    monkeypatch.setattr(sympy.core.cache, "clear_cache", lambda: calls.append("sympy"))
    monkeypatch.setattr(sympy.CRootOf, "clear_cache", classmethod(lambda cls: calls.append("root")))

    def slow_section(game, profile):
        time.sleep(5)
        return []

    def quick_section(game, profile):
        return []

    if not R._timer_available():
        pytest.skip("no interval timer in this thread")
    R._run_section(quick_section, sa.games.stag_hunt(), None, 5)
    assert calls == []
    entries, spent = R._run_section(slow_section, sa.games.stag_hunt(), None, 0.05)
    assert spent and entries == [] and sorted(calls) == ["root", "sympy"]


def test_symbolic_welfare_maximisers_are_listed_with_their_conditions():
    """The Prisoner's Dilemma family ``T > R > P > S`` (by hand): W(C, C) = 2R,
    W(C, D) = W(D, C) = S + T, W(D, D) = 2P < 2R. So (C, C) maximises welfare iff
    2R >= S + T, (C, D) and (D, C) iff S + T >= 2R, and (D, D) never: the report lists the
    three with their conditions instead of "cannot be decided"; the PoA is a closed form."""
    T, R, P, S = sympy.symbols("T R P S", real=True)
    pd = sa.games.prisoners_dilemma(T, R, P, S).assuming(T > R, R > P, P > S)
    r = sa.analyze(pd, sections=["ca", "anarchy"])
    entry = r["welfare_maximisers"]
    assert len(entry) == 3 and [e.split(" if ")[0] for e in entry] == ["(C, C)", "(C, D)",
                                                                          "(D, C)"]
    syms = {str(x): x for x in (T, R, P, S)}
    conds = [sympy.parse_expr(e.split(" if ")[1], local_dict=syms) for e in entry]
    for point in ({T: 3, R: 2, P: 1, S: 0}, {T: 5, R: 2, P: 1, S: 0}, {T: 4, R: 2, P: 1, S: 0}):
        w_cc, w_cd = 2 * point[R], point[S] + point[T]
        assert [bool(c.subs(point)) for c in conds] == [w_cc >= w_cd, w_cd >= w_cc,
                                                         w_cd >= w_cc]
    assert isinstance(r["price_of_anarchy_pure"], sympy.Piecewise)
