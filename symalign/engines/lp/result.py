"""`solve_lp` and its verified result record `LPResult`."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction

import sympy

from symalign.core.lazy import np
from symalign.engines.lp.driver import _Outcome, _solve
from symalign.engines.lp.problem import SOURCE_LP, _build, _IntLP, _matrix, _rat, _vector

# ---------------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------------





@dataclass(frozen=True)
class LPResult:
    """The exact, verified answer of `solve_lp`.

    Examples
    ========

    A degenerate LP: the optimum ``d = 1`` with value 2, and its dual certificate.

    >>> from symalign.engines.lp import solve_lp
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
        Where the definition comes from (a paper and section, or a docs page).
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

        >>> from symalign.engines.lp import solve_lp
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
    """Solve a linear program exactly and verify the answer (symalign's exact LP verification).

    Minimise (or with ``maximize=True`` maximise) ``c . x`` subject to ``A_ub x <= b_ub``,
    ``A_eq x == b_eq`` and ``x_j >= 0`` for every ``j`` not in ``free``. HiGHS proposes a
    basis, which is solved again in exact rational arithmetic and verified (primal
    feasibility, dual feasibility, equal objective values); when that fails an exact simplex
    started from HiGHS's basis repairs it, and an exact simplex from scratch (two phases,
    Bland's rule) is the last resort (see the module docstring). Infeasible and unbounded
    problems carry verified certificates (see `LPResult`).

    Examples
    ========

    The degenerate LP on which sympy 1.14's simplex returned an infeasible point:

    >>> from symalign.engines.lp import solve_lp
    >>> res = solve_lp([4, 3, 3, 2], A_ub=[[1, 1, 0, 0], [1, 0, 1, 0]], b_ub=[0, 0],
    ...                A_eq=[[1, 1, 1, 1]], b_eq=[1], maximize=True)
    >>> res.status, res.value, res.x
    ('optimal', 2, (0, 0, 0, 1))
    >>> res.verify()
    True

    Matching Pennies' security LP: maximise ``v`` with ``x`` a distribution:

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

    symalign's exact LP verification (verification of every exact LP answer; the sympy simplex
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
