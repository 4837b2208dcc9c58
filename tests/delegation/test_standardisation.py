"""Tests of symalign.delegation.standardisation (spec delegation_games.md §3)."""

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, strategies as st
from sympy import ImmutableMatrix, Rational, sqrt

import symalign as sa
from symalign.core.errors import SymalignError
from symalign.delegation.standardisation import (EPIC, MAX, Standardisation, _symbolic_standardise,
                                      epic_tight_K_d, magnitude, mean_under, standardise)

SH = [2, 1, 1, 10]


def test_stag_hunt_epic():
    """Spec §3.4: c = 7/2, m = sqrt(57), nu = (-3, -5, -5, 13)/(2 sqrt(57))."""
    s = standardise(SH)
    assert s.shift == Rational(7, 2)
    assert s.magnitude == sqrt(57)
    assert s.vector == ImmutableMatrix([-3, -5, -5, 13]) / (2 * sqrt(57))
    assert s.is_constant is False


def test_stag_hunt_max():
    """Spec §3.4: c = 11/2, m = 9/2, nu = (-7/9, -1, -1, 1)."""
    s = standardise(SH, MAX)
    assert (s.shift, s.magnitude) == (Rational(11, 2), Rational(9, 2))
    assert s.vector == ImmutableMatrix([Rational(-7, 9), -1, -1, 1])


def test_accepts_game_utility_and_matrix():
    g = sa.games.stag_hunt()
    assert standardise(g.utility(0)).magnitude == sqrt(57)
    assert standardise(sympy.Matrix([SH]), MAX).magnitude == Rational(9, 2)
    assert standardise(np.array(SH)).shift == Rational(7, 2)


def test_constant_convention():
    """Spec §3.1: a constant utility has magnitude 0 and nu = 0."""
    for std in (EPIC, MAX, Standardisation("mean", "L1")):
        s = standardise([5, 5, 5], std)
        assert s.is_constant is True and s.magnitude == 0 and s.shift == 5
        assert list(s.vector) == [0, 0, 0]
        assert "zero-magnitude convention" in s.note


def test_constants_table():
    """Spec §3.2-3.3 table: EPIC (sqrt 2, 2, 1), MAX (2, 1, 2); tight K_d(N) = 2 sqrt(1-1/N)."""
    assert (EPIC.K_m, EPIC.K_d, EPIC.d_max) == (sqrt(2), 2, 1)
    assert (MAX.K_m, MAX.K_d, MAX.d_max) == (2, 1, 2)
    assert epic_tight_K_d(2) == sqrt(2) and epic_tight_K_d(4) == sqrt(3)
    # L1 with the mean shift: a mean-zero vector with ||v||_1 = 1 has range <= 1 (hand proof)
    assert Standardisation("mean", "L1", 1).K_m == 1


def test_mean_under():
    """D = (1/2, 1/4, 1/4), u = (4, 0, 0): c = 2, ||(2, -2, -2)||_{L2(D)}^2 = 2 + 1 + 1 = 4."""
    s = mean_under(["1/2", "1/4", "1/4"])
    r = standardise([4, 0, 0], s)
    assert (r.shift, r.magnitude) == (2, 2)
    assert list(r.vector) == [1, -1, -1]
    assert s.K_m == sqrt(8) and s.K_d == 4  # sqrt(1/D_a + 1/D_b); 1/(kappa sqrt(D_min))


def test_epic_magnitude_examples():
    """Spec §12.4: EPIC magnitudes of (1, 0), (0, 2), (3, 0) are sqrt2/2, sqrt2, 3 sqrt2/2."""
    assert magnitude([1, 0]) == sqrt(2) / 2
    assert magnitude([0, 2]) == sqrt(2)
    assert magnitude([3, 0]) == 3 * sqrt(2) / 2
    # §12.5: u = (4, 1, 1, 3): c = 9/4, m = 3 sqrt(3)/2, nu = (7, -5, -5, 3)/(6 sqrt 3)
    s = standardise([4, 1, 1, 3])
    assert s.shift == Rational(9, 4) and s.magnitude == 3 * sqrt(3) / 2
    assert s.vector == ImmutableMatrix([7, -5, -5, 3]) / (6 * sqrt(3))


