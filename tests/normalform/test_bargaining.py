"""Tests for symalign.normalform.bargaining: surplus, Nash bargaining, Kalai–Smorodinsky and coco (spec §9)."""

from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings, strategies as st
from sympy import Rational as R

from symalign import games as G
from symalign.normalform.bargaining import (
    DegenerateBargainingError,
    coco_value,
    pure_security_values,
    surplus,
    threat_point,
)
from symalign.normalform.kalai_smorodinsky import (
    kalai_smorodinsky,
)
from symalign.normalform.nash_bargaining import (
    nash_bargaining_solution,
)
from symalign.core.errors import InvalidProfileError, UndefinedMetricError
from symalign.core.game import Game
from symalign.core.profiles import MixedProfile

nbs = nash_bargaining_solution


# -- surplus (§9.1) ------------------------------------------------------------------------------

def test_surplus_counterexample():
    """§9.1 item 3: in the Surplus cx. game, player 0's pure maxmin action is Y (v_0 = 2) and
    player 1's is R (v_1 = 1), so a0 = (Y, R) with u_0(a0) = 3. At (Y, L) player 0 best-responds
    (2 > 0) yet s_0 = 2 - 3 = -1 < 0 with the profile reference; with the security reference
    s_0 = 2 - 2 = 0."""
    g = G.surplus_counterexample()
    assert pure_security_values(g) == (2, 1)
    assert threat_point(g, "security") == (2, 1)
    assert g.payoff(0, ("Y", "L")) > g.payoff(0, ("X", "L"))          # best response
    assert surplus(g, ("Y", "L"), threat_profile=("Y", "R"))[0] == -1
    assert surplus(g, ("Y", "L"))[0] == 0
    assert surplus(g, ("Y", "L"), mixed=False)[0] == 0


def _dist(k):
    return st.lists(st.integers(0, 5), min_size=k, max_size=k).filter(lambda v: sum(v) > 0).map(
        lambda v: [R(x, sum(v)) for x in v])


@settings(max_examples=40)
@given(st.sampled_from([(2, 2), (3, 2), (2, 3, 2)]).flatmap(
    lambda s: st.tuples(st.just(s), st.integers(0, 10**6), st.tuples(*[_dist(k) for k in s]))))
def test_best_response_surplus_nonnegative_with_security_reference(args):
    """§9.1 item 3 (true version): against any mixed play of the others, a best-responding
    player's surplus over v_i (mixed or pure) is >= 0. Also the bound of item 1:
    sum_i s_i(mu) <= OPT - sum_i v_i."""
    from symalign.normalform.ca import max_welfare
    shape, seed, strats = args
    g = G.random_game(shape, seed=seed)
    for mixed in (True, False):
        for i in range(len(shape)):
            best_value = None
            for b in range(shape[i]):
                prof = list(strats)
                prof[i] = [1 if c == b else 0 for c in range(shape[i])]
                s = surplus(g, prof, mixed=mixed)[i]
                best_value = s if best_value is None else max(best_value, s)
            assert best_value >= 0
        assert sum(surplus(g, list(strats), mixed=mixed)) <= max_welfare(g) - sum(
            threat_point(g, "security" if mixed else "pure-security"))


def test_mixed_security_values_match_security_module():
    """The threat point 'security' agrees with symalign.normalform.security (an independent LP code path)
    on the §5 games: BoS (2/3, 2/3), Chicken (2, 2), MP (0, 0), Stag hunt (19/10, 19/10)."""
    expected = {G.battle_of_the_sexes: (R(2, 3), R(2, 3)), G.chicken: (2, 2),
                G.matching_pennies: (0, 0), G.stag_hunt: (R(19, 10), R(19, 10))}
    for f, v in expected.items():
        assert threat_point(f(), "security") == v
    security = pytest.importorskip("symalign.normalform.security")
    for seed in range(5):
        g = G.random_game((3, 3), seed=seed)
        assert threat_point(g, "security") == tuple(
            security.security_value(g, i, mixed=True).value for i in range(2))


# -- Nash bargaining (§9.2) ------------------------------------------------------------------------

