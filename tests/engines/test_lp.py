"""Tests for symalign.engines.lp: the exact, verified LP solver (spec §15)."""

import itertools
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from symalign.engines import lp
from symalign.core.errors import ExactnessError, ResourceLimitError, SymalignError, UndefinedMetricError
from symalign.engines.lp import LPResult, optimal_face_vertices, solve_lp


def _F(v):
    return Fraction(int(v.p), int(v.q))


# --------------------------------------------------------------------------------------------
# Spec examples and hand derivations
# --------------------------------------------------------------------------------------------

def test_spec_15_degenerate_example():
    """§15: maximise 4a+3b+3c+2d, a+b+c+d=1, a+b<=0, a+c<=0, all >= 0.

    a+b<=0 and a+c<=0 with non-negativity force a=b=c=0, so d=1 and the value is 2
    (sympy 1.14's simplex returned the infeasible b=1, value 3).
    """
    res = solve_lp([4, 3, 3, 2], A_ub=[[1, 1, 0, 0], [1, 0, 1, 0]], b_ub=[0, 0],
                   A_eq=[[1, 1, 1, 1]], b_eq=[1], maximize=True)
    assert res.status == "optimal"
    assert res.value == 2
    assert res.x == (0, 0, 0, 1)
    assert res.verify()
    # the duals certify the bound: value = b.y, y_ub >= 0 when maximising
    assert res.y_eq[0] * 1 == 2
    assert all(v >= 0 for v in res.y_ub)


def test_spec_15_degenerate_example_through_the_simplex():
    """The fallback simplex alone (Bland's rule) must find d=1 as well."""
    P = lp.problem._build([4, 3, 3, 2], [[1, 1, 0, 0], [1, 0, 1, 0]], [0, 0], [[1, 1, 1, 1]], [1],
                  True, None)
    out = lp.driver._solve(P, use_highs=False)
    res = lp.result._result(P, out, ([4, 3, 3, 2], [[1, 1, 0, 0], [1, 0, 1, 0]], [0, 0],
                              [[1, 1, 1, 1]], [1], True, None), True)
    assert res.method == "exact simplex"
    assert (res.value, res.x) == (2, (0, 0, 0, 1))
    assert res.verify()


def test_hand_derived_two_variable_lp():
    """max x+y s.t. x+2y<=4, 3x+y<=6, x,y>=0.

    Both constraints bind at the optimum: x+2y=4, 3x+y=6 give x=8/5, y=6/5, value 14/5.
    Duals: y1 + 3 y2 = 1 and 2 y1 + y2 = 1 give y1 = 2/5, y2 = 1/5; 4*2/5 + 6*1/5 = 14/5.
    """
    res = solve_lp([1, 1], A_ub=[[1, 2], [3, 1]], b_ub=[4, 6], maximize=True)
    assert res.value == sympy.Rational(14, 5)
    assert res.x == (sympy.Rational(8, 5), sympy.Rational(6, 5))
    assert res.y == (sympy.Rational(2, 5), sympy.Rational(1, 5))
    assert res.method == "highs+exact verification"
    # minimising the negation gives the negated value and negated duals (sensitivities)
    neg = solve_lp([-1, -1], A_ub=[[1, 2], [3, 1]], b_ub=[4, 6])
    assert neg.value == -sympy.Rational(14, 5)
    assert neg.y == (-sympy.Rational(2, 5), -sympy.Rational(1, 5))


def test_free_variable_and_equalities():
    """min x0 - x1 with x0 free, x0 + x1 == 2, x0 - x1 >= -4 (i.e. -x0 + x1 <= 4), x1 >= 0.

    x0 = 2 - x1, so the objective is 2 - 2 x1, decreasing in x1; -x0 + x1 = 2 x1 - 2 <= 4 caps
    x1 at 3, giving x0 = -1 and value -4.
    """
    res = solve_lp([1, -1], A_ub=[[-1, 1]], b_ub=[4], A_eq=[[1, 1]], b_eq=[2], free=[0])
    assert (res.value, res.x) == (-4, (-1, 3))
    assert res.verify()


def test_infeasible_with_farkas_certificate():
    """x0 + x1 <= 1 and x0 + x1 >= 3: adding the rows with multipliers (1, 1) gives 0 <= -2."""
    res = solve_lp([1, 1], A_ub=[[1, 1], [-1, -1]], b_ub=[1, -3])
    assert res.status == "infeasible"
    assert res.value is None and res.x is None
    z = res.certificate
    assert all(v >= 0 for v in z)
    assert z[0] == z[1] and z[0] > 0
    assert res.verify()


def test_infeasible_equalities():
    """x0 + x1 == 1 and x0 + x1 == 2 (free vars): z = (1, -1) gives 0 == -1."""
    res = solve_lp([0, 0], A_eq=[[1, 1], [1, 1]], b_eq=[1, 2], free=[0, 1])
    assert res.status == "infeasible"
    z = res.certificate
    assert z[0] == -z[1] and z[0] * 1 + z[1] * 2 < 0
    assert res.verify()


def test_unbounded_with_ray():
    """max x0 s.t. x0 - x1 <= 1: x = (1 + t, t) is feasible for all t >= 0."""
    res = solve_lp([1, 0], A_ub=[[1, -1]], b_ub=[1], maximize=True)
    assert res.status == "unbounded"
    x0, r = res.certificate
    assert x0[0] - x0[1] <= 1 and min(x0) >= 0
    assert r[0] > 0 and r[0] - r[1] <= 0 and min(r) >= 0
    assert res.verify()


