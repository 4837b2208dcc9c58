"""Tests for symalign.normalform.crosscheck: the lrsnash writer, reader and runner."""

from __future__ import annotations

import os
import pickle
import shutil
import stat

import pytest
import sympy

import symalign as sa
from symalign.normalform.crosscheck import _parse, lrsnash_equilibria, lrsnash_input
from symalign.core.errors import InvalidGameError, MissingDependencyError

HAVE_LRS = shutil.which("lrsnash") is not None


def test_input_scales_each_player_by_its_own_lcm():
    """Row player's payoffs 1/2, 1/3 (lcm 6: 3, 2); column player's 1/4, -1 (lcm 4: 1, -4).
    Scaling one player's payoffs by a positive constant leaves the equilibria unchanged."""
    g = sa.Game.from_arrays([["1/2", "1/3"]], [["1/4", -1]])
    assert lrsnash_input(g) == "1 2\n\n3 2\n\n1 -4\n"


def test_input_refuses_what_lrsnash_cannot_solve():
    x = sympy.Symbol("x")
    with pytest.raises(InvalidGameError, match="symbolic payoffs"):
        lrsnash_input(sa.Game.from_arrays([[x, 1]], [[0, 1]]))
    with pytest.raises(InvalidGameError, match="3 players"):
        lrsnash_input(sa.games.random_game((2, 2, 2), seed=0))
    with pytest.raises(InvalidGameError, match="must be a symalign Game"):
        lrsnash_input([[1, 2], [3, 4]])


def test_parse_pairs_every_row_line_of_a_block_with_every_column_line():
    """lrsnash prints one block per equilibrium component; a block with two row-player
    vertices and one column-player vertex stands for two extreme equilibria."""
    text = ("2  1/2  1/2  0\n"
            "1  1  0  0\n"
            "1  1/3  2/3  0\n"
            "\n"
            "*Number of equilibria found: 2\n")
    from fractions import Fraction as F
    assert _parse(text) == {((F(1), F(0)), (F(1, 2), F(1, 2))),
                            ((F(1, 3), F(2, 3)), (F(1, 2), F(1, 2)))}


def test_missing_executable_is_a_clear_error(tmp_path):
    with pytest.raises(MissingDependencyError, match="apt-get install lrslib") as info:
        lrsnash_equilibria(sa.games.matching_pennies(), executable=str(tmp_path / "nope"))
    again = pickle.loads(pickle.dumps(info.value))
    assert str(again) == str(info.value)


def test_runs_the_given_executable(tmp_path):
    """A stand-in program that prints a fixed lrsnash answer is run on the input file."""
    fake = tmp_path / "lrsnash"
    fake.write_text("#!/bin/sh\ntest -s \"$1\" || exit 1\n"
                    "printf '2  1/2  1/2  0\\n1  1/2  1/2  0\\n\\n'\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    out = lrsnash_equilibria(sa.games.matching_pennies(), executable=os.fspath(fake))
    assert out == (sa.MixedProfile([["1/2", "1/2"], ["1/2", "1/2"]]),)


@pytest.mark.skipif(not HAVE_LRS, reason="lrsnash (lrslib) not installed")
def test_battle_of_the_sexes_by_hand():
    """BoS with (2,1) at (A,A), (1,2) at (B,B): the two pure equilibria and the mixed one in
    which the row player plays A with 2/3 (making the column player indifferent: 1p = 2(1-p))
    and the column player plays A with 1/3 (2q = 1 - q)."""
    expected = {sa.MixedProfile([[1, 0], [1, 0]]), sa.MixedProfile([[0, 1], [0, 1]]),
                sa.MixedProfile([["2/3", "1/3"], ["1/3", "2/3"]])}
    assert set(lrsnash_equilibria(sa.games.battle_of_the_sexes())) == expected


# -- pygambit (optional cross-check of the n-player enumeration, issue 15) --------------------
def test_gambit_missing_is_a_clear_error(monkeypatch):
    import sys
    from symalign.normalform.crosscheck import gambit_equilibria
    monkeypatch.setitem(sys.modules, "pygambit", None)
    with pytest.raises(sa.MissingDependencyError, match="pygambit"):
        gambit_equilibria(sa.games.matching_pennies())


def test_gambit_unsupported_version_is_a_clear_error(monkeypatch):
    """pygambit 17.0.0b2 has no Game.from_arrays: refused by version, not by a traceback."""
    import sys
    import types
    from symalign.normalform.crosscheck import gambit_equilibria
    fake = types.ModuleType("pygambit")
    fake.__version__ = "17.0.0b2"
    monkeypatch.setitem(sys.modules, "pygambit", fake)
    with pytest.raises(sa.MissingDependencyError, match=r"17\.0\.0b2 is installed.*<17"):
        gambit_equilibria(sa.games.matching_pennies(), method="enumpoly")