@pytest.mark.parametrize("game, d, point, product, tu", [
    (G.prisoners_dilemma(), "security", (2, 2), 1, (2, 2)),
    (G.matching_pennies(), "security", (0, 0), 0, (0, 0)),
    (G.matching_pennies(), "pure-security", (0, 0), 1, (0, 0)),
    (G.battle_of_the_sexes(), "security", (R(3, 2), R(3, 2)), R(25, 36), (R(3, 2), R(3, 2))),
    (G.battle_of_the_sexes(), (0, 0), (R(3, 2), R(3, 2)), R(9, 4), (R(3, 2), R(3, 2))),
    (G.battle_of_the_sexes(), (1, 0), (2, 1), 1, (2, 1)),
    (G.chicken(), "security", (6, 6), 16, (6, 6)),
    (G.bargaining_test(), (0, 0), (3, 1), 3, (2, 2)),
])
def test_nbs_table(game, d, point, product, tu):
    """§9.2 test-vector table (conv P, and the TU column)."""
    s = nbs(game, d)
    assert (s.point, s.product) == (point, product)
    assert nbs(game, d, feasible="tu").point == tu


@pytest.mark.parametrize("d", [{"threat_profile": ("Y", "R")}, {"threat": "security"}])
def test_nbs_degenerate_surplus_counterexample(d):
    """§9.2: Surplus cx. with d = u(a0) = (3, 1) or d = v = (2, 1): F_d is the segment
    [(3, 1), (5, 1)], so no x > d exists: degenerate, with F_d attached."""
    with pytest.raises(DegenerateBargainingError) as info:
        nbs(G.surplus_counterexample(), **d)
    assert info.value.F_d == ((3, 1), (5, 1))
    assert isinstance(info.value, UndefinedMetricError)


def test_nbs_tu_surplus_counterexample():
    """TU NBS in the Surplus cx. game (OPT = 6): d = (3, 1) gives ((6+3-1)/2, (6-3+1)/2) = (4, 2),
    as in §9.2. For d = v = (2, 1) the closed form of §9.2 gives ((6+2-1)/2, (6-2+1)/2) =
    (7/2, 5/2); the table's (7/2, 3/2) sums to 5 < OPT, contradicting its own closed form
    (an erratum in the spec table, reported)."""
    g = G.surplus_counterexample()
    assert nbs(g, threat_profile=("Y", "R"), feasible="tu").point == (4, 2)
    assert nbs(g, "security", feasible="tu").point == (R(7, 2), R(5, 2))


def test_nbs_F_d_empty_and_pure_feasible():
    """F_d empty -> undefined. Over the pure set P: PD(+) with d = (1, 1) keeps (2, 2) and (1, 1),
    so the solution is (2, 2) at (C, C); BoS with d = (0, 0) has a tie, products 2 at (2, 1) and
    (1, 2), so both are returned with their profiles."""
    with pytest.raises(UndefinedMetricError, match="empty"):
        nbs(G.prisoners_dilemma(), (3, 3))
    s = nbs(G.prisoners_dilemma(), (1, 1), feasible="pure")
    assert s.points == ((2, 2),) and s.profiles == (((0, 0),),)
    b = nbs(G.battle_of_the_sexes(), (0, 0), feasible="pure")
    assert b.points == ((1, 2), (2, 1)) and b.profiles == (((1, 1),), ((0, 0),))
    with pytest.raises(UndefinedMetricError, match="empty"):
        nbs(G.prisoners_dilemma(), (5, 5), feasible="tu")


def test_weighted_nbs():
    """BoS, d = (0, 0), weights (2, 1): on the edge x_0 + x_1 = 3 maximise x_0^2 x_1, so
    x_0 = 2/3 * 3 = 2, x_1 = 1 (inside the edge from (1, 2) to (2, 1)): product 4. TU with the
    same weights: x = (0, 0) + (2/3, 1/3) * 3 = (2, 1)."""
    s = nbs(G.battle_of_the_sexes(), (0, 0), weights=[2, 1])
    assert s.point == (2, 1) and s.product == 4
    assert nbs(G.battle_of_the_sexes(), (0, 0), weights=[2, 1], feasible="tu").point == (2, 1)


