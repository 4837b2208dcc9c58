"""Private: exact enumeration of all extreme Nash equilibria of a bimatrix game.

The method is the best-response-polytope method of Avis, Rosenberg, Savani and von Stengel
(2010), as in ``lrsnash``. With payoffs shifted to be positive, the polytopes

    P = {x in R^m : x >= 0, B^T x <= 1},     Q = {y in R^n : A y <= 1, y >= 0}

carry labels: ``x`` has label ``i`` (a row) when ``x_i = 0`` and label ``m + j`` (a column)
when ``(B^T x)_j = 1``; ``y`` has label ``i`` when ``(A y)_i = 1`` and label ``m + j`` when
``y_j = 0``. The extreme equilibria are exactly the normalised pairs ``(x, y) != (0, 0)`` of
vertices of ``P`` and ``Q`` whose labels together cover all ``m + n`` labels; this holds for
degenerate games too (Avis et al. 2010, §2-3), where a vertex may carry more labels than its
dimension.

Vertices are enumerated exactly: a depth-first search over the lexicographically feasible
bases of each polytope (lexicographic pivoting is the symbolic perturbation that makes the
polytope simple, so every vertex is reached and every basis has one neighbour per non-basic
variable). Tableaux hold Python integers, updated by fraction-free (Bareiss) pivots, so no
rounding can lose or invent a vertex. Every equilibrium found is then re-checked against the
defining inequalities in integer arithmetic.

References
==========

.. [1] D. Avis, G. D. Rosenberg, R. Savani, B. von Stengel, "Enumeration of Nash equilibria
   for two-player games", Economic Theory 42 (2010) 9-37.
"""

from __future__ import annotations

import math
from fractions import Fraction

__all__ = ["polytope_vertices", "extreme_equilibria", "check_equilibrium"]


