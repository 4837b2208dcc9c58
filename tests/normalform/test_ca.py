"""Tests for symalign.normalform.ca: welfare, OPT, utopia, alpha, the gaps and the game classifiers.

Expected values are the spec's worked examples (normal_form_alignment.md §3-§5) or hand
derivations given in each test's docstring; properties are checked against an independent
pure-Python implementation with fractions.Fraction.
"""

import itertools
from fractions import Fraction

import pytest
import sympy
from hypothesis import example, given, settings
from hypothesis import strategies as st

import symalign as sa
from symalign import games

# -- an independent implementation (plain Python, Fractions, no numpy, no symalign internals) --


def _outcomes(shape):
    return list(itertools.product(*(range(k) for k in shape)))


def _ref_alpha(U, shape):
    outs = _outcomes(shape)
    n = len(shape)
    opt = max(sum(U[i][a] for i in range(n)) for a in outs)
    utopia = sum(max(U[i][a] for a in outs) for i in range(n))
    return opt - utopia


@st.composite
def payoff_tables(draw, max_players=3, max_actions=3, denominators=(1, 2, 3, 7)):
    n = draw(st.integers(1, max_players))
    shape = tuple(draw(st.integers(1, max_actions)) for _ in range(n))
    U = []
    for _ in range(n):
        table = {}
        for a in _outcomes(shape):
            table[a] = Fraction(draw(st.integers(-6, 6)), draw(st.sampled_from(denominators)))
        U.append(table)
    return U, shape


def _game(U, shape):
    import numpy as np

    arrays = []
    for table in U:
        arr = np.empty(shape, dtype=object)
        for a, v in table.items():
            arr[a] = v
        arrays.append(arr)
    return sa.Game(arrays)


# -- spec §5 table --------------------------------------------------------------------------

REFERENCE = [
    # name, factory, OPT, U*, alpha   (normal_form_alignment.md §5, "Global values")
    ("MP", games.matching_pennies, 0, 2, -2),
    ("PD+", games.prisoners_dilemma, 4, 6, -2),
    ("PD-", lambda: games.prisoners_dilemma(0, -1, -2, -3), -2, 0, -2),
    ("BoS", games.battle_of_the_sexes, 3, 4, -1),
    ("coordination", games.coordination, 4, 4, 0),
    ("stag hunt", games.stag_hunt, 20, 20, 0),
    ("chicken", games.chicken, 12, 14, -2),
    ("surplus cx", games.surplus_counterexample, 6, 6, 0),
]


@pytest.mark.parametrize("name,factory,opt,utopia,alpha", REFERENCE,
                         ids=[r[0] for r in REFERENCE])
def test_reference_games(name, factory, opt, utopia, alpha):
    g = factory()
    assert sa.max_welfare(g) == opt
    assert sa.utopia_welfare(g) == utopia
    assert sa.alpha(g) == alpha
    assert sa.alignment_gap(g) == -alpha
    assert isinstance(sa.alpha(g), sympy.Integer)


def test_pd_coordination_gap_at_defect_defect():
    """Spec §14 table: PD(+) at (D,D) has W = 2 and CG = OPT - W = 4 - 2 = 2."""
    pd = games.prisoners_dilemma()
    assert sa.coordination_gap(pd, ("D", "D")) == 2
    assert sa.coordination_gap(pd, (1, 1)) == 2
    assert sa.coordination_gap(pd, ("C", "C")) == 0


def test_welfare_mixed_hand_derivation():
    """PD(+) W = [[4,3],[3,2]]; with sigma_0 = (1/2,1/2), sigma_1 = (1/3,2/3):
    W = 1/2 (4/3 + 6/3) + 1/2 (3/3 + 4/3) = 5/3 + 7/6 = 17/6."""
    pd = games.prisoners_dilemma()
    assert sa.welfare(pd, [["1/2", "1/2"], ["1/3", "2/3"]]) == sympy.Rational(17, 6)


def test_welfare_pd_minus_counts_cooperators():
    """Spec §6.1: in PD(-), W = -4 + X with X the number of cooperators."""
    pd = games.prisoners_dilemma(0, -1, -2, -3)
    for a in _outcomes((2, 2)):
        assert sa.welfare(pd, a) == -4 + sum(1 for x in a if x == 0)


