"""Private: the Lemke–Howson path of a bimatrix game in exact integer arithmetic.

With payoffs shifted to be positive, the best-response polytopes are

    P = {x in R^m : x >= 0, B^T x <= 1},     Q = {y in R^n : A y <= 1, y >= 0}

and the labels are ``0..m-1`` (player 0's actions) and ``m..m+n-1`` (player 1's): ``x``
has label ``i`` when ``x_i = 0`` and label ``m + j`` when ``(B^T x)_j = 1``; ``y`` has label
``i`` when ``(A y)_i = 1`` and label ``m + j`` when ``y_j = 0``. The Lemke–Howson algorithm
(Lemke and Howson 1964; von Stengel 2002, Sec. 3) starts at the artificial equilibrium
``(0, 0)``, drops one label ``k`` and follows the path of ``k``-almost completely labelled
pairs by complementary pivoting, alternately in the two polytopes, until ``k`` is picked up
again: that pair, normalised, is a Nash equilibrium.

Each polytope is kept as a dictionary (rows: basic variables; columns: the non-basic
variables and the right-hand side) of integers ``D`` times the true entries, ``D`` the basis
determinant, updated by fraction-free (Bareiss) pivots, so the path is followed exactly.
Degenerate games are handled by the lexicographic ratio test (the symbolic perturbation
``1 + (eps, eps^2, ...)`` of the right-hand side), which makes every path finite and
unambiguous. The dictionary is a list of rows of Python integers (on small games this beats
an ``fmpz_mat``, whose entries are read one by one in the ratio test), or, on request, an
``fmpz_mat`` updated by three matrix operations in C per pivot (the same arithmetic).

On large games the full dictionary is wasteful: along a path only the few basic structural
variables (the supports) matter. `_Revised` keeps just the basis, solves the small square
system of the tight constraints exactly with python-flint at each pivot, screens the ratio
test in floating point with a rigorous error bound, and decides every row the bound cannot
rule out (and every tie, lexicographically) in exact integers. It follows the same path as
the dictionary, pivot for pivot (the tests check this).

To find one equilibrium, `lemke_howson_race` runs the paths of every label side by side.
Its first two rounds have a closed form (`race_two_pivot_end`: argmaxes; rounds 3 and 4 are
in `symalign.engines.race_rounds`), and on small games `race_guide` runs the race in
floating point, every path at once with numpy, to name the winning label; only that path is
then followed exactly. The guide gives up whenever a ratio test is too close to call or ties
in a tableau already pivoted, and the exact race decides.

A single path on a mid-sized game starts in floating point with certified pivots
(`symalign.engines.certified_pivoting`); at the first pivot the error bounds cannot certify,
`_Revised` resumes from that basis exactly.

References
==========

.. [1] C. E. Lemke, J. T. Howson, "Equilibrium points of bimatrix games", J. SIAM 12
   (1964) 413-423.
.. [2] B. von Stengel, "Computing equilibria for two-person games", Handbook of Game
   Theory with Economic Applications, vol. 3, ch. 45 (2002), Sec. 3.
"""

from __future__ import annotations

import copy

from symalign.core.lazy import np
from symalign.engines import certified_pivoting as _certified
from symalign.engines.vertex_enumeration import _pivot as _bareiss_pivot

__all__ = ["lemke_howson_path", "lemke_howson_race", "race_two_pivot_end", "race_guide"]

try:  # python-flint: the pivots run in C
    from flint import fmpz_mat as _fmpz_mat
except ImportError:  # pragma: no cover - the Python-integer path below is the fallback
    _fmpz_mat = None


