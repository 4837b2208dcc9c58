"""The integer form of an LP: parsing exact input, scaling rows to integers, method names."""

from __future__ import annotations

import functools
import math
import numbers
from dataclasses import dataclass, field
from fractions import Fraction

import sympy
from sympy import Integer, Rational

from symalign.core.errors import SymalignError
from symalign.core.lazy import np

SOURCE_LP = "symalign's exact LP verification (verify every exact LP answer)"

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
            from symalign.core.exact import to_exact
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
        from symalign.core.exact import to_exact
        to_exact(v, name=name, where=where)  # raises ExactnessError with the usual advice
    if isinstance(v, str):
        from symalign.core.exact import to_exact
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


def _ints(v: list[Fraction]) -> tuple[list, int]:
    d = math.lcm(*[x.denominator for x in v])
    return [int(x * d) for x in v], d


def _obj(v) -> np.ndarray:
    a = np.empty(len(v), dtype=object)
    a[:] = list(v)
    return a


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
