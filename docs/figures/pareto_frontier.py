"""The Pareto frontier of a two-player game with the C-A quantities marked.

Prisoner's Dilemma (T, R, P, S) = (3, 2, 1, 0), played at (D, D): the pure payoff vectors,
the efficient frontier of their convex hull, the line W = OPT, the line W = U* through the
utopia point, and the coordination and alignment gaps along the welfare direction
(Stavrianos & Turner (2021), the Coordination-Alignment inequalities; standard Pareto efficiency). Every number is computed exactly by symalign.
"""

import symalign as sa
from _support import pyplot, hull_frontier_2d, library, payoff_vectors, pure_pareto_points


def data(game=None, profile=("D", "D")):
    """The exact quantities the figure shows."""
    game = game if game is not None else sa.games.prisoners_dilemma()
    report = sa.ca_inequalities(game, profile)
    points = payoff_vectors(game)
    # prefer the library's frontiers; fall back to the definition (docs/discussion/security-bargaining.rst)
    # computed here
    pure, hull = library("pareto_frontier"), library("convex_pareto_frontier")
    efficient = [p.payoff for p in pure(game)] if pure else pure_pareto_points(game)
    frontier = (list(hull(game).vertices) if hull
                else hull_frontier_2d(list(points.values())))
    played = tuple(sa.expected_payoff(game, i, profile) for i in range(2))
    utopia = tuple(max(v[i] for v in points.values()) for i in range(2))
    return {"game": game, "report": report, "points": points, "efficient": efficient,
            "frontier": frontier, "played": played,
            "utopia": utopia}


def main():
    plt = pyplot()
    d = data()
    game, r = d["game"], d["report"]
    fig, ax = plt.subplots(figsize=(5.2, 4.6))
    lo, hi = -0.5, 3.8
    xs = [lo, hi]
    for level, style, label in [(r.max_welfare, "-", r"$u_0+u_1=\mathrm{OPT}$"),
                                (r.utopia_welfare, ":", r"$u_0+u_1=U^\star$"),
                                (r.welfare, "--", r"$u_0+u_1=W(\mathbf{a})$")]:
        ax.plot(xs, [float(level) - x for x in xs], style, color="0.45", lw=1, label=label)
    fx = [float(p[0]) for p in d["frontier"]]
    fy = [float(p[1]) for p in d["frontier"]]
    ax.plot(fx, fy, color="tab:blue", lw=2.5, label="Pareto frontier (conv P)")
    for a, v in d["points"].items():
        name = ",".join(game.actions[i][a[i]] for i in range(2))
        ax.plot(float(v[0]), float(v[1]), "o", color="tab:blue", ms=6)
        ax.annotate(f"({name})", (float(v[0]), float(v[1])), textcoords="offset points",
                    xytext=(6, 4), fontsize=8)
    ux, uy = (float(c) for c in d["utopia"])
    ax.plot(ux, uy, "*", color="tab:orange", ms=14, label=r"utopia $(\max u_0,\max u_1)$")
    px, py = (float(c) for c in d["played"])
    ax.plot(px, py, "s", color="tab:red", ms=8, label="played profile (D,D)")
    # gaps along the welfare direction (1, 1)/2 per unit of welfare
    cg, ag = float(r.coordination_gap), float(r.alignment_gap)
    ax.annotate("", xy=(px + cg / 2, py + cg / 2), xytext=(px, py),
                arrowprops={"arrowstyle": "<->", "color": "tab:red"})
    ax.text(px + cg / 4 + 0.08, py + cg / 4 - 0.22, f"CG = {r.coordination_gap}",
            color="tab:red", fontsize=9)
    ox, oy = px + cg / 2, py + cg / 2
    ax.annotate("", xy=(ox + ag / 2, oy + ag / 2), xytext=(ox, oy),
                arrowprops={"arrowstyle": "<->", "color": "tab:orange"})
    ax.text(ox + ag / 4 + 0.08, oy + ag / 4 - 0.22, f"AG = {r.alignment_gap} = −α",
            color="tab:orange", fontsize=9)
    ax.set_xlim(lo, hi)
    ax.set_ylim(lo, hi)
    ax.set_aspect("equal")
    ax.set_xlabel("$u_0$ (row player)")
    ax.set_ylabel("$u_1$ (column player)")
    ax.set_title(f"Prisoner's Dilemma: OPT = {r.max_welfare}, U* = {r.utopia_welfare}, "
                 f"α = {r.alpha}", fontsize=10)
    ax.legend(fontsize=7, loc="lower left")
    return fig


if __name__ == "__main__":
    main()
