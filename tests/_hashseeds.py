"""Shared by the canonical-output tests: run a script under several hash seeds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def outputs_under_hash_seeds(script: str, seeds=("0", "1", "12345"), timeout: float = 600
                             ) -> list[str]:
    """The standard output of ``python -c script`` (symalign from this checkout) under each
    ``PYTHONHASHSEED``; a script that fails fails the test with its standard error."""
    outs = []
    for seed in seeds:
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(ROOT))
        res = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                             env=env, timeout=timeout)
        assert res.returncode == 0, res.stderr
        outs.append(res.stdout)
    return outs
