"""Normal-form games (Stavrianos & Turner 2021, *Game-theoretic Alignment in terms of Attainable
Utility*): welfare and the Coordination–Alignment inequalities, security values, equilibria,
correlated equilibria, Pareto frontiers, bargaining, local and localized metrics, POWER and the
price of anarchy; and the catalogue of named games (`symalign.games`).
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
from symalign.normalform.correlated import (
    CorrelatedEquilibriumResult,
    correlated_equilibrium,
    correlated_welfare_range,
    is_correlated_equilibrium,
)
from symalign.normalform.crosscheck import (
    lrsnash_equilibria,
    gambit_equilibria,
    lrsnash_input,
)
from symalign.normalform.equilibria import (
    NashEquilibria,
    best_responses,
    is_nash_equilibrium,
    nash_equilibria,
    nashconv,
    pure_nash_conditions,
    pure_nash_equilibria,
)
from symalign.normalform.security import pure_maxmin_profiles
from symalign.normalform.pareto import ImprovementWeights, improvement_weights
from symalign.normalform.lemke_howson import (
    LemkeHowsonResult,
    lemke_howson,
    lemke_howson_equilibria,
)
from symalign.normalform.dominance import (
    DominatedStrategy,
    IteratedElimination,
    dominated_strategies,
    iterated_elimination,
)
from symalign.normalform.components import (
    EquilibriumComponents,
    equilibrium_components,
)
from symalign.normalform.nplayer import NashComponent
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
from symalign.normalform.localized_metrics import (
    LocalizedInterval,
    LocalizingSet,
    localized,
    localizing_set,
)
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
from symalign.normalform.security import (
    SecurityResult,
    minmax_value,
    pure_security_value,
    security_value,
    security_values,
)

__all__ = [
    "games",
    "CAReport",
    "alignment_gap",
    "alpha",
    "ca_inequalities",
    "coordination_gap",
    "has_unique_pareto_payoff",
    "is_common_interest",
    "is_common_payoff",
    "is_constant_sum",
    "is_constant_welfare",
    "is_payoff_constant",
    "is_zero_sum",
    "max_welfare",
    "min_welfare",
    "utopia_welfare",
    "welfare",
    "welfare_maximisers",
    "CorrelatedEquilibriumResult",
    "correlated_equilibrium",
    "correlated_welfare_range",
    "is_correlated_equilibrium",
    "lrsnash_equilibria",
    "lrsnash_input",
    "gambit_equilibria",
    "NashEquilibria",
    "best_responses",
    "is_nash_equilibrium",
    "nash_equilibria",
    "nashconv",
    "pure_nash_conditions",
    "pure_nash_equilibria",
    "LemkeHowsonResult",
    "lemke_howson",
    "lemke_howson_equilibria",
    "DominatedStrategy",
    "IteratedElimination",
    "dominated_strategies",
    "iterated_elimination",
    "EquilibriumComponents",
    "equilibrium_components",
    "pure_maxmin_profiles",
    "ImprovementWeights",
    "improvement_weights",
    "NashComponent",
    "EquilibriumWelfareRange",
    "anarchy_gap",
    "equilibrium_welfare_range",
    "price_of_anarchy",
    "price_of_stability",
    "stability_gap",
    "CocoValue",
    "DegenerateBargainingError",
    "KalaiSmorodinskySolution",
    "NashBargainingSolution",
    "coco_value",
    "kalai_smorodinsky",
    "nash_bargaining_solution",
    "pure_security_values",
    "surplus",
    "threat_point",
    "best_response_cells",
    "correlation",
    "correlation_matrix",
    "covariance",
    "covariance_matrix",
    "kosoy_alignment",
    "moss_alignment",
    "templarrr_alignment",
    "LocalizedInterval",
    "LocalizingSet",
    "localized",
    "localizing_set",
    "ConvexParetoFrontier",
    "ParetoFace",
    "ParetoPoint",
    "convex_pareto_frontier",
    "dominates",
    "pareto_frontier",
    "payoff_points",
    "BayesianGame",
    "BayesianPowerDecomposition",
    "PowerDecomposition",
    "best_case_power",
    "power",
    "power_shortfall",
    "powers",
    "SecurityResult",
    "minmax_value",
    "pure_security_value",
    "security_value",
    "security_values",
]