def test_weighted_welfare_and_alpha():
    """Spec §3.4: doubling player 0's payoffs in PD(+) gives alpha = -3.
    Weighted: W_(2,1) = 2 U_0 + U_1 = 2 [[2,0],[3,1]] + [[2,3],[0,1]] = [[6,3],[6,3]],
    OPT = 6, U* = 2*3 + 3 = 9, alpha = -3."""
    pd = games.prisoners_dilemma()
    assert sa.alpha(pd, weights=[2, 1]) == -3
    doubled = sa.Game.from_arrays([[4, 0], [6, 2]], [[2, 3], [0, 1]])
    assert sa.alpha(doubled) == -3


def test_lottery_sensitivity():
    """Spec §3.4 test vector: PD(+) plus a row (N, -N) against both columns: alpha = 1 - N for N >= 3."""
    for N in (3, 4, 10, 1000):
        g = sa.Game.from_arrays([[2, 0], [3, 1], [N, N]], [[2, 3], [0, 1], [-N, -N]])
        assert sa.alpha(g) == 1 - N


def test_welfare_maximisers_are_complete():
    """BoS: W = [[3,0],[0,3]], both diagonal profiles are optimal."""
    assert sa.welfare_maximisers(games.battle_of_the_sexes()) == ((0, 0), (1, 1))
    assert sa.welfare_maximisers(games.chicken()) == ((0, 0),)


def test_ca_report_tightness():
    """Coordination game: at (A,A) both inequalities are tight (W = OPT = U* = 4);
    at (B,B) W = 2 so (C) is strict while (A) stays tight."""
    g = games.coordination()
    r = sa.ca_inequalities(g, ("A", "A"))
    assert (r.welfare, r.max_welfare, r.utopia_welfare) == (4, 4, 4)
    assert r.coordination_tight is True and r.alignment_tight is True
    r = sa.ca_inequalities(g, ("B", "B"))
    assert r.coordination_gap == 2 and r.coordination_tight is False
    assert r.alignment_tight is True
    assert r.welfare - r.utopia_welfare == -(r.alignment_gap + r.coordination_gap)


def test_ca_report_correlated_profile():
    """Support inside A* makes (C) tight (§3.3 item 1); BoS A* = {(A,A),(B,B)}."""
    bos = games.battle_of_the_sexes()
    mu = sa.CorrelatedProfile([["1/2", 0], [0, "1/2"]])
    assert sa.ca_inequalities(bos, mu).coordination_tight is True
    mu = sa.CorrelatedProfile([["1/2", "1/2"], [0, 0]])
    assert sa.ca_inequalities(bos, mu).coordination_tight is False


def test_symbolic_pd_alpha():
    """With T > R > P > S and 2R > T + S: OPT = 2R, U* = 2T, so alpha = 2R - 2T."""
    T, R, P, S = sympy.symbols("T R P S")
    pd = games.prisoners_dilemma(T, R, P, S)
    assumptions = [T > R, R > P, P > S, 2 * R > T + S]
    assert sa.alpha(pd, assumptions=assumptions) == 2 * R - 2 * T
    assert sa.alpha(pd.assuming(*assumptions)) == 2 * R - 2 * T
    # substitution commutes with the metric
    point = {T: 5, R: 3, P: 1, S: 0}
    assert sa.alpha(pd, assumptions=assumptions).subs(point) == sa.alpha(pd.subs(point))


def test_symbolic_alpha_without_decisive_assumptions_is_piecewise():
    """Without 2R > T + S, OPT is max(2R, T + S): the result must not silently pick one."""
    T, R, P, S = sympy.symbols("T R P S")
    pd = games.prisoners_dilemma(T, R, P, S)
    a = sa.alpha(pd, assumptions=[T > R, R > P, P > S])
    assert isinstance(a, sympy.Piecewise)
    for point, expected in [({T: 3, R: 2, P: 1, S: 0}, -2), ({T: 10, R: 2, P: 1, S: 0}, -10)]:
        assert a.subs(point) == expected == sa.alpha(pd.subs(point))


# -- classifiers ------------------------------------------------------------------------------

