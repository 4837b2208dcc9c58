"""The experiments of Sourbut, Hammond & Wood (2024): bound validation, the grid scan and
estimation error, reproducible from a seed, chunked and resumable.
"""

from __future__ import annotations

from symalign.experiments.drivers import (
    ExperimentResult,
    bound_validation,
    grid_scan,
    estimation_error,
)
from symalign.experiments.paper import paper_experiments

__all__ = [
    "ExperimentResult",
    "bound_validation",
    "grid_scan",
    "estimation_error",
    "paper_experiments",
]