def test_no_constraints():
    """min x0 + 2 x1 with x >= 0 only: 0 at the origin; max is unbounded."""
    assert solve_lp([1, 2]).value == 0
    assert solve_lp([1, 2], maximize=True).status == "unbounded"
    assert solve_lp([1], free=[0]).status == "unbounded"


def test_redundant_equalities_and_duplicate_rows():
    """x0 + x1 + x2 == 1 given twice, x0 <= 1/2 given twice; max 2 x0 + x1 -> x0 = 1/2,
    x1 = 1/2, value 3/2."""
    res = solve_lp([2, 1, 0], A_ub=[[1, 0, 0], [1, 0, 0]], b_ub=["1/2", "1/2"],
                   A_eq=[[1, 1, 1], [2, 2, 2]], b_eq=[1, 2], maximize=True)
    assert res.value == sympy.Rational(3, 2)
    assert res.x == (sympy.Rational(1, 2), sympy.Rational(1, 2), 0)
    assert res.verify()


def test_exact_input_types_and_exact_output_types():
    """ints, Fractions, sympy Rationals, strings and numpy ints describe the same LP
    (max x s.t. 3x <= 2 -> 2/3)."""
    for three, two in [(3, 2), (Fraction(3), Fraction(2)), (sympy.Integer(3), sympy.Rational(2)),
                       ("3", "2"), (np.int64(3), np.int32(2)), (Fraction(3, 2), 1)]:
        res = solve_lp([1], A_ub=[[three]], b_ub=[two], maximize=True)
        assert res.value == sympy.Rational(2, 3)
        assert isinstance(res.value, sympy.Rational)
        assert all(isinstance(v, sympy.Rational) for v in res.x + res.y)
    res = solve_lp(np.array([1]), A_ub=np.array([[3]]), b_ub=np.array([2]), maximize=True)
    assert res.value == sympy.Rational(2, 3)
    res = solve_lp(sympy.Matrix([1, 1]), A_ub=sympy.Matrix([[1, 2], [3, 1]]),
                   b_ub=sympy.Matrix([4, 6]), maximize=True)
    assert res.value == sympy.Rational(14, 5)
    assert res.verify()


def test_large_and_fractional_coefficients():
    """Entries beyond int64 and huge denominators take the pure-Python exact path.

    max x s.t. (10**40) x <= 3 * 10**40 + 1 -> x = 3 + 10**-40; and a 2x2 system with
    denominators 10**30 scaled from the hand example above (value unchanged under row scaling).
    """
    big = 10**40
    res = solve_lp([1], A_ub=[[big]], b_ub=[3 * big + 1], maximize=True)
    assert res.value == 3 + sympy.Rational(1, big)
    s = Fraction(1, 10**30)
    res = solve_lp([1, 1], A_ub=[[s, 2 * s], [3, 1]], b_ub=[4 * s, 6], maximize=True)
    assert res.value == sympy.Rational(14, 5)
    assert res.verify()


def test_errors_name_argument_and_value():
    x = sympy.Symbol("x")
    with pytest.raises(ExactnessError, match="'c'"):
        solve_lp([0.5, 1])
    with pytest.raises(SymalignError, match=r"A_ub.*\(0, 1\).*symbol"):
        solve_lp([1, 1], A_ub=[[1, x]], b_ub=[1])
    with pytest.raises(SymalignError, match="A_ub' row 0 has 1 entries"):
        solve_lp([1, 1], A_ub=[[1]], b_ub=[1])
    with pytest.raises(SymalignError, match="'b_ub' has 2 entries"):
        solve_lp([1, 1], A_ub=[[1, 1]], b_ub=[1, 2])
    with pytest.raises(SymalignError, match="'free' holds 5"):
        solve_lp([1, 1], free=[5])
    with pytest.raises(SymalignError, match="'c' is empty"):
        solve_lp([])
    with pytest.raises(SymalignError, match="together"):
        solve_lp([1], A_ub=[[1]])
    with pytest.raises(SymalignError, match="bool"):
        solve_lp([True])


def test_verify_detects_tampering():
    """verify() re-derives everything from the inputs: a wrong value, point or dual fails."""
    res = solve_lp([1, 1], A_ub=[[1, 2], [3, 1]], b_ub=[4, 6], maximize=True)
    import dataclasses
    assert not dataclasses.replace(res, value=sympy.Integer(3)).verify()
    assert not dataclasses.replace(res, x=(sympy.Integer(2), sympy.Integer(1))).verify()
    assert not dataclasses.replace(res, y=(sympy.Integer(1), sympy.Integer(0))).verify()
    inf = solve_lp([1, 1], A_ub=[[1, 1], [-1, -1]], b_ub=[1, -3])
    assert not dataclasses.replace(inf, certificate=(sympy.Integer(1), sympy.Integer(0))).verify()


def test_lpresult_is_frozen_and_records_method():
    res = solve_lp([1], A_ub=[[1]], b_ub=[1], maximize=True)
    assert isinstance(res, LPResult)
    with pytest.raises(AttributeError):
        res.value = 0
    assert res.method in ("highs+exact verification", "exact simplex")
    assert "exact LP verification" in res.source


# --------------------------------------------------------------------------------------------
# The optimal face
# --------------------------------------------------------------------------------------------

def test_optimal_face_vertices_edge_and_unique():
    """max x0 + x1 on the simplex {x0+x1+x2 = 1}: the optimal face is the edge x2 = 0 with
    vertices e0, e1; max x0 alone has the unique optimum e0."""
    assert optimal_face_vertices([1, 1, 0], A_eq=[[1, 1, 1]], b_eq=[1], maximize=True) == \
        ((0, 1, 0), (1, 0, 0))
    assert optimal_face_vertices([1, 0, 0], A_eq=[[1, 1, 1]], b_eq=[1], maximize=True) == \
        ((1, 0, 0),)


