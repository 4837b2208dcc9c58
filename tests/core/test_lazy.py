"""symalign.core.lazy: the subpackages load their modules on first use (issue 17).

``import symalign`` must stay close to ``import sympy`` (benchmarks/run.py's import benchmark), so
only ``core`` loads at once. These tests check, in fresh interpreters where ``sys.modules`` matters,
that the lazy names are the same objects as the eager imports would give, that nothing heavy is
imported up front, and that what the eager imports did as a side effect (rich display of result
records, the closed-form hooks of the symbolic engine) still happens.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import symalign as sa
from symalign.core.lazy import LazyPackage

ROOT = Path(__file__).resolve().parents[2]
LAZY_SUBPACKAGES = ["engines", "parametric", "normalform", "delegation", "io", "proving"]


def _run(code: str) -> str:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                         text=True, env=env, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_import_loads_only_core_and_the_package_tables():
    """After ``import symalign`` no numerical library beyond sympy's own is loaded, and of
    symalign only ``core``, the subpackages' ``__init__`` tables and the symbolic engine (whose
    hooks the top level fills) are."""
    out = _run("""
        import sys, symalign
        heavy = sorted(m for m in ("numpy", "scipy", "matplotlib", "dask", "jsonschema",
                                   "hypothesis", "pygambit") if m in sys.modules)
        mods = sorted(m for m in sys.modules if m.startswith("symalign."))
        print(heavy); print(" ".join(mods))
    """)
    heavy, mods = out.splitlines()
    assert heavy == "[]"
    extra = [m for m in mods.split() if not m.startswith("symalign.core")
             and m not in {f"symalign.{s}" for s in LAZY_SUBPACKAGES}
             and m != "symalign.engines.symbolic"]
    assert extra == []


@pytest.mark.parametrize("sub", LAZY_SUBPACKAGES)
def test_every_lazy_name_is_the_module_attribute(sub):
    """``sa.<sub>.X`` and ``sa.X`` are the object that ``from <module> import X`` gives, for
    every name of the subpackage's ``__all__``; the table lists exactly ``__all__``."""
    package = importlib.import_module(f"symalign.{sub}")
    assert isinstance(package, LazyPackage)
    table = package._LAZY_NAMES
    assert sorted(table) == sorted(package.__all__)
    for name, module_name in table.items():
        module = importlib.import_module(module_name)
        expected = module if module_name == f"symalign.{sub}.{name}" and not hasattr(
            module, name) else getattr(module, name)
        assert getattr(package, name) is expected, name
        assert getattr(sa, name) is expected, name
        assert name in dir(package) and name in dir(sa)


def test_from_import_and_star_names():
    from symalign import lemke_howson, nash_equilibria
    from symalign.normalform import games

    assert callable(lemke_howson) and callable(nash_equilibria)
    assert games.__name__ == "symalign.normalform.games"
    assert set(sa.__all__) <= set(dir(sa))


def test_a_function_named_like_its_module_stays_the_function():
    """``normalform.power`` is the function even when its module was imported first (Python then
    sets the module as the package's attribute), as with the eager ``from .power import power``;
    submodules not named in the table are still reachable as attributes."""
    out = _run("""
        import symalign.normalform.power, symalign.normalform.lemke_howson
        import symalign as sa
        print(callable(sa.normalform.power), callable(sa.normalform.lemke_howson),
              sa.normalform.ca.__name__)
    """)
    assert out == "True True symalign.normalform.ca"


def test_records_get_rich_display_when_their_module_is_imported_directly():
    """The eager package gave every exported record ``_repr_html_``; a module imported directly
    (not through a lazy name) must give it too."""
    out = _run("""
        from symalign.normalform.security import security_value
        from symalign.normalform.games import matching_pennies
        r = security_value(matching_pennies(), 0)
        print(r._repr_html_()[:30], r._repr_latex_()[:1])
    """)
    assert out.startswith("<p><b>SecurityResult</b></p>") and out.endswith("$")


def test_closed_form_hooks_work_before_the_parametric_modules_load():
    """The symbolic engine's LP hooks live in ``parametric.closedforms``; without them a
    contradiction between assumptions goes unnoticed. They must work on first use."""
    out = _run("""
        import sys, sympy, symalign
        from symalign.engines.symbolic import check_consistent
        from symalign.core.errors import InvalidGameError
        x = sympy.Symbol("x")
        before = "symalign.parametric.closedforms" in sys.modules
        try:
            check_consistent([x > 1, x < 0])
            print(before, "not detected")
        except InvalidGameError:
            print(before, "detected")
    """)
    assert out == "False detected"


def test_no_module_loads_numpy_or_scipy_at_import():
    """Every public name outside the experiments can be looked up (its module imported) without
    numpy or scipy: they load on first use (``symalign.core.lazy.np``, imports in functions)."""
    out = _run("""
        import sys, symalign as sa
        experiments = {"experiments", "ExperimentResult", "bound_validation", "grid_scan",
                       "estimation_error", "paper_experiments", "delegation_report"}
        for name in sa.__all__:
            if name not in experiments:
                getattr(sa, name)
        print(sorted(m for m in ("numpy", "scipy") if m in sys.modules))
    """)
    assert out == "[]"