def test_threat_as_profile_and_vector():
    """A profile threat uses u(a0); a MixedProfile by index works as well."""
    g = G.surplus_counterexample()
    assert threat_point(g, threat_profile=("Y", "R")) == (3, 1)
    assert threat_point(g, threat_profile=MixedProfile.pure(g.shape, (1, 1))) == (3, 1)
    assert threat_point(g, threat_profile=(1, 1)) == (3, 1)   # indices: a profile, by keyword
    assert threat_point(g, (1, 0)) == (1, 0)                  # a payoff vector
    with pytest.warns(DeprecationWarning, match="threat_profile"):
        assert threat_point(g, ("Y", "R")) == (3, 1)          # the old, guessed form
    with pytest.warns(DeprecationWarning, match="threat_profile"):
        assert surplus(g, ("Y", "L"), reference="profile", a0=("Y", "R"))[0] == -1
    with pytest.raises(InvalidProfileError, match="both given"):
        threat_point(g, (1, 0), threat_profile=(1, 1))


def _affine(g, a, b):
    U = g.sympy_array()
    return Game.from_arrays(*[U[i] * a[i] + b[i] for i in range(g.n_players)])


@settings(max_examples=40)
@given(st.integers(0, 10**6), st.sampled_from([(2, 2), (2, 3), (3, 3)]),
       st.tuples(st.fractions(min_value=Fraction(1, 4), max_value=4),
                 st.fractions(min_value=Fraction(1, 4), max_value=4)),
       st.tuples(st.integers(-5, 5), st.integers(-5, 5)), st.integers(0, 8),
       st.sampled_from([None, (1, 1), (2, 1), (1, 3)]))
def test_nbs_covariance(seed, shape, a, b, k, weights):
    """§9.2: NBS(aF + b, ad + b) = a NBS(F, d) + b componentwise, exactly, for per-player
    positive affine maps; the threat is the payoff vector of a pure profile (so F_d is never
    empty). Degenerate problems stay degenerate."""
    g = G.random_game(shape, seed=seed, low=-5, high=5)
    outcomes = list(g.outcomes())
    prof = outcomes[k % len(outcomes)]
    d = tuple(g.payoff(i, prof) for i in range(2))
    A = [R(x.numerator, x.denominator) for x in a]
    h = _affine(g, A, b)
    d2 = tuple(A[i] * d[i] + b[i] for i in range(2))
    try:
        s = nbs(g, d, weights=weights)
    except DegenerateBargainingError:
        with pytest.raises(DegenerateBargainingError):
            nbs(h, d2, weights=weights)
        return
    s2 = nbs(h, d2, weights=weights)
    assert s2.point == tuple(A[i] * s.point[i] + b[i] for i in range(2))
    for feasible in ("tu", "pure"):
        try:
            t = nbs(g, d, feasible=feasible, weights=weights)
        except UndefinedMetricError:
            continue
        if feasible == "pure":
            assert nbs(h, d2, feasible="pure", weights=weights).points == tuple(
                tuple(A[i] * p[i] + b[i] for i in range(2)) for p in t.points)


@settings(max_examples=30)
@given(st.integers(0, 10**6))
def test_nbs_is_optimal_two_players(seed):
    """Independent check of optimality on conv P for 2 players: the product at the NBS is at
    least the product at every point of a fine exact grid on every frontier edge and every
    pair of pure payoff vectors (x >= d)."""
    g = G.random_game((2, 3), seed=seed, low=0, high=6)
    d = pure_security_values(g)
    try:
        s = nbs(g, d)
    except UndefinedMetricError:
        return
    pts = list({tuple(g.payoff(i, a) for i in range(2)) for a in g.outcomes()})
    best = s.product
    for p in pts:
        for q in pts:
            for t in range(0, 21):
                x = [p[i] + R(t, 20) * (q[i] - p[i]) for i in range(2)]
                if all(x[i] >= d[i] for i in range(2)):
                    assert (x[0] - d[0]) * (x[1] - d[1]) <= best