CLASSES = [
    # name, game, common payoff, constant sum, zero sum, unique Pareto payoff (spec §4, §5)
    ("MP", games.matching_pennies, False, True, True, False),
    ("PD", games.prisoners_dilemma, False, False, False, False),
    ("BoS", games.battle_of_the_sexes, False, False, False, False),
    ("coordination", games.coordination, True, False, False, True),
    ("stag hunt", games.stag_hunt, True, False, False, True),
    ("chicken", games.chicken, False, False, False, False),
    ("surplus cx", games.surplus_counterexample, False, False, False, True),
]


@pytest.mark.parametrize("name,factory,cp,cs,zs,upe", CLASSES, ids=[c[0] for c in CLASSES])
def test_classifiers(name, factory, cp, cs, zs, upe):
    g = factory()
    assert sa.is_common_payoff(g) is cp
    assert sa.is_constant_sum(g) is cs
    assert sa.is_zero_sum(g) is zs
    assert sa.has_unique_pareto_payoff(g) is upe
    assert (sa.alpha(g) == 0) is upe


def test_common_interest():
    """u_1 = 2 u_0 + 1 is common-interest but not common-payoff; -u_0 is neither (§4)."""
    g = sa.Game.from_arrays([[2, 0], [0, 1]], [[5, 1], [1, 3]])
    assert sa.is_common_interest(g) and not sa.is_common_payoff(g)
    assert sa.alpha(g) == 0
    assert not sa.is_common_interest(games.matching_pennies())
    const = sa.Game.from_arrays([[2, 0], [0, 1]], [[7, 7], [7, 7]])
    assert sa.is_common_interest(const)  # a constant utility is compatible with anything


def test_payoff_constant_is_both_constant_sum_and_upe():
    """Spec §4: constant-sum ∩ UPE = payoff-constant games."""
    g = sa.Game.from_arrays([[1, 1], [1, 1]], [[4, 4], [4, 4]])
    assert sa.is_payoff_constant(g) and sa.is_constant_sum(g) and sa.has_unique_pareto_payoff(g)


def test_symbolic_classifier_decidable_and_not():
    x = sympy.Symbol("x")
    g = sa.Game.from_arrays([[x, 0]], [[1, 0]])
    with pytest.raises(sa.UndecidableError) as info:
        sa.is_common_payoff(g)
    assert "x" in str(info.value)
    assert sa.is_common_payoff(g, as_condition=True) == sympy.Eq(x, 1)
    assert sa.is_common_payoff(g.subs(x, 1)) is True
    assert sa.is_common_payoff(g.subs(x, 2)) is False
    assert sa.is_common_payoff(g, assumptions=[x > 1]) is False
    y = sympy.Symbol("y")
    zs = sa.Game.from_arrays([[y, -1]], [[-y, 1]])
    assert sa.is_zero_sum(zs) is True


def test_constant_sum_symbolic_condition_names_parameters():
    a, b = sympy.symbols("a b")
    g = sa.Game.from_arrays([[a, 0]], [[1, b]])
    cond = sa.is_constant_sum(g, as_condition=True)
    assert cond.free_symbols == {a, b}
    assert sa.is_constant_sum(g.subs({a: 2, b: 3})) is True


def test_weights_validation():
    pd = games.prisoners_dilemma()
    with pytest.raises(sa.InvalidGameError, match="weights"):
        sa.alpha(pd, weights=[1])
    with pytest.raises(sa.InvalidGameError, match="negative"):
        sa.alpha(pd, weights=[1, -1])
    with pytest.raises(sa.ExactnessError):
        sa.alpha(pd, weights=[0.5, 1])


def test_large_integers_take_the_exact_object_path():
    """Payoffs beyond int64 must stay exact: OPT = 2**70 + 1, U* = 2**70 + 1, alpha = 0."""
    big = 2**70
    g = sa.Game.from_arrays([[big, 0]], [[1, 0]])
    assert sa.max_welfare(g) == big + 1
    assert sa.alpha(g) == 0
    g2 = sa.Game.from_arrays([[big, -big]], [[-big, big]])
    assert sa.alpha(g2) == -2 * big


# -- properties ---------------------------------------------------------------------------------


