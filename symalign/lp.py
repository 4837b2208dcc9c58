"""Exact linear programming: the one LP interface of symalign (spec §8, §11, §15).

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

import functools
import itertools
import math
import numbers
from dataclasses import dataclass, field
from fractions import Fraction

import sympy
from sympy import Integer, Rational

from ._lazy import np
from .config import settings
from .errors import ResourceLimitError, SymalignError

__all__ = ["solve_lp", "LPResult", "optimal_face_vertices"]

SOURCE_LP = "normal_form_alignment.md §15 (verify every exact LP answer)"

METHOD_HIGHS = "highs+exact verification"
METHOD_SIMPLEX = "exact simplex"
METHOD_WARM = "exact simplex from the HiGHS basis"

# A prime below 2**26: products of two residues fit in 52 bits, so int64 arithmetic is exact.
_PRIME = 67108859
_PRIME_2 = 33554393
_INT64_BOUND = 2**62


# ---------------------------------------------------------------------------------------------
# Input parsing
# ---------------------------------------------------------------------------------------------

def _entry(v, name: str, where) -> tuple[int, int]:
    """One exact rational entry as ``(numerator, denominator)``; refuses floats and symbols."""
    t = type(v)
    if t is int:
        return v, 1
    if t is Fraction:
        return v.numerator, v.denominator
    if isinstance(v, (bool, np.bool_)):
        raise SymalignError(f"Argument '{name}'{where} is the bool {v!r}; pass a number.")
    if isinstance(v, np.integer):
        return int(v), 1
    if isinstance(v, sympy.Basic):
        if isinstance(v, sympy.Rational):
            return int(v.p), int(v.q)
        if isinstance(v, sympy.Float):
            from ._exact import to_exact
            to_exact(v, name=name, where=where)  # raises the library's float message
        syms = getattr(v, "free_symbols", set())
        if syms:
            raise SymalignError(
                f"Argument '{name}'{where} is {v}, which contains the symbol(s) "
                f"{sorted(map(str, syms))}: solve_lp needs rational numbers, so substitute values "
                "for the parameters first.")
        raise SymalignError(f"Argument '{name}'{where} is {v}, which is not a rational number; "
                            "solve_lp needs exact rationals.")
    if isinstance(v, (float, np.floating)):
        from ._exact import to_exact
        to_exact(v, name=name, where=where)  # raises ExactnessError with the usual advice
    if isinstance(v, str):
        from ._exact import to_exact
        e = to_exact(v, name=name, where=where)
        return _entry(e, name, where)
    if isinstance(v, numbers.Rational):
        return int(v.numerator), int(v.denominator)
    raise SymalignError(f"Argument '{name}'{where} is {v!r} of type {type(v).__name__}, which is "
                        "not an exact rational number.")


def _vector(v, name: str, length: int | None) -> list[tuple[int, int]]:
    if v is None:
        return []
    if isinstance(v, np.ndarray) and v.dtype.kind in "iu" and v.ndim == 1:
        out = [(int(x), 1) for x in v.tolist()]
    elif isinstance(v, sympy.MatrixBase):
        if min(v.shape) > 1:
            raise SymalignError(f"Argument '{name}' must be a vector, not a {v.shape} matrix.")
        out = [_entry(x, name, f" at index {k}") for k, x in enumerate(v)]
    else:
        if isinstance(v, (str, bytes)) or not hasattr(v, "__iter__"):
            raise SymalignError(f"Argument '{name}' must be a sequence of numbers, not {v!r}.")
        items = list(v.tolist() if isinstance(v, np.ndarray) else v)
        out = []
        for k, x in enumerate(items):
            if isinstance(x, (list, tuple, np.ndarray)):
                raise SymalignError(f"Argument '{name}' must be one-dimensional; entry {k} is "
                                    f"{x!r}.")
            out.append(_entry(x, name, f" at index {k}"))
    if length is not None and len(out) != length:
        raise SymalignError(f"Argument '{name}' has {len(out)} entries, but {length} are needed.")
    return out


def _matrix(A, name: str, n: int) -> list[list[tuple[int, int]]] | np.ndarray:
    """Rows of ``(num, den)`` pairs, or an int64 array for integer numpy input."""
    if A is None:
        return np.zeros((0, n), dtype=np.int64)
    if isinstance(A, np.ndarray) and A.dtype.kind in "iu":
        if A.ndim != 2 or A.shape[1] != n:
            raise SymalignError(f"Argument '{name}' has shape {A.shape}, but it needs {n} "
                                "columns (one per variable).")
        if A.size and (int(A.max()) >= 2**31 or int(A.min()) <= -2**31):
            return [[(int(x), 1) for x in row] for row in A.tolist()]
        return A.astype(np.int64)
    if isinstance(A, (str, bytes)) or not (hasattr(A, "__iter__")
                                           or isinstance(A, sympy.MatrixBase)):
        raise SymalignError(f"Argument '{name}' must be a matrix (a sequence of rows), not {A!r}.")
    rows = list(A.tolist() if isinstance(A, (np.ndarray, sympy.MatrixBase)) else A)
    out = []
    for i, row in enumerate(rows):
        if isinstance(row, (str, bytes)) or not hasattr(row, "__iter__"):
            raise SymalignError(f"Argument '{name}' row {i} is {row!r}, not a sequence of numbers.")
        row = list(row)
        if len(row) != n:
            raise SymalignError(f"Argument '{name}' row {i} has {len(row)} entries, but there are "
                                f"{n} variables (the length of 'c').")
        out.append([_entry(x, name, f" at index ({i}, {j})") for j, x in enumerate(row)])
    return out


def _int_rows(rows, rhs) -> tuple[list[list[int]] | np.ndarray, list[int], list[int]]:
    """Scale each row ``(a, b)`` to integers; return (int rows, int rhs, positive row scales)."""
    if isinstance(rows, np.ndarray):
        scales = [d for _, d in rhs] if rhs else []
        b = [num for num, _ in rhs]
        if any(s != 1 for s in scales):
            rows = rows.astype(object) * np.array(scales, dtype=object)[:, None]
        return rows, b, scales or [1] * rows.shape[0]
    out, b, scales = [], [], []
    for row, (bn, bd) in zip(rows, rhs):
        L = math.lcm(*[d for _, d in row], bd)
        out.append([num * (L // d) for num, d in row])
        b.append(bn * (L // bd))
        scales.append(L)
    return out, b, scales


def _as_int_array(rows, n) -> np.ndarray:
    if isinstance(rows, np.ndarray):
        if rows.dtype == object:
            big = max((abs(int(x)) for x in rows.reshape(-1)), default=0)
            return rows.astype(np.int64) if big < 2**31 else rows
        return rows
    if not rows:
        return np.zeros((0, n), dtype=np.int64)
    big = max((abs(x) for r in rows for x in r), default=0)
    if big < 2**31:
        return np.array(rows, dtype=np.int64).reshape(len(rows), n)
    arr = np.empty((len(rows), n), dtype=object)
    for i, r in enumerate(rows):
        arr[i, :] = r
    return arr


@dataclass
class _IntLP:
    """Private: an LP in integer form, minimisation, rows ``A[:m_ub] x <= b``, ``A[m_ub:] x == b``.

    ``c_int = sign * c_scale * c`` and row ``r`` is ``row_scale[r]`` times the given row.
    """

    c: list            # Python ints, length n
    A: np.ndarray      # (m, n) int64 or object
    b: list            # Python ints, length m
    m_ub: int
    free: np.ndarray   # bool (n,)
    sign: int = 1      # -1 when the user maximises
    c_scale: int = 1
    row_scale: list = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.c)

    @functools.cached_property
    def A_obj(self) -> np.ndarray:
        """``A`` as an object array of Python ints (exact products of any size), made once."""
        return self.A if self.A.dtype == object else self.A.astype(object)

    @functools.cached_property
    def float_problem(self):
        """`_float_problem`, computed once."""
        return _float_problem(self)

    @property
    def m(self) -> int:
        return len(self.b)


def _build(c, A_ub, b_ub, A_eq, b_eq, maximize, free) -> _IntLP:
    cv = _vector(c, "c", None)
    n = len(cv)
    if n == 0:
        raise SymalignError("Argument 'c' is empty: the LP needs at least one variable.")
    Aub = _matrix(A_ub, "A_ub", n)
    Aeq = _matrix(A_eq, "A_eq", n)
    m_ub = Aub.shape[0] if isinstance(Aub, np.ndarray) else len(Aub)
    m_eq = Aeq.shape[0] if isinstance(Aeq, np.ndarray) else len(Aeq)
    if (A_ub is None) != (b_ub is None) and not (A_ub is None and b_ub is not None
                                                 and len(list(b_ub)) == 0):
        raise SymalignError("Arguments 'A_ub' and 'b_ub' must be given together.")
    if (A_eq is None) != (b_eq is None) and not (A_eq is None and b_eq is not None
                                                 and len(list(b_eq)) == 0):
        raise SymalignError("Arguments 'A_eq' and 'b_eq' must be given together.")
    bub = _vector(b_ub, "b_ub", m_ub)
    beq = _vector(b_eq, "b_eq", m_eq)
    rub, bu, su = _int_rows(Aub, bub)
    req, be, se = _int_rows(Aeq, beq)
    Au = _as_int_array(rub, n)
    Ae = _as_int_array(req, n)
    if Au.dtype == object or Ae.dtype == object:
        A = np.vstack([Au.astype(object), Ae.astype(object)]) if (m_ub + m_eq) else \
            np.zeros((0, n), dtype=np.int64)
    else:
        A = np.vstack([Au, Ae])
    c_den = math.lcm(*[d for _, d in cv])
    sign = -1 if maximize else 1
    c_int = [sign * num * (c_den // d) for num, d in cv]
    fr = np.zeros(n, dtype=bool)
    if free is not None:
        if isinstance(free, (str, bytes)) or not hasattr(free, "__iter__"):
            raise SymalignError(f"Argument 'free' must be a collection of variable indices, not "
                                f"{free!r}.")
        for j in free:
            if not isinstance(j, (int, np.integer)) or isinstance(j, bool) or not 0 <= j < n:
                raise SymalignError(f"Argument 'free' holds {j!r}, which is not a variable index "
                                    f"in 0..{n - 1}.")
            fr[int(j)] = True
    return _IntLP(c_int, A, bu + be, m_ub, fr, sign, c_den, su + se)


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


# ---------------------------------------------------------------------------------------------
# Exact checks on the integer problem
# ---------------------------------------------------------------------------------------------

def _obj(v) -> np.ndarray:
    a = np.empty(len(v), dtype=object)
    a[:] = list(v)
    return a


def _Ax(P: _IntLP, X: list) -> list:
    """``A X`` exactly for an integer vector ``X`` (sparse in its support)."""
    supp = [j for j, v in enumerate(X) if v != 0]
    if not supp or P.m == 0:
        return [0] * P.m
    A = P.A_obj[:, supp]
    return [int(v) for v in A.dot(_obj([X[j] for j in supp])).tolist()]


def _ATy(P: _IntLP, Y: list) -> list:
    supp = [i for i, v in enumerate(Y) if v != 0]
    if not supp:
        return [0] * P.n
    A = P.A_obj[supp, :]
    return [int(v) for v in _obj([Y[i] for i in supp]).dot(A).tolist()]


def _primal_ok(P: _IntLP, X: list, d: int) -> bool:
    """``x = X/d`` (d > 0) satisfies every constraint."""
    if d <= 0:
        return False
    if any(X[j] < 0 for j in range(P.n) if not P.free[j]):
        return False
    ax = _Ax(P, X)
    for r in range(P.m):
        if r < P.m_ub:
            if ax[r] > d * P.b[r]:
                return False
        elif ax[r] != d * P.b[r]:
            return False
    return True


def _dual_ok(P: _IntLP, Y: list, d: int) -> bool:
    """``y = Y/d`` (d > 0) is dual feasible for the minimisation ``min c x``."""
    if d <= 0:
        return False
    if any(Y[r] > 0 for r in range(P.m_ub)):
        return False
    aty = _ATy(P, Y)
    for j in range(P.n):
        red = d * P.c[j] - aty[j]
        if P.free[j]:
            if red != 0:
                return False
        elif red < 0:
            return False
    return True


def _farkas_ok(P: _IntLP, Z: list) -> bool:
    """``z_ub >= 0``, ``A^T z >= 0`` (``== 0`` on free variables), ``b . z < 0``."""
    if any(Z[r] < 0 for r in range(P.m_ub)):
        return False
    atz = _ATy(P, Z)
    for j in range(P.n):
        if P.free[j]:
            if atz[j] != 0:
                return False
        elif atz[j] < 0:
            return False
    return sum(b * z for b, z in zip(P.b, Z)) < 0


def _ray_ok(P: _IntLP, R: list) -> bool:
    """``A_ub r <= 0``, ``A_eq r == 0``, ``r >= 0`` on non-free variables, ``c . r < 0``."""
    if any(R[j] < 0 for j in range(P.n) if not P.free[j]):
        return False
    ar = _Ax(P, R)
    for r in range(P.m):
        if (r < P.m_ub and ar[r] > 0) or (r >= P.m_ub and ar[r] != 0):
            return False
    return sum(c * v for c, v in zip(P.c, R)) < 0


# ---------------------------------------------------------------------------------------------
# Bases: exact solution of a basis, and recovery of a basis from a float solution
# ---------------------------------------------------------------------------------------------

@dataclass
class _Basis:
    S: list   # basic structural columns
    R: list   # rows of the square system (rows whose slack is non-basic and not redundant)


@dataclass
class _Exact:
    X: list
    dx: int
    Y: list
    dy: int
    basis: _Basis
    square: object = None


def _solve_basis(P: _IntLP, B: _Basis) -> _Exact | None:
    if len(B.S) != len(B.R):
        return None
    if B.S:
        M = P.A[np.ix_(B.R, B.S)]
        if M.dtype != object:
            M = np.ascontiguousarray(M)
    else:
        M = np.zeros((0, 0), dtype=np.int64)
    sq = _Square(M)
    xs = sq.solve([P.b[r] for r in B.R])
    if xs is None:
        return None
    ys = sq.solve([P.c[j] for j in B.S], transpose=True)
    if ys is None:
        return None
    X = [0] * P.n
    for j, v in zip(B.S, xs[0]):
        X[j] = v
    Y = [0] * P.m
    for r, v in zip(B.R, ys[0]):
        Y[r] = v
    return _Exact(X, xs[1], Y, ys[1], B, sq)


def _verify_optimal(P: _IntLP, E: _Exact) -> bool:
    if not _primal_ok(P, E.X, E.dx) or not _dual_ok(P, E.Y, E.dy):
        return False
    cx = sum(c * x for c, x in zip(P.c, E.X))
    by = sum(b * y for b, y in zip(P.b, E.Y))
    return cx * E.dy == by * E.dx


def _float_problem(P: _IntLP):
    """The problem in floats for HiGHS, each row (and the objective) divided by its largest
    entry so that huge exact integers become well-scaled floats. Only a guide (use the
    cached ``P.float_problem``)."""
    m, n = P.A.shape
    if P.A.dtype != object and max((abs(v) for v in P.b), default=0) < 2**53:
        A = P.A.astype(float)
        b = np.array([float(v) for v in P.b])
        scale = np.maximum(np.abs(A).max(axis=1, initial=0.0), np.abs(b))
        scale[scale == 0] = 1.0
        A /= scale[:, None]
        b /= scale
    else:
        A = np.empty((m, n))
        b = np.empty(m)
        for r in range(m):
            row = [int(v) for v in P.A[r]]
            sc = max(max((abs(v) for v in row), default=0), abs(P.b[r])) or 1
            A[r] = [v / sc for v in row]
            b[r] = P.b[r] / sc
    cs = max((abs(v) for v in P.c), default=0) or 1
    c = np.array([v / cs for v in P.c])
    # equilibrate the columns too (x = x_s / colmax), then the rows once more, so that no
    # entry falls below HiGHS's small-matrix-value threshold merely by scale; HiGHS's answer
    # is only read for its basis, which scaling does not change
    if m and n:
        col = np.abs(A).max(axis=0)
        col[col == 0] = 1.0
        A /= col[None, :]
        c /= col
        cm = np.abs(c).max(initial=0.0)
        if cm > 0:
            c /= cm
        row = np.maximum(np.abs(A).max(axis=1, initial=0.0), np.abs(b))
        row[row == 0] = 1.0
        A /= row[:, None]
        b /= row
    return c, A, b


def _highs(P: _IntLP, method: str = "highs"):
    from scipy.optimize import linprog
    c, A, b = P.float_problem
    bounds = [(None, None) if f else (0, None) for f in P.free.tolist()]
    kw = {}
    if P.m_ub:
        kw["A_ub"], kw["b_ub"] = A[:P.m_ub], b[:P.m_ub]
    if P.m > P.m_ub:
        kw["A_eq"], kw["b_eq"] = A[P.m_ub:], b[P.m_ub:]
    try:
        return linprog(c, bounds=bounds, method=method, **kw)
    except (ValueError, OverflowError):  # pragma: no cover - defensive
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


def _guess_basis(P: _IntLP, res):
    """Candidate optimal bases suggested by a HiGHS solution, most likely first."""
    x = np.asarray(res.x, dtype=float)
    xs = float(np.abs(x).max()) if x.size else 0.0
    tol_x = 1e-9 * max(1.0, xs)
    _, A, b = P.float_problem
    m_ub = P.m_ub
    slack = b[:m_ub] - A[:m_ub] @ x if m_ub else np.zeros(0)
    rown = np.abs(A).sum(axis=1) if P.m else np.zeros(0)
    tol_s = 1e-9 * (1.0 + np.abs(b[:m_ub]) + rown[:m_ub] * xs)
    y_ub = np.asarray(getattr(getattr(res, "ineqlin", None), "marginals", np.zeros(m_ub)),
                      dtype=float) if m_ub else np.zeros(0)
    red = np.asarray(getattr(getattr(res, "lower", None), "marginals", np.zeros(P.n)),
                     dtype=float)
    if red.shape != (P.n,):
        red = np.zeros(P.n)
    free = P.free
    basic_slack = [i for i in range(m_ub) if slack[i] > tol_s[i]]
    bs = set(basic_slack)
    R0 = [i for i in range(m_ub) if i not in bs] + list(range(m_ub, P.m))
    first = [j for j in range(P.n) if free[j]]
    first += sorted((j for j in range(P.n) if not free[j] and x[j] > tol_x), key=lambda j: -x[j])
    if len(first) == len(R0):
        yield _Basis(first, R0)
    # general selection: greedy column basis in order of "basicness"
    fs = set(first)
    pool = [(abs(float(red[j])), 0, j) for j in range(P.n) if j not in fs]
    pos = {r: k for k, r in enumerate(R0)}
    pool += [(abs(float(y_ub[i])), 1, i) for i in R0 if i < m_ub]
    pool.sort()
    cols = [(0, j) for j in first] + [(kind, idx) for _, kind, idx in pool]
    Msel = np.zeros((len(R0), len(cols)), dtype=np.int64)
    Rarr = np.array(R0, dtype=np.int64)
    Amod = P.A[Rarr] % _PRIME if R0 else np.zeros((0, P.n), dtype=np.int64)
    if Amod.dtype == object:
        Amod = Amod.astype(np.int64)
    for k, (kind, idx) in enumerate(cols):
        if kind == 0:
            if R0:
                Msel[:, k] = Amod[:, idx]
        else:
            Msel[pos[idx], k] = 1
    chosen, pivots = _select_columns(Msel, _PRIME)
    S = [cols[k][1] for k in chosen if cols[k][0] == 0]
    slack_rows = {cols[k][1] for k in chosen if cols[k][0] == 1}
    pivot_rows = {R0[i] for i in pivots}
    R = [r for r in R0 if r in pivot_rows and r not in slack_rows]
    if len(first) != len(R0) or sorted(first) != sorted(S) or R0 != R:
        yield _Basis(sorted(S), R)


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


# ---------------------------------------------------------------------------------------------
# Exact two-phase simplex (Bland's rule) — the fallback
# ---------------------------------------------------------------------------------------------

def _simplex(P: _IntLP):
    """Exact two-phase simplex with Bland's rule on `Fraction`s.

    Returns ``("optimal", basis)``, ``("infeasible", None)`` or
    ``("unbounded", (X0, R))`` with integer vectors ``X0 / d`` packed as ``(X0, d)``.
    """
    n, m, m_ub = P.n, P.m, P.m_ub
    # standard-form columns: structural (+), structural (-) for free vars, slacks
    col_struct = []   # (structural index, sign)
    for j in range(n):
        col_struct.append((j, 1))
    for j in range(n):
        if P.free[j]:
            col_struct.append((j, -1))
    n_s = len(col_struct)
    n_cols = n_s + m_ub
    rows = []
    basis = []
    art_rows = []
    for r in range(m):
        a = [Fraction(int(P.A[r, j]) * s) for j, s in col_struct] + [Fraction(0)] * m_ub
        rhs = Fraction(P.b[r])
        if r < m_ub:
            a[n_s + r] = Fraction(1)
        if rhs < 0:
            a = [-v for v in a]
            rhs = -rhs
        rows.append(a + [rhs])
        if r < m_ub and a[n_s + r] == 1:
            basis.append(n_s + r)
        else:
            basis.append(None)
            art_rows.append(r)
    # artificial columns
    n_art = len(art_rows)
    total = n_cols + n_art
    for r in range(m):
        rhs = rows[r].pop()
        rows[r].extend([Fraction(0)] * n_art)
        rows[r].append(rhs)
    for k, r in enumerate(art_rows):
        rows[r][n_cols + k] = Fraction(1)
        basis[r] = n_cols + k

    def pivot(pr, pc, z):
        row = rows[pr]
        inv = 1 / row[pc]
        row = [v * inv for v in row]
        rows[pr] = row
        for i in range(len(rows)):
            if i != pr:
                f = rows[i][pc]
                if f != 0:
                    rows[i] = [a - f * b for a, b in zip(rows[i], row)]
        f = z[pc]
        if f != 0:
            z[:] = [a - f * b for a, b in zip(z, row)]
        basis[pr] = pc

    def run(z, allowed):
        while True:
            e = next((j for j in range(total) if allowed[j] and z[j] < 0), None)
            if e is None:
                return None
            best = None
            for i in range(len(rows)):
                a = rows[i][e]
                if a > 0:
                    ratio = rows[i][-1] / a
                    key = (ratio, basis[i])
                    if best is None or key < best[0]:
                        best = (key, i)
            if best is None:
                return e
            pivot(best[1], e, z)

    # phase 1
    z = [Fraction(0)] * (total + 1)
    for k in range(len(art_rows)):
        z[n_cols + k] = Fraction(1)
    for r in art_rows:
        z = [a - b for a, b in zip(z, rows[r])]
    allowed = [True] * total
    run(z, allowed)
    if -z[-1] > 0:
        return "infeasible", None
    # drive artificials out of the basis; drop redundant rows
    redundant = []
    for i in range(len(rows)):
        if basis[i] is not None and basis[i] >= n_cols:
            j = next((j for j in range(n_cols) if rows[i][j] != 0), None)
            if j is None:
                redundant.append(i)
            else:
                pivot(i, j, z)
    dropped = set(redundant)
    keep = [i for i in range(len(rows)) if i not in dropped]
    orig_rows = keep[:]
    rows[:] = [rows[i] for i in keep]
    basis[:] = [basis[i] for i in keep]
    allowed = [j < n_cols for j in range(total)]
    # phase 2 costs
    cost = [Fraction(P.c[j] * s) for j, s in col_struct] + [Fraction(0)] * (m_ub + n_art)
    z = cost + [Fraction(0)]
    for i, bj in enumerate(basis):
        f = z[bj]
        if f != 0:
            z = [a - f * b for a, b in zip(z, rows[i])]
    e = run(z, allowed)

    def point():
        vals = [Fraction(0)] * total
        for i, bj in enumerate(basis):
            vals[bj] = rows[i][-1]
        xs = [Fraction(0)] * n
        for k, (j, s) in enumerate(col_struct):
            xs[j] += s * vals[k]
        return xs

    if e is not None:
        x0 = point()
        dirs = [Fraction(0)] * total
        dirs[e] = Fraction(1)
        for i, bj in enumerate(basis):
            dirs[bj] = -rows[i][e]
        ray = [Fraction(0)] * n
        for k, (j, s) in enumerate(col_struct):
            ray[j] += s * dirs[k]
        return "unbounded", (_ints(x0), _ints(ray))
    S = sorted({col_struct[bj][0] for bj in basis if bj < n_s})
    slack_rows = {bj - n_s for bj in basis if n_s <= bj < n_cols}
    R = [r for r in orig_rows if r not in slack_rows]
    return "optimal", _Basis(S, R)


def _ints(v: list[Fraction]) -> tuple[list, int]:
    d = math.lcm(*[x.denominator for x in v])
    return [int(x * d) for x in v], d


# ---------------------------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------------------------

@dataclass
class _Outcome:
    status: str
    method: str
    exact: _Exact | None = None
    farkas: list | None = None
    point: tuple | None = None
    ray: tuple | None = None


def _aux_farkas(P: _IntLP) -> _IntLP:
    """Variables ``z = (z_ub >= 0, z_eq free)``: ``A^T z >= 0`` (== on free), ``b . z == -1``."""
    m, n = P.m, P.n
    AT = P.A.T.astype(object)
    rows_ub = [j for j in range(n) if not P.free[j]]
    rows_eq = [j for j in range(n) if P.free[j]]
    blocks = [-AT[rows_ub, :], AT[rows_eq, :], np.array([P.b], dtype=object).reshape(1, m)]
    A = _as_int_array(np.vstack(blocks), m)
    free = np.zeros(m, dtype=bool)
    free[P.m_ub:] = True
    b = [0] * (len(rows_ub) + len(rows_eq)) + [-1]
    return _IntLP([0] * m, A, b, len(rows_ub), free)


def _aux_feasible(P: _IntLP) -> _IntLP:
    return _IntLP([0] * P.n, P.A, list(P.b), P.m_ub, P.free)


def _aux_ray(P: _IntLP) -> _IntLP:
    A = np.vstack([P.A.astype(object), np.array([P.c], dtype=object)])
    A = _as_int_array(A, P.n)
    return _IntLP([0] * P.n, A, [0] * P.m + [-1], P.m_ub, P.free)


def _solve_optimal_exactly(P: _IntLP, res, failed: list | None = None) -> _Exact | None:
    """The first candidate basis of ``res`` that verifies; nonsingular ones that do not
    verify are appended to ``failed`` (starts for `_warm_start`)."""
    for B in _guess_basis(P, res):
        E = _solve_basis(P, B)
        if E is not None:
            if _verify_optimal(P, E):
                return E
            if failed is not None:
                failed.append(E)
    return None


def _solve_simplex(P: _IntLP) -> _Outcome:
    status, data = _simplex(P)
    if status == "optimal":
        E = _solve_basis(P, data)
        if E is None or not _verify_optimal(P, E):  # pragma: no cover - would be a bug
            raise RuntimeError("symalign.lp: the exact simplex basis failed verification")
        return _Outcome("optimal", METHOD_SIMPLEX, exact=E)
    if status == "unbounded":
        (X0, d0), (R, _) = data
        if not _primal_ok(P, X0, d0) or not _ray_ok(P, R):  # pragma: no cover - a bug
            raise RuntimeError("symalign.lp: the exact simplex ray failed verification")
        return _Outcome("unbounded", METHOD_SIMPLEX, point=(X0, d0), ray=(R, 1))
    F = _aux_farkas(P)
    sub = _solve_simplex(F)
    if sub.status != "optimal":  # pragma: no cover - Farkas' lemma
        raise RuntimeError("symalign.lp: no Farkas certificate for an infeasible LP")
    Z = sub.exact.X
    if not _farkas_ok(P, Z):  # pragma: no cover - a bug
        raise RuntimeError("symalign.lp: the Farkas certificate failed verification")
    return _Outcome("infeasible", METHOD_SIMPLEX, farkas=Z)


def _solve(P: _IntLP, use_highs: bool = True, depth: int = 0) -> _Outcome:
    res = _highs(P) if use_highs else None
    if res is not None:
        if res.status == 0:
            failed: list = []
            E = _solve_optimal_exactly(P, res, failed)
            if E is not None:
                return _Outcome("optimal", METHOD_HIGHS, exact=E)
            # the proposed basis failed exact verification: ask HiGHS's other algorithms
            # for another basis (each verified exactly) before any exact simplex
            for method in ("highs-ds", "highs-ipm"):
                alt = _highs(P, method)
                if alt is not None and alt.status == 0:
                    E = _solve_optimal_exactly(P, alt, failed)
                    if E is not None:
                        return _Outcome("optimal", METHOD_HIGHS, exact=E)
            # repair the best failed basis with an exact simplex started from it
            E = _warm_start(P, failed)
            if E is not None:
                return _Outcome("optimal", METHOD_WARM, exact=E)
        elif depth > 0:
            pass  # an auxiliary problem that HiGHS does not solve: go exact at once
        elif res.status == 2:
            sub = _solve(_aux_farkas(P), depth=1)
            if sub.status == "optimal" and _farkas_ok(P, sub.exact.X):
                return _Outcome("infeasible", METHOD_HIGHS, farkas=sub.exact.X)
        elif res.status == 3:
            feas = _solve(_aux_feasible(P), depth=1)
            ray = _solve(_aux_ray(P), depth=1)
            if (feas.status == "optimal" and ray.status == "optimal"
                    and _primal_ok(P, feas.exact.X, feas.exact.dx)
                    and _ray_ok(P, ray.exact.X)):
                return _Outcome("unbounded", METHOD_HIGHS, point=(feas.exact.X, feas.exact.dx),
                                ray=(ray.exact.X, ray.exact.dx))
    return _solve_simplex(P)


# ---------------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------------

def _rat(p: int, q: int = 1) -> Rational:
    """``p/q`` (``q != 0``) as a sympy number, reduced with `math.gcd` (sympy's igcd is slow)."""
    if p == 0:
        return sympy.S.Zero
    if q < 0:
        p, q = -p, -q
    if q != 1:
        g = math.gcd(p, q)
        if g != 1:
            p, q = p // g, q // g
    if q == 1:
        return Integer(p)
    return _from_coprime(p, q) if _from_coprime is not None else Rational(p, q)


_from_coprime = getattr(Rational, "from_coprime_ints", None)


@dataclass(frozen=True)
class LPResult:
    """The exact, verified answer of `solve_lp`.

    Examples
    ========

    The §15 degenerate LP: the optimum ``d = 1`` with value 2, and its dual certificate.

    >>> from symalign.lp import solve_lp
    >>> res = solve_lp([4, 3, 3, 2], A_ub=[[1, 1, 0, 0], [1, 0, 1, 0]], b_ub=[0, 0],
    ...                A_eq=[[1, 1, 1, 1]], b_eq=[1], maximize=True)
    >>> res
    LPResult(status='optimal', value=2, x=(0, 0, 0, 1), y=(1, 1, 2),
             method='highs+exact verification')
    >>> res.y_ub, res.y_eq, res.verify()
    ((1, 1), (2,), True)

    Attributes
    ==========

    status : str
        ``'optimal'``, ``'infeasible'`` or ``'unbounded'``.
    value : sympy.Rational or None
        The optimal value (``None`` unless optimal).
    x : tuple of sympy.Rational or None
        An optimal vertex (a basic solution).
    y : tuple of sympy.Rational or None
        Optimal duals, one per row: the ``A_ub`` rows first, then the ``A_eq`` rows (see the
        module docstring for signs); ``y_ub``/``y_eq`` split them.
    certificate : tuple
        Optimal: ``y`` (dual feasibility of ``y`` plus ``c . x == b . y`` proves optimality).
        Infeasible: a Farkas vector ``z = (z_ub, z_eq)`` with ``z_ub >= 0``,
        ``A_ub^T z_ub + A_eq^T z_eq >= 0`` (``== 0`` on free variables) and
        ``b_ub . z_ub + b_eq . z_eq < 0``. Unbounded: ``(x0, r)``, a feasible point and a ray
        with ``A_ub r <= 0``, ``A_eq r == 0``, ``r >= 0`` off ``free``, and ``c . r > 0`` when
        maximising (``< 0`` when minimising).
    method : str
        ``'highs+exact verification'`` (a HiGHS basis verified as it is),
        ``'exact simplex from the HiGHS basis'`` (the warm-started exact simplex repaired a
        HiGHS basis that failed verification) or ``'exact simplex'`` (from scratch).
    source : str
        The spec section.
    basis : tuple of int
        Basic structural variables of the verified basis (empty unless optimal).
    basis_rows : tuple of int
        Rows (``A_ub`` rows, then ``A_eq`` rows) of the square nonsingular system that
        determines ``x`` from the basis.

    """

    status: str
    value: sympy.Expr | None
    x: tuple | None
    y: tuple | None
    certificate: tuple = field(repr=False)
    method: str
    source: str = field(default=SOURCE_LP, repr=False)
    basis: tuple = field(default=(), repr=False)
    basis_rows: tuple = field(default=(), repr=False)
    n_ub: int = field(default=0, repr=False)
    maximize: bool = field(default=False, repr=False)
    _inputs: tuple = field(default=(), repr=False, compare=False)
    _int_duals: tuple | None = field(default=None, repr=False, compare=False)

    @property
    def y_ub(self) -> tuple | None:
        """Duals of the ``A_ub`` rows."""
        return None if self.y is None else self.y[:self.n_ub]

    @property
    def y_eq(self) -> tuple | None:
        """Duals of the ``A_eq`` rows."""
        return None if self.y is None else self.y[self.n_ub:]

    def verify(self) -> bool:
        """Re-check the answer from the original inputs in exact `Fraction` arithmetic.

        Independent of the solver's integer path: the inputs are parsed again and every
        defining inequality of the status is checked (primal and dual feasibility and equal
        objectives; the Farkas conditions; or feasibility of the point and of the ray).

        Examples
        ========

        >>> from symalign.lp import solve_lp
        >>> solve_lp([1, 1], A_ub=[[-1, -1]], b_ub=[-1]).verify()
        True

        """
        return _fraction_check(self) is None


def _fraction_check(res: LPResult) -> str | None:
    """None when ``res`` is right for its inputs, else the failed condition."""
    c, A_ub, b_ub, A_eq, b_eq, maximize, free = res._inputs
    P = _build(c, A_ub, b_ub, A_eq, b_eq, maximize, free)  # validation of shapes only
    n = P.n
    fr = set(int(j) for j in (free or ()))

    def fracs(v, nm):
        return [Fraction(a, b) for a, b in _vector(v, nm, None)]

    def mat(M, nm):
        rows = _matrix(M, nm, n)
        if isinstance(rows, np.ndarray):
            return [[Fraction(int(v)) for v in row] for row in rows.tolist()]
        return [[Fraction(a, b) for a, b in row] for row in rows]

    cf = fracs(c, "c")
    Au, bu = mat(A_ub, "A_ub"), fracs(b_ub, "b_ub")
    Ae, be = mat(A_eq, "A_eq"), fracs(b_eq, "b_eq")
    rows = Au + Ae
    bs = bu + be

    def F(v):
        return Fraction(int(v.p), int(v.q))

    def feasible(x):
        if any(x[j] < 0 for j in range(n) if j not in fr):
            return "a non-free variable is negative"
        for i, row in enumerate(Au):
            if sum(a * v for a, v in zip(row, x)) > bu[i]:
                return f"A_ub row {i} is violated"
        for i, row in enumerate(Ae):
            if sum(a * v for a, v in zip(row, x)) != be[i]:
                return f"A_eq row {i} is violated"
        return None

    if res.status == "optimal":
        x = [F(v) for v in res.x]
        y = [F(v) for v in res.y]
        bad = feasible(x)
        if bad:
            return bad
        s = -1 if maximize else 1
        if any(s * v > 0 for v in y[:len(Au)]):
            return "a dual of an inequality has the wrong sign"
        for j in range(n):
            red = cf[j] - sum(rows[r][j] * y[r] for r in range(len(rows)))
            if j in fr and red != 0:
                return f"reduced cost of free variable {j} is not 0"
            if j not in fr and s * red < 0:
                return f"reduced cost of variable {j} has the wrong sign"
        cx = sum(a * v for a, v in zip(cf, x))
        by = sum(a * v for a, v in zip(bs, y))
        if cx != by or cx != F(res.value):
            return "primal and dual objectives differ"
        return None
    if res.status == "infeasible":
        z = [F(v) for v in res.certificate]
        if any(v < 0 for v in z[:len(Au)]):
            return "Farkas multiplier of an inequality is negative"
        for j in range(n):
            t = sum(rows[r][j] * z[r] for r in range(len(rows)))
            if (j in fr and t != 0) or (j not in fr and t < 0):
                return f"Farkas combination fails at variable {j}"
        if sum(a * v for a, v in zip(bs, z)) >= 0:
            return "Farkas combination has a non-negative right-hand side"
        return None
    if res.status == "unbounded":
        x0 = [F(v) for v in res.certificate[0]]
        r = [F(v) for v in res.certificate[1]]
        bad = feasible(x0)
        if bad:
            return bad
        if any(r[j] < 0 for j in range(n) if j not in fr):
            return "ray leaves the non-negative orthant"
        for i, row in enumerate(Au):
            if sum(a * v for a, v in zip(row, r)) > 0:
                return f"ray violates A_ub row {i}"
        for i, row in enumerate(Ae):
            if sum(a * v for a, v in zip(row, r)) != 0:
                return f"ray violates A_eq row {i}"
        cr = sum(a * v for a, v in zip(cf, r))
        if (cr <= 0) if maximize else (cr >= 0):
            return "ray does not improve the objective"
        return None
    return f"unknown status {res.status!r}"


def _copy_input(v):
    if v is None:
        return None
    if isinstance(v, np.ndarray):
        return v.copy()
    if isinstance(v, sympy.MatrixBase):
        return v.as_immutable()
    if isinstance(v, (str, bytes)):
        return v
    try:
        return tuple(tuple(r) if isinstance(r, (list, tuple, np.ndarray)) else r for r in v)
    except TypeError:
        return v


def _result(P: _IntLP, out: _Outcome, inputs, maximize: bool) -> LPResult:
    n_ub = P.m_ub
    if out.status == "optimal":
        E = out.exact
        x = tuple(_rat(v, E.dx) for v in E.X)
        # user duals: y_r = sign * row_scale_r * y_int_r / c_scale
        y = tuple(_rat(P.sign * P.row_scale[r] * E.Y[r], E.dy * P.c_scale)
                  for r in range(P.m))
        num = sum(c * v for c, v in zip(P.c, E.X))
        value = _rat(P.sign * num, E.dx * P.c_scale)
        return LPResult("optimal", value, x, y, y, out.method, basis=tuple(E.basis.S),
                        basis_rows=tuple(E.basis.R), n_ub=n_ub, maximize=maximize,
                        _inputs=inputs, _int_duals=(tuple(E.Y), E.dy))
    if out.status == "infeasible":
        Z = out.farkas
        z = tuple(_rat(P.row_scale[r] * Z[r]) for r in range(P.m))
        return LPResult("infeasible", None, None, None, z, out.method, n_ub=n_ub,
                        maximize=maximize, _inputs=inputs)
    X0, d0 = out.point
    Rv, _ = out.ray                 # a direction: its scale (and denominator) is immaterial
    x0 = tuple(_rat(v, d0) for v in X0)
    g = math.gcd(*Rv)
    r = tuple(_rat(v // g) for v in Rv)
    return LPResult("unbounded", None, None, None, (x0, r), out.method, n_ub=n_ub,
                    maximize=maximize, _inputs=inputs)



def solve_lp(c, A_ub=None, b_ub=None, A_eq=None, b_eq=None, *, maximize: bool = False,
             free=None) -> LPResult:
    """Solve a linear program exactly and verify the answer (spec §15).

    Minimise (or with ``maximize=True`` maximise) ``c . x`` subject to ``A_ub x <= b_ub``,
    ``A_eq x == b_eq`` and ``x_j >= 0`` for every ``j`` not in ``free``. HiGHS proposes a
    basis, which is solved again in exact rational arithmetic and verified (primal
    feasibility, dual feasibility, equal objective values); when that fails an exact simplex
    started from HiGHS's basis repairs it, and an exact simplex from scratch (two phases,
    Bland's rule) is the last resort (see the module docstring). Infeasible and unbounded
    problems carry verified certificates (see `LPResult`).

    Examples
    ========

    The degenerate LP on which sympy 1.14's simplex returned an infeasible point (§15):

    >>> from symalign.lp import solve_lp
    >>> res = solve_lp([4, 3, 3, 2], A_ub=[[1, 1, 0, 0], [1, 0, 1, 0]], b_ub=[0, 0],
    ...                A_eq=[[1, 1, 1, 1]], b_eq=[1], maximize=True)
    >>> res.status, res.value, res.x
    ('optimal', 2, (0, 0, 0, 1))
    >>> res.verify()
    True

    Matching Pennies' security LP (§8): maximise ``v`` with ``x`` a distribution:

    >>> res = solve_lp([0, 0, 1], A_ub=[[1, -1, 1], [-1, 1, 1]], b_ub=[0, 0],
    ...                A_eq=[[1, 1, 0]], b_eq=[1], maximize=True, free=[2])
    >>> res.value, res.x, res.y_ub
    (0, (1/2, 1/2, 0), (1/2, 1/2))

    Infeasible and unbounded problems:

    >>> solve_lp([1], A_ub=[[1]], b_ub=[-1]).certificate
    (1,)
    >>> r = solve_lp([1, 0], A_ub=[[-1, 1]], b_ub=[0], maximize=True)
    >>> r.status, r.verify()
    ('unbounded', True)

    Parameters
    ==========

    c : sequence of exact rationals
        Objective coefficients (ints, `fractions.Fraction`, sympy Rationals, strings such as
        ``"3/4"``); floats and symbols are refused.
    A_ub, b_ub : matrix and vector, optional
        Inequality constraints ``A_ub x <= b_ub``.
    A_eq, b_eq : matrix and vector, optional
        Equality constraints ``A_eq x == b_eq``.
    maximize : bool
        Maximise instead of minimise.
    free : iterable of int, optional
        Indices of variables without the bound ``x_j >= 0``.

    Returns
    =======

    LPResult

    Raises
    ======

    ExactnessError
        A float was given.
    SymalignError
        An entry is symbolic or not a number, or the shapes disagree.

    References
    ==========

    normal_form_alignment.md §15 (verification of every exact LP answer; the sympy simplex
    bug).

    """
    P = _build(c, A_ub, b_ub, A_eq, b_eq, maximize, free)
    inputs = (_copy_input(c), _copy_input(A_ub), _copy_input(b_ub), _copy_input(A_eq),
              _copy_input(b_eq), bool(maximize),
              None if free is None else tuple(int(j) for j in free))
    out = _solve(P)
    return _result(P, out, inputs, bool(maximize))


def _solve_int(P: _IntLP, inputs, maximize: bool) -> LPResult:
    """Private fast entry for callers that already hold an integer problem."""
    return _result(P, _solve(P), inputs, maximize)


# ---------------------------------------------------------------------------------------------
# Vertices of the optimal face (small problems)
# ---------------------------------------------------------------------------------------------

def optimal_face_vertices(c, A_ub=None, b_ub=None, A_eq=None, b_eq=None, *,
                          maximize: bool = False, free=None, result: LPResult | None = None
                          ) -> tuple[tuple, ...]:
    """Every vertex of the set of optimal solutions of an LP, in lexicographic order.

    The optimal face is cut out of the feasible set by complementary slackness with a
    verified optimal dual ``y``: variables with a non-zero reduced cost vanish and
    inequalities with a non-zero dual are tight. When the remaining system has a unique
    solution that solution is the only vertex; otherwise vertices are enumerated exactly
    by brute force over sets of active constraints, which is meant for small problems
    (``symalign.settings.max_cases`` bounds the number of candidate sets). Free variables
    that are not fixed on the face mean it has no vertices; the empty tuple is returned.

    Examples
    ========

    Maximising ``x0 + x1`` on the simplex has the whole edge as optimal face:

    >>> from symalign.lp import optimal_face_vertices
    >>> optimal_face_vertices([1, 1, 0], A_eq=[[1, 1, 1]], b_eq=[1], maximize=True)
    ((0, 1, 0), (1, 0, 0))

    Parameters
    ==========

    c, A_ub, b_ub, A_eq, b_eq, maximize, free
        As for `solve_lp`.
    result : LPResult, optional
        A solution already computed for the same inputs.

    Returns
    =======

    tuple of tuples of sympy.Rational

    Raises
    ======

    UndefinedMetricError
        The LP has no optimal solution (infeasible or unbounded).
    ResourceLimitError
        The enumeration would exceed ``settings.max_cases`` candidate sets.

    """
    from .errors import UndefinedMetricError
    if result is None:
        result = solve_lp(c, A_ub, b_ub, A_eq, b_eq, maximize=maximize, free=free)
    if result.status != "optimal":
        raise UndefinedMetricError("the optimal face", f"the LP is {result.status}")
    P = _build(c, A_ub, b_ub, A_eq, b_eq, maximize, free)
    return _face_vertices(P, result)


#: Faces whose brute-force enumeration needs more candidate sets use the pivoting search.
_BRUTE_FORCE_LIMIT = 50


def _face_vertices(P: _IntLP, result: LPResult, force_search: bool = False
                   ) -> tuple[tuple, ...]:
    n, m_ub = P.n, P.m_ub
    # duals in the internal (integer, min-form) problem: y_int = sign * c_scale * y / row_scale
    if result._int_duals is not None and len(result._int_duals[0]) == P.m:
        Y, D = list(result._int_duals[0]), result._int_duals[1]   # the solver's own duals
    else:
        yint = [Fraction(int(v.p), int(v.q)) * P.sign * P.c_scale / P.row_scale[r]
                for r, v in enumerate(result.y)]
        D = math.lcm(*[v.denominator for v in yint])
        Y = [int(v * D) for v in yint]
    aty = _ATy(P, Y)
    red = [D * P.c[j] - aty[j] for j in range(n)]
    fixed0 = [j for j in range(n) if not P.free[j] and red[j] != 0]
    fixed = set(fixed0)
    var = [j for j in range(n) if j not in fixed]
    eq_rows = [r for r in range(P.m) if r >= m_ub or Y[r] != 0]
    ineq_rows = [r for r in range(m_ub) if Y[r] == 0]
    # strict complementarity: the face lies in the verified basis system, which is square and
    # nonsingular, so the optimal solution is unique
    if set(var) <= set(result.basis) and set(result.basis_rows) <= set(eq_rows):
        return (tuple(result.x),)
    # otherwise find the implicit equalities of the face with one more exact LP, so that the
    # face is described in its affine hull (often a single point after all)
    var, eq_rows, ineq_rows = _implicit_equalities(P, var, eq_rows, ineq_rows)
    if set(var) <= set(result.basis) and set(result.basis_rows) <= set(eq_rows):
        return (tuple(result.x),)
    rows = [[Fraction(int(a)) for a in P.A[r]] for r in range(P.m)]
    # equality system on the remaining variables
    E = [[rows[r][j] for j in var] for r in eq_rows]
    Eb = [Fraction(P.b[r]) for r in eq_rows]
    # inequalities: A_r x <= b_r for ineq_rows, and -x_j <= 0 for non-free remaining vars
    I_rows = [([rows[r][j] for j in var], Fraction(P.b[r])) for r in ineq_rows]
    I_rows += [([Fraction(-1) if jj == j else Fraction(0) for jj in var], Fraction(0))
               for j in var if not P.free[j]]
    nv = len(var)
    rank_E, _ = _rank(E, nv)
    need = nv - rank_E
    if need == 0:
        return (tuple(result.x),)
    n_cand = math.comb(len(I_rows), need) if len(I_rows) >= need else 0
    if n_cand > _BRUTE_FORCE_LIMIT or force_search:
        xopt = [Fraction(int(v.p), int(v.q)) for v in result.x]
        ineq = [([rows[r][j] for j in var], Fraction(P.b[r])) for r in ineq_rows]
        pts = _face_search(var, [bool(P.free[j]) for j in var], E, Eb, ineq,
                           [xopt[j] for j in var])
        out = []
        for p in sorted(pts):
            full = [Fraction(0)] * n
            for j, v in zip(var, p):
                full[j] = v
            out.append(tuple(full))
        out.sort()
        return tuple(tuple(_rat(v.numerator, v.denominator) for v in x) for x in out)
    if n_cand > settings.max_cases:
        raise ResourceLimitError(f"enumerating the optimal face needs {n_cand} candidate sets "
                                 "of active constraints", "max_cases", settings.max_cases)
    found = set()
    for combo in itertools.combinations(range(len(I_rows)), need):
        Msys = E + [I_rows[k][0] for k in combo]
        bsys = Eb + [I_rows[k][1] for k in combo]
        sol = _unique_solution(Msys, bsys, nv)
        if sol is None:
            continue
        if all(sum(a * v for a, v in zip(row, sol)) <= b for row, b in I_rows):
            full = [Fraction(0)] * n
            for j, v in zip(var, sol):
                full[j] = v
            found.add(tuple(full))
    out = sorted(found)
    return tuple(tuple(_rat(v.numerator, v.denominator) for v in x) for x in out)


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


def _face_search(var, free, E, Eb, ineq, xstar) -> set:
    """Vertices of ``{z : E z = Eb, a.z <= b for (a, b) in ineq, z_j >= 0 unless free}``.

    ``xstar`` is a known vertex. Free variables are eliminated through the equalities (the
    polyhedron must determine them, else `UndefinedMetricError`); slacks turn the rest into
    ``{w >= 0 : G w = h}``, whose vertices are the basic feasible solutions. A depth-first
    search over the bases that are lexicographically feasible for the perturbation
    ``h + B0 (eps, eps^2, ...)`` (``B0`` the starting basis, so the start is lex-feasible)
    visits every vertex: the perturbed polyhedron is simple and its graph is connected, and
    every vertex of the original is the image of a perturbed one. Exact `Fraction` pivots.
    """
    from .errors import UndefinedMetricError
    nv = len(var)
    E = [row[:] for row in E]
    Eb = list(Eb)
    ineq = [(a[:], b) for a, b in ineq]
    # 1. eliminate free variables through the equalities
    subs = {}   # free position -> (coefficients over positions, constant): z_f = const - coef.z
    for f in [k for k in range(nv) if free[k]]:
        r = next((i for i in range(len(E)) if E[i][f] != 0), None)
        if r is None:
            raise UndefinedMetricError(
                "the vertices of the optimal face",
                f"free variable {var[f]} is not determined by the equalities on the face")
        row, rhs = E.pop(r), Eb.pop(r)
        piv = row[f]
        coef = [v / piv for v in row]
        const = rhs / piv
        coef[f] = Fraction(0)

        def sub(a, b, coef=coef, const=const, f=f):
            t = a[f]
            if t == 0:
                return a, b
            return [x - t * c for x, c in zip(a, coef)], b - t * const
        E2, Eb2 = [], []
        for a, b in zip(E, Eb):
            a, b = sub(a, b)
            E2.append(a)
            Eb2.append(b)
        E, Eb = E2, Eb2
        ineq = [sub(a, b) for a, b in ineq]
        for g in list(subs):
            a, b = subs[g]
            subs[g] = sub(a, b)
        subs[f] = (coef, const)
    keep = [k for k in range(nv) if not free[k]]
    nz = len(keep)
    ns = len(ineq)
    # 2. standard form G w = h, w = (z_keep, slacks) >= 0
    G = [[a[k] for k in keep] + [Fraction(0)] * ns for a in E]
    h = list(Eb)
    for t, (a, b) in enumerate(ineq):
        G.append([a[k] for k in keep] + [Fraction(1) if u == t else Fraction(0)
                                         for u in range(ns)])
        h.append(b)
    nw = nz + ns
    wstar = [xstar[k] for k in keep]
    wstar += [b - sum(a[k] * xstar[k] for k in keep) for a, b in ineq]
    # 3. drop redundant rows, choose a starting basis containing the support of w*
    order = [j for j in range(nw) if wstar[j] != 0] + [j for j in range(nw) if wstar[j] == 0]
    rows = [G[i][:] + [h[i]] for i in range(len(G))]
    basis = []
    r = 0
    for j in order:
        piv = next((i for i in range(r, len(rows)) if rows[i][j] != 0), None)
        if piv is None:
            continue
        rows[r], rows[piv] = rows[piv], rows[r]
        inv = 1 / rows[r][j]
        rows[r] = [v * inv for v in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][j] != 0:
                f = rows[i][j]
                rows[i] = [a - f * b for a, b in zip(rows[i], rows[r])]
        basis.append(j)
        r += 1
    T = rows[:r]   # tableau B^-1 [G | h] in canonical form for `basis`
    m = r
    ref = list(basis)   # the perturbation's reference columns B0

    def point(T, basis):
        w = [Fraction(0)] * nw
        for i, b in enumerate(basis):
            w[b] = T[i][nw]
        z = [Fraction(0)] * nv
        for k, j in enumerate(keep):
            z[j] = w[k]
        for f in reversed(list(subs)):
            coef, const = subs[f]
            z[f] = const - sum(c * v for c, v in zip(coef, z))
        return tuple(z)

    def lexkey(row, e):
        a = row[e]
        return tuple(v / a for v in [row[nw]] + [row[c] for c in ref])

    found = set()
    seen = {frozenset(basis)}
    stack = [(T, basis)]
    while stack:
        T, basis = stack.pop()
        found.add(point(T, basis))
        if len(seen) > settings.max_cases:
            raise ResourceLimitError(f"enumerating the optimal face visited over "
                                     f"{settings.max_cases} bases", "max_cases",
                                     settings.max_cases)
        bset = set(basis)
        for e in range(nw):
            if e in bset:
                continue
            cand = [i for i in range(m) if T[i][e] > 0]
            if not cand:
                continue   # an unbounded edge: no neighbouring vertex
            i = min(cand, key=lambda i: lexkey(T[i], e))
            nb = basis[:]
            nb[i] = e
            key = frozenset(nb)
            if key in seen:
                continue
            seen.add(key)
            inv = 1 / T[i][e]
            pr = [v * inv for v in T[i]]
            NT = []
            for k in range(m):
                if k == i:
                    NT.append(pr)
                elif T[k][e] != 0:
                    f = T[k][e]
                    NT.append([a - f * b for a, b in zip(T[k], pr)])
                else:
                    NT.append(T[k])
            stack.append((NT, nb))
    return found


def _implicit_equalities(P: _IntLP, var: list, eq_rows: list, ineq_rows: list):
    """Variables that vanish and inequalities that are tight on the whole face.

    The face is ``F = {x : x_j = 0 off var, rows eq_rows tight, rows ineq_rows <= b,
    x_j >= 0}``. Homogenise it, ``{(x, lam) : A_E x == b_E lam, A_I x <= b_I lam, lam >= 1}``,
    and maximise ``sum t_j + sum u_r`` with ``0 <= t_j <= min(1, x_j)`` and
    ``0 <= u_r <= min(1, b_r lam - A_r x)``: a large multiple of a relative-interior point
    makes every coordinate that can be positive at least 1, so at *every* optimum ``t_j = 1``
    exactly for the variables that are positive somewhere on ``F`` (likewise ``u_r`` for the
    slacks), and ``t_j = 0`` for the others. Returns the reduced ``(var, eq_rows, ineq_rows)``.
    """
    nonfree = [j for j in var if not P.free[j]]
    nv, nt, nu = len(var), len(nonfree), len(ineq_rows)
    N = nv + 1 + nt + nu            # columns: x_var, lam, t, u
    L = nv                          # index of lam
    A = P.A_obj
    col = {j: k for k, j in enumerate(var)}
    ub, beq = [], []
    eq = []
    for r in ineq_rows:             # A_r x - b_r lam <= 0
        row = [0] * N
        for j in var:
            row[col[j]] = int(A[r, j])
        row[L] = -P.b[r]
        ub.append(row)
    for k, j in enumerate(nonfree):     # t_j - x_j <= 0, t_j <= 1
        row = [0] * N
        row[nv + 1 + k] = 1
        row[col[j]] = -1
        ub.append(row)
        row = [0] * N
        row[nv + 1 + k] = 1
        ub.append(row)
    for k, r in enumerate(ineq_rows):   # u_r + A_r x - b_r lam <= 0, u_r <= 1
        row = [0] * N
        for j in var:
            row[col[j]] = int(A[r, j])
        row[L] = -P.b[r]
        row[nv + 1 + nt + k] = 1
        ub.append(row)
        row = [0] * N
        row[nv + 1 + nt + k] = 1
        ub.append(row)
    row = [0] * N                       # -lam <= -1
    row[L] = -1
    ub.append(row)
    bub = [0] * nu + [0, 1] * nt + [0, 1] * nu + [-1]
    for r in eq_rows:                   # A_r x - b_r lam == 0
        row = [0] * N
        for j in var:
            row[col[j]] = int(A[r, j])
        row[L] = -P.b[r]
        eq.append(row)
        beq.append(0)
    c = [0] * N
    for k in range(nt + nu):
        c[nv + 1 + k] = -1              # minimise -(sum t + sum u)
    Afull = _as_int_array(ub + eq, N) if (ub or eq) else np.zeros((0, N), dtype=np.int64)
    free = np.zeros(N, dtype=bool)
    for j in var:
        if P.free[j]:
            free[col[j]] = True
    Q = _IntLP(c, Afull, bub + beq, len(ub), free)
    out = _solve(Q)
    if out.status != "optimal":  # pragma: no cover - F is non-empty and t, u are bounded
        raise RuntimeError("symalign.lp: the implicit-equality LP is not optimal")
    E = out.exact
    t = {j: E.X[nv + 1 + k] for k, j in enumerate(nonfree)}
    u = {r: E.X[nv + 1 + nt + k] for k, r in enumerate(ineq_rows)}
    var2 = [j for j in var if P.free[j] or t[j] != 0]
    eq2 = sorted(set(eq_rows) | {r for r in ineq_rows if u[r] == 0})
    ineq2 = [r for r in ineq_rows if u[r] != 0]
    return var2, eq2, ineq2