def test_nbs_three_players_against_scipy():
    """n = 3 over conv P: the exact (certified) NBS agrees with an independent float
    optimisation (scipy SLSQP over the mixing weights mu in the simplex) to 1e-5, and is
    exact (no Float)."""
    scipy_optimize = pytest.importorskip("scipy.optimize")
    checked = 0
    for seed in (3, 11, 20):
        g = G.random_game((2, 2, 2), seed=seed, low=0, high=9)
        d = pure_security_values(g)
        try:
            s = nbs(g, d)
        except UndefinedMetricError:
            continue
        assert not any(sympy.sympify(x).has(sympy.Float) for x in s.point)
        P = np.array([[float(g.payoff(i, a)) for i in range(3)] for a in g.outcomes()])
        dd = np.array([float(x) for x in d])

        def neg(mu):
            x = mu @ P - dd
            return -np.sum(np.log(np.maximum(x, 1e-12)))

        best = None
        for start in range(8):
            mu0 = np.random.default_rng(start).dirichlet(np.ones(len(P)))
            res = scipy_optimize.minimize(
                neg, mu0, method="SLSQP", bounds=[(0, 1)] * len(P),
                constraints=[{"type": "eq", "fun": lambda m: m.sum() - 1}],
                options={"ftol": 1e-14, "maxiter": 500})
            if best is None or res.fun < best.fun:
                best = res
        x_float = best.x @ P
        assert np.allclose([float(v) for v in s.point], x_float, atol=1e-5)
        checked += 1
    assert checked >= 2


# -- Kalai–Smorodinsky (§9.3) ----------------------------------------------------------------

def test_ks_vectors():
    """§9.3: PD(+), d = (1, 1): I = (5/2, 5/2), KS = (2, 2); BoS with d = (0, 0) or (2/3, 2/3):
    I = (2, 2), KS = (3/2, 3/2); Bargaining test game, d = (0, 0): I = (4, 2),
    KS = (12/5, 6/5) != NBS (3, 1)."""
    ks = kalai_smorodinsky(G.prisoners_dilemma(), (1, 1))
    assert (ks.ideal, ks.point) == ((R(5, 2), R(5, 2)), (2, 2))
    for d in [(0, 0), "security"]:
        ks = kalai_smorodinsky(G.battle_of_the_sexes(), d)
        assert (ks.ideal, ks.point) == ((2, 2), (R(3, 2), R(3, 2)))
    ks = kalai_smorodinsky(G.bargaining_test(), (0, 0))
    assert (ks.ideal, ks.point) == ((4, 2), (R(12, 5), R(6, 5)))
    assert ks.point != nbs(G.bargaining_test(), (0, 0)).point


def test_ks_undefined():
    """KS is undefined when B_d is empty or some I_i = d_i (MP with d = v = (0, 0))."""
    with pytest.raises(UndefinedMetricError):
        kalai_smorodinsky(G.prisoners_dilemma(), (4, 4))
    with pytest.raises(UndefinedMetricError, match="ideal"):
        kalai_smorodinsky(G.matching_pennies(), "security")


def test_ks_three_players_matches_two_player_embedding():
    """n = 3 (exact LPs): player 2 copies player 0's payoff and, when a_2 = 0, players 0 and 1
    play the Bargaining test game (a_2 = 1 gives zeros). P = {(4,0,4), (0,2,0), (3,1,3),
    (0,0,0)}, so with d = 0 the ideal point is (4, 2, 4) and KS is the 2-player KS (12/5, 6/5)
    with the third coordinate copying the first."""
    g = Game.from_function(lambda a: ((4, 0, 4), (0, 2, 0), (3, 1, 3), (0, 0, 0))[a[0] * 2 + a[1]]
                           if a[2] == 0 else (0, 0, 0), (2, 2, 2))
    ks = kalai_smorodinsky(g, (0, 0, 0))
    assert ks.ideal == (4, 2, 4)
    # the 2-player projection is the Bargaining test game: KS = (12/5, 6/5), copied
    assert ks.point == (R(12, 5), R(6, 5), R(12, 5))