@given(payoff_tables())
def test_alpha_matches_independent_implementation(table):
    U, shape = table
    g = _game(U, shape)
    expected = _ref_alpha(U, shape)
    assert sa.alpha(g) == sympy.Rational(expected.numerator, expected.denominator)


@given(payoff_tables())
def test_alpha_nonpositive(table):
    assert sa.alpha(_game(*table)) <= 0


@given(payoff_tables(), st.data())
def test_alpha_translation_invariant(table, data):
    U, shape = table
    i = data.draw(st.integers(0, len(shape) - 1))
    b = Fraction(data.draw(st.integers(-20, 20)), data.draw(st.sampled_from([1, 2, 5])))
    V = [dict(t) for t in U]
    V[i] = {a: v + b for a, v in V[i].items()}
    assert sa.alpha(_game(V, shape)) == sa.alpha(_game(U, shape))


@given(payoff_tables(), st.fractions(min_value=Fraction(1, 10), max_value=10,
                                     max_denominator=10))
def test_alpha_common_scaling(table, lam):
    U, shape = table
    V = [{a: lam * v for a, v in t.items()} for t in U]
    assert sa.alpha(_game(V, shape)) == sympy.Rational(lam.numerator, lam.denominator) * \
        sa.alpha(_game(U, shape))


@given(payoff_tables(denominators=(1,)))
def test_alignment_equality_iff_common_best_outcome(table):
    """alpha == 0 iff some profile maximises every player's payoff (spec §3.3 (a))."""
    U, shape = table
    outs = _outcomes(shape)
    maxima = [max(t.values()) for t in U]
    common_best = any(all(t[a] == m for t, m in zip(U, maxima)) for a in outs)
    g = _game(U, shape)
    assert (sa.alpha(g) == 0) is common_best
    assert sa.has_unique_pareto_payoff(g) is common_best


@given(payoff_tables())
def test_coordination_equality_everywhere_iff_constant_welfare(table):
    """(C) is tight at every pure profile iff W is constant (spec §3.3 item 1)."""
    U, shape = table
    g = _game(U, shape)
    tight_everywhere = all(sa.coordination_gap(g, a) == 0 for a in _outcomes(shape))
    assert tight_everywhere is sa.is_constant_welfare(g)


@given(payoff_tables(max_players=2, max_actions=2), st.data())
def test_fast_path_equals_sympy_path(table, data):
    """A game with a parameter that is substituted away after the fact takes the sympy path
    for the symbolic game; both routes must give identical exact values."""
    U, shape = table
    x = sympy.Symbol("x")
    import numpy as np

    arrays = []
    for t in U:
        arr = np.empty(shape, dtype=object)
        for a, v in t.items():
            arr[a] = sympy.Rational(v.numerator, v.denominator) + x
        arrays.append(arr)
    symbolic = sa.Game(arrays)
    numeric = _game(U, shape)
    n = len(shape)
    # per-player translation by x leaves alpha unchanged (§3.4), so alpha is x-free
    assert sympy.simplify(sa.alpha(symbolic) - sa.alpha(numeric)) == 0
    assert sympy.expand(sa.max_welfare(symbolic) - n * x) == sa.max_welfare(numeric)


# -- the elementwise-fraction fast path (huge common denominators) ---------------------------

PRIMES = [1009, 1013, 1019, 1021, 1031, 1033, 1039, 1049, 1051, 1061, 1063, 1069]


@given(st.data())
def test_elementwise_fraction_path_equals_fraction_oracle(data):
    """Denominators that are distinct primes near 1000 make the common denominator exceed
    int64, so the game keeps elementwise numerators/denominators; alpha, OPT and U* must
    equal the plain-Fraction oracle exactly."""
    import numpy as np

    n = data.draw(st.integers(2, 3))
    shape = tuple(data.draw(st.integers(1, 3)) for _ in range(n))
    size = int(np.prod(shape))
    nums, dens, U = [], [], []
    for _ in range(n):
        p = np.array(data.draw(st.lists(st.integers(-10**6, 10**6), min_size=size,
                                        max_size=size)), dtype=np.int64).reshape(shape)
        q = np.array(data.draw(st.lists(st.sampled_from(PRIMES), min_size=size, max_size=size)),
                     dtype=np.int64).reshape(shape)
        nums.append(p)
        dens.append(q)
        U.append({a: Fraction(int(p[a]), int(q[a])) for a in _outcomes(shape)})
    g = sa.Game.from_fractions(nums, dens)
    expected = _ref_alpha(U, shape)
    assert sa.alpha(g) == sympy.Rational(expected.numerator, expected.denominator)
    opt = max(sum(U[i][a] for i in range(n)) for a in _outcomes(shape))
    assert sa.max_welfare(g) == sympy.Rational(opt.numerator, opt.denominator)
    assert g == _game(U, shape)


