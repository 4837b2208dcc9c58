"""Closed forms for families of games: case analysis of maxima and minima into `Piecewise`
regions, and parametric security values and equilibria of small symbolic games.
"""

from __future__ import annotations

from symalign.parametric.closedforms import (
    Region,
    case_analysis,
    closed_form,
    raw_maxima,
    regions,
)
from symalign.parametric.partition import (
    EquilibriumRegion,
    ParametricEquilibria,
    parametric_equilibria,
)
from symalign.parametric.solutions import (
    ConditionalEquilibrium,
    parametric_security_value,
)

__all__ = [
    "Region",
    "case_analysis",
    "closed_form",
    "raw_maxima",
    "regions",
    "ConditionalEquilibrium",
    "EquilibriumRegion",
    "ParametricEquilibria",
    "parametric_equilibria",
    "parametric_security_value",
]