def polytope_vertices(M: list[list[int]]) -> list[tuple[tuple[int, ...], int, int, int]]:
    """All vertices of ``{z >= 0 : M z <= 1}`` for a matrix ``M`` of positive integers.

    Returns a list of ``(nums, den, zero_mask, tight_mask)``: the vertex is ``nums / den``
    (``den > 0``, reduced), bit ``j`` of ``zero_mask`` is set when ``z_j = 0`` and bit ``i``
    of ``tight_mask`` when ``(M z)_i = 1``. Every vertex appears once; order is that of
    discovery (deterministic).
    """
    k = len(M)
    d = len(M[0])
    ncol = d + k + 1
    rhs = ncol - 1
    T0 = tuple(tuple(M[i]) + tuple(1 if j == i else 0 for j in range(k)) + (1,)
               for i in range(k))
    basis0 = list(range(d, d + k))
    mask0 = sum(1 << b for b in basis0)
    seen = {mask0}
    stack = [(T0, 1, basis0, mask0)]
    found: dict = {}
    out = []
    slack_cols = range(d, d + k)
    while stack:
        T, D, basis, bmask = stack.pop()
        # -- record the vertex of this basis
        vals = [0] * d
        slack_zero = 0
        for i, b in enumerate(basis):
            v = T[i][rhs]
            if b < d:
                vals[b] = v
            elif v == 0:
                slack_zero |= 1 << (b - d)
        tight = slack_zero
        for s in range(k):
            if not (bmask >> (d + s)) & 1:
                tight |= 1 << s
        g = D
        for v in vals:
            if v:
                g = math.gcd(g, v)
        key = tuple(v // g for v in vals)
        if key not in found:
            found[key] = True
            zero = 0
            for j, v in enumerate(vals):
                if v == 0:
                    zero |= 1 << j
            out.append((key, D // g, zero, tight))
        # -- neighbours: one per non-basic variable, lexicographic ratio test
        for c in range(ncol - 1):
            if (bmask >> c) & 1:
                continue
            best = -1
            bc = 0
            for i in range(k):
                a = T[i][c]
                if a > 0:
                    if best < 0:
                        best, bc = i, a
                        continue
                    Ti = T[i]
                    Tb = T[best]
                    lhs = Ti[rhs] * bc
                    rhs_ = Tb[rhs] * a
                    if lhs < rhs_:
                        best, bc = i, a
                    elif lhs == rhs_:
                        for s in slack_cols:
                            lhs = Ti[s] * bc
                            rhs_ = Tb[s] * a
                            if lhs != rhs_:
                                if lhs < rhs_:
                                    best, bc = i, a
                                break
            if best < 0:  # unbounded direction: impossible for positive M
                raise AssertionError("unbounded best-response polytope")
            nmask = bmask ^ (1 << basis[best]) ^ (1 << c)
            if nmask in seen:
                continue
            seen.add(nmask)
            Tr = T[best]
            p = bc
            newT = []
            for i, row in enumerate(T):
                if i == best:
                    newT.append(row)
                    continue
                f = row[c]
                if f == 0:
                    if p == D:
                        newT.append(row)
                    else:
                        newT.append(tuple(p * a // D for a in row))
                else:
                    newT.append(tuple((p * a - f * b) // D for a, b in zip(row, Tr)))
            nbasis = list(basis)
            nbasis[best] = c
            stack.append((tuple(newT), p, nbasis, nmask))
    return out


def _popcount(x: int) -> int:
    return x.bit_count()


def extreme_equilibria(A: list[list[int]], B: list[list[int]]):
    """All extreme equilibria of the bimatrix game ``(A, B)`` of integers (any sign).

    Returns a list of ``(x_nums, x_den, y_nums, y_den)`` with ``x = x_nums / x_den`` and
    ``y = y_nums / y_den`` probability vectors (``x_den = sum(x_nums)``).
    """
    m = len(A)
    n = len(A[0])
    amin = min(min(r) for r in A)
    bmin = min(min(r) for r in B)
    Ap = [[a - amin + 1 for a in r] for r in A]
    BpT = [[B[i][j] - bmin + 1 for i in range(m)] for j in range(n)]
    P = polytope_vertices(BpT)   # x in R^m, constraints indexed by columns
    Q = polytope_vertices(Ap)    # y in R^n, constraints indexed by rows
    full = (1 << (m + n)) - 1
    Pl = []
    for nums, den, zero, tight in P:
        if zero == (1 << m) - 1:
            continue  # the origin
        Pl.append((nums, zero | (tight << m)))
    Ql = []
    for nums, den, zero, tight in Q:
        if zero == (1 << n) - 1:
            continue
        Ql.append((nums, tight | (zero << m)))
    pairs = []
    by_label = {}
    Q_deg = []
    for idx, (nums, lab) in enumerate(Ql):
        if _popcount(lab) == n:
            by_label.setdefault(lab, []).append(idx)
        else:
            Q_deg.append(idx)
    P_deg = []
    for pi, (nums, lab) in enumerate(Pl):
        if _popcount(lab) == m:
            for qi in by_label.get(full ^ lab, ()):
                pairs.append((pi, qi))
        else:
            P_deg.append(pi)
    # pairs involving a degenerate vertex (more labels than the dimension)
    extra = set()
    for qi in Q_deg:
        lq = Ql[qi][1]
        for pi, (_, lp) in enumerate(Pl):
            if lp | lq == full:
                extra.add((pi, qi))
    for pi in P_deg:
        lp = Pl[pi][1]
        for qi, (_, lq) in enumerate(Ql):
            if lp | lq == full:
                extra.add((pi, qi))
    pairs = set(pairs) | extra
    out = []
    for pi, qi in pairs:
        x = Pl[pi][0]
        y = Ql[qi][0]
        out.append((x, sum(x), y, sum(y)))
    return out


def check_equilibrium(A, B, x, y) -> tuple[Fraction, Fraction]:
    """Verify exactly that ``(x, y)`` (integer weight vectors) is a Nash equilibrium of ``(A, B)``.

    Returns the payoffs as ``(num0 / den0, num1 / den1)`` in units of the integer matrices, or
    raises ``AssertionError`` if a defining inequality fails.
    """
    m = len(A)
    n = len(A[0])
    if any(v < 0 for v in x) or any(v < 0 for v in y) or not any(x) or not any(y):
        raise AssertionError("not a pair of distributions")
    Ay = [sum(a * b for a, b in zip(A[i], y)) for i in range(m)]
    xB = [sum(x[i] * B[i][j] for i in range(m)) for j in range(n)]
    best0 = max(Ay)
    best1 = max(xB)
    if any(x[i] and Ay[i] != best0 for i in range(m)):
        raise AssertionError("player 0 plays an action that is not a best response")
    if any(y[j] and xB[j] != best1 for j in range(n)):
        raise AssertionError("player 1 plays an action that is not a best response")
    return Fraction(best0, sum(y)), Fraction(best1, sum(x))