@given(st.data())
def test_elementwise_fraction_near_ties_decided_exactly(data):
    """Payoffs ``2**50 + r/q`` with ``|r| <= 300`` and prime ``q`` near 1000 differ by about
    one float rounding (``eps * 2**50 = 1/4``; ``p`` itself rounds when made a float), so the
    float guide can order them wrongly and the exact confirmation must decide. (With the
    guide's tolerance set to zero this test fails.) Expected values from a plain-Fraction oracle, for alpha, OPT,
    the minimum welfare, a weighted OPT and each player's maximum and minimum."""
    import numpy as np

    X = 2**50
    n = data.draw(st.integers(2, 3))
    shape = tuple(data.draw(st.integers(1, 4)) for _ in range(n))
    size = int(np.prod(shape))
    nums, dens, U = [], [], []
    for _ in range(n):
        r = np.array(data.draw(st.lists(st.integers(-300, 300), min_size=size, max_size=size)),
                     dtype=np.int64).reshape(shape)
        q = np.array(data.draw(st.lists(st.sampled_from(PRIMES), min_size=size, max_size=size)),
                     dtype=np.int64).reshape(shape)
        nums.append(X * q + r)
        dens.append(q)
        U.append({a: X + Fraction(int(r[a]), int(q[a])) for a in _outcomes(shape)})
    g = sa.Game.from_fractions(nums, dens)
    outs = list(_outcomes(shape))
    R = lambda f: sympy.Rational(f.numerator, f.denominator)  # noqa: E731
    expected = _ref_alpha(U, shape)
    assert sa.alpha(g) == R(expected)
    assert sa.max_welfare(g) == R(max(sum(U[i][a] for i in range(n)) for a in outs))
    assert sa.min_welfare(g) == R(min(sum(U[i][a] for i in range(n)) for a in outs))
    w = [Fraction(1, 3)] + [Fraction(2)] * (n - 1)
    assert sa.max_welfare(g, [R(x) for x in w]) == R(
        max(sum(w[i] * U[i][a] for i in range(n)) for a in outs))
    assert sa.utopia_welfare(g) == R(sum(max(U[i].values()) for i in range(n)))
    assert sa.min_welfare(g, [1] + [0] * (n - 1)) == R(min(U[0].values()))


def test_elementwise_fraction_path_across_chunks():
    """A 300x300 game (90 000 outcomes: two chunks of the welfare search) whose payoffs are
    ``2**50 + r/q``, with the best welfare planted in the second chunk and a float-level tie
    in the first. Expected values from plain Fractions over every outcome."""
    import numpy as np

    rng = np.random.default_rng(11)
    X = 2**50
    shape = (300, 300)
    r = [rng.integers(-300, 301, size=shape) for _ in range(2)]
    q = [rng.choice(PRIMES, size=shape) for _ in range(2)]
    # plant: outcome (250, 7) (flat index 75007, in the second chunk of 65536) is the best
    # for welfare, and (1, 1) in the first chunk is within one float rounding of it
    r[0][250, 7], q[0][250, 7], r[1][250, 7], q[1][250, 7] = 1000, 1009, 1000, 1013
    r[0][1, 1], q[0][1, 1], r[1][1, 1], q[1][1, 1] = 999, 1009, 1000, 1013
    nums = [X * qq + rr for rr, qq in zip(r, q)]
    g = sa.Game.from_fractions(nums, q)
    vals = [[Fraction(int(a), int(b)) for a, b in zip(rr.ravel().tolist(), qq.ravel().tolist())]
            for rr, qq in zip(r, q)]
    W = [a + b for a, b in zip(*vals)]
    best = max(W)
    assert W.index(best) == 250 * 300 + 7
    R = lambda f: sympy.Rational(f.numerator, f.denominator)  # noqa: E731
    assert sa.max_welfare(g) == R(2 * X + best)
    assert sa.min_welfare(g) == R(2 * X + min(W))
    w = [Fraction(2, 3), Fraction(5)]
    assert sa.max_welfare(g, [R(x) for x in w]) == R(
        (w[0] + w[1]) * X + max(w[0] * a + w[1] * b for a, b in zip(*vals)))
    assert sa.alpha(g) == R(best - max(vals[0]) - max(vals[1]))


