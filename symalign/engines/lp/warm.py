"""A warm-started exact revised simplex that repairs a HiGHS basis which failed verification."""

from __future__ import annotations

from fractions import Fraction

from symalign.core.lazy import np
from symalign.engines.lp.bases import _Basis, _Exact, _solve_basis, _verify_optimal
from symalign.engines.lp.checks import _ATy
from symalign.engines.lp.modular import _Square
from symalign.engines.lp.problem import _IntLP, _obj

# ---------------------------------------------------------------------------------------------
# Warm-started exact revised simplex: repairs a HiGHS basis that failed verification
# ---------------------------------------------------------------------------------------------

#: After this many consecutive degenerate pivots the warm simplex uses Bland's rule until the
#: next non-degenerate pivot (which guarantees termination on degenerate problems).
_DEGENERATE_STREAK = 30


class _Warm:
    """Private: an exact revised simplex on the compact basis representation of `_Basis`.

    The full simplex basis has one basic variable per row: the structurals ``S`` and, for
    every row ``i`` not in ``R``, that row's slack (an *artificial* fixed at 0 for an equality
    row). Only the square block ``M = A[R, S]`` is ever factorised (exactly, `_Square`), so a
    pivot costs a fresh modular inverse of a small matrix plus a few Dixon solves; basic
    values, duals, reduced costs and the pivot row or column are recomputed exactly from it at
    every iteration, so no error can accumulate. Variables are indexed ``j`` (structural) and
    ``n + r`` (slack of row ``r``); the index order is the one of Bland's rule.
    """

    def __init__(self, P: _IntLP, B: _Basis, square=None):
        self.P = P
        self.n, self.m, self.m_ub = P.n, P.m, P.m_ub
        self.A = P.A_obj
        self.free = [bool(v) for v in P.free.tolist()]
        self.S = list(B.S)
        self.R = list(B.R)
        self.cost = list(P.c)       # structural costs (shifted while repairing dual feasibility)
        self.scost = {}             # ub row -> slack cost (only shifted slacks)
        self.pivots = 0
        # the factorised basis block and the (S, R) it belongs to: refactorised only after a
        # pivot, not when the same basis is priced again (new costs, a new phase)
        self._sq_key = (tuple(B.S), tuple(B.R)) if square is not None else None
        self._sq = square

    # -- exact evaluation of the current basis -------------------------------------------------
    def evaluate(self) -> bool:
        P, A, S, R = self.P, self.A, self.S, self.R
        n, m = self.n, self.m
        k = len(S)
        key = (tuple(S), tuple(R))
        if key != self._sq_key:
            M = P.A[np.ix_(R, S)] if k else np.zeros((0, 0), dtype=np.int64)
            if M.dtype != object:
                M = np.ascontiguousarray(M)
            self._sq, self._sq_key = _Square(M), key
        sq = self._sq
        xs = sq.solve([P.b[r] for r in R])
        if xs is None:
            return False
        self.sq = sq
        XS, dx = xs
        inR = set(R)
        U = [i for i in range(m) if i not in inR]
        self.U = U
        av = A[np.ix_(U, S)].dot(_obj(XS)).tolist() if k and U else [0] * len(U)
        self.dx = dx
        self.XS = XS
        self.SV = {i: dx * P.b[i] - int(v) for i, v in zip(U, av)}   # slack values * dx
        # duals: a basic slack with a (shifted) cost fixes its row's dual
        yU = {i: self.scost[i] for i in U if self.scost.get(i)}
        rhs = list(self.cost[j] for j in S)
        if yU:
            rows = list(yU)
            corr = _obj([yU[i] for i in rows]).dot(A[np.ix_(rows, S)]).tolist() if k else []
            rhs = [a - int(b) for a, b in zip(rhs, corr)]
        ys = sq.solve(rhs, transpose=True)
        if ys is None:
            return False
        YR, dy = ys
        Y = [0] * m
        for r, v in zip(R, YR):
            Y[r] = v
        for i, v in yU.items():
            Y[i] = v * dy
        self.Y, self.dy = Y, dy
        aty = _ATy(P, Y)
        inS = set(S)
        cost = self.cost
        # reduced costs * dy of the nonbasic structurals and of the nonbasic ub slacks
        self.D = {j: dy * cost[j] - aty[j] for j in range(n) if j not in inS}
        self.DS = {r: dy * self.scost.get(r, 0) - Y[r] for r in R if r < self.m_ub}
        return True

    # -- basic values, pivot rows and columns ------------------------------------------------
    def infeasible_basics(self) -> list:
        """``(variable, value numerator)`` of the basic variables off their bounds."""
        out = []
        for p, v in zip(self.S, self.XS):
            if v < 0 and not self.free[p]:
                out.append((p, v))
        for i, v in self.SV.items():
            if v < 0 or (v != 0 and i >= self.m_ub):
                out.append((self.n + i, v))
        return out

    def row(self, var: int) -> dict:
        """Tableau row of basic ``var`` over the enterable nonbasics: ``basic = beta - sum
        alpha_q x_q`` (scaled by a positive constant)."""
        A, S, R, n = self.A, self.S, self.R, self.n
        k = len(S)
        if var < n:
            e = [0] * k
            e[S.index(var)] = 1
            rho, _ = self.sq.solve(e, transpose=True)
            lead = None
        else:
            i = var - n
            rho, d = self.sq.solve([int(a) for a in A[i, S]], transpose=True) if k else ([], 1)
            rho = [-v for v in rho]
            lead = (i, d)
        N = [j for j in range(n) if j in self.D]
        vals = _obj(rho).dot(A[np.ix_(R, N)]).tolist() if k and N else [0] * len(N)
        out = {}
        for j, v in zip(N, vals):
            v = int(v)
            if lead is not None:
                v += lead[1] * int(A[lead[0], j])
            out[j] = v
        for t, r in enumerate(R):
            if r < self.m_ub:
                out[n + r] = rho[t]
        return out

    def column(self, var: int) -> dict:
        """Tableau column of nonbasic ``var``: the basic variables change by ``-u`` per unit
        (scaled by a positive constant); keys are basic variable indices."""
        A, S, R, n = self.A, self.S, self.R, self.n
        k = len(S)
        if var < n:
            rhs = [int(a) for a in A[R, var]] if k else []
        else:
            rhs = [1 if r == var - n else 0 for r in R]
        u, du = self.sq.solve(rhs) if k else ([], 1)
        out = {p: v for p, v in zip(S, u)}
        U = self.U
        au = A[np.ix_(U, S)].dot(_obj(u)).tolist() if k and U else [0] * len(U)
        for i, v in zip(U, au):
            base = du * int(A[i, var]) if var < n else 0
            out[n + i] = base - int(v)
        return out

    def exchange(self, leave: int, enter: int) -> None:
        n, S, R = self.n, self.S, self.R
        if leave < n and enter < n:
            S[S.index(leave)] = enter
        elif leave < n:
            S.remove(leave)
            R.remove(enter - n)
        elif enter < n:
            S.append(enter)
            R.append(leave - n)
        else:
            R[R.index(enter - n)] = leave - n
        self.pivots += 1

    # -- the phases ------------------------------------------------------------------------------
    def pivot_in_free(self) -> bool:
        """Make the free variables basic where possible; False if one cannot be priced."""
        for j in range(self.n):
            if not self.free[j] or j in self.S:
                continue
            if not self.evaluate():
                return False
            u = self.column(j)
            cand = [p for p, v in u.items() if v != 0 and not (p < self.n and self.free[p])]
            if not cand:
                if self.D[j] != 0:
                    return False   # the LP is unbounded or infeasible: leave it to the fallback
                continue
            # artificials first, then slacks, then structurals
            leave = max(cand, key=lambda p: (p >= self.n + self.m_ub, p >= self.n, -p))
            self.exchange(leave, j)
        return True

    def dual_infeasible(self) -> list:
        out = [j for j, d in self.D.items() if (d != 0 if self.free[j] else d < 0)]
        out += [self.n + r for r, d in self.DS.items() if d < 0]
        return out

    def shift_costs(self) -> bool:
        """Shift the costs of the dual-infeasible nonbasics so that the basis is dual feasible
        (each reduced cost lands in ``(0, 1]``)."""
        dy = self.dy
        for q in self.dual_infeasible():
            if q < self.n:
                if self.free[q]:
                    return False
                self.cost[q] += (-self.D[q]) // dy + 1
            else:
                r = q - self.n
                self.scost[r] = self.scost.get(r, 0) + (-self.DS[r]) // dy + 1
        return True

    def dual_step(self, bland: bool):
        """One dual simplex pivot; ``"done"`` when primal feasible, ``"infeasible"`` when a
        row proves primal infeasibility, else whether the pivot was degenerate."""
        bad = self.infeasible_basics()
        if not bad:
            return "done"
        if bland:
            leave, beta = min(bad)
        else:
            leave, beta = max(bad, key=lambda t: (abs(t[1]), -t[0]))
        s = 1 if beta < 0 else -1
        alpha = self.row(leave)
        best = None
        for q, a in alpha.items():
            if a == 0:
                continue
            if q < self.n:
                d = self.D[q]
                if not self.free[q] and s * a > 0:
                    continue
            else:
                d = self.DS[q - self.n]
                if s * a > 0:
                    continue
            key = (Fraction(abs(d), abs(a)), q)
            if best is None or key < best:
                best = key
        if best is None:
            return "infeasible"
        self.exchange(leave, best[1])
        return best[0] == 0

    def primal_step(self, bland: bool):
        """One primal simplex pivot; ``"done"`` when optimal, ``"unbounded"`` for a ray, else
        whether the pivot was degenerate."""
        cand = []
        for j, d in self.D.items():
            if d < 0 or (d > 0 and self.free[j]):
                cand.append((-abs(d), j, -1 if d > 0 else 1))
        for r, d in self.DS.items():
            if d < 0:
                cand.append((d, self.n + r, 1))
        if not cand:
            return "done"
        if bland:
            _, enter, sgn = min(cand, key=lambda t: t[1])
        else:
            _, enter, sgn = min(cand)
        u = self.column(enter)
        best = None
        n, m_ub = self.n, self.m_ub
        XS = dict(zip(self.S, self.XS))
        for p, v in u.items():
            v *= sgn
            if v == 0:
                continue
            if p < n:
                if self.free[p] or v < 0:
                    continue
                ratio = Fraction(XS[p], v)
            elif p - n >= m_ub:
                ratio = Fraction(0)            # an artificial at 0 blocks any move
            else:
                if v < 0:
                    continue
                ratio = Fraction(self.SV[p - n], v)
            key = (ratio, p)
            if best is None or key < best:
                best = key
        if best is None:
            return "unbounded"
        self.exchange(best[1], enter)
        return best[0] == 0

    def run(self, max_pivots: int) -> _Basis | None:
        if not self.pivot_in_free() or not self.evaluate():
            return None
        phases = []
        if self.infeasible_basics():
            if self.dual_infeasible() and not self.shift_costs():
                return None
            phases.append("dual")
        phases.append("primal")
        for phase in phases:
            if phase == "primal" and (self.scost or self.cost != self.P.c):
                self.cost, self.scost = list(self.P.c), {}
            streak = 0
            while True:
                if self.pivots > max_pivots or not self.evaluate():
                    return None
                step = (self.dual_step if phase == "dual" else self.primal_step)(
                    streak >= _DEGENERATE_STREAK)
                if step == "done":
                    break
                if step in ("infeasible", "unbounded"):
                    return None
                streak = streak + 1 if step else 0
        return _Basis(sorted(self.S), sorted(self.R))


def _warm_start(P: _IntLP, starts: list) -> _Exact | None:
    """Exact simplex from the most promising of the (failed) candidate bases ``starts``.

    The start with the fewest primal plus dual infeasibilities is used. If it is primal
    feasible, primal simplex; otherwise its dual-infeasible reduced costs are shifted (cost
    shifting) so that it is dual feasible, the dual simplex restores primal feasibility, and
    the primal simplex with the true costs finishes. Dantzig-style pricing, with Bland's rule
    after a streak of degenerate pivots, so the method terminates. Returns the verified
    optimal basis solution, or None (the caller falls back to the from-scratch simplex, which
    also certifies infeasibility and unboundedness).
    """
    best = None
    for E in starts:
        W = _Warm(P, E.basis, E.square)
        if not W.evaluate():
            continue
        score = len(W.infeasible_basics()) + len(W.dual_infeasible())
        if best is None or score < best[0]:
            best = (score, W)
    if best is None:
        return None
    W = best[1]
    B = W.run(max_pivots=10 * (P.n + P.m) + 100)
    if B is None:
        return None
    E = _solve_basis(P, B)
    if E is None or not _verify_optimal(P, E):
        return None
    return E
