"""Private: a Lemke–Howson path in floating point whose every pivot decision is certified.

The exact path (`symalign.engines.complementary_pivoting`) pivots integer dictionaries; in
Python that costs tens of microseconds a pivot on small games and more on larger ones. Here
the same path is followed in floating point, one numpy pivot of the two tableaux at a time,
with a rigorous bound on the error of every entry carried along (midpoint-radius
arithmetic, as in Rump's INTLAB): each entry ``t`` of the float tableau and its bound ``e``
enclose the exact entry in ``[t - e, t + e]``. A ratio test is *certified* when the row it
picks has a ratio interval entirely below the intervals of every other row that might have a
positive entry in the entering column; then the exact path picks the same row. Whenever a
decision is not certified (exact ties, which the exact path breaks lexicographically, near
ties, an entering entry whose sign the bound cannot tell, or error bounds grown too large),
the float path gives up and the caller follows the exact path instead.

At the end the basis of each polytope names the supports and the tight constraints; the
equilibrium is one exact solve of those square integer systems (python-flint). So the
result is the exact path's end, vertex for vertex, at the cost of a float path and one
small exact solve.

Bounds, per pivot at row ``r`` and column ``q`` (``p`` the pivot, ``u = 2**-53``):

* the pivot row ``R / p``: ``(E_r + |R / p| e_p) / (|p| - e_p) + u |R / p|``;
* every other row ``T_i - c_i (R / p)``: ``E_i + |c_i| e_R + e_c (|R / p| + e_R)
  + 2u (|T_i| + |c_i| |R / p|)``;

all multiplied by ``1 + 32u`` (the rounding of the bound's own evaluation) plus ``1e-300``
(underflow). The initial tableaux hold integers below ``2**50``, exact in doubles.
"""

from __future__ import annotations

try:  # python-flint: the exact solve at the end
    from flint import fmpz_mat as _fmpz_mat
except ImportError:  # pragma: no cover - then the caller follows the exact path
    _fmpz_mat = None

__all__ = ["certified_path"]

_U = 2.0 ** -53
_GROW = 1.0 + 32 * _U
_TINY = 1e-300

#: Set to False (tests only) to take the float argmin even when it is not certified: the
#: tests show that the fallback is then needed on degenerate games.
_CERTIFY = True


def _tableaux(np, Ap, BpT):
    """``P = [B'^T | I | 1]`` (labels ``0..m-1`` are ``x``, ``m..`` the column slacks) and
    ``Q = [I | A' | 1]`` (labels ``0..m-1`` the row slacks, ``m..`` are ``y``)."""
    m, n = len(Ap), len(BpT)
    L = m + n
    P = np.zeros((n, L + 1))
    P[:, :m] = BpT
    P[:, m:L] = np.eye(n)
    P[:, L] = 1.0
    Q = np.zeros((m, L + 1))
    Q[:, :m] = np.eye(m)
    Q[:, m:L] = Ap
    Q[:, L] = 1.0
    return P, Q


def _pivot(np, T, E, basis, q):
    """The certified ratio test and pivot of column ``q`` in the tableau ``T`` with error
    bounds ``E`` (both updated in place): the leaving label, or None if not certified."""
    col = T[:, q].copy()
    ecol = E[:, q].copy()
    rhs = T[:, -1]
    erhs = E[:, -1]
    low = col - ecol
    sure = low > 0
    if not sure.any():
        return None
    k = len(col)
    hi = np.full(k, np.inf)
    np.divide(rhs + erhs, low, out=hi, where=sure)
    if _CERTIFY:
        r = int(hi.argmin())
        up = col + ecol
        lo = np.full(k, np.inf)
        np.divide(rhs - erhs, up, out=lo, where=up > 0)
        lo[r] = np.inf
        if lo.min() <= hi[r] * (_GROW * _GROW):    # the GROW factors: rounding of hi, lo
            return None
    else:
        ratio = np.full(k, np.inf)
        np.divide(rhs, col, out=ratio, where=sure)
        r = int(ratio.argmin())
    p = col[r]
    ep = ecol[r]
    if _CERTIFY and not ep < abs(p):
        return None
    prow = T[r] / p
    aprow = np.abs(prow)
    eprow = ((E[r] + aprow * ep) / (abs(p) - ep) + _U * aprow) * _GROW + _TINY
    acol = np.abs(col)
    cp = np.multiply.outer(col, prow)
    T -= cp
    # E + |c| e_R + e_c (|R/p| + e_R) + 2u (|T_old| + |c R/p|), with |T_old| <= |T| + |cp|
    np.abs(cp, out=cp)
    E += np.multiply.outer(acol, eprow)
    E += np.multiply.outer(ecol, aprow + eprow)
    E += (2 * _U) * (np.abs(T) + 2 * cp)
    E *= _GROW
    E += _TINY
    T[r] = prow
    E[r] = eprow
    T[:, q] = 0.0          # the entering variable's column is exactly a unit vector
    T[r, q] = 1.0
    E[:, q] = 0.0
    leaving = int(basis[r])
    basis[r] = q
    return leaving


