"""Tests for symalign.engines.certified_pivoting: the Lemke–Howson path in floating point with
certified pivots.

The reference is the exact path in Python-integer dictionaries
(`complementary_pivoting.lemke_howson_path(method="python")`), with the lexicographic ratio
test; where the float path cannot certify a pivot, the exact path resumes from its last basis
(`complementary_pivoting._resumed`) and must still end where the exact path ends.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from symalign.engines import certified_pivoting as cert
from symalign.engines.complementary_pivoting import _resumed, _shifted, lemke_howson_path

#: A degenerate 3x3 game. Shifted, A' = A + 1 has column 2 = (1, 2, 2): dropping label 0,
#: x_0 enters P and column 2 binds first (B'[0] = (1, 1, 2), the largest entry is unique);
#: then y_2 enters Q and rows 1 and 2 tie (ratio 1/2). The lexicographic rule (the rows of
#: B^-1 = I over the entries, i.e. the later row) picks row 2, a float argmin picks row 1 and
#: so ends elsewhere: the exact path ends after 4 pivots at x = y = (1/2, 0, 1/2).
TIE_A = [[1, 1, 0], [0, 1, 1], [0, 0, 1]]
TIE_B = [[0, 0, 1], [0, 0, 1], [1, 0, 0]]


def _normalised(v):
    s = sum(v)
    return [Fraction(a, s) for a in v]


def _certified_end(A, B, label):
    """The certified path's end, the exact path resuming where a pivot is not certified."""
    Ap, BpT = _shifted(A, B)
    end = cert.certified_path(Ap, BpT, label)
    if end is not None and end[0] == "resume":
        path = _resumed(Ap, BpT, label, end)
        while not path.step():
            pass
        return (*path.result(), path.pivots), True
    return end, False


def _matrix(m, n, values):
    return st.lists(st.lists(values, min_size=n, max_size=n), min_size=m, max_size=m)


@st.composite
def _games(draw):
    m = draw(st.integers(1, 7))
    n = draw(st.integers(1, 7))
    values = draw(st.sampled_from([st.integers(0, 1), st.integers(-3, 3),
                                   st.integers(-1000, 1000)]))
    A = draw(_matrix(m, n, values))
    B = draw(_matrix(m, n, values))
    if draw(st.booleans()) and m > 1:       # a duplicated row
        A[-1], B[-1] = list(A[0]), list(B[0])
    return A, B


def test_tie_game_by_hand():
    x, y, pivots = lemke_howson_path(TIE_A, TIE_B, 0, method="python")
    assert (_normalised(x), _normalised(y), pivots) == \
        ([Fraction(1, 2), 0, Fraction(1, 2)], [Fraction(1, 2), 0, Fraction(1, 2)], 4)


@settings(max_examples=120, deadline=None)
@given(game=_games())
@example(game=(TIE_A, TIE_B))
def test_certified_path_is_the_exact_path(game):
    """Every label: the same end (up to scale) and the same number of pivots as the exact
    path; on the tie game the float path must hand over to the exact path."""
    A, B = game
    for label in range(len(A) + len(A[0])):
        x, y, pivots = lemke_howson_path(A, B, label, method="python")
        got, resumed = _certified_end(A, B, label)
        assert (_normalised(got[0]), _normalised(got[1]), got[2]) == \
            (_normalised(x), _normalised(y), pivots)
        if (A, B) == (TIE_A, TIE_B) and label == 0:
            assert resumed


def test_the_fallback_is_needed(monkeypatch):
    """Without certification (the float argmin taken as is), the tie game's label-0 path
    ends at another vertex after 3 pivots: the hand-over above is what keeps it exact."""
    monkeypatch.setattr(cert, "_CERTIFY", False)
    Ap, BpT = _shifted(TIE_A, TIE_B)
    x, y, pivots = cert.certified_path(Ap, BpT, 0)
    assert pivots == 3 and _normalised(x) != [Fraction(1, 2), 0, Fraction(1, 2)]


def test_large_entries_and_long_paths():
    """Entries beyond 2**50 are not exact in doubles: no float path (None); a path longer
    than ``max_pivots`` is reported as such."""
    Ap, BpT = _shifted([[1, 2**52], [3, 4]], [[1, 2], [3, 4]])
    assert cert.certified_path(Ap, BpT, 0) is None
    Ap, BpT = _shifted([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])    # Matching Pennies: 4 pivots
    assert cert.certified_path(Ap, BpT, 0, max_pivots=3) == ("long",)
    assert cert.certified_path(Ap, BpT, 0, max_pivots=4)[2] == 4


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_mid_size_games(seed):
    """30x30 random games (payoffs -1000..1000): `lemke_howson_path` starts these in floating
    point; its end is the exact path's for the first and the last label."""
    import random
    rnd = random.Random(seed)
    A = [[rnd.randint(-1000, 1000) for _ in range(30)] for _ in range(30)]
    B = [[rnd.randint(-1000, 1000) for _ in range(30)] for _ in range(30)]
    for label in (0, 59):
        x, y, pivots = lemke_howson_path(A, B, label, method="revised")
        gx, gy, gp = lemke_howson_path(A, B, label)
        assert (_normalised(gx), _normalised(gy), gp) == (_normalised(x), _normalised(y), pivots)