def test_optimal_face_vertices_square():
    """A zero objective on the unit square x0, x1 <= 1: the face is the square, 4 vertices."""
    verts = optimal_face_vertices([0, 0], A_ub=[[1, 0], [0, 1]], b_ub=[1, 1])
    assert verts == ((0, 0), (0, 1), (1, 0), (1, 1))


def test_optimal_face_vertices_errors_and_limits():
    with pytest.raises(UndefinedMetricError, match="infeasible"):
        optimal_face_vertices([1], A_ub=[[1]], b_ub=[-1])
    import symalign as sa
    with sa.limits(max_cases=2), pytest.raises(ResourceLimitError, match="max_cases"):
        optimal_face_vertices([0, 0, 0], A_ub=[[1, 0, 0], [0, 1, 0], [0, 0, 1]], b_ub=[1, 1, 1])


# --------------------------------------------------------------------------------------------
# Independent checks: brute-force vertex enumeration and scipy
# --------------------------------------------------------------------------------------------

def _brute_force(c, Aub, bub, Aeq, beq, maximize):
    """Best objective over all vertices of {Aub x <= bub, Aeq x = beq, x >= 0} (Fractions),
    found by solving every n-subset of constraints as equalities (sympy Matrix solve)."""
    n = len(c)
    cons = [(row, b, "ub") for row, b in zip(Aub, bub)]
    cons += [(row, b, "eq") for row, b in zip(Aeq, beq)]
    cons += [([1 if k == j else 0 for k in range(n)], 0, "nn") for j in range(n)]
    best = None
    for combo in itertools.combinations(range(len(cons)), n):
        M = sympy.Matrix([cons[k][0] for k in combo])
        if M.det() == 0:
            continue
        x = M.solve(sympy.Matrix([cons[k][1] for k in combo]))
        ok = all(v >= 0 for v in x)
        ok = ok and all(sum(a * v for a, v in zip(row, x)) <= b for row, b in zip(Aub, bub))
        ok = ok and all(sum(a * v for a, v in zip(row, x)) == b for row, b in zip(Aeq, beq))
        if ok:
            val = sum(a * v for a, v in zip(c, x))
            if best is None or (val > best if maximize else val < best):
                best = val
    return best


small = st.integers(-3, 3)


@st.composite
def small_lps(draw):
    n = draw(st.integers(1, 3))
    mu = draw(st.integers(0, 3))
    me = draw(st.integers(0, 1))
    c = draw(st.lists(small, min_size=n, max_size=n))
    Aub = draw(st.lists(st.lists(small, min_size=n, max_size=n), min_size=mu, max_size=mu))
    bub = draw(st.lists(st.integers(-2, 4), min_size=mu, max_size=mu))
    Aeq = draw(st.lists(st.lists(st.integers(0, 2), min_size=n, max_size=n),
                        min_size=me, max_size=me))
    beq = draw(st.lists(st.integers(0, 2), min_size=me, max_size=me))
    return c, Aub, bub, Aeq, beq, draw(st.booleans())


@settings(max_examples=150, deadline=None)
@given(small_lps())
def test_hypothesis_against_brute_force_vertices(lpdata):
    c, Aub, bub, Aeq, beq, maximize = lpdata
    res = solve_lp(c, Aub or None, bub or None, Aeq or None, beq or None, maximize=maximize)
    assert res.verify()
    best = _brute_force(c, Aub, bub, Aeq, beq, maximize)
    if res.status == "optimal":
        assert res.value == best
    elif res.status == "infeasible":
        assert best is None  # a non-empty pointed polyhedron has a vertex
    else:
        # unbounded: the verified ray improves on every vertex value
        assert res.certificate[1] != tuple([0] * len(c))


@settings(max_examples=100, deadline=None)
@given(small_lps(), st.sets(st.integers(0, 2), max_size=2))
def test_hypothesis_simplex_and_highs_paths_agree(lpdata, free):
    """The HiGHS-guided path and the exact simplex are independent routes to the answer."""
    c, Aub, bub, Aeq, beq, maximize = lpdata
    free = sorted(j for j in free if j < len(c))
    args = (c, Aub or None, bub or None, Aeq or None, beq or None)
    res = solve_lp(*args, maximize=maximize, free=free)
    assert res.verify()
    P = lp.problem._build(*args, maximize, free)
    res2 = lp.result._result(P, lp.driver._solve(P, use_highs=False), res._inputs, maximize)
    assert res2.method == "exact simplex"
    assert res2.verify()
    assert (res2.status, res2.value) == (res.status, res.value)


def test_random_lps_against_scipy():
    """300 seeded random LPs (degenerate 0/±1 data, duplicate rows, free variables): the
    status agrees with scipy's HiGHS and the exact value is within float tolerance of it;
    every answer verifies exactly."""
    rng = np.random.default_rng(7)
    seen = set()
    for _ in range(300):
        n, mu, me = rng.integers(1, 7), rng.integers(0, 7), rng.integers(0, 3)
        c = rng.integers(-2, 3, n)
        Aub = rng.integers(-1, 2, (mu, n))
        bub = rng.integers(-1, 3, mu)
        Aeq = rng.integers(0, 2, (me, n))
        beq = rng.integers(0, 3, me)
        free = [j for j in range(n) if rng.random() < 0.2]
        maximize = bool(rng.random() < 0.5)
        res = solve_lp(c.tolist(), Aub.tolist() or None, bub.tolist() or None,
                       Aeq.tolist() or None, beq.tolist() or None, maximize=maximize, free=free)
        assert res.verify()
        bounds = [(None, None) if j in free else (0, None) for j in range(n)]
        ref = linprog(-c if maximize else c, A_ub=Aub if mu else None, b_ub=bub if mu else None,
                      A_eq=Aeq if me else None, b_eq=beq if me else None, bounds=bounds,
                      method="highs")
        expected = {0: "optimal", 2: "infeasible", 3: "unbounded"}[ref.status]
        assert res.status == expected
        if expected == "optimal":
            assert abs(float(res.value) - (-ref.fun if maximize else ref.fun)) < 1e-7
        seen.add(res.status)
    assert seen == {"optimal", "infeasible", "unbounded"}


