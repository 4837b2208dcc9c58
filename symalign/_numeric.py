"""Private: the vectorised exact path for numeric games (integer numerators over a denominator)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from ._lazy import np
from sympy import Integer, Rational

from ._exact import ExactArray

__all__ = ["player_extreme", "weighted_sum", "as_rational"]

_SAFE = 2**62


def as_rational(p: int, q: int = 1) -> Rational:
    return Integer(p) if q == 1 else Rational(p, q)


def _lcm(values: Sequence[int]) -> int:
    out = 1
    for v in values:
        out = out * v // math.gcd(out, v)
    return out


def player_extreme(arr: ExactArray, which: str = "max") -> Rational:
    """Exact max or min of one player's payoffs."""
    v = arr.num.max() if which == "max" else arr.num.min()
    return as_rational(int(v), arr.den)


def weighted_sum(arrays: Sequence[ExactArray], weights: Sequence[Rational] | None = None
                 ) -> ExactArray:
    """``sum_i w_i * arrays[i]`` exactly, in int64 when the bound allows, else Python ints."""
    if weights is None:
        weights = [Integer(1)] * len(arrays)
    wp = [int(w.p) for w in weights]
    wq = [int(w.q) for w in weights]
    D = _lcm([q * a.den for q, a in zip(wq, arrays)])
    factors = [p * (D // (q * a.den)) for p, q, a in zip(wp, wq, arrays)]
    bound = sum(abs(f) * a.max_abs() for f, a in zip(factors, arrays))
    objecty = bound >= _SAFE or any(a.num.dtype == object for a in arrays)
    total = None
    for f, a in zip(factors, arrays):
        if f == 0:
            continue
        term = (a.num.astype(object) * f) if objecty else (a.num * np.int64(f) if f != 1
                                                          else a.num)
        total = term if total is None else total + term
    if total is None:
        total = np.zeros(arrays[0].num.shape, dtype=np.int64)
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
