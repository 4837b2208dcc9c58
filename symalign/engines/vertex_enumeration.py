"""Private: exact enumeration of all extreme Nash equilibria of a bimatrix game.

The method is the best-response-polytope method of Avis, Rosenberg, Savani and von Stengel
(2010), as in ``lrsnash``. With payoffs shifted to be positive, the polytopes

    P = {x in R^m : x >= 0, B^T x <= 1},     Q = {y in R^n : A y <= 1, y >= 0}

carry labels: ``x`` has label ``i`` (a row) when ``x_i = 0`` and label ``m + j`` (a column)
when ``(B^T x)_j = 1``; ``y`` has label ``i`` when ``(A y)_i = 1`` and label ``m + j`` when
``y_j = 0``. The extreme equilibria are exactly the normalised pairs ``(x, y) != (0, 0)`` of
vertices of ``P`` and ``Q`` whose labels together cover all ``m + n`` labels; this holds for
degenerate games too (Avis et al. 2010), where a vertex may carry more labels than its
dimension and the equilibria form continua whose vertices these pairs are.

Vertices of ``P`` are enumerated exactly: a depth-first search over the lexicographically
feasible bases (lexicographic pivoting is the symbolic perturbation that makes the polytope
simple, so every vertex is reached). Tableaux hold Python integers updated by fraction-free
(Bareiss) pivots, so no rounding can lose or invent a vertex. A vertex is identified by its
label set (the tight constraints determine the point).

For a vertex ``x`` with exactly ``m`` labels, support ``S`` and tight columns ``T``, the
only candidate partner is the solution ``y`` of ``A[S, T] y_T = 1`` (``y = 0`` off ``T``).
Most candidates are infeasible by a wide margin; a batched floating-point solve with a
rigorous a-posteriori error bound (Rump/Krawczyk style, every rounding error bounded) proves
infeasibility for those, and every other candidate is solved and checked in exact integer
arithmetic. For a degenerate vertex of ``P`` (more than ``m`` labels) or a singular
``A[S, T]``, the partners are the vertices of the face ``{y in Q : y_j = 0 off T}`` whose
tight rows include ``S``, enumerated exactly (or, when there are many such faces, all of
``Q`` is enumerated once and paired by labels). The vertices of ``P`` are kept as label
sets only; the ``x`` of each equilibrium is recovered exactly from its labels. Every
equilibrium is finally re-checked against the defining inequalities in integers.

References
==========

.. [1] D. Avis, G. D. Rosenberg, R. Savani, B. von Stengel, "Enumeration of Nash equilibria
   for two-player games", Economic Theory 42 (2010) 9-37.
.. [2] S. M. Rump, "Verification methods: rigorous results using floating-point
   arithmetic", Acta Numerica 19 (2010) 287-449.
"""

from __future__ import annotations

import math
from fractions import Fraction

from symalign.core.lazy import np

__all__ = ["polytope_vertices", "extreme_equilibria", "check_equilibrium", "bareiss_solve"]

_U = 2.0 ** -53          # unit roundoff of IEEE double
_FLOAT_EXACT = 2 ** 50   # integers below this are exact in a double, with room to spare


def _slack_positions(nonbasic, basis, k: int, d: int) -> list[tuple[int, int]]:
    """For each slack variable in order: ``(column, -1)`` if non-basic, ``(-1, row)`` if basic."""
    col_of = {v: q for q, v in enumerate(nonbasic)}
    row_of = {v: r for r, v in enumerate(basis)}
    return [(col_of[s], -1) if s in col_of else (-1, row_of[s]) for s in range(d, d + k)]


def _lex_less(T, i, ai, j, aj, slack_pos, D) -> bool:
    """Whether row ``i`` (entering-column entry ``ai``) precedes row ``j`` in the
    lexicographic ratio test, comparing the rows of ``B^-1`` (the slack columns) divided by
    the entering-column entries."""
    Ti = T[i]
    Tj = T[j]
    for q, r in slack_pos:
        if q >= 0:
            vi = Ti[q]
            vj = Tj[q]
        else:
            vi = D if r == i else 0
            vj = D if r == j else 0
        lhs = vi * aj
        rhs = vj * ai
        if lhs != rhs:
            return lhs < rhs
    raise AssertionError("lexicographic tie between rows of an invertible matrix")