def test_larger_dense_lp_exact_against_scipy():
    """A 60x60 random dense LP (the security LP of a random matrix game) solved exactly:
    verify() passes and the value matches HiGHS to 1e-9."""
    rng = np.random.default_rng(3)
    U = rng.integers(-10, 11, (60, 60))
    k = 60
    A_ub = np.hstack([-U.T, np.ones((k, 1), dtype=np.int64)])
    A_eq = np.hstack([np.ones((1, k), dtype=np.int64), np.zeros((1, 1), dtype=np.int64)])
    c = [0] * k + [1]
    res = solve_lp(c, A_ub, [0] * k, A_eq, [1], maximize=True, free=[k])
    assert res.verify()
    ref = linprog(-np.array(c, float), A_ub=A_ub, b_ub=np.zeros(k), A_eq=A_eq, b_eq=[1],
                  bounds=[(0, None)] * k + [(None, None)], method="highs")
    assert abs(float(res.value) + ref.fun) < 1e-9


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 4), st.integers(0, 4), st.data())
def test_hypothesis_face_search_equals_brute_force(n, mu, data):
    """The two enumerations of the optimal face — brute force over sets of active
    constraints, and the lexicographic pivoting search — agree on degenerate LPs with 0/±1
    data (boxed by sum x <= 3 so that faces are bounded)."""
    c = data.draw(st.lists(st.integers(-1, 1), min_size=n, max_size=n))
    Aub = data.draw(st.lists(st.lists(st.integers(-1, 1), min_size=n, max_size=n),
                             min_size=mu, max_size=mu)) + [[1] * n]
    bub = data.draw(st.lists(st.integers(0, 2), min_size=mu, max_size=mu)) + [3]
    res = solve_lp(c, Aub, bub, maximize=True)
    assert res.status == "optimal"
    P = lp.problem._build(c, Aub, bub, None, None, True, None)
    brute = lp.face._face_vertices(P, res)
    search = lp.face._face_vertices(P, res, force_search=True)
    assert brute == search
    for v in search:  # every vertex is optimal and feasible
        assert sum(a * x for a, x in zip(c, v)) == res.value
        assert all(sum(a * x for a, x in zip(row, v)) <= b for row, b in zip(Aub, bub))


def test_fallback_when_the_float_guide_is_useless(monkeypatch):
    """If no basis suggested by HiGHS verifies, solve_lp falls back to the exact simplex and
    still returns the §15 answer (d = 1, value 2), and certificates for the other statuses."""
    monkeypatch.setattr(lp.driver, "_guess_basis", lambda P, res: iter(()))
    res = solve_lp([4, 3, 3, 2], A_ub=[[1, 1, 0, 0], [1, 0, 1, 0]], b_ub=[0, 0],
                   A_eq=[[1, 1, 1, 1]], b_eq=[1], maximize=True)
    assert (res.status, res.value, res.x, res.method) == ("optimal", 2, (0, 0, 0, 1),
                                                         "exact simplex")
    assert res.verify()
    inf = solve_lp([1, 1], A_ub=[[1, 1], [-1, -1]], b_ub=[1, -3])
    assert inf.status == "infeasible" and inf.verify()
    unb = solve_lp([1, 0], A_ub=[[1, -1]], b_ub=[1], maximize=True)
    assert unb.status == "unbounded" and unb.verify()


def test_fallback_when_highs_is_unavailable(monkeypatch):
    """A HiGHS failure (no result at all) also leads to the exact simplex."""
    monkeypatch.setattr(lp.driver, "_highs", lambda P: None)
    res = solve_lp([1, 1], A_ub=[[1, 2], [3, 1]], b_ub=[4, 6], maximize=True)
    assert (res.value, res.method) == (sympy.Rational(14, 5), "exact simplex")
    assert res.y == (sympy.Rational(2, 5), sympy.Rational(1, 5))


# --------------------------------------------------------------------------------------------
# The warm-started exact simplex (repairs a HiGHS basis that fails verification)
# --------------------------------------------------------------------------------------------

def _value(P, E):
    """The exact optimal value of the internal (integer, min-form) problem."""
    return Fraction(sum(c * x for c, x in zip(P.c, E.X)), E.dx)


def _basis_from_order(P, order):
    """A nonsingular start basis: the columns of ``order`` (``j`` structural, ``n + r`` the
    slack, or for an equality row the artificial, of row ``r``) greedily, in that order,
    while they stay linearly independent (exact `Fraction` elimination). Every row's unit
    column comes last, so the basis is always complete; it is usually far from optimal and
    often neither primal nor dual feasible."""
    n, m = P.n, P.m
    order = [q for q in order if q < n + m] + [n + r for r in range(m)]
    reduced, chosen = [], []
    for q in order:
        if q in chosen:
            continue
        v = [Fraction(int(P.A[r, q])) for r in range(m)] if q < n else \
            [Fraction(int(r == q - n)) for r in range(m)]
        for piv, w in reduced:
            if v[piv] != 0:
                f = v[piv] / w[piv]
                v = [a - f * b for a, b in zip(v, w)]
        piv = next((r for r in range(m) if v[r] != 0), None)
        if piv is None:
            continue
        reduced.append((piv, v))
        chosen.append(q)
        if len(chosen) == m:
            break
    S = sorted(q for q in chosen if q < n)
    R = sorted(r for r in range(m) if n + r not in chosen)
    E = lp.bases._solve_basis(P, lp.bases._Basis(S, R))
    assert E is not None   # nonsingular by construction
    return E


