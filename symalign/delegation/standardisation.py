"""Standardisation of utility functions: shift, magnitude and standardised vector (Gleave et al. (2021), EPIC; Skalse et al. (2024), STARC).

A standardisation is a shift ``c`` (affine-equivariant), a scale norm ``m`` evaluated on the
centred vector, and a distance ``d`` on standardised vectors (Gleave et al. (2021), EPIC; Skalse et al. (2024), STARC):

``c_u = c(u)``, ``m_u = m(u - c_u 1)`` (the *magnitude*), ``nu(u) = (u - c_u 1)/m_u`` when
``m_u > 0`` and ``nu = 0`` for a constant ``u`` (symalign's zero-magnitude convention), so that
``u = m_u nu(u) + c_u 1``.

Two named standardisations are provided: `EPIC` (mean, Euclidean norm, half-Euclidean
distance; ``K_m = sqrt(2)``, ``K_d = 2``) and `MAX` (mid-range, ``L^inf``; ``K_m = 2``,
``K_d = 1``), plus `mean_under` (a coverage distribution ``D``: ``D``-weighted mean and the
``L^2(D)`` norm) and any combination of the mean or mid-range shift with the ``L^1``, ``L^2``
or ``L^inf`` norm.

Rational utilities take an exact integer path: the centred vector is reduced to a primitive
integer vector ``v``, so ``nu = v / ||v||`` has one canonical exact form (equal for any two
utilities related by a positive affine map) and the EPIC magnitude is a rational multiple of
the square root of an integer.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from symalign.core.lazy import np
import sympy
from sympy import ImmutableMatrix, Integer, Rational

from symalign.core.exact import to_exact
from symalign.engines.signs import is_constant
from symalign.engines.symbolic import smax, smin
from symalign.core.errors import SymalignError

__all__ = [
    "Standardisation",
    "Standardised",
    "EPIC",
    "MAX",
    "mean_under",
    "standardise",
    "magnitude",
]

SOURCE = "Gleave et al. (2021), EPIC; Skalse et al. (2024), STARC"

_SHIFTS = ("mean", "midrange")
_NORMS = ("L1", "L2", "Linf")


def _frac(x) -> Fraction:
    return Fraction(int(x.p), int(x.q))


@dataclass(frozen=True)
class Standardisation:
    """A standardisation scheme: shift, scale norm, distance and its exact constants (Gleave et al. (2021), EPIC; Skalse et al. (2024), STARC).

    ``K_m`` bounds the range ``max nu - min nu`` of a standardised utility; ``K_d`` bounds the
    ratio ``||nu - nu'||_inf / d(nu, nu')``; ``d_max`` is the largest distance. The distance is
    ``distance_factor * m(nu - nu')`` in the scale norm. The constants are exact and valid for
    every number of outcomes (EPIC's ``K_d = 2`` is the authors' constant; the tight
    ``2 sqrt(1 - 1/N)`` is `epic_tight_K_d`).

    Examples
    ========

    >>> from symalign.delegation.standardisation import EPIC, MAX, Standardisation
    >>> EPIC.K_m, EPIC.K_d, EPIC.d_max          # Gleave et al. (2021), EPIC; Skalse et al. (2024), STARC table
    (sqrt(2), 2, 1)
    >>> MAX.K_m, MAX.K_d, MAX.d_max
    (2, 1, 2)
    >>> Standardisation("mean", "L1").K_m
    1

    Parameters
    ==========

    shift : {"mean", "midrange"}
        The shift rule ``c``.
    norm : {"L1", "L2", "Linf"}
        The scale norm ``m`` (``L2`` with a ``distribution`` is ``L^2(D)``).
    distance_factor : exact positive number
        ``d(nu, nu') = distance_factor * m(nu - nu')``; EPIC uses 1/2.
    name : str, optional
    distribution : sequence of exact positive weights summing to 1, optional
        A coverage distribution ``D`` (only with ``shift="mean"``, ``norm="L2"``).

    Raises
    ======

    SymalignError
        For an unknown shift or norm, a non-positive factor, or a bad distribution.

    """

    shift: str = "mean"
    norm: str = "L2"
    distance_factor: sympy.Expr = Rational(1, 2)
    name: str | None = None
    distribution: tuple | None = field(default=None, repr=False)
    K_m: sympy.Expr = field(init=False, repr=False, compare=False)
    K_d: sympy.Expr = field(init=False, repr=False, compare=False)
    d_max: sympy.Expr = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        if self.shift not in _SHIFTS:
            raise SymalignError(f"Argument 'shift' is {self.shift!r}; use one of {_SHIFTS}.")
        if self.norm not in _NORMS:
            raise SymalignError(f"Argument 'norm' is {self.norm!r}; use one of {_NORMS}.")
        kappa = to_exact(self.distance_factor, name="distance_factor")
        if not (kappa.is_Rational and kappa > 0):
            raise SymalignError(f"Argument 'distance_factor' is {kappa}; it must be a positive "
                                "rational number.")
        object.__setattr__(self, "distance_factor", kappa)
        D = self.distribution
        if D is not None:
            if self.shift != "mean" or self.norm != "L2":
                raise SymalignError("Argument 'distribution' needs shift='mean' and norm='L2' "
                                    f"(got {self.shift!r}, {self.norm!r}).")
            D = tuple(to_exact(x, name="distribution", where=f" (outcome {k})")
                      for k, x in enumerate(D))
            if not D or any(not (x.is_Rational and x > 0) for x in D) or sum(D) != 1:
                raise SymalignError(f"Argument 'distribution' is {D}; it must be positive "
                                    "rational weights summing to 1.")
            object.__setattr__(self, "distribution", D)
        if self.name is None:
            object.__setattr__(self, "name", f"{self.shift}/{self.norm}")
        if self.norm == "L2":
            if D is None:
                K_m, K_d = sympy.sqrt(2), 1 / kappa
            else:
                small = sorted(D)
                K_m = sympy.sqrt(1 / small[0] + 1 / small[1]) if len(small) > 1 else Integer(0)
                K_d = 1 / (kappa * sympy.sqrt(small[0]))
        elif self.norm == "Linf":
            K_m, K_d = Integer(2), 1 / kappa
        else:
            K_m, K_d = Integer(1), 1 / kappa
        object.__setattr__(self, "K_m", K_m)
        object.__setattr__(self, "K_d", K_d)
        object.__setattr__(self, "d_max", 2 * kappa)

    # -- the three rules on exact vectors ----------------------------------------------------
    def shift_of(self, values: Sequence, assumptions=()) -> sympy.Expr:
        """The shift ``c(u)`` of a vector of exact values.

        Examples
        ========

        >>> from symalign.delegation.standardisation import EPIC, MAX
        >>> EPIC.shift_of([2, 1, 1, 10]), MAX.shift_of([2, 1, 1, 10])   # symalign's EPIC and MAX test vectors
        (7/2, 11/2)

        """
        vals = [to_exact(v, name="u") for v in values]
        self._check_length(len(vals))
        if self.shift == "midrange":
            return _tidy((smax(vals, assumptions) + smin(vals, assumptions)) / 2)
        if self.distribution is not None:
            return _tidy(sympy.Add(*(d * v for d, v in zip(self.distribution, vals))))
        return _tidy(sympy.Add(*vals) / len(vals))

    def norm_of(self, values: Sequence, assumptions=()) -> sympy.Expr:
        """The scale norm ``m(x)`` of any vector (centred or not, Gleave et al. (2021), EPIC; Skalse et al. (2024), STARC).

        Examples
        ========

        >>> from symalign.delegation.standardisation import EPIC, MAX
        >>> EPIC.norm_of([3, 4]), MAX.norm_of([3, -4])
        (5, 4)

        """
        vals = [to_exact(v, name="x") for v in values]
        self._check_length(len(vals))
        if self.norm == "L2":
            w = self.distribution or (Integer(1),) * len(vals)
            return _tidy(sympy.sqrt(_tidy(sympy.Add(*(d * v**2 for d, v in zip(w, vals))))))
        if self.norm == "L1":
            return _tidy(sympy.Add(*(_abs(v, assumptions) for v in vals)))
        return smax([_abs(v, assumptions) for v in vals], assumptions)

    def distance(self, nu, nu_prime, assumptions=()) -> sympy.Expr:
        """``d(nu, nu') = distance_factor * m(nu - nu')`` between standardised vectors.

        Examples
        ========

        >>> from symalign.delegation.standardisation import EPIC
        >>> EPIC.distance([1, 0], [0, 1])
        sqrt(2)/2

        """
        a = [to_exact(v, name="nu") for v in nu]
        b = [to_exact(v, name="nu_prime") for v in nu_prime]
        if len(a) != len(b):
            raise SymalignError(f"Arguments 'nu' and 'nu_prime' have lengths {len(a)} and "
                                f"{len(b)}; they must be equal.")
        return _tidy(self.distance_factor * self.norm_of([x - y for x, y in zip(a, b)],
                                                          assumptions))

    def _check_length(self, n: int) -> None:
        if n == 0:
            raise SymalignError("Argument 'u' is empty: a utility needs at least one outcome.")
        if self.distribution is not None and n != len(self.distribution):
            raise SymalignError(f"Argument 'u' has {n} outcomes, but the standardisation's "
                                f"distribution has {len(self.distribution)}.")

    def __str__(self):
        return self.name


#: EPIC (Gleave et al. 2021): mean shift, Euclidean norm, half-Euclidean distance (Gleave et al. (2021), EPIC; Skalse et al. (2024), STARC).
EPIC = Standardisation("mean", "L2", Rational(1, 2), "EPIC")
#: MAX: mid-range shift, L-infinity norm and distance (Gleave et al. (2021), EPIC; Skalse et al. (2024), STARC).
MAX = Standardisation("midrange", "Linf", Integer(1), "MAX")


def mean_under(distribution) -> Standardisation:
    """EPIC under a coverage distribution ``D``: ``c = E_D u``, ``m = ||.||_{L^2(D)}`` (Gleave et al. (2021), EPIC; Skalse et al. (2024), STARC).

    Note that with the uniform ``D`` the norm is the root-mean-square, so magnitudes are those
    of `EPIC` divided by ``sqrt(|S|)``; standardised vectors scale accordingly. ``K_m`` and
    ``K_d`` depend on the two smallest weights (``K_m = sqrt(1/D_a + 1/D_b)``,
    ``K_d = 2/sqrt(D_min)``).

    Examples
    ========

    >>> from symalign.delegation.standardisation import mean_under, standardise
    >>> s = mean_under(["1/2", "1/4", "1/4"])
    >>> standardise([4, 0, 0], s).magnitude, s.K_m
    (2, 2*sqrt(2))

    """
    return Standardisation("mean", "L2", Rational(1, 2), "EPIC(D)", tuple(distribution))


def epic_tight_K_d(n_outcomes: int) -> sympy.Expr:
    """The tight EPIC constant ``K_d(N) = 2 sqrt(1 - 1/N)`` (Gleave et al. (2021), EPIC; Skalse et al. (2024), STARC), a named refinement.

    Examples
    ========

    >>> from symalign.delegation.standardisation import epic_tight_K_d
    >>> epic_tight_K_d(2), epic_tight_K_d(4)
    (sqrt(2), sqrt(3))

    """
    if not isinstance(n_outcomes, (int, np.integer)) or n_outcomes < 1:
        raise SymalignError(f"Argument 'n_outcomes' is {n_outcomes!r}; it must be a positive int.")
    return 2 * sympy.sqrt(1 - Rational(1, int(n_outcomes)))


__all__.append("epic_tight_K_d")


@dataclass(frozen=True)
class Standardised:
    """A utility's standardisation ``u = magnitude * vector + shift`` (Gleave et al. (2021), EPIC; Skalse et al. (2024), STARC).

    ``is_constant`` is True for a constant utility, whose magnitude is 0 and whose standardised
    vector is 0 by symalign's convention (docs/discussion/delegation.rst); for symbolic utilities it may be a sympy
    condition, and then ``vector`` is a ``Piecewise``.

    Examples
    ========

    >>> import symalign as sa
    >>> s = sa.standardise([2, 1, 1, 10])
    >>> s.shift, s.magnitude, s.is_constant
    (7/2, sqrt(57), False)
    """

    vector: ImmutableMatrix
    shift: sympy.Expr
    magnitude: sympy.Expr
    standardisation: Standardisation = field(repr=False)
    is_constant: object = False
    note: str = field(default="", repr=False)
    source: str = field(default=SOURCE, repr=False)


_CONST_NOTE = ("constant utility: magnitude 0 and standardised vector 0 by the zero-magnitude "
               "convention of Gleave et al. (2021), EPIC; Skalse et al. (2024), STARC")


def _tidy(e):
    e = sympy.sympify(e)
    return e if e.is_Rational else sympy.expand(e)


def _abs(v, assumptions=()):
    if v.is_number:
        return abs(v)
    return smax([v, -v], assumptions)


def _as_values(u, name: str = "u") -> list:
    if isinstance(u, sympy.MatrixBase):
        if min(u.shape) != 1 and u.shape != (0, 0):
            raise SymalignError(f"Argument '{name}' is a {u.shape[0]}x{u.shape[1]} matrix; pass "
                                "a vector.")
        vals = list(u)
    elif isinstance(u, np.ndarray):
        vals = list(u.reshape(-1))
    elif isinstance(u, (str, bytes)) or not hasattr(u, "__iter__"):
        raise SymalignError(f"Argument '{name}' is {u!r}; pass a sequence or vector of exact "
                            "values.")
    else:
        vals = list(u)
    if not vals:
        raise SymalignError(f"Argument '{name}' is empty: a utility needs at least one outcome.")
    return [to_exact(v, name=name, where=f" (outcome {k})") for k, v in enumerate(vals)]


# -- the exact integer path -----------------------------------------------------------------------

class _NumStd:
    """Private: the exact standardisation of a rational vector.

    ``shift`` (Fraction); ``v`` a primitive integer vector with ``nu = v / nv``; ``scale`` a
    Fraction with ``magnitude = scale * nv``; ``nv`` is a Fraction (L1, Linf) or ``None`` with
    ``P`` (L2): ``nv = sqrt(P)``. A constant vector has ``v`` all zero and ``scale = 0``.
    """

    __slots__ = ("shift", "v", "scale", "nv", "P", "centred", "constant", "_nu")

    def magnitude_sq(self) -> Fraction:
        if self.constant:
            return Fraction(0)
        if self.P is not None:
            return self.scale * self.scale * self.P
        return (self.scale * self.nv) ** 2

    def nu_fractions(self) -> list[Fraction] | None:
        """``nu`` as Fractions when rational (L1, Linf), else None."""
        if self.constant:
            return [Fraction(0)] * len(self.v)
        if self.P is not None:
            return None
        if self._nu is None:
            self._nu = [Fraction(x) / self.nv for x in self.v]
        return self._nu

    def magnitude_sympy(self):
        if self.constant:
            return Integer(0)
        s = Rational(self.scale.numerator, self.scale.denominator)
        if self.P is not None:
            return s * _sqrt_frac(self.P)
        return s * Rational(self.nv.numerator, self.nv.denominator)

    def nu_sympy(self) -> list:
        if self.constant:
            return [Integer(0)] * len(self.v)
        if self.P is not None:
            root = _sqrt_frac(self.P)
            return [Integer(x) / root for x in self.v]
        return [Rational(x.numerator, x.denominator) for x in self.nu_fractions()]


def _sqrt_frac(P: Fraction):
    return sympy.sqrt(Rational(P.numerator, P.denominator))


def _num_standardise(nums: Sequence[int], den: int, std: Standardisation) -> _NumStd:
    """Standardise ``nums / den`` exactly with Python ints (fast path)."""
    N = len(nums)
    out = _NumStd()
    out._nu = None
    if std.shift == "midrange":
        hi, lo = max(nums), min(nums)
        out.shift = Fraction(hi + lo, 2 * den)
        x = [2 * a - hi - lo for a in nums]
        D0 = 2 * den
    elif std.distribution is None:
        T = sum(nums)
        out.shift = Fraction(T, N * den)
        x = [N * a - T for a in nums]
        D0 = N * den
    else:
        E = 1
        for d in std.distribution:
            E = E * int(d.q) // math.gcd(E, int(d.q))
        e = [int(d.p) * (E // int(d.q)) for d in std.distribution]
        T = sum(ei * a for ei, a in zip(e, nums))
        out.shift = Fraction(T, E * den)
        x = [E * a - T for a in nums]
        D0 = E * den
    g = 0
    for a in x:
        g = math.gcd(g, a)
    out.centred = x, D0
    if g == 0:
        out.v = tuple(0 for _ in x)
        out.scale = Fraction(0)
        out.nv = Fraction(0)
        out.P = None
        out.constant = True
        return out
    out.constant = False
    v = tuple(a // g for a in x)
    out.v = v
    out.scale = Fraction(g, D0)
    if std.norm == "L2":
        out.nv = None
        if std.distribution is None:
            out.P = Fraction(sum(a * a for a in v))
        else:
            out.P = sum((Fraction(int(d.p), int(d.q)) * a * a for d, a in
                         zip(std.distribution, v)), Fraction(0))
    elif std.norm == "L1":
        out.P = None
        out.nv = Fraction(sum(abs(a) for a in v))
    else:
        out.P = None
        out.nv = Fraction(max(abs(a) for a in v))
    return out


def _num_std_of_game(game, player: int, std: Standardisation) -> _NumStd:
    """Cached `_NumStd` of a numeric game's player utility."""
    key = ("symalign.delegation.standardisation", player, std)
    cache = game._cache
    hit = cache.get(key)
    if hit is None:
        ex = game.exact_arrays()[player]
        hit = _num_standardise([int(a) for a in ex.num.reshape(-1).tolist()], ex.den, std)
        cache[key] = hit
    return hit


def _standardised_from_num(ns: _NumStd, std: Standardisation) -> Standardised:
    return Standardised(
        vector=ImmutableMatrix(ns.nu_sympy()),
        shift=Rational(ns.shift.numerator, ns.shift.denominator),
        magnitude=ns.magnitude_sympy(), standardisation=std, is_constant=ns.constant,
        note=_CONST_NOTE if ns.constant else "")


class LazyVector:
    """The standardised vector of a large numeric utility, built only when it is used.

    Behaves as the `sympy.ImmutableMatrix` it stands for (attribute access, indexing,
    arithmetic and ``sympify`` all materialise it once); ``entry(k)`` gives one exact entry
    without building the rest. Used by `standardise` for numeric games with many outcomes,
    where creating a million sympy numbers would dominate the cost.
    """

    __slots__ = ("_make_entry", "_n", "_matrix")

    def __init__(self, make_entry, n: int):
        self._make_entry = make_entry
        self._n = n
        self._matrix = None

    def entry(self, k: int) -> sympy.Expr:
        """The exact ``k``-th entry (0-based, row-major outcomes)."""
        if not 0 <= k < self._n:
            raise IndexError(k)
        return self._make_entry(k)

    def materialise(self) -> ImmutableMatrix:
        """The full exact column vector."""
        if self._matrix is None:
            self._matrix = ImmutableMatrix([self._make_entry(k) for k in range(self._n)])
        return self._matrix

    def _sympy_(self):
        return self.materialise()

    def __getattr__(self, name):
        return getattr(self.materialise(), name)

    def __len__(self):
        return self._n

    def __iter__(self):
        return (self._make_entry(k) for k in range(self._n))

    def __getitem__(self, key):
        if isinstance(key, int):
            return self.entry(key if key >= 0 else self._n + key)
        return self.materialise()[key]

    def __eq__(self, other):
        if isinstance(other, LazyVector):
            other = other.materialise()
        return self.materialise() == other

    __hash__ = None

    def __repr__(self):
        return f"LazyVector(<{self._n} exact entries>)"

    def __neg__(self):
        return -self.materialise()

    def __add__(self, other):
        return self.materialise() + other

    def __radd__(self, other):
        return other + self.materialise()

    def __sub__(self, other):
        return self.materialise() - other

    def __rsub__(self, other):
        return other - self.materialise()

    def __mul__(self, other):
        return self.materialise() * other

    def __rmul__(self, other):
        return other * self.materialise()

    def __truediv__(self, other):
        return self.materialise() / other


#: Numeric games with more outcomes than this get a `LazyVector` from the vectorised path.
LAZY_VECTOR_THRESHOLD = 10_000


def _group_sums(p: np.ndarray, q: np.ndarray, bounds: tuple[int, int] | None = None):
    """Exact ``(sum p/q, sum (p/q)**2)`` over elementwise int64 fractions, grouped by ``q``.

    Small denominators are grouped by ``np.add.at`` in int64 when ``max|p|**2`` times the
    number of values, or else times the largest group's size (counted), stays below 2**62
    and so bounds every partial sum; otherwise the values are sorted by denominator and
    summed as Python integers.
    """
    if bounds is None:
        bounds = (max(int(p.max(initial=0)), -int(p.min(initial=0))), int(q.max(initial=1)))
    big, qmax = bounds
    N = p.size
    groups = s1 = s2 = None
    if qmax <= 1 << 20:
        # every partial sum of p^2 within a group is at most max|p|^2 times the group's size:
        # bounded by N, or (counted) by the largest group
        largest = N if big * big * N < 2**62 else int(np.bincount(q).max(initial=1))
        if big * big * largest < 2**62:  # exact int64 accumulation
            acc1 = np.zeros(qmax + 1, dtype=np.int64)
            acc2 = np.zeros(qmax + 1, dtype=np.int64)
            np.add.at(acc1, q, p)
            np.add.at(acc2, q, p * p)
            present = np.flatnonzero(acc2)   # a group with sum p^2 == 0 adds nothing
            groups = present.tolist()
            s1, s2 = acc1[present].tolist(), acc2[present].tolist()
    if groups is None:
        order = np.argsort(q, kind="stable")
        qs, ps = q[order], p[order]
        starts = np.flatnonzero(np.r_[True, qs[1:] != qs[:-1]])
        po = ps.astype(object)
        s1 = [int(x) for x in np.add.reduceat(po, starts)]
        s2 = [int(x) for x in np.add.reduceat(po * po, starts)]
        groups = qs[starts].tolist()
    if not groups:
        return Fraction(0), Fraction(0)
    # over the common denominator L (about a thousand digits for denominators up to 1000):
    # each term is a big integer divided or multiplied by a small one, never big times big
    L = math.lcm(*groups)
    L2 = L * L
    T = Fraction(sum(int(a) * (L // b) for a, b in zip(s1, groups)), L)
    S2 = Fraction(sum(int(a) * (L2 // (b * b)) for a, b in zip(s2, groups)), L2)
    return T, S2


def _vectorised_player(game, player: int, std: Standardisation) -> Standardised | None:
    """EPIC or MAX standardisation of a large numeric game's player without Python loops."""
    if std.distribution is not None or (std.shift, std.norm) not in (("mean", "L2"),
                                                                      ("midrange", "Linf")):
        return None
    ex = game.exact_arrays()[player]
    N = game.n_outcomes
    pq = ex.pq()
    if std.shift == "midrange":
        from symalign.engines.numeric import player_extreme
        hi, lo = player_extreme(ex, "max"), player_extreme(ex, "min")
        c, m = (hi + lo) / 2, (hi - lo) / 2
    else:
        if ex.is_elementwise:
            T, S2 = _group_sums(pq[0].reshape(-1), pq[1].reshape(-1), ex.pq_bounds())
        else:
            num = ex.num.reshape(-1)
            lo, hi = ex.extremes()
            big = max(hi, -lo)
            if num.dtype != object and big * big * N < 2**62:
                s1, s2 = int(num.sum()), int((num * num).sum())
            else:
                o = num.astype(object)
                s1, s2 = int(o.sum()), int((o * o).sum())
            T, S2 = Fraction(s1, ex.den), Fraction(s2, ex.den * ex.den)
        cf = T / N
        var = S2 - T * T / N            # sum over outcomes of (u - c)^2
        c = Rational(cf.numerator, cf.denominator)
        m = sympy.sqrt(Rational(var.numerator, var.denominator))
    if m == 0:
        return Standardised(LazyVector(lambda k: Integer(0), N), c, Integer(0), std, True,
                            _CONST_NOTE)
    inv = 1 / m

    def make(k, ex=ex, c=c, inv=inv, shape=game.shape):
        return sympy.expand((ex.value(np.unravel_index(k, shape)) - c) * inv)

    return Standardised(LazyVector(make, N), c, m, std, False, "")


def standardise(u, standardisation: Standardisation = EPIC, *, assumptions=(),
                player=None) -> Standardised:
    """Standardise a utility: shift, magnitude and standardised vector (Gleave et al. (2021), EPIC; Skalse et al. (2024), STARC).

    Examples
    ========

    The stag-hunt test vector of symalign's EPIC and MAX test vectors:

    >>> from symalign.delegation.standardisation import standardise, EPIC, MAX
    >>> s = standardise([2, 1, 1, 10])
    >>> s.shift, s.magnitude
    (7/2, sqrt(57))
    >>> s.vector.T * 2 * s.magnitude
    Matrix([[-3, -5, -5, 13]])
    >>> t = standardise([2, 1, 1, 10], MAX)
    >>> t.shift, t.magnitude, t.vector.T
    (11/2, 9/2, Matrix([[-7/9, -1, -1, 1]]))
    >>> standardise([3, 3, 3]).is_constant
    True

    A player of a game (numeric games with many outcomes take a vectorised exact path):

    >>> import symalign as sa
    >>> standardise(sa.games.stag_hunt(), EPIC, player=0).magnitude
    sqrt(57)

    Symbolic utilities stay exact:

    >>> import sympy
    >>> x = sympy.Symbol("x", positive=True)
    >>> standardise([0, x]).magnitude
    sqrt(2)*x/2

    Parameters
    ==========

    u : sequence, sympy vector, numpy array, ``game.utility(i)``, or a `Game` with ``player``
        The utility over outcomes (exact values or expressions).
    standardisation : Standardisation
        `EPIC` (default), `MAX`, `mean_under` or another `Standardisation`.
    assumptions : iterable of sympy relations, optional
        Used to decide signs, maxima and zero-ness for symbolic utilities.
    player : int or str, optional
        With a `Game` as ``u``: whose utility. Numeric games with more than
        `LAZY_VECTOR_THRESHOLD` outcomes take a vectorised exact path (EPIC and MAX) and return
        the standardised vector as a `LazyVector`.

    Returns
    =======

    Standardised

    Raises
    ======

    UndecidableError
        Never for the magnitude; the vector becomes a ``Piecewise`` if it cannot be decided
        whether a symbolic utility is constant.

    """
    std = standardisation
    if not isinstance(std, Standardisation):
        raise SymalignError(f"Argument 'standardisation' is {std!r}; pass a Standardisation "
                            "such as EPIC or MAX.")
    from symalign.core.game import Game
    if isinstance(u, Game):
        if player is None:
            raise SymalignError("Argument 'player' is needed when 'u' is a Game: standardise "
                                "(game, player=i) standardises player i's utility.")
        i = u.player_index(player)
        if u.is_numeric and u.n_outcomes > LAZY_VECTOR_THRESHOLD:
            fast = _vectorised_player(u, i, std)
            if fast is not None:
                return fast
        u = u.utility(i)
    vals = _as_values(u)
    std._check_length(len(vals))
    if all(v.is_Rational for v in vals):
        den = 1
        for v in vals:
            den = den * int(v.q) // math.gcd(den, int(v.q))
        nums = [int(v.p) * (den // int(v.q)) for v in vals]
        return _standardised_from_num(_num_standardise(nums, den, std), std)
    return _symbolic_standardise(vals, std, tuple(assumptions))


def _symbolic_standardise(vals, std, assumptions) -> Standardised:
    c = std.shift_of(vals, assumptions)
    x = [_tidy(v - c) for v in vals]
    # constant iff every centred value is zero: the linear condition "the utility is constant"
    constant = is_constant(vals, assumptions).value
    if constant is True:
        return Standardised(ImmutableMatrix([Integer(0)] * len(x)), c, Integer(0), std, True,
                            _CONST_NOTE)
    m = std.norm_of(x, assumptions)
    if constant is False:
        nu = [_tidy(xi / m) for xi in x]
        return Standardised(ImmutableMatrix(nu), c, m, std, False, "")
    cond = sympy.Ne(m, 0)
    nu = [sympy.Piecewise((xi / m, cond), (Integer(0), True)) for xi in x]
    return Standardised(ImmutableMatrix(nu), c, m, std, sympy.Eq(m, 0),
                        "whether the utility is constant is undecided; the vector is piecewise")


def magnitude(u, standardisation: Standardisation = EPIC, *, assumptions=()) -> sympy.Expr:
    """The magnitude ``m_u`` of a utility (Gleave et al. (2021), EPIC; Skalse et al. (2024), STARC); 0 for a constant utility.

    Examples
    ========

    >>> from symalign.delegation.standardisation import magnitude, MAX
    >>> magnitude([2, 1, 1, 10]), magnitude([2, 1, 1, 10], MAX)   # symalign's EPIC and MAX test vectors
    (sqrt(57), 9/2)

    """
    return standardise(u, standardisation, assumptions=assumptions).magnitude



