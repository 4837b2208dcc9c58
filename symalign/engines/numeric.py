"""Private: the vectorised exact path for numeric games (integer numerators over a denominator)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

from symalign.core.lazy import np
from sympy import Integer, Rational

from symalign.core.exact import ExactArray

__all__ = ["player_extreme", "weighted_sum", "as_rational"]

_SAFE = 2**62


def as_rational(p: int, q: int = 1) -> Rational:
    return Integer(p) if q == 1 else Rational(p, q)


def player_extreme(arr: ExactArray, which: str = "max") -> Rational:
    """Exact max or min of one tensor (float-guided on elementwise fractions, confirmed exactly).

    Each guide value is within one rounding of its exact value, ``|f - p/q| <= eps |p/q|``,
    so an exact extreme lies within ``2 eps max|f|`` (plus rounding of the threshold) of the
    guide's extreme; every outcome within ``8 eps max|f|`` is a candidate, and the distinct
    candidate fractions are compared exactly.
    """
    if not arr.is_elementwise:
        lo, hi = arr.extremes()
        return as_rational(hi if which == "max" else lo, arr.den)
    p, q = arr.pq()
    flat_f = arr.floats().reshape(-1)
    lo, hi = arr.float_range()
    m = hi if which == "max" else lo
    tol = 8 * np.finfo(np.float64).eps * arr.float_scale()
    near = np.flatnonzero(flat_f >= m - tol) if which == "max" else \
        np.flatnonzero(flat_f <= m + tol)
    best = _best_fraction(zip(p.reshape(-1)[near].tolist(), q.reshape(-1)[near].tolist()),
                          which)
    return as_rational(best.numerator, best.denominator)


_CHUNK = 1 << 16


def _near_sum_extreme(terms, which: str, tol: float) -> np.ndarray:
    """Indices where ``sum_i w_i f_i`` is within ``tol`` of its max (or min), ascending.

    The float sum is formed in chunks of 65536 outcomes in one reused buffer, keeping each
    chunk's extreme; only the chunks whose extreme is within ``tol`` of the overall one are
    summed again and searched. No array of the size of the game is written.
    """
    big = which == "max"
    n = terms[0][0].size
    buf = np.empty(min(n, _CHUNK))
    tmp = np.empty_like(buf) if any(w != 1.0 for _, w in terms) else None

    def chunk(s: int, e: int) -> np.ndarray:
        b = buf[:e - s]
        for k, (f, w) in enumerate(terms):
            if k == 0:
                if w == 1.0:
                    np.copyto(b, f[s:e])
                else:
                    np.multiply(f[s:e], w, out=b)
            elif w == 1.0:
                np.add(b, f[s:e], out=b)
            else:
                t = tmp[:e - s]
                np.multiply(f[s:e], w, out=t)
                np.add(b, t, out=b)
        return b

    starts = range(0, n, _CHUNK)
    ext = []
    for s in starts:
        b = chunk(s, min(n, s + _CHUNK))
        ext.append(float(b.max() if big else b.min()))
    if not ext:
        return np.zeros(0, dtype=np.intp)
    m = max(ext) if big else min(ext)
    out = []
    for s, x in zip(starts, ext):
        if (x >= m - tol) if big else (x <= m + tol):
            b = chunk(s, min(n, s + _CHUNK))
            out.append(np.flatnonzero(b >= m - tol if big else b <= m + tol) + s)
    return np.concatenate(out)


def _best_fraction(pairs, which: str) -> Fraction:
    """The largest (or smallest) of the distinct ``p/q`` among integer pairs (``q > 0``)."""
    vals = [Fraction(a, b) for a, b in set(pairs)]
    return max(vals) if which == "max" else min(vals)


def _elementwise_sum(arrays, weights) -> ExactArray | None:
    """``sum_i w_i a_i`` on elementwise int64 fractions, or None when a bound could overflow."""
    pqs = [a.pq() for a in arrays]
    if any(x is None for x in pqs):
        return None
    terms = []
    for (p, q), w in zip(pqs, weights):
        if w == 0:
            continue
        qa = np.broadcast_to(np.asarray(q, dtype=np.int64), p.shape)
        terms.append((p * 1, qa, int(w.p), int(w.q)))
    if not terms:
        return None
    # bound check: |sum p_i w_i prod_{j != i} q_j| and prod q_j * prod w_q must stay below 2**62
    maxq = [int(t[1].max(initial=1)) * t[3] for t in terms]
    maxp = [int(np.abs(t[0]).max(initial=0)) * abs(t[2]) for t in terms]
    total_q = math.prod(maxq)
    if total_q >= _SAFE or sum(mp * total_q // mq for mp, mq in zip(maxp, maxq)) >= _SAFE:
        return None
    P = None
    Q = None
    for p, q, wp, wq in terms:
        qi = q * wq
        pi = p * wp
        if P is None:
            P, Q = pi, qi
        else:
            P = P * qi + pi * Q
            Q = Q * qi
    return ExactArray(None, p=P, q=Q)


def weighted_sum(arrays: Sequence[ExactArray], weights: Sequence[Rational] | None = None
                 ) -> ExactArray:
    """``sum_i w_i * arrays[i]`` exactly, in int64 when the bound allows, else Python ints."""
    if weights is None:
        weights = [Integer(1)] * len(arrays)
    if any(a.is_elementwise for a in arrays):
        fast = _elementwise_sum(arrays, weights)
        if fast is not None:
            return fast
    wp = [int(w.p) for w in weights]
    wq = [int(w.q) for w in weights]
    D = math.lcm(*(q * a.den for q, a in zip(wq, arrays)))
    factors = [p * (D // (q * a.den)) for p, q, a in zip(wp, wq, arrays)]
    bound = sum(abs(f) * a.max_abs() for f, a in zip(factors, arrays))
    objecty = bound >= _SAFE or any(a.num.dtype == object for a in arrays)
    total = None
    for f, a in zip(factors, arrays):
        if f == 0:
            continue
        if total is None:
            total = (a.num.astype(object) * f) if objecty else (a.num * np.int64(f) if f != 1
                                                                else a.num.copy())
        elif objecty:
            total = total + a.num.astype(object) * f
        elif f == 1:
            np.add(total, a.num, out=total)   # in place: no temporary per player
        else:
            total += a.num * np.int64(f)
    if total is None:
        total = np.zeros(arrays[0].shape, dtype=np.int64)
    if D == 1:
        return ExactArray(total, 1)
    g = D
    if total.dtype != object:
        if total.size:
            g = math.gcd(D, int(np.gcd.reduce(total.reshape(-1))))
    else:
        for x in total.reshape(-1):
            g = math.gcd(g, int(x))
            if g == 1:
                break
    if g > 1:
        total = total // g
        D //= g
    return ExactArray(total, D)


def sum_extreme(arrays: Sequence[ExactArray], weights: Sequence[Rational] | None = None,
                which: str = "max") -> Rational | None:
    """Exact ``max`` (or ``min``) over outcomes of ``sum_i w_i a_i`` for elementwise fractions.

    The float sum of the cached float values locates the candidates: each float value is
    within one rounding of its exact value, so the float sum is within
    ``(n + 2) eps sum_i |w_i| max|a_i|`` of the exact one, and only outcomes within twice
    that of the float extreme can be extreme. Those few are then summed exactly. Returns None
    when the arrays are not elementwise fractions (the integer path is faster there).
    """
    if not any(a.is_elementwise for a in arrays):
        return None
    if weights is None:
        weights = [Integer(1)] * len(arrays)
    terms = [(a, w) for a, w in zip(arrays, weights) if w != 0]
    if not terms:
        return Integer(0)
    bound = sum(abs(float(w)) * a.float_scale() for a, w in terms)
    tol = 2 * (len(arrays) + 2) * np.finfo(np.float64).eps * bound + 1e-300
    near = _near_sum_extreme([(a.floats().reshape(-1), 1.0 if w == 1 else float(w))
                              for a, w in terms], which, tol)
    # the candidates' exact sums, in Fractions over distinct numerator/denominator tuples
    cols = []
    for a, w in terms:
        if a.is_elementwise:
            p, q = a.pq()
            cols.append((p.reshape(-1)[near].tolist(), q.reshape(-1)[near].tolist()))
        else:
            num = a.num.reshape(-1)[near].tolist()
            cols.append((num, [a.den] * len(num)))
    ws = [Fraction(int(w.p), int(w.q)) for _, w in terms]
    rows = set(zip(*(x for col in cols for x in col)))
    sums = [sum((wi * Fraction(r[2 * i], r[2 * i + 1]) for i, wi in enumerate(ws)),
                Fraction(0)) for r in rows]
    best = max(sums) if which == "max" else min(sums)
    return as_rational(best.numerator, best.denominator)
