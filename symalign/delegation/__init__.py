"""Delegation games (Sourbut, Hammond & Wood, *Cooperation and Control in Delegation Games*,
IJCAI 2024): the model, standardisation, individual and collective alignment, calibration,
capabilities, the welfare-regret bounds, constructions and estimation from samples.
"""

from __future__ import annotations

from symalign.core.lazy import export_lazily as _export_lazily

#: module -> the public names it defines; each module loads when one of its names is
#: first used (symalign.core.lazy), so that ``import symalign`` stays light
_LAZY = {
    "symalign.delegation.alignment": (
        "aggregate_ratio", "alignment_distance", "calibration_ratios", "collective_alignment",
        "epic_distance", "individual_alignment", "individual_alignments", "pairwise_alignment",
        "pearson_correlation", "total_misalignment",
    ),
    "symalign.delegation.bounds": (
        "BoundCheck", "RegretBound", "all_bounds", "check_bounds", "form_a", "form_a1", "form_c",
        "form_p", "prop_b", "tightness",
    ),
    "symalign.delegation.capability": (
        "RegretDecomposition", "collective_capability", "individual_capabilities",
        "individual_capability", "is_epsilon_nash", "pure_epsilon_nash_equilibria",
        "regret_decomposition", "PureEquilibriumRegions", "EpsilonNashRegion",
    ),
    "symalign.delegation.constructions": (
        "ConstructedGame", "NamedExample", "alignment_example", "ca_substitutes_for_calibration",
        "calibration_example", "cooperation_example", "exact_alignment_game",
        "random_delegation_game", "random_regret_profile", "soft_vegetarian_bots",
    ),
    "symalign.delegation.model": (
        "DelegationGame", "dystopia", "group_welfare", "ideal_regret", "optimal_welfare", "utopia",
        "welfare_regret",
    ),
    "symalign.delegation.estimation": (
        "estimate_collective_alignment", "estimate_collective_capability",
        "estimate_individual_alignment", "estimate_individual_capability", "mean_absolute_error",
        "played_set", "sample_outcomes",
    ),
    "symalign.delegation.standardisation": (
        "EPIC", "MAX", "Standardisation", "Standardised", "epic_tight_K_d", "magnitude",
        "mean_under", "standardise",
    ),
}

__all__ = [
    "aggregate_ratio",
    "alignment_distance",
    "calibration_ratios",
    "collective_alignment",
    "epic_distance",
    "individual_alignment",
    "individual_alignments",
    "pairwise_alignment",
    "pearson_correlation",
    "total_misalignment",
    "BoundCheck",
    "RegretBound",
    "all_bounds",
    "check_bounds",
    "form_a",
    "form_a1",
    "form_c",
    "form_p",
    "prop_b",
    "tightness",
    "RegretDecomposition",
    "collective_capability",
    "individual_capabilities",
    "individual_capability",
    "is_epsilon_nash",
    "pure_epsilon_nash_equilibria",
    "regret_decomposition",
    "PureEquilibriumRegions",
    "EpsilonNashRegion",
    "ConstructedGame",
    "NamedExample",
    "alignment_example",
    "ca_substitutes_for_calibration",
    "calibration_example",
    "cooperation_example",
    "exact_alignment_game",
    "random_delegation_game",
    "random_regret_profile",
    "soft_vegetarian_bots",
    "DelegationGame",
    "dystopia",
    "group_welfare",
    "ideal_regret",
    "optimal_welfare",
    "utopia",
    "welfare_regret",
    "estimate_collective_alignment",
    "estimate_collective_capability",
    "estimate_individual_alignment",
    "estimate_individual_capability",
    "mean_absolute_error",
    "played_set",
    "sample_outcomes",
    "EPIC",
    "MAX",
    "Standardisation",
    "Standardised",
    "epic_tight_K_d",
    "magnitude",
    "mean_under",
    "standardise",
]

_export_lazily(globals())