def test_from_fractions_validation():
    import numpy as np

    with pytest.raises(sa.InvalidGameError, match="positive"):
        sa.Game.from_fractions([np.array([1, 2])], [np.array([1, -3])])
    with pytest.raises(sa.InvalidGameError, match="integer array"):
        sa.Game.from_fractions([np.array([1.5, 2])], [np.array([1, 3])])
    with pytest.raises(sa.InvalidGameError, match="one array per player"):
        sa.Game.from_fractions([np.array([1, 2])], [])


def test_weighted_welfare_uses_the_weights():
    """Issue 19 survivor. PD(+) (§6.2): (C, C) pays (2, 2) and (D, D) pays (1, 1), so with
    weights (2, 1) the welfare is 2*2 + 1*2 = 6 and 2*1 + 1*1 = 3 (unweighted: 4 and 2)."""
    pd = sa.games.prisoners_dilemma()
    assert sa.welfare(pd, ("C", "C"), weights=[2, 1]) == 6
    assert sa.welfare(pd, ("D", "D"), weights=[2, 1]) == 3


def test_alpha_exact_when_float_order_ties():
    """Issue 19 survivor (the elementwise-fraction tests above see it about half the time):
    a = 2305843009213694152/1048583 > b = 2305856203265147648/1048589 exactly, yet both round
    to the same double. With player 1 indifferent, U* = max u_0 = OPT, so alpha = 0 exactly;
    a float guide whose tolerance does not scale with the values misses the exact maximum."""
    a = Fraction(2305843009213694152, 1048583)
    b = Fraction(2305856203265147648, 1048589)
    assert a > b and float(a) == float(b)
    for first, second in ((a, b), (b, a)):
        g = sa.Game([[[str(first)], [str(second)]], [[0], [0]]])
        assert sa.alpha(g) == 0
        assert sa.utopia_welfare(g) == sympy.Rational(a.numerator, a.denominator)
        assert sa.min_welfare(g, [1, 0]) == sympy.Rational(b.numerator, b.denominator)


# -- as_condition predicates are exact at degenerate points (issue 14) -------------------------

def _ref_classes(U, shape):
    """Plain-Fraction definitions of the classes of spec §4 for a table U[i][outcome]."""
    outs = _outcomes(shape)
    n = len(shape)
    vals = [[Fraction(U[i][a]) for a in outs] for i in range(n)]
    welfare = [sum(vals[i][k] for i in range(n)) for k in range(len(outs))]
    nonconst = [v for v in vals if len(set(v)) > 1]

    def positive_affine(v, w):   # v = lam * w + b with lam > 0, both non-constant
        k = next(k for k in range(len(w)) if w[k] != w[0])
        lam = (v[k] - v[0]) / (w[k] - w[0])
        return lam > 0 and all(v[j] - v[0] == lam * (w[j] - w[0]) for j in range(len(v)))

    common_best = any(all(vals[i][k] == max(vals[i]) for i in range(n))
                      for k in range(len(outs)))
    return {
        "is_common_payoff": all(v == vals[0] for v in vals),
        "is_constant_welfare": len(set(welfare)) == 1,
        "is_constant_sum": len(set(welfare)) == 1,
        "is_zero_sum": all(w == 0 for w in welfare),
        "is_payoff_constant": not nonconst,
        "is_common_interest": all(positive_affine(v, nonconst[0]) for v in nonconst[1:]),
        "has_unique_pareto_payoff": common_best,
    }


