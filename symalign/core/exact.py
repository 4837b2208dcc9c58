"""Private: turning user input into exact sympy values, refusing floats, on every boundary."""

from __future__ import annotations

import math
import numbers
from fractions import Fraction

from symalign.core.lazy import np
import sympy
from sympy import Float, Integer, Rational

from symalign.core.errors import ExactnessError, SymalignError

__all__ = ["to_exact", "to_exact_array", "float_to_exact", "has_float", "ExactArray"]

_INT64_SAFE = 2**62


def float_to_exact(x: float) -> Rational:
    """Convert a float by its shortest decimal representation (``0.1`` -> ``1/10``)."""
    if not math.isfinite(x):
        raise ExactnessError(f"the float {x!r} is not a finite number")
    return Rational(repr(float(x)))


def _float_error(name: str, value, where: str = "") -> ExactnessError:
    import math
    try:
        finite = math.isfinite(float(value))
    except (TypeError, ValueError, OverflowError):  # pragma: no cover - defensive
        finite = True
    if not finite:
        return ExactnessError(
            f"Argument '{name}'{where} is the float {value!r}, which is not a finite number; "
            "symalign computes with exact finite values only (ints, strings such as \"3/4\" "
            "or \"0.75\", fractions.Fraction or sympy.Rational).")
    return ExactnessError(
        f"Argument '{name}'{where} is the float {value!r}: symalign computes exactly, so pass an "
        f"exact value such as the int, the string \"{_suggest(value)}\" or \"{value!r}\" (an "
        f"exact decimal), fractions.Fraction(\"{value!r}\") or sympy.Rational, or pass "
        "allow_floats=True to "
        "convert floats by their decimal representation.")


def _suggest(value) -> str:
    try:
        r = Rational(repr(float(value)))
        return str(r)
    except (TypeError, ValueError):  # pragma: no cover - defensive
        return "p/q"


def has_float(expr) -> bool:
    """True if a sympy expression contains a `sympy.Float` anywhere."""
    return bool(getattr(expr, "has", None)) and expr.has(Float)


def to_exact(value, *, name: str, where: str = "", allow_floats: bool = False,
             symbols=None, error: type[SymalignError] = SymalignError) -> sympy.Expr:
    """Convert one scalar to an exact sympy expression, or raise naming ``name``.

    Accepts int, `fractions.Fraction`, numpy integers, strings (parsed by the whitelist parser
    with the given ``symbols``), and sympy expressions without floats.
    """
    t = type(value)
    if t is int:
        return Integer(value)
    if t is bool:
        raise error(f"Argument '{name}'{where} is the bool {value!r}; pass a number.")
    if t is Fraction:
        return Rational(value.numerator, value.denominator)
    if isinstance(value, sympy.Basic):
        if not isinstance(value, sympy.Expr):
            raise error(f"Argument '{name}'{where} is {value!r}, which is not an expression.")
        if value.has(Float):
            if allow_floats:
                return value.xreplace({f: float_to_exact(float(f)) for f in value.atoms(Float)})
            raise _float_error(name, value, where)
        if value.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo) or value.is_finite is False:
            raise error(f"Argument '{name}'{where} is {value}, which is not a finite number.")
        if value.is_real is False:
            raise error(f"Argument '{name}'{where} is {value}, which is not real.")
        return value
    if isinstance(value, str):
        from symalign.core.errors import FileFormatError
        from symalign.core.parsing import parse_expression
        try:
            return parse_expression(value, symbols)
        except FileFormatError as exc:
            raise FileFormatError(f"Argument '{name}'{where}: {exc.message}") from None
    if t.__module__ == "numpy":  # numpy scalars, without importing numpy for other inputs
        if isinstance(value, np.bool_):
            raise error(f"Argument '{name}'{where} is the bool {value!r}; pass a number.")
        if isinstance(value, np.integer):
            return Integer(int(value))
        if isinstance(value, np.floating):
            if allow_floats:
                return float_to_exact(float(value))
            raise _float_error(name, value, where)
        if isinstance(value, np.complexfloating):
            raise error(f"Argument '{name}'{where} is the complex number {value!r}; payoffs "
                        "are real.")
    if isinstance(value, float):
        if allow_floats:
            return float_to_exact(value)
        raise _float_error(name, value, where)
    if isinstance(value, bool):
        raise error(f"Argument '{name}'{where} is the bool {value!r}; pass a number.")
    if isinstance(value, numbers.Integral):
        return Integer(int(value))
    if isinstance(value, numbers.Rational):
        return Rational(int(value.numerator), int(value.denominator))
    if isinstance(value, complex):
        raise error(f"Argument '{name}'{where} is the complex number {value!r}; payoffs are real.")
    raise error(f"Argument '{name}'{where} is {value!r} of type {type(value).__name__}, "
                "which is not an exact number or expression.")