class _Dictionary:
    """The dictionary of ``{z >= 0 : M z <= 1}`` (``M`` a ``k x d`` matrix of positive
    integers): variables ``0..d-1`` are ``z``, ``d..d+k-1`` the slacks of the rows.

    Row ``i`` reads ``basic_i + sum_q T[i][q] nonbasic_q = T[i][d]``, all scaled by ``D``.
    """

    __slots__ = ("k", "d", "T", "D", "basis", "nonbasic", "row_of", "col_of", "flint")

    def __init__(self, M: list[list[int]], use_flint: bool):
        self.k = k = len(M)
        self.d = d = len(M[0])
        rows = [list(r) + [1] for r in M]
        self.flint = use_flint and _fmpz_mat is not None
        self.T = _fmpz_mat(rows) if self.flint else rows
        self.D = 1
        self.basis = list(range(d, d + k))
        self.nonbasic = list(range(d))
        self.row_of = {v: i for i, v in enumerate(self.basis)}
        self.col_of = {v: q for q, v in enumerate(self.nonbasic)}

    def column(self, q: int) -> list:
        T = self.T
        if self.flint:
            return [int(T[i, q]) for i in range(self.k)]
        return [r[q] for r in T]

    def entry(self, i: int, q: int) -> int:
        return int(self.T[i, q]) if self.flint else self.T[i][q]

    def _lex_less(self, i: int, ai: int, j: int, aj: int) -> bool:
        """Whether row ``i`` precedes row ``j`` in the lexicographic ratio test: the rows of
        ``B^-1`` (the slack columns, in slack order) divided by the entering entries."""
        D = self.D
        for s in range(self.d, self.d + self.k):
            q = self.col_of.get(s)
            if q is not None:
                vi = self.entry(i, q)
                vj = self.entry(j, q)
            else:
                r = self.row_of[s]
                vi = D if r == i else 0
                vj = D if r == j else 0
            lhs = vi * aj
            rhs = vj * ai
            if lhs != rhs:
                return lhs < rhs
        raise AssertionError("lexicographic tie between rows of an invertible matrix")

    def enter(self, var: int) -> int:
        """Pivot ``var`` into the basis by the lexicographic ratio test; return the variable
        that leaves."""
        q = self.col_of[var]
        col = self.column(q)
        rhs = self.column(self.d)
        best = -1
        ba = br = 0
        for i, a in enumerate(col):
            if a > 0:
                if best < 0:
                    best, ba, br = i, a, rhs[i]
                    continue
                t = rhs[i] * ba - br * a
                if t < 0 or (t == 0 and self._lex_less(i, a, best, ba)):
                    best, ba, br = i, a, rhs[i]
        if best < 0:
            raise AssertionError("unbounded best-response polytope")
        self._pivot(best, q, col)
        leaving = self.basis[best]
        self.basis[best] = var
        self.nonbasic[q] = leaving
        del self.col_of[var]
        del self.row_of[leaving]
        self.row_of[var] = best
        self.col_of[leaving] = q
        return leaving

    def _pivot(self, r: int, q: int, col: list) -> None:
        T, D = self.T, self.D
        p = col[r]
        width = self.d + 1
        if self.flint:
            row = [T[r, j] for j in range(width)]
            new = p * T - _fmpz_mat([[c] for c in col]) * _fmpz_mat([row])
            if D != 1:
                new = new / D
            for j in range(width):
                new[r, j] = row[j]
            new[r, q] = D
            for i in range(self.k):
                if i != r:
                    new[i, q] = -col[i]
            self.T = new
        else:
            self.T = _bareiss_pivot(T, D, r, q, range(self.k))
        self.D = p

    def values(self) -> tuple[dict[int, int], int]:
        """The current vertex: ``({j: numerator}, D)`` with ``z_j = numerator / D`` for the
        basic structural variables (the others are 0)."""
        rhs = self.column(self.d)
        return {v: rhs[i] for i, v in enumerate(self.basis) if v < self.d and rhs[i]}, self.D


def _shifted(A, B):
    amin = min(min(r) for r in A)
    bmin = min(min(r) for r in B)
    sa, sb = amin - 1, bmin - 1
    Ap = [[a - sa for a in r] for r in A]
    BpT = [[b - sb for b in c] for c in zip(*B, strict=True)]
    return Ap, BpT


#: Games up to this many outcomes keep the full dictionary (cheaper than solving the basis).
_SMALL = 400
#: Above `_SMALL` and up to this many, a single path starts in floating point with
#: certified pivots (`symalign.engines.certified_pivoting`), the basis solves taking over
#: at the first pivot it cannot certify; on larger games the float tableau costs more a
#: pivot than the basis solves.
_CERTIFIED_LARGE = 2_500