_PREDICATES = ["is_common_payoff", "is_constant_welfare", "is_constant_sum", "is_zero_sum",
               "is_payoff_constant", "is_common_interest", "has_unique_pareto_payoff"]
_GENERIC = {shape: games.symbolic_game(shape) for shape in [(2, 2), (2, 2, 2)]}
_CONDITIONS: dict = {}


def _condition(name, shape):
    if (name, shape) not in _CONDITIONS:
        _CONDITIONS[name, shape] = getattr(sa, name)(_GENERIC[shape], as_condition=True)
    return _CONDITIONS[name, shape]


def _check_conditions_at(values, shape=(2, 2)):
    syms = sorted(_GENERIC[shape].free_symbols, key=lambda s: s.name)
    point = dict(zip(syms, map(sympy.Integer, values)))
    g = _GENERIC[shape].subs(point)
    U = [[g.payoff(i, a) for a in _outcomes(g.shape)] for i in range(len(shape))]
    U = [dict(zip(_outcomes(g.shape), row)) for row in U]
    ref = _ref_classes(U, g.shape)
    for name in _PREDICATES:
        cond = _condition(name, shape).subs(point)
        assert cond in (sympy.true, sympy.false), (name, cond)
        assert bool(cond) == ref[name], (name, point)
        assert getattr(sa, name)(g) == ref[name], (name, point)


@example([1, 1, 1, 0, 1, 1, 1, 0])   # the PD table at T = R = S = 1, P = 0: common payoff
@example([0, 0, 0, 0, 0, 1, 0, 0])   # player 0 constant: common interest holds
@example([0, 1, 0, 2, 0, 0, 0, 0])   # player 1 constant
@example([1, 0, 0, 1, 2, 0, 0, 2])   # u_1 = 2 u_0: ratio found only at the second outcome
@example([0, 0, 1, 0, 0, 0, 2, 0])   # the first two differences vanish
@given(st.lists(st.sampled_from([0, 1, 2]), min_size=8, max_size=8))
def test_as_condition_predicates_match_numeric_with_ties(values):
    """Every as_condition=True predicate of the generic 2x2 game, substituted at a point with
    many ties, equals the plain-Fraction definition and the numeric predicate. Before issue
    14 is_common_interest divided by payoff differences and was wrong at about 1 point in 7
    of these."""
    _check_conditions_at(values)


@example([0] * 24)
@example([1, 0, 0, 1, 0, 0, 0, 0] * 3)        # three identical players
@example([1, 0, 0, 1, 0, 0, 0, 0] * 2 + [0] * 8)   # the third player constant
@settings(max_examples=15)
@given(st.lists(st.sampled_from([0, 1]), min_size=24, max_size=24))
def test_three_player_as_condition_predicates_match_numeric_with_ties(values):
    """The same check on the generic 2x2x2 game (common interest over three pairs)."""
    _check_conditions_at(values, (2, 2, 2))


def test_common_payoff_pd_is_common_interest_at_the_degenerate_point():
    """Issue 14: the PD family at T = 1, R = 1, P = 0, S = 1 has u_0 = u_1 = [[1, 1], [1, 0]],
    so it is common payoff and common interest; the condition gave False (0/0 ratio)."""
    T, R, P, S = sympy.symbols("T R P S")
    pd = games.prisoners_dilemma(T, R, P, S)
    point = {T: 1, R: 1, P: 0, S: 1}
    assert sa.is_common_payoff(pd.subs(point)) and sa.is_common_interest(pd.subs(point))
    assert sa.is_common_interest(pd, as_condition=True).subs(point) is sympy.true


def test_zero_sum_condition_simplified_under_assumptions():
    """Issue 14: under T > R > P > S zero-sum needs 2R = 0 and 2P = 0, impossible with R > P;
    the condition was left as Eq(2*P, 0) & ... instead of False."""
    T, R, P, S = sympy.symbols("T R P S")
    pd = games.prisoners_dilemma(T, R, P, S)
    assert sa.is_zero_sum(pd, assumptions=[T > R, R > P, P > S], as_condition=True) is \
        sympy.false
    cond = sa.is_zero_sum(pd, as_condition=True)
    assert cond == sympy.And(sympy.Eq(P, 0), sympy.Eq(R, 0), sympy.Eq(S, -T))