# -- coco (§9.4) -----------------------------------------------------------------------------

@pytest.mark.parametrize("game, value", [
    (G.prisoners_dilemma(), (2, 2)),
    (G.prisoners_dilemma(0, -1, -2, -3), (-1, -1)),
    (G.matching_pennies(), (0, 0)),
    (G.battle_of_the_sexes(), (R(3, 2), R(3, 2))),
    (G.coordination(), (2, 2)),
    (G.stag_hunt(), (10, 10)),
    (G.chicken(), (6, 6)),
    (G.surplus_counterexample(), (4, 2)),
    (G.bargaining_test(), (2, 2)),
])
def test_coco_table(game, value):
    """§9.4 table; the components sum to OPT."""
    from symalign.normalform.ca import max_welfare
    c = coco_value(game)
    assert c.value == value
    assert sum(c.value) == max_welfare(game)


def test_coco_competitive_part():
    """Surplus cx.: (A - B)/2 = [[0, 2], [1, 1]] has value 1 (row Y guarantees 1; column L
    holds row X to 0 and Y to 1), as §9.4 states."""
    assert coco_value(G.surplus_counterexample()).competitive == 1


@settings(max_examples=20)
@given(st.integers(0, 10**6))
def test_coco_zero_sum_is_the_value(seed):
    """For a zero-sum game (A, -A): (A+B)/2 = 0 and (A-B)/2 = A, so coco = (val A, -val A), with
    val A checked against symalign.normalform.security's mixed security value (an independent LP path)."""
    security = pytest.importorskip("symalign.normalform.security")
    g = G.random_zero_sum_game((3, 3), seed=seed)
    v = security.security_value(g, 0, mixed=True).value
    assert coco_value(g).value == (v, -v)


def test_pure_nash_bargaining_maximises_the_product_not_the_sum():
    """Issue 19 survivor. Two pure agreements (3, 3) and (6, 1) with threat (0, 0): the Nash
    products are 9 and 6, the sums of gains 6 and 7. The pure NBS is (3, 3)."""
    g = Game([[[3], [6]], [[3], [1]]])
    s = nbs(g, (0, 0), feasible="pure")
    assert s.point == (3, 3) and s.product == 9 and s.points == ((3, 3),)


# -- irrational (real algebraic) threat points (issue 15) -------------------------------------
SQ2 = sympy.sqrt(2)


def _segment_game():
    """Payoff vectors (4, 0), (0, 0), (0, 4), (1, 1): the efficient frontier of conv P is the
    segment x + y = 4 from (4, 0) to (0, 4)."""
    return Game.from_arrays([[4, 0], [0, 1]], [[0, 4], [0, 1]])


def test_nbs_threat_with_a_square_root_two_players():
    """d = (sqrt 2, 1). On the segment x + y = 4 the Nash product (x - d0)(y - d1) is
    maximal at equal gains g = (4 - sqrt 2 - 1) / 2: x = ((3 + sqrt 2)/2, (5 - sqrt 2)/2),
    inside the segment (0 <= x_0 <= 4), product g^2 = (11 - 6 sqrt 2)/4. OPT = 4, so the
    transferable-utility solution is the same point. No pure payoff vector weakly dominates
    d (each has a coordinate 0 or 1 < sqrt 2 ... (1, 1) has 1 < sqrt 2): F_d^pure is empty."""
    g = _segment_game()
    x = ((3 + SQ2) / 2, (5 - SQ2) / 2)
    for feasible in ("hull", "tu"):
        s = nbs(g, (SQ2, 1), feasible=feasible)
        assert all(sympy.simplify(a - b) == 0 for a, b in zip(s.point, x))
        assert sympy.simplify(s.product - (11 - 6 * SQ2) / 4) == 0
        assert s.threat == (SQ2, 1)
    with pytest.raises(UndefinedMetricError, match="empty"):
        nbs(g, (SQ2, 1), feasible="pure")


