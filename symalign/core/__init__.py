"""The foundations every other layer builds on: the `Game` type, profiles, exact arithmetic,
parsing, printing, settings and the error hierarchy.
"""

from __future__ import annotations

from symalign.core.config import (
    Settings,
    limits,
    settings,
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
from symalign.core.game import (
    Game,
)
from symalign.core.printing import (
    latex,
)
from symalign.core.parsing import (
    parse_expression,
    parse_relation,
)
from symalign.core.profiles import (
    CorrelatedProfile,
    MixedProfile,
    as_correlated,
    as_mixed,
    expected_payoff,
    expected_payoffs,
)

__all__ = [
    "Settings",
    "limits",
    "settings",
    "ExactnessError",
    "FileFormatError",
    "InvalidGameError",
    "InvalidProfileError",
    "MissingDependencyError",
    "ResourceLimitError",
    "SymalignError",
    "UndecidableError",
    "UndefinedMetricError",
    "Game",
    "latex",
    "parse_expression",
    "parse_relation",
    "CorrelatedProfile",
    "MixedProfile",
    "as_correlated",
    "as_mixed",
    "expected_payoff",
    "expected_payoffs",
]