def _warm_vs_scratch(P, start):
    """Warm start from ``start`` against the from-scratch simplex; both exact."""
    ref = lp.driver._solve_simplex(P)
    E = lp.warm._warm_start(P, [start])
    if ref.status == "optimal":
        assert E is not None
        assert lp.bases._verify_optimal(P, E)
        assert _value(P, E) == _value(P, ref.exact)
    else:
        assert E is None   # infeasible/unbounded: left to the certified from-scratch path
    return ref, E


def test_warm_start_spec_15_from_the_slack_basis():
    """§15's degenerate LP started from the all-slack basis, which is neither primal feasible
    (the artificial of sum x == 1 is 1) nor dual feasible (min -4a-3b-3c-2d): cost shifting,
    dual simplex, then primal simplex must reach d = 1, value 2 (internally -2)."""
    P = lp.problem._build([4, 3, 3, 2], [[1, 1, 0, 0], [1, 0, 1, 0]], [0, 0], [[1, 1, 1, 1]], [1],
                  True, None)
    start = lp.bases._solve_basis(P, lp.bases._Basis([], []))
    assert not lp.bases._verify_optimal(P, start)
    ref, E = _warm_vs_scratch(P, start)
    assert _value(P, E) == -2
    assert [Fraction(x, E.dx) for x in E.X] == [0, 0, 0, 1]


def test_warm_start_beale_cycling_example():
    """Beale's LP, on which Dantzig's rule with a lowest-row tie-break cycles from the slack
    basis: min -3/4 x4 + 20 x5 - 1/2 x6 + 6 x7 s.t. 1/4 x4 - 8 x5 - x6 + 9 x7 <= 0,
    1/2 x4 - 12 x5 - 1/2 x6 + 3 x7 <= 0, x6 <= 1. Optimum -5/4 at x4 = 1, x6 = 1 (the
    duals (-1, 0... ) are checked by verification). With pure Bland (streak 0) and with the
    default Dantzig-then-Bland rule the warm start terminates with the right value."""
    c = [Fraction(-3, 4), 20, Fraction(-1, 2), 6]
    A = [[Fraction(1, 4), -8, -1, 9], [Fraction(1, 2), -12, Fraction(-1, 2), 3], [0, 0, 1, 0]]
    P = lp.problem._build(c, A, [0, 0, 1], None, None, False, None)
    start = lp.bases._solve_basis(P, lp.bases._Basis([], []))
    for streak in (0, lp.warm._DEGENERATE_STREAK):
        old = lp.warm._DEGENERATE_STREAK
        lp.warm._DEGENERATE_STREAK = streak
        try:
            ref, E = _warm_vs_scratch(P, start)
        finally:
            lp.warm._DEGENERATE_STREAK = old
        res = lp.result._result(P, lp.driver._Outcome("optimal", lp.problem.METHOD_WARM, exact=E),
                         (c, A, [0, 0, 1], None, None, False, None), False)
        assert res.value == sympy.Rational(-5, 4)
        assert res.verify()


@st.composite
def degenerate_lps(draw):
    """Small LPs with many zero right-hand sides (highly degenerate vertices), optional free
    variables, and a start basis given by a random column order."""
    n = draw(st.integers(1, 5))
    mu = draw(st.integers(0, 5))
    me = draw(st.integers(0, 2))
    c = draw(st.lists(st.integers(-3, 3), min_size=n, max_size=n))
    Aub = draw(st.lists(st.lists(st.integers(-2, 2), min_size=n, max_size=n),
                        min_size=mu, max_size=mu))
    bub = draw(st.lists(st.sampled_from([0, 0, 0, 1, 2, -1]), min_size=mu, max_size=mu))
    Aeq = draw(st.lists(st.lists(st.integers(0, 2), min_size=n, max_size=n),
                        min_size=me, max_size=me))
    beq = draw(st.lists(st.integers(0, 2), min_size=me, max_size=me))
    free = draw(st.sets(st.integers(0, n - 1), max_size=2))
    order = draw(st.permutations(range(n + mu + me)))
    k = draw(st.integers(0, n + mu + me))
    return c, Aub, bub, Aeq, beq, draw(st.booleans()), sorted(free), list(order[:k])


@settings(max_examples=300, deadline=None)
@given(degenerate_lps())
def test_hypothesis_warm_start_equals_scratch_simplex(data):
    """From a deliberately wrong start basis, the warm-started simplex reaches exactly (==)
    the optimal value of the independent from-scratch Bland simplex, with a verified
    certificate; and solve_lp, fed that basis as HiGHS's only suggestion, answers through
    the warm start with a result that verify() accepts."""
    c, Aub, bub, Aeq, beq, maximize, free, order = data
    args = (c, Aub or None, bub or None, Aeq or None, beq or None)
    P = lp.problem._build(*args, maximize, free)
    start = _basis_from_order(P, order)
    ref, E = _warm_vs_scratch(P, start)
    real = lp.bases._guess_basis

    def guess(Q, res):   # the wrong basis for this problem; auxiliary problems as usual
        return iter([start.basis]) if (Q.m, Q.n, Q.c) == (P.m, P.n, P.c) else real(Q, res)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(lp.driver, "_guess_basis", guess)
        res = solve_lp(*args, maximize=maximize, free=free)
    assert res.verify()
    if ref.status == "optimal":
        assert res.status == "optimal"
        assert res.value == P.sign * _value(P, ref.exact) / P.c_scale
        if not lp.bases._verify_optimal(P, start):
            assert res.method == lp.problem.METHOD_WARM


