"""Exact linear algebra modulo word-size primes: inverses, p-adic (Dixon) lifting, rational
reconstruction, and square solves with a Fraction fallback."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

from symalign.core.lazy import np
from symalign.engines.lp.problem import _INT64_BOUND, _PRIME, _PRIME_2, _ints, _obj

# ---------------------------------------------------------------------------------------------
# Exact linear algebra: p-adic lifting (Dixon) with int64 numpy, Fraction fallback
# ---------------------------------------------------------------------------------------------

def _inv_mod_gauss(M: np.ndarray, p: int) -> np.ndarray | None:
    """Inverse of a square int64 matrix modulo the prime ``p`` (Gauss-Jordan), or None.

    One numpy outer-product update per column: the reference routine, used for small
    matrices and as the fallback of `_inv_mod`.
    """
    k = M.shape[0]
    A = np.empty((k, 2 * k), dtype=np.int64)
    A[:, :k] = M % p
    A[:, k:] = np.eye(k, dtype=np.int64)
    for col in range(k):
        nz = np.flatnonzero(A[col:, col])
        if nz.size == 0:
            return None
        piv = col + int(nz[0])
        if piv != col:
            A[[col, piv]] = A[[piv, col]]
        inv = pow(int(A[col, col]), -1, p)
        row = (A[col, col:] * inv) % p
        A[col, col:] = row
        f = A[:, col].copy()
        f[col] = 0
        sub = A[:, col:]
        sub -= (f[:, None] * row[None, :]) % p
        sub %= p
    return A[:, k:]


def _inv_mod(M: np.ndarray, p: int, threshold: int | None = None,
             panel: int | None = None) -> np.ndarray | None:
    """Inverse of a square int64 matrix modulo the prime ``p``, or None when it is singular.

    Small matrices (``k < threshold``) use the Gauss-Jordan elimination `_inv_mod_gauss`;
    larger ones the blocked Gauss-Jordan `_inv_mod_blocked`, whose delayed updates are exact
    float64 BLAS products (`_matmul_mod`). Its answer is checked exactly, an inverse by
    ``M @ inv == I mod p``, singularity by a kernel vector ``x != 0`` with ``M x == 0 mod p``;
    the plain elimination is the fallback should a check ever fail.
    """
    k = M.shape[0]
    if threshold is None:
        threshold = _INV_BLOCKED_MIN
    if k < threshold or not 2 < p < 2**26:
        return _inv_mod_gauss(M, p)
    Mp = M % p
    inv, ker = _inv_mod_blocked(Mp, p, panel or _INV_PANEL)
    if inv is not None:
        if np.array_equal(_matmul_mod(Mp, inv, p), np.eye(k, dtype=np.int64)):
            return inv
    elif ker is not None and ker.any() and not _matmul_mod(Mp, ker[:, None], p).any():
        return None
    return _inv_mod_gauss(M, p)  # pragma: no cover - the blocked answers never fail the checks


#: `_inv_mod` switches from the plain elimination to the blocked one at this size.
_INV_BLOCKED_MIN = 256
#: Panel width of the blocked Gauss-Jordan elimination.
_INV_PANEL = 128
_LIMB = 13                       # residues < 2**26 are split into two 13-bit limbs
_LIMB_MASK = (1 << _LIMB) - 1


def _matmul_mod(A: np.ndarray, B: np.ndarray, p: int, acc: np.ndarray | None = None
                ) -> np.ndarray:
    """``(acc + A @ B) mod p`` exactly, for int64 residues ``0 <= A, B < p < 2**26``.

    ``B = B1 * 2**13 + B0`` with ``0 <= B0, B1 < 2**13``; ``A @ [B1 | B0]`` is one float64
    BLAS product whose every partial sum is an integer below ``n * 2**26 * 2**13``, exact
    while that is below ``2**53`` (inner dimension ``n`` up to 2**14; longer products are cut
    into chunks). The two halves are recombined in int64 (``C1 * 2**13 + C0 + acc`` stays
    below ``2**63`` for ``n <= 2**11``, otherwise ``C1`` is reduced first).
    """
    m, n = A.shape
    q = B.shape[1]
    out = np.zeros((m, q), dtype=np.int64) if acc is None else acc
    if n == 0:
        return out % p
    step = max(1, (2**53 - 1) // ((p - 1) * _LIMB_MASK + 1))   # exact float sums
    for s in range(0, n, step):
        Af = A[:, s:s + step].astype(np.float64)
        Bs = B[s:s + step]
        Bl = np.empty((Bs.shape[0], 2 * q), dtype=np.float64)
        np.right_shift(Bs, _LIMB, out=Bl[:, :q], casting="unsafe")
        np.bitwise_and(Bs, _LIMB_MASK, out=Bl[:, q:], casting="unsafe")
        C = (Af @ Bl).astype(np.int64)
        C1, C0 = C[:, :q], C[:, q:]
        w = Bs.shape[0]
        if w * (p - 1) * _LIMB_MASK * 2**_LIMB + w * (p - 1) * _LIMB_MASK + p < 2**63:
            C1 <<= _LIMB
        else:
            C1 %= p
            C1 <<= _LIMB
        C1 += C0
        C1 += out
        out = C1 % p
    return out


def _inv_mod_blocked(Mp: np.ndarray, p: int, b: int
                     ) -> tuple[np.ndarray | None, np.ndarray | None]:
    """Blocked Gauss-Jordan inverse of ``Mp`` (entries in ``[0, p)``) modulo ``p``.

    Returns ``(inverse, None)``, or ``(None, x)`` with a kernel vector ``x`` (``x != 0``,
    ``Mp x == 0 mod p``) when ``Mp`` is singular; `_inv_mod` checks either answer.

    The columns are taken in panels of ``b``. For a panel, the plain greedy elimination
    `_select_columns` on its rows not yet used as pivots picks ``b`` pivot rows ``P`` (row
    pivoting, so singular leading blocks are no problem; fewer than ``b`` means the remaining
    Schur complement, hence ``Mp``, is singular). The panel's row operations form
    ``T = I + Y E_P^T`` with ``Y[P] = Pinv - I``, ``Y[not P] = -panel[not P] @ Pinv`` and
    ``Pinv = panel[P]^-1``; they are applied to every other column at once by one exact
    product ``W += Y @ W[P]`` (`_matmul_mod`). In place: the panel's slots then hold the
    columns ``T[:, P]`` of the accumulated transformation. At the end ``T M`` is the
    permutation taking column ``j`` to ``e_piv[j]``, so ``M^-1 = T[piv]``.

    Singular: the first panel column ``j`` the greedy skips is, on the rows not yet pivots,
    ``y``-combination of the panel columns chosen before it; the left half of the augmented
    matrix ``T M`` has the unit columns ``e_piv[l]`` in the slots already done, so the
    remainder ``z`` of column ``j`` (supported on pivot rows) is cancelled by them, and
    ``x = e_j - sum y_i e_(c_i) - sum_l z[piv[l]] e_l`` has ``T M x = 0``, hence ``M x = 0``.
    """
    k = Mp.shape[0]
    W = np.array(Mp, dtype=np.int64, copy=True)
    used = np.zeros(k, dtype=bool)
    piv = np.empty(k, dtype=np.int64)
    for s in range(0, k, b):
        e = min(k, s + b)
        w = e - s
        avail = np.flatnonzero(~used)
        pan = W[:, s:e]
        chosen, rows = _select_columns(pan[avail], p, max(8, b // 4))
        if len(chosen) < w:
            return None, _kernel_vector(pan, avail, chosen, rows, piv[:s], s, p)
        P = avail[np.array(rows, dtype=np.int64)]
        Pinv = _inv_mod_blocked(pan[P], p, b // 4)[0] if w >= 64 else \
            _inv_mod_gauss(pan[P], p)
        if Pinv is None:  # pragma: no cover - _select_columns guarantees a nonsingular block
            return None, None
        TP = _matmul_mod((p - pan) % p, Pinv, p)     # T[:, P]: -panel @ Pinv off P,
        TP[P] = Pinv                                  # Pinv on P
        Y = TP.copy()
        Y[P, np.arange(w)] -= 1
        Y[P] %= p
        # every other slot: W += Y @ W[P] (the panel's own slots are overwritten next)
        if s:
            W[:, :s] = _matmul_mod(Y, W[P, :s], p, acc=W[:, :s])
        if e < k:
            W[:, e:] = _matmul_mod(Y, W[P, e:], p, acc=W[:, e:])
        W[:, s:e] = TP
        used[P] = True
        piv[s:e] = P
    out = np.empty_like(W)
    out[:, piv] = W
    return out[piv], None


def _kernel_vector(pan, avail, chosen, rows, done_piv, s, p) -> np.ndarray | None:
    """The kernel vector of `_inv_mod_blocked` when panel column ``j`` (first not chosen)
    depends on the chosen ones before it; ``pan`` is the panel starting at column ``s``."""
    k = pan.shape[0]
    j = next(c for c in itertools.count() if c >= len(chosen) or chosen[c] != c)
    x = np.zeros(k, dtype=np.int64)
    x[s + j] = 1
    z = pan[:, j].copy()
    if j:
        C = np.arange(j)
        R = avail[np.array(rows[:j], dtype=np.int64)]
        Binv = _inv_mod_gauss(pan[np.ix_(R, C)], p)
        if Binv is None:  # pragma: no cover - the greedy pivots form a nonsingular block
            return None
        y = _matmul_mod(Binv, pan[R, j][:, None], p)
        x[s + C] = (p - y[:, 0]) % p
        z = (z + _matmul_mod(pan[:, C], x[s + C][:, None], p)[:, 0]) % p
    x[:s] = (p - z[done_piv]) % p
    return x


def _ratrecon(u: int, N: int, bound: int) -> tuple[int, int] | None:
    """``a/b`` with ``a = b*u mod N``, ``|a| <= bound``, ``0 < b <= bound`` (Wang), or None."""
    r0, r1 = N, u % N
    t0, t1 = 0, 1
    while r1 > bound:
        q = r0 // r1
        r0, r1 = r1, r0 - q * r1
        t0, t1 = t1, t0 - q * t1
    if t1 == 0 or abs(t1) > bound:
        return None
    if t1 < 0:
        r1, t1 = -r1, -t1
    return r1, t1


def _log2_norms(M: np.ndarray) -> np.ndarray:
    """Upper bounds on ``log2`` of the Euclidean norms of the columns of ``M`` (at least 0)."""
    if M.dtype != object:
        f = M.astype(float)
        return 0.5 * np.log2(np.maximum((f * f).sum(axis=0), 1.0)) + 1e-9
    out = []
    for j in range(M.shape[1]):
        s = sum(int(v) * int(v) for v in M[:, j])
        out.append(0.5 * max(s, 1).bit_length())
    return np.array(out, dtype=float)


def _dixon(M: np.ndarray, Minv: np.ndarray, rhs: list[int], p: int) -> tuple[list, int] | None:
    """Solve ``M x = rhs`` exactly given ``Minv = M^-1 mod p``; ``x = nums / den``.

    Dixon's p-adic lifting: ``x_s = Minv (r_s mod p) mod p``, ``r_{s+1} = (r_s - M x_s) / p``
    (exact), then rational reconstruction of ``sum x_s p^s`` with a Hadamard bound on the
    numerators and the denominator. int64 arithmetic throughout when the entries allow,
    Python integers (numpy object arrays) otherwise.
    """
    k = M.shape[0]
    if k * p * p >= 2**63:
        return None
    big = M.dtype == object
    m_max = max((abs(int(v)) for v in M.reshape(-1)), default=0) if big else \
        (int(np.abs(M).max()) if k else 0)
    rhs_max = max((abs(v) for v in rhs), default=0)
    fast = (not big) and k * m_max * p < _INT64_BOUND and rhs_max < _INT64_BOUND
    lognorm = _log2_norms(M)
    logD = float(lognorm.sum())
    logb = 0.5 * math.log2(max(sum(v * v for v in rhs), 1))
    logNum = logD - float(lognorm.min()) + logb if k else 0.0
    need = 2.0 * max(logD, logNum) + 4.0   # p^K > 2 max(|num|, den)^2: unique recovery
    K = max(1, int(math.ceil(need / math.log2(p))) + 1)
    if fast:
        r = np.array(rhs, dtype=np.int64)
        Mw = M
    else:
        r = _obj(rhs)
        Mw = M if big else M.astype(object)
    digits = []
    checkpoint = min(K, 8)
    while True:
        while len(digits) < checkpoint:
            rm = r % p
            if not fast:
                rm = rm.astype(np.int64)
            xi = (Minv @ rm) % p
            digits.append(xi)
            r = (r - Mw @ (xi if fast else xi.astype(object))) // p
        out = _reconstruct(digits, p, k)
        # early termination: accept as soon as the candidate solves the system exactly; the
        # Hadamard bound K guarantees success at the latest when all K digits are in
        if out is not None and _check_solution(M, out[0], out[1], rhs):
            return out
        if checkpoint == K:
            return None
        checkpoint = min(K, 2 * checkpoint)


def _combine(digits: list, p: int, lo: int, hi: int):
    """``sum_{s=lo}^{hi-1} digits[s] p^(s-lo)`` as Python ints, by divide and conquer."""
    if hi - lo == 1:
        return digits[lo].tolist()
    mid = (lo + hi) // 2
    low = _combine(digits, p, lo, mid)
    high = _combine(digits, p, mid, hi)
    pw = p ** (mid - lo)
    return [a + pw * b for a, b in zip(low, high)]


def _reconstruct(digits: list, p: int, k: int) -> tuple[list, int] | None:
    """Rational reconstruction of the p-adic approximation ``sum digits[s] p^s`` (mod p^K)."""
    K = len(digits)
    X = _combine(digits, p, 0, K) if k else []
    N = p ** K
    bound = math.isqrt(N // 2)
    half = N // 2
    den = 1
    parts = []
    for u in X:
        t = (u * den) % N
        if t > half:
            t -= N
        if abs(t) <= bound:
            parts.append((t, den))
            continue
        rr = _ratrecon(t, N, bound)
        if rr is None:
            return None
        a, b = rr
        den *= b
        parts.append((a, den))
    nums = [a * (den // d) for a, d in parts]
    g = den
    for v in nums:
        g = math.gcd(g, v)
        if g == 1:
            break
    if g > 1:
        nums = [v // g for v in nums]
        den //= g
    return nums, den


def _solve_fraction(M, rhs: list[int]) -> tuple[list, int] | None:
    """Exact Gaussian elimination in `Fraction`s; None when singular."""
    k = len(rhs)
    x = _unique_solution([[Fraction(int(v)) for v in M[i]] for i in range(k)],
                         [Fraction(int(r)) for r in rhs], k)
    return None if x is None else _ints(x)


def _check_solution(M: np.ndarray, nums: list, den: int, rhs: list) -> bool:
    if not nums:
        return True
    Mo = M.astype(object) if M.dtype != object else M
    lhs = Mo.dot(np.array(nums, dtype=object))
    return all(int(a) == den * b for a, b in zip(lhs.tolist(), rhs))


class _Square:
    """A nonsingular square integer system with both ``M x = b`` and ``M^T y = c`` solvers."""

    def __init__(self, M: np.ndarray):
        self.M = M
        self.inv = None
        self.p = None
        k = M.shape[0]
        if k:
            primes = [q for q in (_PRIME, _PRIME_2) if k * q * q < 2**63]
            for p in primes:
                Mp = M % p
                if Mp.dtype == object:
                    Mp = Mp.astype(np.int64)
                inv = _inv_mod(Mp, p)
                if inv is not None:
                    self.inv, self.p = inv, p
                    break

    def solve(self, rhs: list, transpose: bool = False) -> tuple[list, int] | None:
        M = self.M.T if transpose else self.M
        if M.shape[0] == 0:
            return [], 1
        if self.inv is not None:
            Minv = self.inv.T if transpose else self.inv
            out = _dixon(np.ascontiguousarray(M), np.ascontiguousarray(Minv), rhs, self.p)
            if out is not None:   # _dixon returns only checked solutions
                return out
        out = _solve_fraction(M, rhs)
        if out is not None and _check_solution(M, out[0], out[1], rhs):
            return out
        return None


#: `_select_columns` works in panels of this many columns (delayed updates by `_matmul_mod`).
_SELECT_PANEL = 64


#: The plain greedy elimination may spend this many element updates per entry of the matrix
#: before `_select_columns` switches to the blocked elimination. Sparse basis-selection
#: matrices that stay sparse (most correlated-equilibrium LPs) finish well within it, and the
#: plain method is several times faster there; matrices that fill in switch early.
_SELECT_BUDGET = 2


def _select_columns(M: np.ndarray, p: int, panel: int | None = None,
                    budget: int | None = None) -> tuple[list, list]:
    """Greedy column basis of ``M`` (columns in priority order) modulo ``p``.

    Returns ``(chosen columns, their pivot rows)``; rows not returned are dependent.
    Column ``j`` is chosen when it is independent of the columns before it, and its pivot row
    is the first row not yet a pivot on which the reduced column is nonzero -- the reduced
    columns (the Schur complement on the rows not yet pivots) do not depend on how the
    elimination is organised, so every route returns exactly what the plain
    `_select_columns_gauss` returns. The plain elimination runs first, within a work budget of
    ``budget`` element updates (default `_SELECT_BUDGET` per matrix entry); if fill-in
    exhausts it, the rest is blocked: the plain greedy elimination runs on a panel of
    ``panel`` columns restricted to the rows not yet pivots, and the rest of the matrix then
    gets the panel's pivots eliminated at once by one exact product (`_matmul_mod`).
    """
    r, q = M.shape
    b = panel or _SELECT_PANEL
    if q <= b or r <= 8 or not 2 < p < 2**26:
        return _select_columns_gauss(M, p)
    if budget is None:
        budget = _SELECT_BUDGET * r * q
    chosen, pivots, state = _greedy_columns(M, p, budget)
    if state is None:
        return chosen, pivots
    A, free_rows, start = state
    F = np.flatnonzero(free_rows)   # rows not yet pivots, increasing; A holds their reduced rows
    A = A[np.ix_(F, np.arange(start, q))]
    if A.dtype != np.int64:
        A = A.astype(np.int64)
    for s in range(start, q, b):
        if len(chosen) == r:
            break
        w = min(q, s + b) - s
        cols, rows = _select_columns_gauss(A[:, :w], p)
        if not cols:
            A = A[:, w:]
            continue
        chosen += [s + j for j in cols]
        pivots += F[rows].tolist()
        keep = np.ones(F.size, dtype=bool)
        keep[rows] = False
        rest = A[:, w:]
        if rest.shape[1] and keep.any():
            rows_a = np.array(rows, dtype=np.int64)
            cols_a = np.array(cols, dtype=np.int64)
            Binv = _inv_mod_gauss(A[np.ix_(rows_a, cols_a)], p)
            if Binv is None:  # pragma: no cover - the greedy pivots form a nonsingular block
                return _select_columns_gauss(M, p)
            X = _matmul_mod(A[np.ix_(keep, cols_a)], Binv, p)
            A = _matmul_mod((p - X) % p, rest[rows_a], p, acc=rest[keep])
        else:
            A = rest[keep]
        F = F[keep]
    return chosen, pivots


def _select_columns_gauss(M: np.ndarray, p: int) -> tuple[list, list]:
    """`_select_columns` by plain greedy elimination, one numpy update per column."""
    chosen, pivots, _ = _greedy_columns(M, p, None)
    return chosen, pivots


def _greedy_columns(M: np.ndarray, p: int, budget: int | None):
    """The plain greedy elimination behind `_select_columns`: ``(chosen, pivots, state)``.

    With a ``budget`` of element updates it stops once that is spent, and ``state`` is
    ``(A, free_rows, next column)`` for the blocked elimination to continue from (the rows of
    ``A`` not yet pivots hold their reduced rows); otherwise ``state`` is None.
    """
    r, q = M.shape
    A = M % p
    free_rows = np.ones(r, dtype=bool)
    chosen, pivots = [], []
    work = 0
    for j in range(q):
        if len(chosen) == r:
            break
        cand = np.flatnonzero(free_rows & (A[:, j] != 0))
        if cand.size == 0:
            continue
        i = int(cand[0])
        chosen.append(j)
        pivots.append(i)
        free_rows[i] = False
        others = cand[1:]
        if others.size and j + 1 < q:
            inv = pow(int(A[i, j]), -1, p)
            f = (A[others, j] * inv) % p
            A[np.ix_(others, np.arange(j + 1, q))] = (
                A[others, j + 1:] - (f[:, None] * A[i, j + 1:][None, :]) % p) % p
            work += others.size * (q - j - 1)
            if budget is not None and work > budget and len(chosen) < r and j + 1 < q:
                return chosen, pivots, (A, free_rows, j + 1)
    return chosen, pivots, None


def _rank(M: list[list[Fraction]], ncols: int) -> tuple[int, list]:
    rows = [r[:] for r in M]
    rank = 0
    for col in range(ncols):
        piv = next((i for i in range(rank, len(rows)) if rows[i][col] != 0), None)
        if piv is None:
            continue
        rows[rank], rows[piv] = rows[piv], rows[rank]
        pr = rows[rank]
        for i in range(len(rows)):
            if i != rank and rows[i][col] != 0:
                f = rows[i][col] / pr[col]
                rows[i] = [a - f * b for a, b in zip(rows[i], pr)]
        rank += 1
    return rank, rows


def _unique_solution(M, b, ncols):
    """The unique solution of ``M x = b`` (Fractions), or None if none or not unique."""
    aug = [row[:] + [bv] for row, bv in zip(M, b)]
    rank, red = _rank(aug, ncols)
    if rank != ncols:
        return None
    # inconsistent: a zero row with non-zero rhs
    for row in red[rank:]:
        if row[-1] != 0:
            return None
    x = [Fraction(0)] * ncols
    for i in range(rank):
        row = red[i]
        col = next(j for j in range(ncols) if row[j] != 0)
        x[col] = row[-1] / row[col]
    return x