def _pivot(T, D, r, q, rows):
    """Fraction-free (Bareiss) pivot of the dictionary ``T`` (scaled by ``D``) at row ``r``,
    column ``q``; returns the new dictionary, scaled by the pivot ``T[r][q]``."""
    Tr = T[r]
    p = Tr[q]
    newT = []
    for i in rows:
        row = T[i]
        if i == r:
            nr = list(row)
            nr[q] = D
        else:
            f = row[q]
            if f == 0:
                if p == D:
                    newT.append(row)
                    continue
                nr = [p * a // D for a in row]
            else:
                nr = [(p * a - f * b) // D for a, b in zip(row, Tr)]
                nr[q] = -f
        newT.append(nr)
    return newT


#: Above this many distinct faces of Q to enumerate for degenerate vertices of P, enumerate
#: all of Q once instead.
_FACES_MAX = 4

#: How many dictionaries the depth-first search keeps (deeper-first); a frame whose
#: dictionary was dropped gets it back by pivoting back from its child. Bounds memory.
_KEEP = 2048


def polytope_vertices(M: list[list[int]], values: bool = True) -> list[tuple]:
    """All vertices of ``{z >= 0 : M z <= 1}`` for a ``k x d`` matrix ``M`` of positive integers.

    With ``values=False`` returns a list of ``(zero_mask, tight_mask)``, the label sets
    (which identify the vertices), using little memory. Otherwise a list of
    ``(values, den, zero_mask, tight_mask)``: the vertex has
    ``z_j = values[j] / den`` for ``j in values`` and ``z_j = 0`` otherwise (``den > 0``);
    bit ``j`` of ``zero_mask`` is set when ``z_j = 0`` and bit ``i`` of ``tight_mask`` when
    ``(M z)_i = 1``. Every vertex appears once, in a deterministic order.

    A depth-first search over lexicographically feasible bases. The dictionary of a basis
    (rows: basic variables; columns: the ``d`` non-basic variables and the right-hand side)
    holds integers, ``D`` times the true entries, ``D`` the basis determinant.
    """
    k = len(M)
    d = len(M[0])
    R = d  # index of the right-hand side in each dictionary row
    rows = range(k)
    cols = range(d)
    full_d = (1 << d) - 1
    found = set()
    out = []

    def visit(T, D, basis, nonbasic):
        """Record the vertex of a basis; return the lexicographic ratio-test rows."""
        zero = full_d
        tight = 0
        for i in rows:
            b = basis[i]
            if T[i][R]:
                if b < d:
                    zero ^= 1 << b
            elif b >= d:
                tight |= 1 << (b - d)
        for v in nonbasic:
            if v >= d:
                tight |= 1 << (v - d)
        key = (zero, tight)
        if key not in found:
            found.add(key)
            if not values:
                out.append(key)
                return _ratio_rows(T, D, basis, nonbasic)
            vals = {}
            g = D
            for i in rows:
                b = basis[i]
                v = T[i][R]
                if b < d and v:
                    vals[b] = v
                    g = math.gcd(g, v)
            out.append(({b: v // g for b, v in vals.items()}, D // g, zero, tight))
        return _ratio_rows(T, D, basis, nonbasic)

    def _ratio_rows(T, D, basis, nonbasic):
        best = [-1] * d
        ba = [0] * d
        br = [0] * d
        slack_pos = None
        for i in rows:
            row = T[i]
            rhs = row[R]
            for q in cols:
                a = row[q]
                if a > 0:
                    if best[q] < 0:
                        best[q] = i
                        ba[q] = a
                        br[q] = rhs
                    else:
                        t = rhs * ba[q] - br[q] * a
                        if t == 0 and slack_pos is None:
                            slack_pos = _slack_positions(nonbasic, basis, k, d)
                        if t < 0 or (t == 0 and _lex_less(T, i, a, best[q], ba[q], slack_pos,
                                                          D)):
                            best[q] = i
                            ba[q] = a
                            br[q] = rhs
        if min(best) < 0:
            raise AssertionError("unbounded best-response polytope")
        return best

    T0 = [list(M[i]) + [1] for i in range(k)]
    nonbasic0 = list(range(d))            # column q of the dictionary holds this variable
    basis0 = list(range(d, d + k))        # row i holds this basic variable
    mask0 = sum(1 << b for b in basis0)
    seen = {mask0}

    def children(basis, nonbasic, bmask, best):
        """Pivots (r, q) to the neighbours not seen yet; marks them seen."""
        out_ = []
        for q in cols:
            r = best[q]
            nmask = bmask ^ (1 << basis[r]) ^ (1 << nonbasic[q])
            if nmask not in seen:
                seen.add(nmask)
                out_.append((r, q))
        return out_

    # A frame: [T or None, D, basis, nonbasic, pending pivots, move (r, q) from the parent].
    # Only the _KEEP deepest frames keep their dictionary; when the search returns to a
    # frame without one, it is restored by pivoting back from the child's dictionary.
    best0 = visit(T0, 1, basis0, nonbasic0)
    frames = [[T0, 1, basis0, nonbasic0, children(basis0, nonbasic0, mask0, best0), None]]
    while frames:
        fr = frames[-1]
        pending = fr[4]
        if not pending:
            frames.pop()
            if frames and frames[-1][0] is None:
                r, q = fr[5]
                frames[-1][0] = _pivot(fr[0], fr[1], r, q, rows)
            continue
        r, q = pending.pop()
        T, D, basis, nonbasic = fr[0], fr[1], fr[2], fr[3]
        nT = _pivot(T, D, r, q, rows)
        nD = T[r][q]
        nb = list(nonbasic)
        nb[q] = basis[r]
        bs = list(basis)
        bs[r] = nonbasic[q]
        nmask = sum(1 << b for b in bs)
        kids = children(bs, nb, nmask, visit(nT, nD, bs, nb))
        if kids:
            frames.append([nT, nD, bs, nb, kids, (r, q)])
            if len(frames) > _KEEP:
                frames[-_KEEP - 1][0] = None
    return out


def bareiss_solve(rows: list[list[int]]) -> tuple[list[int], int] | None:
    """Solve the square integer system ``[M | b]`` exactly: ``(nums, det)`` with
    ``x = nums / det`` and ``det > 0``, or ``None`` when ``M`` is singular."""
    a = [list(r) for r in rows]
    n = len(a)
    prev = 1
    for k in range(n):
        piv = k
        while piv < n and a[piv][k] == 0:
            piv += 1
        if piv == n:
            return None
        if piv != k:
            a[k], a[piv] = a[piv], a[k]
        rk = a[k]
        akk = rk[k]
        for i in range(k + 1, n):
            ri = a[i]
            aik = ri[k]
            if aik == 0:
                if akk != prev:
                    for j in range(k + 1, n + 1):
                        ri[j] = ri[j] * akk // prev
            else:
                for j in range(k + 1, n + 1):
                    ri[j] = (ri[j] * akk - aik * rk[j]) // prev
            ri[k] = 0
        prev = akk
    det = a[n - 1][n - 1]
    X = [0] * n
    for i in range(n - 1, -1, -1):
        s = det * a[i][n]
        for j in range(i + 1, n):
            s -= a[i][j] * X[j]
        X[i] = s // a[i][i]
    if det < 0:
        det = -det
        X = [-v for v in X]
    return X, det


def _bits(mask: int, size: int) -> list[int]:
    return [i for i in range(size) if (mask >> i) & 1]


def _float_reject(Ap: list[list[int]], cands: list[tuple[list[int], list[int]]]) -> list[bool]:
    """For each ``(S, T)``, True when the solution of ``A[S, T] y = 1`` is *proved* infeasible
    (a negative component, or some row ``i`` outside ``S`` with ``A_i y > 1``).

    Floating point with rigorous bounds: for an approximate inverse ``R`` and approximate
    solution ``y~``, ``||y - y~||_inf <= ||R r||_inf / (1 - ||I - R M||_inf)`` with ``r`` the
    residual; every floating-point product and sum is bounded by ``gamma_n |.| |.|`` terms
    (Higham, Accuracy and Stability, Sec. 3.5), inflated by a safety factor. A False answer
    means only "not proved"; the caller then decides exactly.
    """
    out = [False] * len(cands)
    if not cands:
        return out
    Af = np.array(Ap, dtype=np.float64)
    m, n = Af.shape
    by_size: dict[int, list[int]] = {}
    for idx, (S, _) in enumerate(cands):
        by_size.setdefault(len(S), []).append(idx)
    for s, idxs in by_size.items():
        Sidx = np.array([cands[i][0] for i in idxs], dtype=np.intp)
        Tidx = np.array([cands[i][1] for i in idxs], dtype=np.intp)
        Mb = Af[Sidx[:, :, None], Tidx[:, None, :]]          # N x s x s, exact
        with np.errstate(all="ignore"):
            try:
                Rb = np.linalg.inv(Mb)
            except np.linalg.LinAlgError:
                Rb = np.empty_like(Mb)
                for b in range(Mb.shape[0]):
                    try:
                        Rb[b] = np.linalg.inv(Mb[b])
                    except np.linalg.LinAlgError:
                        Rb[b] = np.nan
            gamma = 4.0 * (s + 4) * _U                        # generous gamma_{s+2} bound
            absR = np.abs(Rb)
            absM = Mb                                       # entries are positive
            C = Rb @ Mb
            G = np.abs(np.eye(s) - C) + gamma * (absR @ absM)
            alpha = G.sum(axis=2).max(axis=1) * (1 + gamma) + gamma
            y = Rb.sum(axis=2)                              # R @ 1
            My = (Mb @ y[:, :, None])[:, :, 0]
            resid = np.abs(1.0 - My) + gamma * (1.0 + (absM @ np.abs(y)[:, :, None])[:, :, 0])
            err = (absR @ resid[:, :, None])[:, :, 0].max(axis=1) * (1 + gamma)
            err = 2.0 * err / (1.0 - alpha)                 # safety factor 2
            ok = np.isfinite(alpha) & (alpha < 0.5) & np.isfinite(err)
            negative = (y + err[:, None] < 0).any(axis=1)
            # rows: A_i y >= A_i y~ - e * sum_{j in T} A_ij, and fl(A_i y~) is within
            # gamma * A_i |y~| of A_i y~
            Y = np.zeros((len(idxs), n))
            np.put_along_axis(Y, Tidx, y, axis=1)
            Tmask = np.zeros((len(idxs), n))
            np.put_along_axis(Tmask, Tidx, 1.0, axis=1)
            AY = Y @ Af.T
            AabsY = np.abs(Y) @ Af.T
            rowT = Tmask @ Af.T
            gamma_n = 4.0 * (n + 4) * _U                      # sums over all n columns
            lower = AY - 2 * gamma_n * AabsY - err[:, None] * rowT * (1 + gamma_n)
            inS = np.zeros((len(idxs), m), dtype=bool)
            np.put_along_axis(inS, Sidx, True, axis=1)
            violated = ((lower > 1.0 + 4 * _U) & ~inS).any(axis=1)
        rejected = ok & (negative | violated)
        for b, i in enumerate(idxs):
            out[i] = bool(rejected[b])
    return out


def _pair_by_labels(A: list[list[int]], B: list[list[int]], P, Q, m: int, n: int):
    """All complementary pairs of non-zero vertices of ``P`` and ``Q`` (general case)."""
    full = (1 << (m + n)) - 1
    Pl = [(vals, den, zero | (tight << m)) for vals, den, zero, tight in P
          if zero != (1 << m) - 1]
    Ql = [(vals, den, tight | (zero << m)) for vals, den, zero, tight in Q
          if zero != (1 << n) - 1]
    by_label: dict[int, list[int]] = {}
    Q_deg = []
    for qi, (_, _, lab) in enumerate(Ql):
        if lab.bit_count() == n:
            by_label.setdefault(lab, []).append(qi)
        else:
            Q_deg.append(qi)
    pairs = set()
    for pi, (_, _, lp) in enumerate(Pl):
        if lp.bit_count() == m:
            for qi in by_label.get(full ^ lp, ()):
                pairs.add((pi, qi))
        else:
            for qi, (_, _, lq) in enumerate(Ql):
                if lp | lq == full:
                    pairs.add((pi, qi))
    for qi in Q_deg:
        lq = Ql[qi][2]
        for pi, (_, _, lp) in enumerate(Pl):
            if lp | lq == full:
                pairs.add((pi, qi))
    return [(Pl[pi][0], Ql[qi][0]) for pi, qi in pairs]


def _dense(vals: dict, size: int) -> list[int]:
    out = [0] * size
    for j, v in vals.items():
        out[j] = v
    return out


def extreme_equilibria(A: list[list[int]], B: list[list[int]], *, method: str = "auto"):
    """All extreme equilibria of the bimatrix game ``(A, B)`` of integers (any sign).

    Returns a list of ``(x_nums, x_den, y_nums, y_den)`` with ``x = x_nums / x_den`` and
    ``y = y_nums / y_den`` probability vectors (``x_den = sum(x_nums)``), each pair once.
    ``method="labels"`` forces the enumeration of both polytopes (used by the tests).
    """
    m = len(A)
    n = len(A[0])
    if method == "auto" and n < m:
        # enumerate the polytope of the player with fewer actions (lower dimension)
        At = [[B[i][j] for i in range(m)] for j in range(n)]
        Bt = [[A[i][j] for i in range(m)] for j in range(n)]
        return [(y, yd, x, xd) for x, xd, y, yd in extreme_equilibria(At, Bt, method=method)]
    amin = min(min(r) for r in A)
    bmin = min(min(r) for r in B)
    Ap = [[a - amin + 1 for a in r] for r in A]
    BpT = [[B[i][j] - bmin + 1 for i in range(m)] for j in range(n)]
    if method == "auto":
        P = polytope_vertices(BpT, values=False)   # x in R^m; constraints are the columns
        pairs = [(_vertex_from_labels(BpT, zero, tight, m), y)
                 for zero, tight, y in _pair_by_solving(Ap, P, m, n)]
    else:
        P = polytope_vertices(BpT)
        Q = polytope_vertices(Ap)
        pairs = [(_dense(xv, m), _dense(yv, n)) for xv, yv in _pair_by_labels(A, B, P, Q, m, n)]
    out = []
    seen = set()
    for x, y in pairs:
        gx = 0
        for v in x:
            gx = math.gcd(gx, v)
        gy = 0
        for v in y:
            gy = math.gcd(gy, v)
        x = tuple(v // gx for v in x)
        y = tuple(v // gy for v in y)
        if (x, y) in seen:
            continue
        seen.add((x, y))
        out.append((x, sum(x), y, sum(y)))
    return out


def _vertex_from_labels(M, zero: int, tight: int, m: int) -> list[int]:
    """Integer weights of the vertex ``x`` of ``{x >= 0 : M x <= 1}`` with these labels.

    ``x_i = 0`` off its support ``S`` and ``M[j] x = 1`` for the tight rows ``j``; the tight
    rows have rank ``|S|`` (the labels determine the vertex), so any ``|S|`` independent
    ones give the same solution, which is checked against all of them.
    """
    S = [i for i in range(m) if not (zero >> i) & 1]
    rows = [[M[j][i] for i in S] + [1] for j in _bits(tight, len(M))]
    if len(rows) == len(S):
        chosen = rows
    else:
        chosen = []
        echelon = []          # (pivot column, integer row) of the chosen equations
        for r in rows:
            v = r[:-1]
            for piv, e in echelon:
                if v[piv]:
                    f, g = e[piv], v[piv]
                    v = [a * f - g * b for a, b in zip(v, e)]
            nz = next((c for c, a in enumerate(v) if a), None)
            if nz is not None:
                echelon.append((nz, v))
                chosen.append(r)
                if len(chosen) == len(S):
                    break
    sol = bareiss_solve(chosen)
    if sol is None or len(chosen) != len(S):
        raise AssertionError("labels do not determine a vertex")
    nums, det = sol
    for r in rows:
        if sum(a * v for a, v in zip(r, nums)) != r[-1] * det:
            raise AssertionError("labels do not determine a vertex")
    x = [0] * m
    for i, v in zip(S, nums):
        x[i] = v
    return x


def _pair_by_solving(Ap, P, m: int, n: int):
    """The partners in ``Q`` of every non-zero vertex ``x`` of ``P`` (given by its labels).

    Returns ``(zero_mask, tight_mask, y)`` triples.

    With ``S`` the support of ``x`` and ``T`` its tight columns, the partners are the
    vertices ``y`` of ``Q`` with ``y_j = 0`` off ``T`` and ``A_i y = 1`` on ``S``: the
    vertices of the face ``Q_T = {y_T >= 0 : A[:, T] y_T <= 1}`` of ``Q`` whose tight rows
    include ``S``. When ``|S| = |T|`` and ``A[S, T]`` is invertible (always, in a
    non-degenerate game) that is the single solution of ``A[S, T] y_T = 1`` if it is
    feasible: the float filter disposes of provably infeasible ones and the rest are solved
    exactly. Otherwise the face is enumerated exactly (cached by ``T``).
    """
    full_m = (1 << m) - 1
    square = []
    general = []
    for zero, tight in P:
        if zero == full_m:
            continue          # the origin
        S = [i for i in range(m) if not (zero >> i) & 1]
        T = _bits(tight, n)
        (square if len(S) == len(T) else general).append((S, T, (zero, tight)))
    floats_ok = max(max(r) for r in Ap) < _FLOAT_EXACT
    rejected = (_float_reject(Ap, [(S, T) for S, T, _ in square]) if floats_ok
                else [False] * len(square))
    pairs = []
    for (S, T, x), rej in zip(square, rejected):
        if rej:
            continue
        sol = bareiss_solve([[Ap[i][j] for j in T] + [1] for i in S])
        if sol is None:
            general.append((S, T, x))
            continue
        nums, det = sol
        if any(v < 0 for v in nums):
            continue
        if any(sum(Ap[i][j] * v for j, v in zip(T, nums)) > det for i in range(m)):
            continue
        y = [0] * n
        for j, v in zip(T, nums):
            y[j] = v
        pairs.append((*x, y))
    if len({tuple(T) for _, T, _ in general}) > _FACES_MAX:
        # many degenerate vertices: enumerating all of Q once is cheaper than many faces
        full = (1 << (m + n)) - 1
        Ql = [(vals, tight | (zero << m)) for vals, _, zero, tight in polytope_vertices(Ap)
              if vals]
        for S, T, x in general:
            lx = x[0] | (x[1] << m)
            for vals, ly in Ql:
                if lx | ly == full:
                    pairs.append((*x, _dense(vals, n)))
        return pairs
    faces: dict = {}
    for S, T, x in general:
        key = tuple(T)
        if key not in faces:
            faces[key] = polytope_vertices([[Ap[i][j] for j in T] for i in range(m)])
        smask = sum(1 << i for i in S)
        for vals, _, _, tight in faces[key]:
            if vals and tight & smask == smask:
                y = [0] * n
                for local, v in vals.items():
                    y[T[local]] = v
                pairs.append((*x, y))
    return pairs


def check_equilibrium(A, B, x, y) -> tuple[Fraction, Fraction]:
    """Verify exactly that ``(x, y)`` (integer weight vectors) is a Nash equilibrium of ``(A, B)``.

    Returns the payoffs as Fractions in units of the integer matrices, or raises
    ``AssertionError`` if a defining inequality fails.
    """
    m = len(A)
    n = len(A[0])
    if any(v < 0 for v in x) or any(v < 0 for v in y) or not any(x) or not any(y):
        raise AssertionError("not a pair of distributions")
    Sx = [(i, v) for i, v in enumerate(x) if v]         # sums over the supports only
    Sy = [(j, v) for j, v in enumerate(y) if v]
    Ay = [sum(row[j] * v for j, v in Sy) for row in A]
    xB = [sum(B[i][j] * v for i, v in Sx) for j in range(n)]
    best0 = max(Ay)
    best1 = max(xB)
    if any(x[i] and Ay[i] != best0 for i in range(m)):
        raise AssertionError("player 0 plays an action that is not a best response")
    if any(y[j] and xB[j] != best1 for j in range(n)):
        raise AssertionError("player 1 plays an action that is not a best response")
    return Fraction(best0, sum(y)), Fraction(best1, sum(x))
