"""Closed forms for families of games: case analysis of maxima and minima into `Piecewise`
regions, and parametric security values and equilibria of small symbolic games.
"""

from __future__ import annotations

from symalign.core.lazy import export_lazily as _export_lazily

#: module -> the public names it defines; each module loads when one of its names is
#: first used (symalign.core.lazy), so that ``import symalign`` stays light
_LAZY = {
    "symalign.parametric.closedforms": (
        "Region", "case_analysis", "closed_form", "raw_maxima", "regions",
    ),
    "symalign.parametric.partition": (
        "EquilibriumRegion", "ParametricEquilibria", "parametric_equilibria",
    ),
    "symalign.parametric.solutions": ("ConditionalEquilibrium", "parametric_security_value"),
}

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

_export_lazily(globals())