def test_warm_start_is_used_by_solve_lp(monkeypatch):
    """A wrong HiGHS suggestion no longer sends solve_lp to the from-scratch simplex."""
    monkeypatch.setattr(lp.driver, "_guess_basis", lambda P, res: iter([lp.bases._Basis([], [])]))
    res = solve_lp([4, 3, 3, 2], A_ub=[[1, 1, 0, 0], [1, 0, 1, 0]], b_ub=[0, 0],
                   A_eq=[[1, 1, 1, 1]], b_eq=[1], maximize=True)
    assert (res.status, res.value, res.x) == ("optimal", 2, (0, 0, 0, 1))
    assert res.method == lp.problem.METHOD_WARM
    assert res.verify()


def test_warm_start_security_lp_with_a_free_variable():
    """The security LP of a random 8x8 game (free value variable v) from a start basis in
    which v is non-basic: v is pivoted in first, then the simplex finishes; the value equals
    the from-scratch simplex's exactly."""
    rng = np.random.default_rng(5)
    U = rng.integers(-9, 10, (8, 8))
    A_ub = np.hstack([-U.T, np.ones((8, 1), dtype=np.int64)])
    A_eq = np.hstack([np.ones((1, 8), dtype=np.int64), np.zeros((1, 1), dtype=np.int64)])
    P = lp.problem._build([0] * 8 + [1], A_ub, [0] * 8, A_eq, [1], True, [8])
    start = _basis_from_order(P, [0, 1, 2])
    assert 8 not in start.basis.S
    _warm_vs_scratch(P, start)


def _ce_problem(game):
    """The integer CE LP that correlated_equilibrium builds for ``game`` (captured, unsolved)."""
    from symalign.normalform.correlated import correlated_equilibrium

    class Captured(Exception):
        pass

    def capture(P, inputs, maximize):
        raise Captured(P)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(lp, "_solve_int", capture)
        with pytest.raises(Captured) as info:
            correlated_equilibrium(game)
    return info.value.args[0]


#: The best CE welfare of random_game((21, 21), seed=3), from the warm start (about a second)
#: and proved optimal by its exact certificate (primal and dual feasible, equal objectives);
#: the from-scratch Fraction simplex did not finish within 30 minutes on this LP.
#: This exact value is a regression pin; its independent check is the float LP built
#: directly from the payoffs in _float_best_ce_welfare (agreement to 1e-6 is asserted).
_CE_21_3 = sympy.Rational(433562953438876006482972745, 24661742748383632329780636)


def _float_best_ce_welfare(A, B):
    """The welfare-maximising CE LP of the bimatrix game (A, B), built independently of
    symalign straight from the definition and solved in floats with HiGHS.

    Variables x[i, j] >= 0 (row-major over the outcomes); for the row player, for each
    recommended s and deviation t != s: sum_j x[s, j] (A[t, j] - A[s, j]) <= 0; for the
    column player, for each s and t != s: sum_i x[i, s] (B[i, t] - B[i, s]) <= 0;
    sum x = 1; maximise sum x (A + B). Returns the optimal welfare -res.fun."""
    m, n = A.shape
    rows = []
    for s in range(m):
        for t in range(m):
            if t != s:
                r = np.zeros((m, n))
                r[s, :] = A[t, :] - A[s, :]
                rows.append(r.reshape(-1))
    for s in range(n):
        for t in range(n):
            if t != s:
                r = np.zeros((m, n))
                r[:, s] = B[:, t] - B[:, s]
                rows.append(r.reshape(-1))
    res = linprog(-(A + B).reshape(-1), A_ub=np.array(rows), b_ub=np.zeros(len(rows)),
                  A_eq=np.ones((1, m * n)), b_eq=[1], bounds=(0, None), method="highs")
    assert res.status == 0, res.message
    return -res.fun


def test_regression_ce_21x21_seed3_fails_highs_verification_and_is_repaired():
    """The known slow case: HiGHS's bases for this CE LP are primal infeasible by ~1e-8
    (within HiGHS's 1e-7 tolerance) in exact arithmetic, so they fail verification; the warm
    start repairs them with a few dozen dual simplex pivots instead of a minutes-long
    Fraction simplex from scratch."""
    import symalign as sa
    from symalign.normalform.correlated import correlated_equilibrium
    game = sa.games.random_game((21, 21), seed=3)
    # independent check of the pinned exact value: the float CE LP built from the payoffs
    A, B = (np.array(game.payoff_array(i), dtype=float) for i in range(2))
    assert A.shape == B.shape == (21, 21)
    assert abs(float(_CE_21_3) - _float_best_ce_welfare(A, B)) < 1e-6
    P = _ce_problem(game)
    failed = []
    highs_ok = lp.driver._solve_optimal_exactly(P, lp.bases._highs(P), failed) is not None
    if not highs_ok:
        assert failed and not any(lp.checks._primal_ok(P, E.X, E.dx) for E in failed)
        # a repair, not a restart: HiGHS's basis is dual feasible and a few dozen dual
        # pivots (63 with HiGHS 1.x) fix its ~20 small primal infeasibilities
        W = lp.warm._Warm(P, failed[0].basis)
        assert W.evaluate() and not W.dual_infeasible()
        B = W.run(max_pivots=300)
        assert B is not None and W.pivots <= 300
        E = lp.bases._solve_basis(P, B)
        assert lp.bases._verify_optimal(P, E)
        assert -_value(P, E) / P.c_scale == _CE_21_3
    # end to end through the public function
    r = correlated_equilibrium(sa.games.random_game((21, 21), seed=3))
    assert r.value == _CE_21_3
    assert r.lp.verify()
    assert r.lp.method == (lp.problem.METHOD_HIGHS if highs_ok else lp.problem.METHOD_WARM)


