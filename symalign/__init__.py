"""symalign: exact and symbolic alignment, cooperation and control metrics for multi-player games.

>>> import symalign as sa
>>> sa.alpha(sa.games.prisoners_dilemma())
-2
"""

from __future__ import annotations

from . import games
from .ca import (
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
from .config import Settings, limits, settings
from .errors import (
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
from .game import Game
from .gamefile import load_game, read_game, write_game
from .printing import latex
from .parsing import parse_expression, parse_relation
from .report import Report, analyze, render
from .profiles import (
    CorrelatedProfile,
    MixedProfile,
    as_correlated,
    as_mixed,
    expected_payoff,
    expected_payoffs,
)

from .closedforms import Region, case_analysis, closed_form, regions
from .closedforms import _install_hook as _install_closed_forms
from .parametric import ConditionalEquilibrium, parametric_equilibria, parametric_security_value

_install_closed_forms()

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
    # closed forms
    "regions",
    "Region",
    "closed_form",
    "case_analysis",
    "parametric_security_value",
    "parametric_equilibria",
    "ConditionalEquilibrium",
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