class _Path:
    """One Lemke–Howson path, advanced a pivot at a time by `step` (True once it ends)."""

    __slots__ = ("m", "n", "label", "P", "Q", "in_P", "entering", "pivots", "done")

    def __init__(self, Ap, BpT, label: int, method: str, floats=None):
        self.m = m = len(Ap)
        self.n = len(BpT)
        if not 0 <= label < m + self.n:
            raise ValueError(f"label {label} is not in 0..{m + self.n - 1}")
        if method == "auto":
            # the full dictionary is cheaper on small games, the basis solves on large ones
            method = "revised" if m * self.n > _SMALL else "python"
        if method == "revised" and _fmpz_mat is not None:
            Pf, Qf = floats if floats is not None else (None, None)
            self.P, self.Q = _Revised(BpT, Pf), _Revised(Ap, Qf)
        else:
            flint = method != "python"
            self.P, self.Q = _Dictionary(BpT, flint), _Dictionary(Ap, flint)
        # P: x_i is variable i (label i), the slack of column j is variable m + j (label m + j)
        # Q: y_j is variable j (label m + j), the slack of row i is variable n + i (label i)
        self.label = label
        self.in_P = label < m
        self.entering = label
        self.pivots = 0
        self.done = False

    def step(self) -> bool:
        m, n, lab = self.m, self.n, self.entering
        if self.in_P:
            left = self.P.enter(lab)
        else:
            v = self.Q.enter(lab - m if lab >= m else n + lab)
            left = v + m if v < n else v - n
        self.pivots += 1
        if left == self.label:
            self.done = True
        else:
            self.entering = left
            self.in_P = not self.in_P
        return self.done

    def at(self, label: int, P, Q, in_P: bool, entering: int, pivots: int) -> _Path:
        """The path of ``label`` in the same game at a given state, sharing this path's
        matrices (`_Revised` polytopes only): ``P``, ``Q`` as ``(S, T)`` (basic structural
        variables, tight rows), the side and the label that enter next, the pivots made."""
        path = object.__new__(_Path)
        path.m, path.n, path.label = self.m, self.n, label
        path.P, path.Q = copy.copy(self.P), copy.copy(self.Q)
        path.P.S, path.P.T = P
        path.Q.S, path.Q.T = Q
        path.in_P, path.entering, path.pivots, path.done = in_P, entering, pivots, False
        return path

    def result(self):
        xv, _ = self.P.values()
        yv, _ = self.Q.values()
        return [xv.get(i, 0) for i in range(self.m)], [yv.get(j, 0) for j in range(self.n)]


def _resumed(Ap, BpT, label: int, state) -> _Path:
    """The exact path (basis solves) from a state of `certified_pivoting.certified_path`:
    ``("resume", (Sx, Tx), (Sy, Ty), side, enter, pivots)``."""
    _, (Sx, Tx), (Sy, Ty), side, enter, pivots = state
    path = _Path(Ap, BpT, label, "revised")
    path.P.S, path.P.T = list(Sx), list(Tx)
    path.Q.S, path.Q.T = list(Sy), list(Ty)
    path.in_P = side == 0
    path.entering = enter
    path.pivots = pivots
    return path


