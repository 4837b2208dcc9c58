"""symalign: exact and symbolic alignment, cooperation and control metrics for multi-player games.

>>> import symalign as sa
>>> sa.alpha(sa.games.prisoners_dilemma())
-2
"""

from __future__ import annotations

from symalign.normalform import games
from symalign.normalform.ca import (
    CAReport,
    alignment_gap,
    alpha,
    ca_inequalities,
    coordination_gap,
    has_unique_pareto_payoff,
    is_common_interest,
    is_common_payoff,
    is_constant_sum,
    is_constant_welfare,
    is_payoff_constant,
    is_zero_sum,
    max_welfare,
    min_welfare,
    utopia_welfare,
    welfare,
    welfare_maximisers,
)
from symalign.core.config import Settings, limits, settings
from symalign.delegation.alignment import (
    aggregate_ratio,
    alignment_distance,
    calibration_ratios,
    collective_alignment,
    epic_distance,
    individual_alignment,
    individual_alignments,
    pairwise_alignment,
    pearson_correlation,
    total_misalignment,
)
from symalign.delegation.bounds import (
    BoundCheck,
    RegretBound,
    all_bounds,
    check_bounds,
    form_a,
    form_a1,
    form_c,
    form_p,
    prop_b,
    tightness,
)
from symalign.delegation.capability import (
    RegretDecomposition,
    collective_capability,
    individual_capabilities,
    individual_capability,
    is_epsilon_nash,
    pure_epsilon_nash_equilibria,
    regret_decomposition,
)
from symalign.delegation.constructions import (
    ConstructedGame,
    NamedExample,
    alignment_example,
    ca_substitutes_for_calibration,
    calibration_example,
    cooperation_example,
    exact_alignment_game,
    random_delegation_game,
    random_regret_profile,
    soft_vegetarian_bots,
)
from symalign.normalform.correlated import (
    CorrelatedEquilibriumResult,
    correlated_equilibrium,
    correlated_welfare_range,
    is_correlated_equilibrium,
)
from symalign.delegation.model import (
    DelegationGame,
    dystopia,
    group_welfare,
    ideal_regret,
    optimal_welfare,
    utopia,
    welfare_regret,
)
from symalign.normalform.crosscheck import lrsnash_equilibria, lrsnash_input
from symalign.normalform.equilibria import (
    NashEquilibria,
    best_responses,
    is_nash_equilibrium,
    nash_equilibria,
    nashconv,
    pure_nash_conditions,
    pure_nash_equilibria,
)
from symalign.normalform.anarchy import (
    EquilibriumWelfareRange,
    anarchy_gap,
    equilibrium_welfare_range,
    price_of_anarchy,
    price_of_stability,
    stability_gap,
)
from symalign.normalform.bargaining import (
    CocoValue,
    DegenerateBargainingError,
    coco_value,
    pure_security_values,
    surplus,
    threat_point,
)
from symalign.normalform.kalai_smorodinsky import (
    KalaiSmorodinskySolution,
    kalai_smorodinsky,
)
from symalign.normalform.nash_bargaining import (
    NashBargainingSolution,
    nash_bargaining_solution,
)
from symalign.core.errors import (
    ExactnessError,
    FileFormatError,
    InvalidGameError,
    InvalidProfileError,
    MissingDependencyError,
    ResourceLimitError,
    SymalignError,
    UndecidableError,
    UndefinedMetricError,
)
from symalign.core.game import Game
from symalign.io.gamefile import load_game, read_game, write_game
from symalign.delegation.estimation import (
    estimate_collective_alignment,
    estimate_collective_capability,
    estimate_individual_alignment,
    estimate_individual_capability,
    mean_absolute_error,
    played_set,
    sample_outcomes,
)
from symalign.io.jsonfile import (
    delegation_from_json,
    delegation_to_json,
    game_from_dict,
    game_from_json,
    game_to_dict,
    game_to_json,
)
from symalign.normalform.local_metrics import (
    best_response_cells,
    correlation,
    correlation_matrix,
    covariance,
    covariance_matrix,
    kosoy_alignment,
    moss_alignment,
    templarrr_alignment,
)
from symalign.normalform.localized_metrics import LocalizedInterval, LocalizingSet, localized, localizing_set
from symalign.engines.lp import LPResult, optimal_face_vertices, solve_lp
from symalign.io.nfg import format_nfg, parse_nfg, read_nfg, write_nfg
from symalign.normalform.pareto import (
    ConvexParetoFrontier,
    ParetoFace,
    ParetoPoint,
    convex_pareto_frontier,
    dominates,
    pareto_frontier,
    payoff_points,
)
from symalign.normalform.power import (
    BayesianGame,
    BayesianPowerDecomposition,
    PowerDecomposition,
    best_case_power,
    power,
    power_shortfall,
    powers,
)
from symalign.core.printing import latex
from symalign.proving.claims import (
    Verification,
    check_certificate,
    check_identity,
    exhaustive,
    find_certificate,
    prove_piecewise_linear,
    sampled,
    verify,
)
from symalign.core.parsing import parse_expression, parse_relation
from symalign.io.report import Report, analyze, render
from symalign.proving.runner import run_proofs
from symalign.normalform.security import (
    SecurityResult,
    minmax_value,
    pure_security_value,
    security_value,
    security_values,
)
from symalign.delegation.standardisation import (
    EPIC,
    MAX,
    Standardisation,
    Standardised,
    epic_tight_K_d,
    magnitude,
    mean_under,
    standardise,
)
from symalign.core.profiles import (
    CorrelatedProfile,
    MixedProfile,
    as_correlated,
    as_mixed,
    expected_payoff,
    expected_payoffs,
)

