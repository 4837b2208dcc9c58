"""Tests of symalign.delegation.constructions (spec delegation_games.md §8, §9.2, §11.3, §12)."""

import pytest
from sympy import Rational, sqrt

from symalign.engines.algebraic import sign
from symalign.delegation.alignment import (calibration_ratios, collective_alignment, individual_alignments,
                                alignment_distance)
from symalign.delegation.constructions import (ca_substitutes_for_calibration, alignment_example,
                                    calibration_example, cooperation_example,
                                    exact_alignment_game, random_delegation_game,
                                    random_regret_profile, soft_vegetarian_bots)
from symalign.delegation import welfare_regret
from symalign.core.errors import SymalignError
from symalign.delegation.standardisation import EPIC, MAX, standardise


@pytest.mark.parametrize("ia,ca,n,N,group", [
    (["1/2", "3/4"], "2/3", 2, 4, "principals"),
    (["0", "1/3", "1"], "0", 3, 5, "principals"),
    ("1/5", "9/10", 3, 4, "agents"),
    ("1", "1", 2, 3, "agents"),
])
def test_exact_targets_realised(ia, ca, n, N, group):
    """Spec §9.2: the constructions realise IA_i and CA exactly (checked by exact signs, from
    the game's payoffs through the measures, not from the construction's own bookkeeping)."""
    c = exact_alignment_game(ia, ca, n=n, n_outcomes=N, seed=5, ca_group=group,
                             other_magnitudes=[Rational(k + 1, 2) for k in range(n)],
                             shifts=list(range(n)))
    measured_ia = individual_alignments(c.game)
    measured_ca = collective_alignment(c.game, group)
    for got, want in zip(measured_ia, c.target_individual_alignment):
        assert sign(got - want) == 0
    assert sign(measured_ca - c.target_collective_alignment) == 0


def test_exact_construction_errors():
    with pytest.raises(SymalignError, match="'n_outcomes'"):
        exact_alignment_game("1/2", "1/2", n=3, n_outcomes=3)
    with pytest.raises(SymalignError, match="'collective_alignment'"):
        exact_alignment_game("1/2", 2, n=2)


def test_random_game_max_setting():
    """Spec §11.3 final setting: MAX, n = 4, |S| = 4, m_hat_i = 1 and m_i = 1 (calibrated),
    realised MAX distances in [0, d_max] = [0, 2]; reproducible from the seed."""
    dg = random_delegation_game(seed=9622709)
    assert dg == random_delegation_game(seed=9622709)
    assert dg != random_delegation_game(seed=1)
    for i in range(4):
        assert standardise(dg.u_hat(i), MAX).magnitude == 1
        assert standardise(dg.u(i), MAX).magnitude == 1
        d = alignment_distance(dg.u_hat(i), dg.u(i), MAX)
        assert 0 <= d <= 2
    assert calibration_ratios(dg, MAX) == (1, 1, 1, 1)


def test_random_game_epic_distances_near_targets():
    """Under EPIC the rotation is exact up to the rational rounding of its coefficients
    (denominators <= 10**4), so with max_misalignment = 0 agents equal principals (d = 0)."""
    dg = random_delegation_game(seed=3, standardisation=EPIC, max_misalignment=0)
    assert individual_alignments(dg) == (1, 1, 1, 1)


def test_random_regret_profile():
    """The profile is a distribution whose principals' regret lies in [0, max - min]."""
    for s in range(20):
        dg = random_delegation_game(seed=s)
        mu = random_regret_profile(dg, seed=s)
        p = list(mu.probabilities.reshape(-1))
        assert sum(p) == 1 and all(x >= 0 for x in p)
        r = welfare_regret(dg, mu)
        assert 0 <= r <= dg.w_hat_star - min(
            sum(dg.u_hat(i)[k] for i in range(4)) for k in range(4))


def test_each_measure_alone_is_not_enough():
    """Spec §8/§12: each failure alone causes principal regret."""
    ex = cooperation_example()             # aligned + calibrated, but WR > 0
    assert individual_alignments(ex.game) == (1, 1) and calibration_ratios(ex.game) == (1, 1)
    assert welfare_regret(ex.game, ex.profile, "agents") == 16 == welfare_regret(ex.game,
                                                                                 ex.profile)
    ex = alignment_example()               # cooperative + calibrated, but IA = 0
    assert individual_alignments(ex.game) == (0, 0) and calibration_ratios(ex.game) == (1, 1)
    assert welfare_regret(ex.game, ex.profile, "agents") == 0
    assert welfare_regret(ex.game, ex.profile) == 18
    ex = calibration_example()             # aligned + cooperative, but r = (1/3, 1)
    assert individual_alignments(ex.game) == (1, 1)
    assert welfare_regret(ex.game, ex.profile, "agents") == 0
    assert welfare_regret(ex.game, ex.profile) == 1
    ex = soft_vegetarian_bots()            # calibrated + cooperative, partly aligned
    r = calibration_ratios(ex.game)
    assert r == (2 * sqrt(19) / 3,) * 2
    assert welfare_regret(ex.game, ex.profile, "agents") == 0
    assert welfare_regret(ex.game, ex.profile) == 16


def test_collective_alignment_substitutes_for_calibration():
    """Spec §8: identical principals (CA_hat = 1), IA = 1, WR = 0 -> WR_hat = 0 although
    r = (1/3, 1)."""
    ex = ca_substitutes_for_calibration()
    assert collective_alignment(ex.game, "principals") == 1
    assert calibration_ratios(ex.game) == (Rational(1, 3), 1)
    assert welfare_regret(ex.game, ex.profile, "agents") == 0
    assert welfare_regret(ex.game, ex.profile) == 0