def _solve(M, rows, cols):
    """Integer weights ``w >= 0`` (one per index in ``cols``) proportional to the solution
    of ``sum_c M[r][c] w_c = 1`` for ``r`` in ``rows``; ``|rows| == |cols|``."""
    if not cols:
        return []
    G = _fmpz_mat([[int(M[r][c]) for c in cols] for r in rows])
    N, _ = G.solve(_fmpz_mat([[1]] * len(rows))).numer_denom()
    return [int(N[k, 0]) for k in range(len(cols))]


def _supports(basis, m, n):
    """``((Sx, Tx), (Sy, Ty))``: P's basis names the support ``Sx`` (the ``x_i``, labels
    ``i < m``) and the tight columns ``Tx`` (those whose slack, label ``m + j``, is not
    basic); Q's likewise (``y_j`` is label ``m + j``, the slack of row ``i`` label ``i``)."""
    bP = set(basis[0].tolist())
    bQ = set(basis[1].tolist())
    Sx = sorted(v for v in bP if v < m)
    Tx = [j for j in range(n) if m + j not in bP]
    Sy = sorted(v - m for v in bQ if v >= m)
    Ty = [i for i in range(m) if i not in bQ]
    return (Sx, Tx), (Sy, Ty)


def certified_path(Ap, BpT, label: int, *, deadline=None, max_pivots=None):
    """The Lemke–Howson path dropping ``label`` of the shifted game (``Ap`` the row
    player's positive integer payoffs, ``BpT`` the column player's, transposed; lists of
    lists or integer numpy arrays), followed in floating point with certified pivots.

    Returns ``(x, y, pivots)`` as
    `symalign.engines.complementary_pivoting.lemke_howson_path` returns them (the same
    end, up to a positive factor of each vector); None when an entry is too large for
    doubles; ``("long",)`` when the path is longer than ``max_pivots``; and, when a pivot is
    not certified, the state before it, ``("resume", P, Q, side, enter, pivots)``, for the
    exact path to go on from: ``P`` and ``Q`` are ``(support, tight)`` pairs (see
    `complementary_pivoting._Revised`), ``side`` 0 for ``P``, ``enter`` the entering label
    and ``pivots`` the certified pivots made so far."""
    if _fmpz_mat is None:
        return None
    import numpy as np  # the hot loop: no lazy-module lookups

    m, n = len(Ap), len(BpT)
    Af = np.array(Ap, dtype=np.float64)
    Bf = np.array(BpT, dtype=np.float64)
    if not (Af.max() < 2.0 ** 50 and Bf.max() < 2.0 ** 50):
        return None
    T = _tableaux(np, Af, Bf)
    E = [np.zeros_like(T[0]), np.zeros_like(T[1])]
    basis = [np.arange(m, m + n), np.arange(m)]
    side = 0 if label < m else 1           # the polytope where the dropped label enters
    enter = label
    pivots = 0
    while True:
        left = _pivot(np, T[side], E[side], basis[side], enter)
        if left is None:
            return ("resume", *_supports(basis, m, n), side, enter, pivots)
        pivots += 1
        if left == label:
            break
        if max_pivots is not None and pivots >= max_pivots:
            return ("long",)
        if deadline is not None:
            deadline.check()
        enter = left
        side = 1 - side
    (Sx, Tx), (Sy, Ty) = _supports(basis, m, n)
    xs = _solve(BpT, Tx, Sx)
    ys = _solve(Ap, Ty, Sy)
    x = [0] * m
    y = [0] * n
    for i, v in zip(Sx, xs, strict=True):
        x[i] = v
    for j, v in zip(Sy, ys, strict=True):
        y[j] = v
    return x, y, pivots