class ExactArray:
    """Private: an exact rational tensor as integer numerators over one positive denominator.

    ``num`` is an int64 array when every value fits comfortably, else an object array of
    Python ints; ``den`` is a Python int. Values are ``num / den`` exactly.

    A tensor built from elementwise fractions whose common denominator would not fit in int64
    also keeps the elementwise int64 numerators and denominators (`pq`), so that vectorised
    paths can work on them; ``num`` and ``den`` are then computed on first access. Such a
    tensor carries its float guide (`floats`, each value within one rounding of ``p / q``)
    and the guide's range from construction: every exact maximum or sum over it is located
    by the guide and then confirmed exactly, so the guide is part of the representation
    rather than something each metric rebuilds.
    """

    __slots__ = ("_num", "_den", "_p", "_q", "_extremes", "_floats", "_range", "_bounds")

    def __init__(self, num: np.ndarray | None, den: int = 1, *, p=None, q=None):
        self._num = num
        self._den = int(den) if num is not None else None
        self._p = p
        self._q = q
        self._extremes = None
        self._floats = None
        self._range = None
        self._bounds = None
        if p is not None and num is None:
            self._floats = p / q
            self.float_range()

    @classmethod
    def from_pq(cls, p: np.ndarray, q: np.ndarray) -> ExactArray:
        """From elementwise int64 numerators ``p`` and positive denominators ``q``."""
        p = np.ascontiguousarray(p, dtype=np.int64)
        q = np.ascontiguousarray(q, dtype=np.int64)
        p, q = _reduce(p, q)
        qmax = int(q.max(initial=1))
        if qmax == 1:
            return cls(p, 1)
        big = max(int(p.max(initial=0)), -int(p.min(initial=0)))

        def elementwise():
            out = cls(None, p=p, q=q)
            out._bounds = (big, qmax)
            return out

        # the distinct denominators: by counting when they are small, else by sorting
        present = (np.flatnonzero(np.bincount(q.reshape(-1))) if qmax <= 1 << 20
                   else np.unique(q))
        den = 1
        for d in present.tolist():
            den = den * d // math.gcd(den, d)
            if den >= _INT64_SAFE:
                return elementwise()
        factor = den // q
        if big * int(factor.max()) < _INT64_SAFE:
            return cls(p * factor, den)
        return elementwise()

    @classmethod
    def from_rationals(cls, flat_nums, flat_dens, shape) -> ExactArray:
        den = math.lcm(*set(flat_dens))
        nums = [p * (den // q) for p, q in zip(flat_nums, flat_dens)]
        return cls(_int_array(nums, shape), den)

    def _canonical(self) -> None:
        p, q = self._p.reshape(-1).tolist(), self._q.reshape(-1).tolist()
        other = ExactArray.from_rationals(p, q, self._p.shape)
        self._num, self._den = other._num, other._den

    @property
    def num(self) -> np.ndarray:
        """Numerators over the common denominator `den`."""
        if self._num is None:
            self._canonical()
        return self._num

    @property
    def den(self) -> int:
        """The common denominator (a Python int)."""
        if self._num is None:
            self._canonical()
        return self._den

    @property
    def shape(self) -> tuple[int, ...]:
        return (self._num if self._num is not None else self._p).shape

    def floats(self) -> np.ndarray:
        """Float64 approximations of the values (each within one rounding of the exact value),
        computed once; only ever used to guide exact computations."""
        if self._floats is None:
            if self._p is not None:
                self._floats = self._p / self._q
            elif self._num.dtype != object:
                self._floats = self._num / self._den
            else:
                self._floats = np.array([float(Fraction(int(x), self._den))
                                         for x in self._num.reshape(-1)]).reshape(self.shape)
        return self._floats

    def float_range(self) -> tuple[float, float]:
        """``(min, max)`` of the float guide (``(0.0, 0.0)`` when empty), computed once."""
        if self._range is None:
            f = self.floats()
            self._range = (float(f.min()), float(f.max())) if f.size else (0.0, 0.0)
        return self._range

    def float_scale(self) -> float:
        """``max |floats()|``: the scale of the guide's rounding errors."""
        lo, hi = self.float_range()
        return max(hi, -lo)

    def pq_bounds(self) -> tuple[int, int]:
        """``(max |p|, max q)`` of the elementwise fractions (`pq` must not be None)."""
        if self._bounds is None:
            p, q = self.pq()
            big = max(int(p.max(initial=0)), -int(p.min(initial=0)))
            self._bounds = (big, int(np.max(q, initial=1)))
        return self._bounds

    @property
    def is_elementwise(self) -> bool:
        """True when the values are kept as elementwise fractions (`pq` gives a ``q`` array)."""
        return self._p is not None

    def pq(self):
        """``(p, q)``: int64 numerators and denominators (``q`` an int or an array), or None."""
        if self._p is not None:
            return self._p, self._q
        if self._num.dtype != object:
            return self._num, self._den
        return None

    def value(self, index) -> Rational:
        if self._num is None:
            return Rational(int(self._p[index]), int(self._q[index]))
        return Rational(int(self._num[index]), self._den)

    def to_sympy(self) -> np.ndarray:
        shape = self.shape
        out = np.empty(shape, dtype=object)
        flat = out.reshape(-1)
        if self._num is None:
            for k, (a, b) in enumerate(zip(self._p.reshape(-1).tolist(),
                                           self._q.reshape(-1).tolist())):
                flat[k] = Rational(a, b)
            return out
        den = self._den
        for k, p in enumerate(self._num.reshape(-1).tolist()):
            flat[k] = Rational(p, den) if den != 1 else Integer(p)
        return out

    def extremes(self) -> tuple[int, int]:
        """``(min, max)`` of the numerators over the common denominator, computed once."""
        if self._extremes is None:
            num = self.num
            if num.size == 0:
                self._extremes = (0, 0)
            elif num.dtype == object:
                flat = num.reshape(-1).tolist()
                self._extremes = (int(min(flat)), int(max(flat)))
            else:
                self._extremes = (int(num.min()), int(num.max()))
        return self._extremes

    def max_abs(self) -> int:
        """Largest absolute numerator (over the common denominator)."""
        lo, hi = self.extremes()
        return max(hi, -lo)


_GCD_TABLE_SIZE = 1024
_gcd_table = None


def _reduce(p: np.ndarray, q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Elementwise lowest terms of ``p / q`` (``q > 0``), vectorised.

    ``gcd(p, q) = gcd(p mod q, q)``, read from a table of gcds when every denominator is at
    most 1024 (built once per process), else computed by ``np.gcd``. The divisions are done
    in float64 when every numerator is below 2**53 in size: the quotient is an integer that
    float64 represents exactly, so correctly rounded division returns it exactly.
    """
    global _gcd_table
    if q.size == 0:
        return p, q
    qmax = int(q.max())
    if qmax <= _GCD_TABLE_SIZE:
        if _gcd_table is None:
            r = np.arange(_GCD_TABLE_SIZE + 1)
            _gcd_table = np.gcd.outer(r, r).astype(np.int64).reshape(-1)
        g = _gcd_table[q * (_GCD_TABLE_SIZE + 1) + p % q]
    else:
        g = np.gcd(p, q)
    if int(g.max()) == 1:
        return p, q
    if max(int(p.max()), -int(p.min())) < 2**53:
        return (p / g).astype(np.int64), (q / g).astype(np.int64)
    return p // g, q // g


def _int_array(values, shape) -> np.ndarray:
    """An int64 array when every value is below 2**62 in size, else an object array of ints."""
    if not values or max(values) < _INT64_SAFE and min(values) > -_INT64_SAFE:
        return np.array(values, dtype=np.int64).reshape(shape)
    arr = np.empty(len(values), dtype=object)
    arr[:] = values
    return arr.reshape(shape)


def to_exact_array(data, *, name: str, allow_floats: bool = False, symbols=None,
                   error: type[SymalignError] = SymalignError):
    """Convert array-like data to either an `ExactArray` (all rational) or a sympy object array.

    Returns ``(shape, exact_array_or_None, sympy_object_array_or_None)``.
    """
    if isinstance(data, np.ndarray):
        arr = data
    else:
        try:
            arr = np.asarray(data, dtype=object)
        except ValueError as exc:
            raise error(f"Argument '{name}' is not a rectangular array: {exc}") from None
        # object arrays of lists mean ragged input
        if arr.dtype == object and arr.size and any(isinstance(x, (list, tuple, np.ndarray))
                                                    for x in arr.reshape(-1)[:1]):
            raise error(f"Argument '{name}' is not a rectangular array of numbers.")
    shape = tuple(int(s) for s in arr.shape)
    kind = arr.dtype.kind
    if kind in "iu":
        hi, lo = (int(arr.max()), int(arr.min())) if arr.size else (0, 0)
        if hi >= _INT64_SAFE or lo <= -_INT64_SAFE:
            return shape, ExactArray(arr.astype(object), 1), None
        ex = ExactArray(np.ascontiguousarray(arr, dtype=np.int64), 1)
        ex._extremes = (lo, hi)  # scanned anyway for the overflow check: keep them
        return shape, ex, None
    if kind == "b":
        raise error(f"Argument '{name}' holds booleans; pass numbers.")
    if kind == "f":
        if not allow_floats:
            bad = arr.reshape(-1)[0] if arr.size else 0.0
            raise _float_error(name, float(bad), " (a float array)")
        arr = arr.astype(object)
        kind = "O"
    if kind == "c":
        raise error(f"Argument '{name}' holds complex numbers; payoffs are real.")
    flat = arr.reshape(-1).tolist()
    nums: list[int] = []
    dens: list[int] = []
    exprs: list | None = None
    for k, x in enumerate(flat):
        t = type(x)
        if t is int:
            if exprs is None:
                nums.append(x)
                dens.append(1)
            else:
                exprs.append(Integer(x))
            continue
        if t is Fraction and exprs is None:
            nums.append(x.numerator)
            dens.append(x.denominator)
            continue
        where = f" at index {tuple(int(x) for x in np.unravel_index(k, shape)) if shape else ()}"
        v = to_exact(x, name=name, where=where, allow_floats=allow_floats, symbols=symbols,
                     error=error)
        if exprs is None and v.is_Rational:
            nums.append(int(v.p))
            dens.append(int(v.q))
            continue
        if exprs is None:
            exprs = [Rational(p, q) for p, q in zip(nums, dens)]
        exprs.append(v)
    if exprs is None:
        if nums and max(nums) < _INT64_SAFE and min(nums) > -_INT64_SAFE and \
                max(dens) < _INT64_SAFE:
            ex = ExactArray.from_pq(np.array(nums, dtype=np.int64).reshape(shape),
                                    np.array(dens, dtype=np.int64).reshape(shape))
            return shape, ex, None
        return shape, ExactArray.from_rationals(nums, dens, shape), None
    out = np.empty(len(exprs), dtype=object)
    out[:] = exprs
    return shape, None, out.reshape(shape)


def finish(expr) -> sympy.Expr:
    """Canonical form of a computed value: expanded when symbolic, untouched when numeric."""
    expr = sympy.sympify(expr)
    return sympy.expand(expr) if expr.free_symbols else expr