def test_errors():
    with pytest.raises(SymalignError, match="'shift'"):
        Standardisation("median", "L2")
    with pytest.raises(SymalignError, match="'norm'"):
        Standardisation("mean", "L3")
    with pytest.raises(SymalignError, match="'distribution'"):
        mean_under(["1/2", "1/3"])
    with pytest.raises(SymalignError, match="'u'"):
        standardise([])
    with pytest.raises(SymalignError, match="'standardisation'"):
        standardise([1, 2], "EPIC")
    with pytest.raises(sa.ExactnessError):
        standardise([1.5, 2])


def test_symbolic():
    x = sympy.Symbol("x", positive=True)
    s = standardise([0, x])
    assert s.magnitude == sqrt(2) * x / 2 and s.is_constant is False
    assert sympy.simplify(s.vector[1] - sqrt(2) / 2) == 0
    y = sympy.Symbol("y", real=True)
    t = standardise([y, 0])           # constant iff y = 0: undecidable, so piecewise
    assert isinstance(t.vector[0], sympy.Piecewise)
    assert t.is_constant == sympy.Eq(t.magnitude, 0)
    m = standardise([y, 0], MAX, assumptions=[y > 0])
    assert m.magnitude == y / 2


ints = st.lists(st.integers(-20, 20), min_size=2, max_size=6)
stds = st.sampled_from([EPIC, MAX, Standardisation("mean", "L1"),
                        Standardisation("midrange", "L2"), Standardisation("mean", "Linf")])


@given(ints, st.fractions(min_value=Fraction(1, 7), max_value=9), st.fractions(-5, 5), stds)
def test_positive_affine_invariance(u, lam, beta, std):
    """Spec §3.1 property 1: nu(lam u + beta) = nu(u); c and m are equivariant."""
    v = [lam * a + beta for a in u]
    s, t = standardise(u, std), standardise(v, std)
    assert t.vector == s.vector
    assert t.magnitude == Rational(lam.numerator, lam.denominator) * s.magnitude
    assert t.shift == Rational(lam.numerator, lam.denominator) * s.shift + Rational(
        beta.numerator, beta.denominator)


@given(ints, stds)
def test_odd_and_unit(u, std):
    """Spec §3.1 properties 3-4: nu(-u) = -nu(u); m(nu) = 1 and nu idempotent (non-constant)."""
    s = standardise(u, std)
    assert standardise([-a for a in u], std).vector == -s.vector
    if not s.is_constant:
        assert std.norm_of(list(s.vector)) == 1
        assert standardise(s.vector, std).vector == s.vector


@given(ints)
def test_fast_path_matches_symbolic_path(u):
    """The integer path and the generic sympy path agree exactly."""
    for std in (EPIC, MAX):
        fast = standardise(u, std)
        slow = _symbolic_standardise([sympy.Integer(a) for a in u], std, ())
        assert sympy.simplify(fast.magnitude - slow.magnitude) == 0
        assert all(sympy.simplify(a - b) == 0 for a, b in zip(fast.vector, slow.vector))


@given(ints)
def test_against_float_reimplementation(u):
    """Independent float EPIC: mean, Euclidean norm of the centred vector."""
    x = np.array(u, dtype=float)
    c = x.mean()
    m = np.sqrt(((x - c) ** 2).sum())
    s = standardise(u)
    assert math.isclose(float(s.shift), c, abs_tol=1e-12)
    assert math.isclose(float(s.magnitude), m, rel_tol=1e-12, abs_tol=1e-12)
    if m > 0:
        assert np.allclose([float(v) for v in s.vector], (x - c) / m, atol=1e-12)


# -- the vectorised path for large numeric games (issue: performance) ----------------------------

from hypothesis import given as _given  # noqa: E402
from hypothesis import strategies as _st  # noqa: E402