def lemke_howson_path(A: list[list[int]], B: list[list[int]], label: int, *,
                      deadline=None, method: str = "auto", max_pivots=None):
    """Follow the Lemke–Howson path of the bimatrix game ``(A, B)`` (integers, any sign) from
    the artificial equilibrium, dropping ``label`` (``0 <= label < m + n``).

    Returns ``(x, y, pivots)``: ``x`` and ``y`` are lists of non-negative integers, not both
    zero, proportional to the equilibrium strategies, and ``pivots`` the path length.
    ``deadline`` (a `symalign.core.config.Deadline`) is checked at every pivot. ``method``:
    ``"revised"`` (python-flint solves of the basis), ``"flint"`` or ``"python"`` (the full
    dictionary, as an ``fmpz_mat`` or as Python integers), ``"certified"`` (the float path
    with certified pivots of `symalign.engines.certified_pivoting`, the basis solves
    resuming at the first pivot it cannot certify), or ``"auto"`` (the dictionary in
    Python integers up to `_SMALL` outcomes, ``"certified"`` up to `_CERTIFIED_LARGE`, the
    basis solves above). All follow the same path. With ``max_pivots``, None when the path is
    longer.
    """
    Ap, BpT = _shifted(A, B)
    end = None
    if method == "auto" and _SMALL < len(Ap) * len(BpT) <= _CERTIFIED_LARGE:
        method = "certified"
    if method == "certified" and _fmpz_mat is not None:
        # None: entries too large for doubles, then the exact path below
        end = _certified.certified_path(Ap, BpT, label, deadline=deadline,
                                        max_pivots=max_pivots)
        if end is not None and end[0] == "long":
            return None
        if end is not None and end[0] != "resume":
            return end
    # with a resume state, the exact path goes on from the last certified basis
    path = _Path(Ap, BpT, label, method) if end is None else _resumed(Ap, BpT, label, end)
    while not path.step():
        if max_pivots is not None and path.pivots >= max_pivots:
            return None
        if deadline is not None:
            deadline.check()
    return (*path.result(), path.pivots)


def lemke_howson_race(A: list[list[int]], B: list[list[int]], labels=None, *,
                      deadline=None, method: str = "auto", guide: bool = True):
    """Run the paths of several dropped labels side by side and stop at the first that
    ends: ``(x, y, label, pivots)``.

    In each round every path makes one pivot, and then the first label's path makes
    ``0, 1, 3, 7, ...`` more (doubling, up to ``len(labels) - 1``), so that it soon advances
    as fast as all the others together. With ``N`` labels, shortest path ``L_min`` and first
    path ``L_0``, the cost is about ``2 min(N L_min, L_0)`` pivots (plus ``O(N log N)``):
    short when some label reaches an equilibrium quickly (random games often have a pure one
    two pivots away), and not much worse than the single path when every path is long. The
    answer is deterministic.

    With ``guide`` (and every label, ``method="auto"``), small games first run the race in
    floating point (`race_guide`, all paths batched with numpy), which names the label that
    wins and its path length; that one path is then followed exactly, and kept if it has
    that length. Otherwise (a ratio test too close to call in floating point, as in
    degenerate games, or a different length) the exact race below decides.
    """
    if guide and labels is None and method == "auto":
        hint = race_guide(A, B)
        if hint is not None:
            x, y, pivots = lemke_howson_path(A, B, hint[0], deadline=deadline)
            if pivots == hint[1]:
                return x, y, hint[0], pivots
    Ap, BpT = _shifted(A, B)
    m, n = len(Ap), len(BpT)
    floats = (np.array(BpT, dtype=np.float64), np.array(Ap, dtype=np.float64))
    labels = range(m + n) if labels is None else labels
    paths = [_Path(Ap, BpT, k, method, floats) for k in labels]
    lead = paths[0]
    extra = 0
    while True:
        for path in paths:
            if path.step():
                return (*path.result(), path.label, path.pivots)
        for _ in range(extra):
            if lead.step():
                return (*lead.result(), lead.label, lead.pivots)
        extra = min(len(paths) - 1, 2 * extra + 1)
        if deadline is not None:
            deadline.check()


def race_two_pivot_end(A, B):
    """The first two rounds of `lemke_howson_race` over every label, at once: the first label
    (in order) whose path ends after two pivots, as ``(i, j, label)`` with ``(i, j)`` the
    pure equilibrium at its end, or None when no path ends that soon (the race then goes on).

    ``A`` and ``B`` are integer arrays (int64 or Python-int object arrays). From the
    artificial equilibrium, dropping row ``i`` lets ``x_i`` enter ``P``; the ratio test over
    the initial dictionary (right-hand sides 1) picks the largest ``B[i, j]``, and among equal
    ones the lexicographic rule (the rows of ``B^-1 = I`` over the entries) picks the last
    ``j``. Then ``y_j`` enters ``Q``, where the last row ``r`` with the largest ``A[r, j]``
    leaves; the path ends when ``r == i``. A column label is the mirror image. Shifting the
    payoffs does not change these maxima, and the end is a pure equilibrium because each
    action is a best response to the other: the argmaxes are the exact equilibrium check.
    """
    A = np.asarray(A)
    B = np.asarray(B)
    m, n = A.shape
    # with indices counted from the end, the last argmax is numpy's (first) argmax
    rc = B[:, ::-1].argmax(1)           # n - 1 - (last best reply column to each row)
    rr = A[::-1].argmax(0)              # m - 1 - (last best reply row to each column)
    hit = rr[::-1][rc] == np.arange(m - 1, -1, -1)
    if hit.any():
        i = int(hit.argmax())
        return i, n - 1 - int(rc[i]), i
    hit = rc[::-1][rr] == np.arange(n - 1, -1, -1)
    if hit.any():
        j = int(hit.argmax())
        return m - 1 - int(rr[j]), j, m + j
    return None