def _cyclic_game():
    """Three players with two actions; the player ``(a_0 + a_1 + a_2) mod 3`` gets 6, the
    others 0: payoff vectors (6,0,0), (0,6,0), (0,0,6), conv P the triangle x+y+z = 6."""
    return Game.from_function(lambda a: tuple(6 if i == sum(a) % 3 else 0 for i in range(3)),
                              (2, 2, 2))


def test_nbs_threat_with_a_square_root_three_players():
    """d = (sqrt 2, 0, 0) on the triangle x + y + z = 6: equal gains g = (6 - sqrt 2)/3,
    x = ((6 + 2 sqrt 2)/3, (6 - sqrt 2)/3, (6 - sqrt 2)/3) (all >= 0: inside), product g^3.
    d = (sqrt 2, 0, 5): every y >= d has y_0 + y_2 >= 5 + sqrt 2 > 6: F_d is empty."""
    g = _cyclic_game()
    s = nbs(g, (SQ2, 0, 0))
    x = ((6 + 2 * SQ2) / 3, (6 - SQ2) / 3, (6 - SQ2) / 3)
    assert all(sympy.simplify(a - b) == 0 for a, b in zip(s.point, x))
    assert sympy.simplify(s.product - ((6 - SQ2) / 3) ** 3) == 0
    with pytest.raises(UndefinedMetricError, match="empty"):
        nbs(g, (SQ2, 0, 5))
    with pytest.raises(InvalidProfileError, match="real algebraic"):
        nbs(g, (sympy.pi, 0, 0))


def _float_optimal(game, d, x) -> bool:
    """An independent float check that x maximises sum log(y_i - d_i) over conv P: x > d,
    x in conv P (scipy's LP finds mu in the simplex with mu P = x), and the gradient
    g = 1/(x - d) supports conv P at x (g . p <= g . x for every payoff vector p), which
    for this concave objective is the optimality condition."""
    from scipy.optimize import linprog
    P = np.array([[float(v) for v in game.sympy_array()[i].reshape(-1)]
                  for i in range(game.n_players)]).T
    xx = np.array([float(v) for v in x])
    gaps = xx - np.array([float(v) for v in d])
    if gaps.min() <= 0:
        return False
    res = linprog(np.zeros(len(P)), A_eq=np.vstack([P.T, np.ones(len(P))]),
                  b_eq=np.append(xx, 1.0), bounds=[(0, None)] * len(P), method="highs")
    g = 1 / gaps
    return res.status == 0 and float((P @ g).max() - g @ xx) <= 1e-9


def test_nbs_at_an_irrational_equilibrium_of_three_players():
    """The threat point is the payoff of the irrational fully mixed equilibrium of the 2x2x2
    game of test_nplayer.test_enumpoly_misses_an_irrational_equilibrium (in Q(sqrt 19873)).
    The exact hull solution passes an independent float optimality check, and the transferable-utility solution is the closed form
    x_i = d_i + (OPT - sum d)/3 with OPT = 6 (welfare of the eight outcomes, from the
    arrays: -6, 4, -9, -10, 6, -3, 4, 1; the 6 is outcome (1, 0, 0), payoffs (0, 5, 1))."""
    rng = np.random.default_rng(17)
    g = Game.from_arrays(*[rng.integers(-5, 6, (2, 2, 2)).tolist() for _ in range(3)])
    from symalign.normalform.equilibria import nash_equilibria
    ne = nash_equilibria(g)
    (k,) = [k for k, p in enumerate(ne.payoffs) if not all(v.is_Rational for v in p)]
    d = ne.payoffs[k]
    s = nbs(g, threat_profile=ne[k])
    assert s.threat == d
    assert _float_optimal(g, d, s.point)
    assert not _float_optimal(g, d, [float(v) + 0.01 * (-1) ** k for k, v in enumerate(s.point)])
    tu = nbs(g, threat_profile=ne[k], feasible="tu")
    slack = 6 - sum(d)
    assert all(sympy.simplify(a - (b + slack / 3)) == 0 for a, b in zip(tu.point, d))


