"""Exact grid scans in the style of the paper's grid-scan experiment (Sourbut, Hammond & Wood (2024), Sec. 6.1).

Left, individual alignment: the principals play the stag hunt (both have u_hat = (2, 1, 1, 10)
on FF, FM, MF, MM). Each agent is built at EPIC distance exactly delta = 1 - IA from its
principal by symalign's exact construction (docs/discussion/delegation.rst), with the principal's
magnitude and shift (so the ratios
are perfectly calibrated, r = 1). The agents cooperate perfectly: they play, uniformly, the
outcomes that maximise their own welfare, so WR = 0. The plot shows the principals' normalised
welfare at that play, its minimum and maximum over outcomes, and the lower bound that Form A1
(r = 1, EPIC: regret <= WR + 4 sum_i m_hat_i d_i, capped) gives.

Right, calibration: the two-outcome calibration example (docs/discussion/worked-examples.rst) with the
agent's scale for principal 0
swept, u_0 = k u_hat_0. IA = 1 and WR = 0 throughout, yet the principals lose welfare once the
agents over-weight player 0; Form A (optimal R, capped) bounds the loss.
"""

import sympy
from sympy import Rational, sqrt

import symalign as sa
from _support import (pyplot, EPIC_CONSTANTS, argmax_set, epic_distance, epic_standardise,
                      form_a_bound, grid, ia_target_agent, library)

STAG = [2, 1, 1, 10]
XI = sympy.Matrix([-9, 4, 4, 1]) / sqrt(114)   # unit, mean zero, orthogonal to nu_hat(STAG)


def _uniform_over(shape, outcomes):
    """The correlated profile uniform on the given row-major outcome indices."""
    cells = [tuple(int(x) for x in idx) for idx in
             sympy.utilities.iterables.cartes(*[range(k) for k in shape])]
    return sa.CorrelatedProfile.from_dict(shape, {cells[k]: Rational(1, len(outcomes))
                                                  for k in outcomes})


def _library_bound(form, agents, principals, played):
    """``(principals' regret, bound value)`` from symalign's delegation API, or ``None`` when
    this version does not export it."""
    dg_cls, bound, regret = library("DelegationGame"), library(form), library("welfare_regret")
    if not (dg_cls and bound and regret):
        return None
    dg = dg_cls(agents, principals)
    profile = _uniform_over(agents.shape, played)
    return regret(dg, profile), bound(dg, profile).value


def ia_scan(steps=20):
    """Rows ``(IA, normalised welfare at play, normalised Form A1 lower bound)``, exact.

    The bound comes from symalign's `form_a1` when it is exported, else from the formula
    in ``_support``; ``docs/test_docs_figures.py`` checks that the two agree."""
    c, m, nu_hat = epic_standardise(STAG)
    principals = sa.Game.from_arrays([[2, 1], [1, 10]], [[2, 1], [1, 10]])
    w_hat = [sa.welfare(principals, a) for a in principals.outcomes()]
    w_plus = sa.utopia_welfare(principals)
    w_minus = 2 * min(STAG)
    w_star = sa.max_welfare(principals)
    rows = []
    for ia in grid(0, 1, steps):
        delta = 1 - ia
        nu = ia_target_agent(nu_hat, XI, delta)
        u = [m * x + c for x in nu]                      # the agent: principal's m and c
        agents_w = [2 * x for x in u]                    # both agents are the same utility
        played = argmax_set(agents_w)
        w_played = sum(w_hat[k] for k in played) / len(played)
        agents = sa.Game.from_arrays(*[[[u[0], u[1]], [u[2], u[3]]]] * 2)
        lib = _library_bound("form_a1", agents, principals, played)
        if lib is not None:
            bound = lib[1]
        else:
            d = epic_distance(nu_hat, nu)
            bound = form_a_bound(0, 2 * m * d, [m, m], [m, m], **EPIC_CONSTANTS)
        norm = w_plus - w_minus
        rows.append((ia, (w_played - w_minus) / norm,
                     sympy.Max(0, (w_star - bound - w_minus) / norm)))
    return rows, (w_star - w_minus) / (w_plus - w_minus)


def calibration_scan(steps=8):
    """Rows ``(k, principals' regret, Form A bound)`` for u_0 = k (1, 0), u_1 = (0, 2), exact;
    ``k = 2**(j/steps)`` for ``j = -2 steps, ..., 2 steps``."""
    u_hat = [[1, 0], [0, 2]]
    rows = []
    for k in [2 ** Rational(j, steps) for j in range(-2 * steps, 2 * steps + 1)]:
        u = [[k * x for x in u_hat[0]], u_hat[1]]
        agents_w = [u[0][s] + u[1][s] for s in range(2)]
        principals_w = [u_hat[0][s] + u_hat[1][s] for s in range(2)]
        played = argmax_set(agents_w)
        lib = _library_bound("form_a", sa.Game.from_arrays([[u[0][0]], [u[0][1]]],
                                                           [[u[1][0]], [u[1][1]]]),
                             sa.Game.from_arrays([[1], [0]], [[0], [2]]), played)
        if lib is not None:
            regret, bound = lib
        else:
            regret = max(principals_w) - Rational(sum(principals_w[s] for s in played),
                                                  len(played))
            m_hat = [epic_standardise(v)[1] for v in u_hat]
            m = [epic_standardise(v)[1] for v in u]
            bound = form_a_bound(0, 0, m, m_hat, **EPIC_CONSTANTS)
        rows.append((k, regret, bound))
    return rows


def main():
    plt = pyplot()
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
    rows, best = ia_scan()
    x = [float(r[0]) for r in rows]
    left.axhline(float(best), color="0.3", lw=1, label="max over outcomes")
    left.axhline(0, color="0.6", lw=1, label="min over outcomes")
    left.plot(x, [float(r[1]) for r in rows], "o-", ms=3, label="at the agents' optimum")
    left.plot(x, [float(r[2]) for r in rows], "--", label="Form A₁ lower bound")
    left.set_xlabel("individual alignment IA")
    left.set_ylabel("principals' normalised welfare")
    left.set_title("Stag hunt, calibrated agents, WR = 0", fontsize=10)
    left.legend(fontsize=7)
    rows = calibration_scan()
    x = [float(r[0]) for r in rows]
    right.plot(x, [float(r[1]) for r in rows], "o-", ms=3, label="principals' regret")
    right.plot(x, [float(r[2]) for r in rows], "--", label="Form A bound (optimal R, capped)")
    right.set_xscale("log", base=2)
    right.set_xlabel("agent 0's scale $k$ ($r_0 = 1/k$, log scale)")
    right.set_ylabel("principals' welfare regret")
    right.set_title("Calibration example: IA = 1, WR = 0, miscalibrated", fontsize=10)
    right.legend(fontsize=7)
    return fig


if __name__ == "__main__":
    main()
