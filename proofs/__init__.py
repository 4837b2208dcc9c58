"""Machine-checked theorems about symalign's metrics, one declaration per module ``thm_*.py``.

See ``proofs/README.md`` for the index and `proofs.registry` for discovery; run them with
``symalign prove`` or `symalign.proving.runner.run_proofs`.
"""

from .registry import load, run, theorem_modules, theorem_names, theorem_of, theorems

__all__ = ["load", "run", "theorem_modules", "theorem_names", "theorem_of", "theorems"]
