"""The delegation-game bound surface: Form A with the optimal ratio R, capped.

Axes as in the authors' three-dimensional regret plots (Sourbut, Hammond & Wood (2024), appendix C.2): the agents'
welfare regret WR, the total agent misalignment sum_i m_hat_i d_i, and the bound on the
principals' welfare regret. Left: MAX standardisation, four perfectly calibrated players with
unit magnitudes (the notebook's final setting; the bound is WR + 2 K_d T capped at n K_m = 8).
Right: EPIC with agents' magnitudes (2, 1, 1, 1) against unit principals (an earlier setting of
the notebook), where the optimal R switches between candidates and the surface bends.
"""

import numpy as np
import sympy

from _support import pyplot, EPIC_CONSTANTS, MAX_CONSTANTS, form_a_bound, grid

SETTINGS = [
    ("MAX, calibrated, m = (1, 1, 1, 1)", MAX_CONSTANTS, [1, 1, 1, 1], [1, 1, 1, 1], 4),
    ("EPIC, miscalibrated, m = (2, 1, 1, 1)", EPIC_CONSTANTS, [2, 1, 1, 1], [1, 1, 1, 1], 4),
]


def surface(constants, m, m_hat, wr_max, t_max, steps=20):
    """Exact bound values on a grid of (WR, total misalignment)."""
    wrs, ts = grid(0, wr_max, steps), grid(0, t_max, steps)
    z = [[form_a_bound(w, t, m, m_hat, constants["K_m"], constants["K_d"]) for w in wrs]
         for t in ts]
    return wrs, ts, z


def main():
    plt = pyplot()
    fig = plt.figure(figsize=(10, 4.4))
    for k, (title, consts, m, m_hat, n) in enumerate(SETTINGS):
        cap = consts["K_m"] * sum(m_hat)
        wrs, ts, z = surface(consts, m, m_hat, wr_max=n * consts["K_m"], t_max=n)
        W, T = np.meshgrid([float(w) for w in wrs], [float(t) for t in ts])
        Z = np.array([[float(v) for v in row] for row in z])
        ax = fig.add_subplot(1, 2, k + 1, projection="3d")
        ax.plot_surface(W, T, Z, cmap="viridis", alpha=0.85, linewidth=0)
        ax.set_xlabel("agents' welfare regret", fontsize=8)
        ax.set_ylabel("total agent misalignment", fontsize=8)
        ax.set_zlabel("bound on principals' regret", fontsize=8)
        ax.set_title(f"{title}\ncap $K_m\\sum\\hat m_i = {sympy.latex(cap)}$", fontsize=9)
        ax.tick_params(labelsize=7)
    return fig


if __name__ == "__main__":
    main()