#: The floating-point guide runs for games whose batched tableaux hold at most this many
#: doubles (about 40x40 and below, 5 MB); larger games race exactly (the basis solves are
#: cheap there relative to the game).
_GUIDE_DOUBLES = 600_000

#: In the guide, values this close (relatively) count as exactly equal (ties are then
#: broken by the lexicographic rule), values at least `_GUIDE_MARGIN` apart as different;
#: anything in between is too close to call in floating point, and the exact race decides.
_GUIDE_EQUAL = 1e-12
_GUIDE_MARGIN = 1e-9


class _FloatGroup:
    """The paths of consecutive labels ``lo..hi-1`` in floating point, all in the same
    polytope at every pivot (they pivot in lockstep), as full tableaux with one column per
    label: ``P`` is ``[B'^T | I | 1]`` (labels ``0..m-1`` are ``x``, ``m..`` the slacks)
    and ``Q`` is ``[I | A' | 1]`` (labels ``0..m-1`` the slacks, ``m..`` are ``y``)."""

    def __init__(self, P, Q, lo: int, hi: int, m: int):
        K = hi - lo
        self.T = [np.repeat(P[None], K, axis=0), np.repeat(Q[None], K, axis=0)]
        L = P.shape[1] - 1
        self.basis = [np.tile(np.arange(m, L), (K, 1)), np.tile(np.arange(m), (K, 1))]
        self.labels = np.arange(lo, hi)
        self.enter = self.labels.copy()
        self.side = 0 if lo < m else 1      # where the dropped label is non-basic
        self.kk = np.arange(K)
        self.slack = [np.arange(m, L), np.arange(m)]      # in slack order, per polytope
        self.pivots = 0
        # a tableau not pivoted yet holds the exact integers: its ties are exact; after a
        # pivot, rounding can split exact ties or merge distinct values, and a tie sends the
        # race to the exact race (degenerate games misled the guide otherwise)
        self.exact = [True, True]

    def step(self):
        """One pivot of every path: the mask of those that ended, or None when a ratio test
        is too close to call."""
        s, kk = self.side, self.kk
        T = self.T[s]
        col = T[kk, :, self.enter]
        rhs = T[:, :, -1]
        big = np.abs(col).max(axis=1, keepdims=True)
        pos = col > _GUIDE_MARGIN * big
        if ((col > _GUIDE_EQUAL * big) & ~pos).any():
            return None                 # a tiny entry: zero or positive?
        ratio = np.full(col.shape, np.inf)
        np.divide(rhs, col, out=ratio, where=pos)
        r = ratio.argmin(axis=1)
        best = ratio[kk, r][:, None]
        if not np.isfinite(best).all():
            return None                 # an unbounded direction: the guide has lost its way
        gap = ratio - best
        tied = gap <= _GUIDE_EQUAL * best
        if (~tied & (gap <= _GUIDE_MARGIN * best)).any():
            return None                 # a near-tie
        multi = np.nonzero(tied.sum(axis=1) > 1)[0]
        if multi.size and not self.exact[s]:
            return None
        for k in multi:
            pick = _lex_pick(T[k], np.nonzero(tied[k])[0], col[k], self.slack[s])
            if pick is None:
                return None
            r[k] = pick
        prow = T[kk, r] / col[kk, r][:, None]
        T -= col[:, :, None] * prow[:, None, :]
        T[kk, r] = prow
        B = self.basis[s]
        leaving = B[kk, r]
        B[kk, r] = self.enter
        self.enter = leaving
        self.exact[s] = False
        self.side = 1 - s
        self.pivots += 1
        return leaving == self.labels


