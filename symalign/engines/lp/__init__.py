"""Exact linear programming: the one LP interface of symalign (von Neumann's minimax theorem; Nash (1951); Aumann (1974); symalign's exact LP verification).

The package is split by purpose: `problem` (the integer form of an LP), `modular` (exact
linear algebra modulo primes), `checks` (exact feasibility and optimality checks), `bases`
(exact bases from HiGHS), `warm` (warm-started exact simplex), `simplex` (the last resort),
`driver` (the order of attempts), `result` (`solve_lp`, `LPResult`) and `face` (the vertices
of the optimal face).

Every LP in the library (security values, correlated equilibria, bargaining, proofs) goes
through `solve_lp`. The float solver HiGHS (``scipy.optimize.linprog(method="highs")``)
only *guides*: its solution names a candidate optimal basis, which is re-solved exactly in
rational arithmetic (p-adic lifting over a word-size prime, then rational reconstruction)
and then **verified**: primal feasibility, dual feasibility and equal objective values
(strong duality). Nothing is returned unverified, and nothing returned is ever a float.

When HiGHS reports an optimum, the exact answer is sought in this order:

1. the bases suggested by HiGHS's default solution, each solved exactly and verified;
2. the same for HiGHS's dual simplex (``"highs-ds"``) and interior point with crossover
   (``"highs-ipm"``) solutions;
3. a **warm-started exact simplex** from the most promising of the bases that failed
   (fewest primal plus dual infeasibilities). HiGHS stops within its feasibility tolerance
   (1e-7), so on large degenerate problems (e.g. correlated-equilibrium LPs) its basis can
   be slightly primal infeasible in exact arithmetic while exactly dual feasible; a few dual
   simplex pivots repair it. In general the dual-infeasible reduced costs are first shifted
   away (cost shifting), the dual simplex restores primal feasibility and the primal simplex
   with the true costs finishes. It is a revised simplex that factorises only the square
   block ``A[R, S]`` of the basis exactly at each pivot, with Bland's rule after a streak of
   degenerate pivots so that it terminates;
4. as the last resort (no usable start basis, HiGHS failed, or the warm start gave up), an
   exact two-phase simplex from scratch with Bland's rule on `fractions.Fraction` tableaux.

Infeasible problems come back with an exact Farkas certificate and unbounded problems with a
feasible point and an improving ray, found through auxiliary LPs solved the same way (or by
the from-scratch simplex); both are verified too.

The problem solved is::

    minimise (or maximise)  c . x
    subject to              A_ub x <= b_ub,   A_eq x == b_eq,
                            x_j >= 0 for every j not listed in ``free``.

Dual sign convention (as scipy's ``marginals``: ``y`` is the derivative of the optimal value
with respect to the right-hand sides): ``value == b_ub . y_ub + b_eq . y_eq`` and

- minimise: ``y_ub <= 0`` and ``c - A^T y >= 0`` on non-negative variables;
- maximise: ``y_ub >= 0`` and ``c - A^T y <= 0`` on non-negative variables;
- ``c - A^T y == 0`` on free variables in both cases.
"""

from __future__ import annotations

from symalign.engines.lp.face import _face_vertices, optimal_face_vertices
from symalign.engines.lp.modular import _rank, _solve_fraction, _unique_solution
from symalign.engines.lp.problem import SOURCE_LP, _IntLP, _obj, _rat
from symalign.engines.lp.result import LPResult, _solve_int, solve_lp

__all__ = ["solve_lp", "LPResult", "optimal_face_vertices", "SOURCE_LP"]

# The private names above are the LP's interface to the other exact solvers of symalign
# (security values and correlated equilibria build `_IntLP` problems directly).