def test_nbs_irrational_threat_with_f_d_a_point():
    """A zero-sum game of three players (u_2 = -u_0 - u_1) with a unique equilibrium, fully
    mixed and irrational (in Q(sqrt 195)). Its payoffs d sum to 0 like every y in conv P,
    so y >= d forces y = d: F_d = {d}, the solution is d with product 0 (certified by
    lambda = (1/3, 1/3, 1/3): lambda . y = 0 = lambda . d)."""
    rng = np.random.default_rng(11)
    a = [rng.integers(-5, 6, (2, 2, 2)) for _ in range(2)]
    g = Game.from_arrays(a[0].tolist(), a[1].tolist(), (-a[0] - a[1]).tolist())
    from symalign.normalform.equilibria import nash_equilibria
    ne = nash_equilibria(g)
    assert len(ne) == 1 and not all(v.is_Rational for v in ne.payoffs[0])
    s = nbs(g, threat_profile=ne[0])
    assert s.point == ne.payoffs[0] and s.product == 0 and "F_d = {d}" in s.method


def test_threat_slack_sign():
    """t* = max_{y in conv P} min_i (y_i - d_i) on the segment game: for d = (sqrt 2, 1) the
    point (2 + (sqrt 2 - 1)/2, ...) of equal gains gives t* = (3 - sqrt 2)/2 > 0; for
    d = (2 + sqrt 2, 2) the gains on x + y <= 4 sum to at most -sqrt 2: t* < 0; for
    d = (2 - sqrt 2, 2 + sqrt 2), on the segment, t* = 0 with lambda = (1/2, 1/2)."""
    from symalign.normalform.feasible_set import threat_slack_sign
    P = [(4, 0), (0, 0), (0, 4), (1, 1)]
    P = [tuple(sympy.Integer(v) for v in p) for p in P]
    assert threat_slack_sign(P, (SQ2, 1))[0] == 1
    assert threat_slack_sign(P, (2 + SQ2, 2))[0] == -1
    s, lam = threat_slack_sign(P, (2 - SQ2, 2 + SQ2))
    assert s == 0 and lam == (R(1, 2), R(1, 2))


def test_nbs_irrational_threat_on_an_edge_quadratic():
    """Payoff vectors A = (6, 0, 0) at (0, 0, 0), B = (0, 6, 3) at (1, 1, 1) and C = (0, 0, 1)
    elsewhere; C <= B, so every point of conv P is weakly below one of the segment AB, where
    the Nash product is maximal: y = A + t (B - A) = (6 - 6t, 6t, 3t). With d = (sqrt 2, 1,
    1) (s = sqrt 2) we need t in (1/3, (6 - s)/6), and the stationarity condition
    -6/(6 - s - 6t) + 6/(6t - 1) + 3/(3t - 1) = 0, times the three denominators, is
    -6(6t-1)(3t-1) + 6(6-s-6t)(3t-1) + 3(6-s-6t)(6t-1)
    = (-108t^2 + 54t - 6) + (-108t^2 + (144 - 18s)t - 36 + 6s) + (-108t^2 + (126 - 18s)t
    - 18 + 3s) = -324t^2 + (324 - 36s)t - 60 + 9s = 0, so
    t = (324 - 36s +- sqrt(29808 - 11664s))/648: 0.5995 (inside) or 0.2434 (< 1/3)."""
    A, B, C = (6, 0, 0), (0, 6, 3), (0, 0, 1)
    g = Game.from_function(lambda a: A if a == (0, 0, 0) else B if a == (1, 1, 1) else C,
                           (2, 2, 2))
    t = (324 - 36 * SQ2 + sympy.sqrt(29808 - 11664 * SQ2)) / 648
    s = nbs(g, (SQ2, 1, 1))
    expected = (6 - 6 * t, 6 * t, 3 * t)
    assert all(abs(float(a - b)) < 1e-12 for a, b in zip(s.point, expected))
    assert all(sympy.simplify(a - b) == 0 for a, b in zip(s.point, expected))
    assert "((6, 0, 0), (0, 6, 3))" in s.method or "((0, 6, 3), (6, 0, 0))" in s.method