class _FloatPath(_FloatGroup):
    """One path of `_FloatGroup` (label 0's, which takes extra pivots on its own), stepped
    on plain 2-D arrays: the same decisions with fewer numpy calls."""

    def __init__(self, P, Q, label: int, m: int):
        super().__init__(P, Q, label, label + 1, m)
        self.T = [self.T[0][0], self.T[1][0]]
        self.basis = [self.basis[0][0], self.basis[1][0]]
        self.enter = int(self.enter[0])
        self.label = label

    def step(self):
        s = self.side
        T = self.T[s]
        col = T[:, self.enter]
        big = np.abs(col).max()
        pos = col > _GUIDE_MARGIN * big
        if ((col > _GUIDE_EQUAL * big) & ~pos).any():
            return None
        ratio = np.full(col.shape, np.inf)
        np.divide(T[:, -1], col, out=ratio, where=pos)
        r = int(ratio.argmin())
        best = ratio[r]
        if not best < np.inf:
            return None
        gap = ratio - best
        tied = gap <= _GUIDE_EQUAL * best
        if (~tied & (gap <= _GUIDE_MARGIN * best)).any():
            return None
        if tied.sum() > 1:
            if not self.exact[s]:
                return None
            r = _lex_pick(T, np.nonzero(tied)[0], col, self.slack[s])
            if r is None:
                return None
        prow = T[r] / col[r]
        T -= np.outer(col, prow)
        T[r] = prow
        B = self.basis[s]
        leaving = int(B[r])
        B[r] = self.enter
        self.enter = leaving
        self.exact[s] = False
        self.side = 1 - s
        self.pivots += 1
        return np.array([leaving == self.label])


def _lex_pick(T, rows, col, slack):
    """The lexicographic ratio test among exactly tied ``rows`` in floating point, as in
    `_Dictionary._lex_less`: the rows' entries in the slack columns (``B^-1``), in slack
    order, over the entering entries, the smallest first; None when two values are too close
    to call equal or different."""
    vec = T[np.ix_(rows, slack)] / col[rows][:, None]
    cand = np.arange(len(rows))
    for c in range(vec.shape[1]):
        v = vec[cand, c]
        scale = np.abs(vec[:, c]).max()
        d = v - v.min()
        if ((d > _GUIDE_EQUAL * scale) & (d <= _GUIDE_MARGIN * scale)).any():
            return None
        cand = cand[d <= _GUIDE_EQUAL * scale]
        if cand.size == 1:
            return int(rows[cand[0]])
    return None


def race_guide(A, B, *, max_rounds: int = 64):
    """`lemke_howson_race` over every label in floating point, as a guide: ``(label,
    pivots)`` of the path that the exact race would return, or None when the guide cannot
    tell (a ratio test too close to call, more than ``max_rounds`` rounds, payoffs spread
    over ``2**24`` or more, or a game too large for the batched tableaux). The same schedule
    as the exact race; all paths of a group pivot at once with numpy. Values within
    ``1e-12`` (relatively) count as tied and go to the lexicographic rule; distinct exact
    values that close would mislead it (the caller follows the named path exactly and
    checks its length, not the other paths)."""
    m, n = len(A), len(A[0])
    L = m + n
    if L * 2 * max(m, n) * (L + 1) > _GUIDE_DOUBLES:
        return None
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    if not (np.ptp(A) < 2.0 ** 24 and np.ptp(B) < 2.0 ** 24):
        return None     # distinct first ratios 1/a, 1/b then differ by > 2**-24 relatively
    P = np.zeros((n, L + 1))
    P[:, :m] = (B - B.min() + 1.0).T
    P[:, m:L] = np.eye(n)
    P[:, L] = 1.0
    Q = np.zeros((m, L + 1))
    Q[:, :m] = np.eye(m)
    Q[:, m:L] = A - A.min() + 1.0
    Q[:, L] = 1.0
    lead = _FloatPath(P, Q, 0, m)
    groups = [g for g in (_FloatGroup(P, Q, 1, m, m) if m > 1 else None,
                          _FloatGroup(P, Q, m, L, m)) if g is not None]
    extra = 0
    for _ in range(max_rounds):
        ends = [lead.step()] + [g.step() for g in groups]
        if any(e is None for e in ends):
            return None
        if ends[0][0]:
            return 0, lead.pivots
        for g, e in zip(groups, ends[1:]):
            if e.any():
                return int(g.labels[e.argmax()]), g.pivots
        for _ in range(extra):
            e = lead.step()
            if e is None:
                return None
            if e[0]:
                return 0, lead.pivots
        extra = min(L - 1, 2 * extra + 1)
    return None