# --------------------------------------------------------------------------------------------
# Modular linear algebra: exact float-limb products, blocked inverse and column selection
# --------------------------------------------------------------------------------------------

_PRIMES = [lp.problem._PRIME, lp.problem._PRIME_2, 7]


def _mod_matrix(rows, cols, kind, p, seed):
    """Random test matrices mod p, many of them singular or with singular leading blocks."""
    rng = np.random.default_rng(seed)
    if kind == "dense":
        return rng.integers(0, p, size=(rows, cols), dtype=np.int64)
    if kind == "small":       # entries 0/1: often singular, unusual pivots
        return rng.integers(0, 2, size=(rows, cols), dtype=np.int64)
    if kind == "sparse":
        return (rng.integers(0, p, size=(rows, cols)) * (rng.random((rows, cols)) < 0.15)
                ).astype(np.int64)
    if kind == "permutation":  # every leading block singular for most permutations
        M = np.zeros((rows, cols), dtype=np.int64)
        for i, j in enumerate(rng.permutation(max(rows, cols))[:rows]):
            if j < cols:
                M[i, j] = int(rng.integers(1, p))
        return M
    if kind == "zero_block":   # [[0, B], [C, D]]: a zero leading block
        M = rng.integers(0, p, size=(rows, cols), dtype=np.int64)
        M[:rows // 2, :cols // 2] = 0
        return M
    if kind == "low_rank":     # rank < min(rows, cols) over the integers, hence mod p
        r = int(rng.integers(0, max(1, min(rows, cols))))
        U = rng.integers(-3, 4, size=(rows, r))
        V = rng.integers(-3, 4, size=(r, cols))
        return ((U @ V) % p).astype(np.int64)
    if kind == "duplicate":    # repeated rows and columns
        M = rng.integers(0, p, size=(rows, cols), dtype=np.int64)
        if rows > 1:
            M[rows - 1] = M[0]
        if cols > 1:
            M[:, cols - 1] = M[:, 0]
        return M
    raise AssertionError(kind)


_KINDS = ["dense", "small", "sparse", "permutation", "zero_block", "low_rank", "duplicate"]


def _obj_matmul_mod(A, B, p):
    return (A.astype(object).dot(B.astype(object)) % p).astype(np.int64)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 12), st.integers(0, 40), st.integers(1, 12),
       st.sampled_from(_PRIMES), st.integers(0, 2**32 - 1), st.booleans())
def test_hypothesis_matmul_mod_is_exact(m, n, q, p, seed, extreme):
    rng = np.random.default_rng(seed)
    A = rng.integers(0, p, size=(m, n), dtype=np.int64)
    B = rng.integers(0, p, size=(n, q), dtype=np.int64)
    if extreme:   # the largest residues: the float partial sums are as large as they get
        A[:] = p - 1
        B[:] = p - 1
    acc = rng.integers(0, p, size=(m, q), dtype=np.int64)
    assert np.array_equal(lp.modular._matmul_mod(A, B, p), _obj_matmul_mod(A, B, p))
    want = (_obj_matmul_mod(A, B, p) + acc) % p
    assert np.array_equal(lp.modular._matmul_mod(A, B, p, acc=acc.copy()), want)


def test_matmul_mod_long_inner_dimension():
    """Inner dimensions past 2**11 (C1 reduced before recombining) and past the exact-float
    chunk (about 2**14, several float products accumulated)."""
    p = lp.problem._PRIME
    for n in (3000, 40000):
        A = np.full((2, n), p - 1, dtype=np.int64)
        B = np.full((n, 3), p - 1, dtype=np.int64)
        A[1, ::3] = 12345
        assert np.array_equal(lp.modular._matmul_mod(A, B, p), _obj_matmul_mod(A, B, p))


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 40), st.integers(1, 9), st.sampled_from(_KINDS),
       st.sampled_from(_PRIMES), st.integers(0, 2**32 - 1))
def test_hypothesis_blocked_inverse_equals_gauss_jordan(k, panel, kind, p, seed):
    """The blocked elimination itself (no fallback behind it) and `_inv_mod` with the fast
    path forced (threshold 1) agree exactly with the plain Gauss-Jordan reference, including
    None for matrices singular mod p."""
    M = _mod_matrix(k, k, kind, p, seed)
    ref = lp.modular._inv_mod_gauss(M, p)
    got, ker = lp.modular._inv_mod_blocked(M % p, p, panel)
    if ref is None:   # singular: with a kernel vector as the certificate
        assert got is None and ker is not None and ker.any()
        assert not _obj_matmul_mod(M % p, ker[:, None], p).any()
    else:
        assert ker is None
        assert got is not None and np.array_equal(got, ref)
        assert np.array_equal(_obj_matmul_mod(M % p, got, p), np.eye(k, dtype=np.int64))
    fast = lp.modular._inv_mod(M, p, threshold=1, panel=panel)
    assert (fast is None) if ref is None else np.array_equal(fast, ref)


