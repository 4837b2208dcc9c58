"""Tests of symalign.delegation.estimation (spec delegation_games.md §10)."""

import pytest
from hypothesis import given, settings, strategies as st
from sympy import Rational

import symalign as sa
from symalign.delegation.alignment import collective_alignment, individual_alignments
from symalign.delegation.capability import collective_capability, pure_epsilon_nash_equilibria
from symalign.delegation import DelegationGame
from symalign.core.errors import SymalignError, UndefinedMetricError
from symalign.delegation.estimation import (estimate_collective_alignment, estimate_collective_capability,
                                 estimate_individual_alignment, estimate_individual_capability,
                                 mean_absolute_error, played_set, sample_outcomes)

pairs = st.builds(lambda s: DelegationGame(sa.games.random_game((2, 3), s, low=-4, high=4),
                                           sa.games.random_game((2, 3), s + 7, low=-4, high=4)),
                  st.integers(0, 10**6))


@settings(max_examples=40)
@given(pairs)
def test_full_observation_recovers_ia_and_ca(dg):
    """Observing every outcome (any order, repeats) gives the true IA and CA exactly."""
    obs = list(dg.agents.outcomes())[::-1] * 2
    assert estimate_individual_alignment(dg, obs) == individual_alignments(dg)
    try:
        true_ca = collective_alignment(dg, "agents")
    except UndefinedMetricError:
        return
    assert estimate_collective_alignment(dg, obs, "agents") == true_ca


def test_centred_weights_correction():
    """Spec §10 quirk: the code weighted CA by uncentred norms. Adding 100 to agent 0's utility
    changes uncentred norms but not the centred magnitudes, so the library's estimate is the
    true CA and is invariant under the shift."""
    g = sa.games.chicken()
    shifted = sa.Game([g.sympy_array()[0] + 100, g.sympy_array()[1]])
    obs = list(g.outcomes())
    assert estimate_collective_alignment(shifted, obs) == collective_alignment(g)


def test_single_outcome_is_undefined():
    dg = DelegationGame(sa.games.stag_hunt(), sa.games.stag_hunt())
    with pytest.raises(UndefinedMetricError, match="one distinct"):
        estimate_individual_alignment(dg, [(0, 0), (0, 0)])
    with pytest.raises(UndefinedMetricError, match="one distinct"):
        estimate_collective_alignment(dg, [(1, 1)], "agents")
    with pytest.raises(SymalignError, match="'observed'"):
        estimate_collective_alignment(dg, [], "agents")


def test_individual_capability_estimates():
    """PD(+), player 0, observed (C,C) and (D,C): context C has l = 2, h = 3, lo = 2, so the
    range estimate is 0 and the code's ratio 2/3 (biased upwards, spec §10). Observing (D, D)
    only: context D has l = h = 1 and lo = 0, so the estimate is 1. In chicken, (D, D) gives
    player 0 the payoff 0, so the code's ratio l/h is undefined."""
    pd = sa.games.prisoners_dilemma()
    assert estimate_individual_capability(pd, 0, [(0, 0), (1, 0)]) == 0
    assert estimate_individual_capability(pd, 0, [(0, 0), (1, 0)], method="ratio") == \
        Rational(2, 3)
    assert estimate_individual_capability(pd, 0, [(1, 1)]) == 1
    ch = sa.games.chicken()   # u_0 against C: (6, 7); against D: (2, 0)
    with pytest.raises(UndefinedMetricError, match="not positive"):
        estimate_individual_capability(ch, 0, [(1, 1)], method="ratio")


def test_collective_capability_estimates():
    """Stag hunt, observed FF and MM: window estimate min(CC(FF), CC(MM)) = 0; the code's
    ratio of average welfares 2/10 = 1/5."""
    sh = sa.games.stag_hunt()
    assert estimate_collective_capability(sh, [(0, 0), (1, 1)]) == 0
    assert estimate_collective_capability(sh, [(0, 0), (1, 1)], method="ratio") == \
        Rational(1, 5)
    assert estimate_collective_capability(sh, [(1, 1)]) == collective_capability(sh, (1, 1))


@given(st.integers(0, 10**6))
def test_sampling_sources(seed):
    sh = sa.games.stag_hunt()
    assert set(sample_outcomes(sh, 30, seed, source="ne")) <= set(pure_epsilon_nash_equilibria(sh))
    assert set(sample_outcomes(sh, 30, seed, source="played", cc=1)) == set(played_set(sh, 1))
    assert sample_outcomes(sh, 10, seed) == sample_outcomes(sh, 10, seed)


def test_sampling_errors_and_mae():
    sh = sa.games.stag_hunt()
    with pytest.raises(SymalignError, match="'source'"):
        sample_outcomes(sh, 3, source="everything")
    with pytest.raises(SymalignError, match="'cc'"):
        sample_outcomes(sh, 3, source="played")
    with pytest.raises(UndefinedMetricError):
        sample_outcomes(sa.games.matching_pennies(), 3, source="ne")
    assert mean_absolute_error(["1/2", "3/4"], [1, "1/4"]) == Rational(1, 2)