_U = 2.0 ** -53


class _Revised:
    """The same polytope ``{z >= 0 : M z <= 1}`` kept as its basis only: the basic
    structural variables ``S`` and the tight rows ``T`` (the non-basic slacks), ``|S| = |T|``.

    Each step solves the small system ``M[T, S] z_S = 1`` (and the entering direction)
    exactly with python-flint, screens the ratio test in floating point with a rigorous
    error bound, and decides every row that the bound cannot rule out in exact integers;
    ties are broken by the same lexicographic rule as `_Dictionary`, exactly. The path is
    therefore the dictionary's, at a cost that grows with the support size rather than with
    the size of the game.
    """

    def __init__(self, M: list[list[int]], Mf=None):
        self.M = M
        self.Mf = np.array(M, dtype=np.float64) if Mf is None else Mf
        self.k = len(M)
        self.d = len(M[0])
        # the float screen needs M exact in doubles; otherwise every row is decided exactly
        self.screen = bool(self.Mf.max() < 2.0 ** 50)   # entries are positive
        self.S: list[int] = []
        self.T: list[int] = []
        self.tight = set()

    def _solve(self, extra: list[list[int]]):
        """``(N, den)``: integer columns with ``M[T, S]^-1 [1 | extra] = N / den``."""
        s = len(self.S)
        if s == 0:
            return [[] for _ in range(1 + len(extra))], 1
        G = _fmpz_mat([[self.M[t][j] for j in self.S] for t in self.T])
        R = _fmpz_mat([[1] + [c[p] for c in extra] for p in range(s)])
        N, den = G.solve(R).numer_denom()
        cols = [[int(N[p, c]) for p in range(s)] for c in range(1 + len(extra))]
        return cols, int(den)

    def enter(self, var: int) -> int:
        M, S, T, d, k = self.M, self.S, self.T, self.d, self.k
        s = len(S)
        if var < d:          # a structural variable: direction -G^-1 M[T, var]
            col = [M[t][var] for t in T]
            (z, w), den = self._solve([col])
            dz = [-v for v in w]
            ent = var
        else:                # the slack of a tight row leaves it: direction -G^-1 e_p
            p0 = T.index(var - d)
            e = [0] * s
            e[p0] = 1
            (z, w), den = self._solve([e])
            dz = [-v for v in w]
            ent = None
        # exact: z_S = z / den, dz_S = dz / den; slack_i = (den - M[i,S] z)/den,
        # dslack_i = -(M[i,S] dz + den M[i,ent]) / den
        if s:
            zf = np.array([v / den for v in z])
            dzf = np.array([v / den for v in dz])
            MS = self.Mf[:, S]
            Mz = MS @ zf
            Mdz = MS @ dzf
            Mabs = MS @ np.abs(dzf)
        else:
            Mz = np.zeros(k)
            Mdz = np.zeros(k)
            Mabs = np.zeros(k)
        entf = self.Mf[:, ent] if ent is not None else np.zeros(k)
        val = 1.0 - Mz
        dval = -(Mdz + entf)
        g = 8.0 * (s + 4) * _U
        # absolute terms cover underflow of tiny z / den values
        err_v = g * (1.0 + Mz) + 1e-250
        err_d = g * (Mabs + entf) + 1e-250
        tight = np.zeros(k, dtype=bool)
        if T:
            tight[T] = True
        may = (dval - err_d < 0) & ~tight
        sure = (dval + err_d < 0) & ~tight
        # candidates: every row whose ratio might be at most the smallest certain bound
        bound = None
        if sure.any():
            hi = (val[sure] + err_v[sure]) / -(dval[sure] + err_d[sure])
            bound = float(hi.min())
        idx = np.nonzero(may)[0]
        if not self.screen:
            idx = np.nonzero(~tight)[0]
        elif bound is not None and idx.size:
            lo = np.maximum(val[idx] - err_v[idx], 0.0) / -(dval[idx] - err_d[idx])
            idx = idx[lo <= bound * (1 + 4 * _U) + 1e-300]
        # exact ratios (numerator, positive denominator) of the candidate rows and basics
        best = None   # (num, dnm, key) with key ('z', p) or ('s', i)
        ties = []
        Mrow = M
        for i in idx.tolist():
            row = Mrow[i]
            mz = 0
            mdz = 0
            for p, j in enumerate(S):
                a = row[j]
                mz += a * z[p]
                mdz += a * dz[p]
            vnum = den - mz
            dnum = -(mdz + (den * row[ent] if ent is not None else 0))
            if dnum >= 0:
                continue
            best, ties = _better(best, ties, vnum, -dnum, ("s", i))
        for p in range(s):
            if dz[p] < 0:
                best, ties = _better(best, ties, z[p], -dz[p], ("z", p))
        if best is None:
            raise AssertionError("unbounded best-response polytope")
        if ties:
            key = self._lex_choice([best] + ties, z, dz, den)
        else:
            key = best[2]
        # the exchange
        if key[0] == "z":
            leaving = S[key[1]]
            if ent is not None:
                S[key[1]] = ent
            else:
                del S[key[1]]
                p0 = T.index(var - d)
                del T[p0]
        else:
            i = key[1]
            leaving = d + i
            if ent is not None:
                S.append(ent)
                T.append(i)
            else:
                T[T.index(var - d)] = i
        return leaving

    def _lex_choice(self, tied, z, dz, den):
        """The lexicographically smallest ratio among exactly tied rows: rows of ``B^-1``
        (coefficients of ``eps^j`` for the slack of row ``j``, in order) over the entering
        direction."""
        S, T, M = self.S, self.T, self.M
        s = len(S)
        if s:
            G = _fmpz_mat([[M[t][j] for j in S] for t in T])
            inv_N, inv_den = G.inv().numer_denom()
            Ginv = [[int(inv_N[p, q]) for q in range(s)] for p in range(s)]
            inv_den = int(inv_den)
        else:
            Ginv, inv_den = [], 1
        pos = {t: q for q, t in enumerate(T)}

        def lex_row(key):
            """Integer coefficients of eps^0..eps^{k-1} of the basic variable (scaled by
            inv_den; all rows share the scale)."""
            out = []
            if key[0] == "z":
                p = key[1]
                for j in range(self.k):
                    q = pos.get(j)
                    out.append(Ginv[p][q] if q is not None else 0)
            else:
                i = key[1]
                row = M[i]
                for j in range(self.k):
                    q = pos.get(j)
                    if q is None:
                        out.append(inv_den if i == j else 0)
                    else:
                        out.append((inv_den if i == j else 0)
                                   - sum(row[S[p]] * Ginv[p][q] for p in range(s)))
            return out

        best_key = None
        best_vec = None
        best_dir = None
        for num, dnm, key in tied:
            vec = lex_row(key)
            if best_key is None:
                best_key, best_vec, best_dir = key, vec, dnm
                continue
            for a, b in zip(vec, best_vec):
                lhs = a * best_dir
                rhs = b * dnm
                if lhs != rhs:
                    if lhs < rhs:
                        best_key, best_vec, best_dir = key, vec, dnm
                    break
            else:
                raise AssertionError("lexicographic tie between rows of an invertible matrix")
        return best_key

    def values(self):
        (z,), den = self._solve([])
        return {j: v for j, v in zip(self.S, z) if v}, den


def _better(best, ties, num, dnm, key):
    """Keep the smallest ratio ``num / dnm`` and the exact ties with it."""
    if best is None:
        return (num, dnm, key), []
    t = num * best[1] - best[0] * dnm
    if t < 0:
        return (num, dnm, key), []
    if t == 0:
        ties.append((num, dnm, key))
    return best, ties
