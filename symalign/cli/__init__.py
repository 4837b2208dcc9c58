"""The `symalign` command line.
"""

from __future__ import annotations

from symalign.cli.experiments import (
    delegation_report,
)
from symalign.cli.main import (
    main,
)

__all__ = [
    "delegation_report",
    "main",
]