from symalign.parametric.closedforms import Region, case_analysis, closed_form, raw_maxima, regions
from symalign.core.deprecation import OLD_MODULES as _OLD_MODULES
from symalign.core.deprecation import install_module_aliases as _install_module_aliases
from symalign.parametric.closedforms import _install_hook as _install_closed_forms
from symalign.parametric.solutions import ConditionalEquilibrium, parametric_equilibria, parametric_security_value

_install_closed_forms()
_install_module_aliases()

__version__ = "0.1.0"

__all__ = [
    "__version__",
    # the game and its profiles
    "Game",
    "MixedProfile",
    "CorrelatedProfile",
    "as_mixed",
    "as_correlated",
    "expected_payoff",
    "expected_payoffs",
    "games",
    # security values and exact linear programming
    "security_value",
    "security_values",
    "pure_security_value",
    "minmax_value",
    "SecurityResult",
    "solve_lp",
    "LPResult",
    "optimal_face_vertices",
    # equilibria
    "is_correlated_equilibrium",
    "correlated_equilibrium",
    "correlated_welfare_range",
    "CorrelatedEquilibriumResult",
    "nash_equilibria",
    "NashEquilibria",
    "pure_nash_equilibria",
    "pure_nash_conditions",
    "is_nash_equilibrium",
    "best_responses",
    "nashconv",
    "lrsnash_equilibria",
    "lrsnash_input",
    # Pareto frontiers and bargaining
    "pareto_frontier",
    "convex_pareto_frontier",
    "ParetoPoint",
    "ParetoFace",
    "ConvexParetoFrontier",
    "dominates",
    "payoff_points",
    "surplus",
    "threat_point",
    "pure_security_values",
    "nash_bargaining_solution",
    "NashBargainingSolution",
    "DegenerateBargainingError",
    "kalai_smorodinsky",
    "KalaiSmorodinskySolution",
    "coco_value",
    "CocoValue",
    # welfare comparisons
    "price_of_anarchy",
    "price_of_stability",
    "anarchy_gap",
    "stability_gap",
    "equilibrium_welfare_range",
    "EquilibriumWelfareRange",
    # local and localized metrics, POWER
    "covariance",
    "covariance_matrix",
    "correlation",
    "correlation_matrix",
    "kosoy_alignment",
    "moss_alignment",
    "templarrr_alignment",
    "best_response_cells",
    "localized",
    "localizing_set",
    "LocalizedInterval",
    "LocalizingSet",
    "power",
    "powers",
    "best_case_power",
    "power_shortfall",
    "PowerDecomposition",
    "BayesianGame",
    "BayesianPowerDecomposition",
    # welfare and the C-A inequalities
    "welfare",
    "max_welfare",
    "min_welfare",
    "welfare_maximisers",
    "utopia_welfare",
    "alpha",
    "alignment_gap",
    "coordination_gap",
    "ca_inequalities",
    "CAReport",
    # classifiers
    "is_common_payoff",
    "is_common_interest",
    "is_constant_sum",
    "is_constant_welfare",
    "is_zero_sum",
    "is_payoff_constant",
    "has_unique_pareto_payoff",
    # reports and files
    "analyze",
    "render",
    "Report",
    "read_game",
    "write_game",
    "load_game",
    "parse_nfg",
    "format_nfg",
    "read_nfg",
    "write_nfg",
    "game_from_json",
    "game_to_json",
    "game_from_dict",
    "game_to_dict",
    "delegation_from_json",
    "delegation_to_json",
    # delegation games: standardisation
    "Standardisation",
    "Standardised",
    "EPIC",
    "MAX",
    "mean_under",
    "standardise",
    "magnitude",
    "epic_tight_K_d",
    # delegation games: the model and welfare
    "DelegationGame",
    "group_welfare",
    "optimal_welfare",
    "utopia",
    "dystopia",
    "welfare_regret",
    "ideal_regret",
    # delegation games: alignment and calibration
    "epic_distance",
    "alignment_distance",
    "pairwise_alignment",
    "pearson_correlation",
    "individual_alignment",
    "individual_alignments",
    "collective_alignment",
    "calibration_ratios",
    "aggregate_ratio",
    "total_misalignment",
    # delegation games: capabilities
    "individual_capability",
    "individual_capabilities",
    "is_epsilon_nash",
    "pure_epsilon_nash_equilibria",
    "collective_capability",
    "regret_decomposition",
    "RegretDecomposition",
    # delegation games: bounds
    "RegretBound",
    "BoundCheck",
    "form_a",
    "form_a1",
    "form_p",
    "form_c",
    "prop_b",
    "all_bounds",
    "tightness",
    "check_bounds",
    # delegation games: constructions and estimation
    "exact_alignment_game",
    "ConstructedGame",
    "random_delegation_game",
    "random_regret_profile",
    "NamedExample",
    "cooperation_example",
    "alignment_example",
    "calibration_example",
    "soft_vegetarian_bots",
    "ca_substitutes_for_calibration",
    "sample_outcomes",
    "played_set",
    "estimate_individual_alignment",
    "estimate_collective_alignment",
    "estimate_individual_capability",
    "estimate_collective_capability",
    "mean_absolute_error",
    # experiments
    "experiments",
    "bound_validation",
    "grid_scan",
    "estimation_error",
    "ExperimentResult",
    "delegation_report",
    # closed forms
    "regions",
    "Region",
    "closed_form",
    "case_analysis",
    "raw_maxima",
    "parametric_security_value",
    "parametric_equilibria",
    "ConditionalEquilibrium",
    # verification of theorems
    "verify",
    "Verification",
    "check_identity",
    "check_certificate",
    "find_certificate",
    "prove_piecewise_linear",
    "exhaustive",
    "sampled",
    "run_proofs",
    # parsing, printing, settings
    "parse_expression",
    "parse_relation",
    "latex",
    "settings",
    "Settings",
    "limits",
    # errors
    "SymalignError",
    "FileFormatError",
    "InvalidGameError",
    "InvalidProfileError",
    "ExactnessError",
    "UndefinedMetricError",
    "UndecidableError",
    "ResourceLimitError",
    "MissingDependencyError",
]

# The experiment drivers (and the concurrency machinery they import) load on first use, so
# that ``import symalign`` stays close to ``import sympy`` (issue 7's import-time target).
_LAZY = {
    "experiments": ("symalign.experiments", None),
    "ExperimentResult": ("symalign.experiments", "ExperimentResult"),
    "bound_validation": ("symalign.experiments", "bound_validation"),
    "estimation_error": ("symalign.experiments", "estimation_error"),
    "grid_scan": ("symalign.experiments", "grid_scan"),
    "delegation_report": ("symalign.cli.experiments", "delegation_report"),
}


def __getattr__(name):
    if name in _OLD_MODULES and name not in _LAZY:   # sa.bounds etc.: the modules of 0.1
        import importlib

        from symalign.core.deprecation import warn_deprecated

        new = "symalign." + _OLD_MODULES[name]
        warn_deprecated(f"symalign.{name}", new)
        return importlib.import_module(new)
    if name in _LAZY:
        import importlib

        module_name, attr = _LAZY[name]
        module = importlib.import_module(module_name)
        value = module if attr is None else getattr(module, attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'symalign' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY))
