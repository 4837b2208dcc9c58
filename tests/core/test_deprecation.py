"""Tests of symalign.core.deprecation: old names and argument orders keep working, with a warning."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import warnings

import pytest

from symalign.core.deprecation import deprecated_alias, player_first, warn_deprecated


def test_warn_deprecated_names_the_new_spelling():
    with pytest.warns(DeprecationWarning, match=r"old\(\) is deprecated .* use new\(\)\."):
        warn_deprecated("old()", "new()", stacklevel=2)


def test_deprecated_alias_calls_through_and_warns():
    def new(x, *, y=1):
        return x + y

    old = deprecated_alias(new, "old")
    with pytest.warns(DeprecationWarning, match=r"use new\(\)"):
        assert old(1, y=2) == 3
    assert old.__name__ == "old" and "new" in old.__doc__


def test_player_first_accepts_both_orders_and_warns_only_for_the_old_one():
    @player_first("f", "f(game, player, profile)")
    def f(game, player, profile):
        return player, profile

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert f(None, "A", ("C", "D")) == ("A", ("C", "D"))
        assert f(None, 1, [[1, 0], [0, 1]]) == (1, [[1, 0], [0, 1]])
    with pytest.warns(DeprecationWarning):
        assert f(None, ("C", "D"), "A") == ("A", ("C", "D"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert f(None, True, (0, 0)) == (True, (0, 0))   # a bool is not a player: no swap


def test_flat_module_names_of_earlier_releases_still_import():
    """``from symalign.bounds import form_a`` (0.1) gives the function of the new module, warns,
    and does not rebind ``sa.power`` (a function that shares its name with a module)."""
    code = textwrap.dedent("""
        import warnings
        warnings.simplefilter("error")
        import symalign as sa
        try:
            from symalign.bounds import form_a
        except DeprecationWarning as w:
            print("warned:", w)
        warnings.simplefilter("ignore")
        from symalign.bounds import form_a
        from symalign.delegation.bounds import form_a as new
        print(form_a is new, callable(sa.power), sa.lp.solve_lp is sa.solve_lp)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "warned: the module symalign.bounds is deprecated" in out.stdout
    assert "use symalign.delegation.bounds" in out.stdout
    assert out.stdout.strip().endswith("True True True")