def test_blocked_inverse_structured_cases():
    p = lp.problem._PRIME
    k = 300
    # anti-diagonal permutation: every leading block of size < k/2 is singular
    J = np.fliplr(np.eye(k, dtype=np.int64))
    assert np.array_equal(lp.modular._inv_mod(J, p), J)              # default threshold: fast path
    # [[0, I], [I, D]]
    D = np.random.default_rng(0).integers(0, p, size=(k // 2, k // 2))
    M = np.block([[np.zeros((k // 2, k // 2), dtype=np.int64), np.eye(k // 2, dtype=np.int64)],
                  [np.eye(k // 2, dtype=np.int64), D]])
    inv = lp.modular._inv_mod(M, p)
    assert np.array_equal(inv, lp.modular._inv_mod_gauss(M, p))
    # singular: a zero row, a repeated column, a dependency only mod p
    S = np.random.default_rng(1).integers(-9, 10, size=(k, k)).astype(np.int64)
    S[7] = 0
    assert lp.modular._inv_mod(S, p) is None and lp.modular._inv_mod_blocked(S % p, p, 64)[0] is None
    S = np.random.default_rng(2).integers(-9, 10, size=(k, k)).astype(np.int64)
    S[:, 200] = S[:, 3] + p * np.random.default_rng(9).integers(-1, 2, size=k)
    # column 200 is column 3 mod p but not over Z: singular mod p only
    assert lp.modular._inv_mod(S, p) is None
    assert lp.modular._inv_mod(S, lp.problem._PRIME_2) is not None
    assert np.array_equal(lp.modular._inv_mod(S, lp.problem._PRIME_2), lp.modular._inv_mod_gauss(S, lp.problem._PRIME_2))
    # negative entries are reduced mod p first
    N = np.random.default_rng(3).integers(-10**6, 10**6, size=(k, k)).astype(np.int64)
    assert np.array_equal(lp.modular._inv_mod(N, p), lp.modular._inv_mod_gauss(N, p))


def test_inv_mod_falls_back_when_the_blocked_result_fails_the_check(monkeypatch):
    p = lp.problem._PRIME
    M = np.random.default_rng(4).integers(0, p, size=(20, 20), dtype=np.int64)
    ref = lp.modular._inv_mod_gauss(M, p)
    calls = []

    def wrong(Mp, p_, b):
        calls.append(1)
        return (ref + 1) % p_, None
    monkeypatch.setattr(lp.modular, "_inv_mod_blocked", wrong)
    assert np.array_equal(lp.modular._inv_mod(M, p, threshold=1), ref)
    assert calls

    def claims_singular(Mp, p_, b):     # a kernel vector that is not one
        calls.append(2)
        x = np.zeros(Mp.shape[0], dtype=np.int64)
        x[0] = 1
        return None, x
    monkeypatch.setattr(lp.modular, "_inv_mod_blocked", claims_singular)
    assert np.array_equal(lp.modular._inv_mod(M, p, threshold=1), ref)
    assert calls[-1] == 2


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 30), st.integers(1, 60), st.integers(1, 9), st.sampled_from(_KINDS),
       st.sampled_from(_PRIMES), st.integers(0, 2**32 - 1), st.sampled_from([0, 1, 50, 500]))
def test_hypothesis_blocked_select_columns_equals_greedy(r, q, panel, kind, p, seed, budget):
    """Same chosen columns and the same pivot rows as the plain greedy elimination, whether
    the plain elimination hands over to the blocked one at once (budget 0), after some
    columns (a small budget) or not at all (the default budget)."""
    M = _mod_matrix(r, q, kind, p, seed)
    if seed % 2:
        M = M - p * (M > p // 2)      # negative representatives too
    want = lp.modular._select_columns_gauss(M, p)
    assert lp.modular._select_columns(M, p, panel, budget=budget) == want
    assert lp.modular._select_columns(M, p, panel) == want
    chosen, rows = want
    assert len(chosen) == len(rows) == len(set(rows))
    if chosen:   # the chosen block is nonsingular mod p
        assert lp.modular._inv_mod_gauss(M[np.ix_(rows, chosen)], p) is not None


def test_select_columns_wide_lp_like_matrix():
    """A basis-selection matrix as `_guess_basis` builds it: structural columns then unit
    slack columns, default panel width, hundreds of rows."""
    p = lp.problem._PRIME
    rng = np.random.default_rng(6)
    r, n = 300, 500
    A = (rng.integers(-20, 21, size=(r, n)) * (rng.random((r, n)) < 0.05)).astype(np.int64)
    A[:, 40:60] = A[:, 0:20]                  # dependent structurals
    M = np.hstack([A % p, np.eye(r, dtype=np.int64)[:, rng.permutation(r)]])
    want = lp.modular._select_columns_gauss(M, p)
    assert lp.modular._select_columns(M, p) == want
    assert lp.modular._select_columns(M, p, budget=10_000) == want   # hands over part-way


@given(st.integers(1, 5), st.integers(0, 2**32 - 1))
def test_solve_fraction_solves_or_reports_singular(k, seed):
    """The Fraction fallback of the exact basis solver: ``M X = d b`` holds exactly, and None
    comes back exactly when ``M`` is singular (integer determinant, small entries, so the
    float determinant rounds to the exact one)."""
    rng = np.random.default_rng(seed)
    M = rng.integers(-3, 4, size=(k, k))
    b = [int(x) for x in rng.integers(-5, 6, size=k)]
    out = lp.modular._solve_fraction(M, b)
    if out is None:
        assert round(np.linalg.det(M)) == 0
    else:
        X, d = out
        assert d > 0 and all(sum(int(M[i, j]) * X[j] for j in range(k)) == d * b[i]
                             for i in range(k))