@_given(_st.data())
def test_vectorised_player_path_equals_list_path(data):
    """With the laziness threshold lowered to 0, `standardise(game, player=i)` takes the
    vectorised path (grouped exact sums, a LazyVector); it must agree exactly with the
    list path on shift, magnitude and every entry, for integer games and for games whose
    denominators (distinct primes) force elementwise fractions."""
    import numpy as np

    import symalign as sa
    from symalign.delegation import standardisation as stdmod

    shape = tuple(data.draw(_st.lists(_st.integers(1, 3), min_size=2, max_size=3)))
    size = int(np.prod(shape))
    primes = [1009, 1013, 1019, 1021, 1031]
    nums = [np.array(data.draw(_st.lists(_st.integers(-50, 50), min_size=size, max_size=size)),
                     dtype=np.int64).reshape(shape) for _ in shape]
    if data.draw(_st.booleans()):
        dens = [np.array(data.draw(_st.lists(_st.sampled_from(primes), min_size=size,
                                             max_size=size)), dtype=np.int64).reshape(shape)
                for _ in shape]
    else:
        dens = [np.ones(shape, dtype=np.int64) for _ in shape]
    g = sa.Game.from_fractions(nums, dens)
    std = data.draw(_st.sampled_from([stdmod.EPIC, stdmod.MAX]))
    old = stdmod.LAZY_VECTOR_THRESHOLD
    stdmod.LAZY_VECTOR_THRESHOLD = 0
    try:
        for i in range(len(shape)):
            fast = stdmod.standardise(g, std, player=i)
            slow = stdmod.standardise(g.utility(i), std)
            assert isinstance(fast.vector, stdmod.LazyVector)
            assert fast.shift == slow.shift
            assert sympy.simplify(fast.magnitude - slow.magnitude) == 0
            assert fast.is_constant == slow.is_constant
            for k in range(size):
                assert sympy.simplify(fast.vector.entry(k) - slow.vector[k]) == 0
    finally:
        stdmod.LAZY_VECTOR_THRESHOLD = old


def test_lazy_vector_behaves_like_the_matrix():
    import numpy as np

    import symalign as sa
    from symalign.delegation import standardisation as stdmod

    g = sa.Game.from_arrays(np.arange(120_000).reshape(300, 400) % 7,
                            np.zeros((300, 400), dtype=np.int64))
    s = stdmod.standardise(g, stdmod.EPIC, player=0)
    assert isinstance(s.vector, stdmod.LazyVector) and len(s.vector) == 120_000
    # hand check of the shift: the values 0..6 repeat; 120000 = 7 * 17142 + 6, so 0..5 occur
    # 17143 times and 6 occurs 17142 times: mean = (17143 * 15 + 17142 * 6) / 120000
    assert s.shift == sympy.Rational(17143 * 15 + 17142 * 6, 120000)
    assert s.vector.entry(0) == sympy.expand((0 - s.shift) / s.magnitude)
    zero = stdmod.standardise(g, stdmod.EPIC, player=1)
    assert zero.is_constant and zero.magnitude == 0 and zero.vector.entry(5) == 0


def test_group_sums_every_accumulation_path():
    """_group_sums must equal plain Fraction sums whichever accumulation it picks: int64
    add.at bounded by the number of values (values up to 1e6: 1e12 * 5000 < 2**62), int64
    add.at bounded by the largest group (values up to 3e8 over ~2500 denominators: groups of
    at most ~15, 9e16 * 15 < 2**62 although 9e16 * 5000 is not) or Python ints (values
    ~1e9 with 90% of them in one group, whose squares overflow int64 when summed)."""
    from fractions import Fraction

    import numpy as np

    from symalign.delegation.standardisation import _group_sums

    rng = np.random.default_rng(7)
    for scale, share_one, qhigh in ((10, 0.9, 50), (10**6, 0.9, 50), (3 * 10**8, 0.0, 2500),
                                    (10**9, 0.9, 50)):
        p = rng.integers(-scale, scale + 1, size=5000, dtype=np.int64)
        q = np.where(rng.random(5000) < share_one, 1,
                     rng.integers(1, qhigh, size=5000)).astype(np.int64)
        big, groups = int(np.abs(p).max()), int(np.bincount(q).max())
        if scale == 3 * 10**8:   # the case is the one described above
            assert big * big * 5000 >= 2**62 > big * big * groups
        T, S2 = _group_sums(p, q)
        assert T == sum(Fraction(int(a), int(b)) for a, b in zip(p, q))
        assert S2 == sum(Fraction(int(a), int(b)) ** 2 for a, b in zip(p, q))
