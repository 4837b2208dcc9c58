"""The API convention (docs/reference/api-convention.rst), checked on every public function.

Each rule is read off the signatures of the names in ``symalign.__all__``, so a new function that
breaks the convention fails here; the documented exceptions are listed with their reason.
"""

from __future__ import annotations

import inspect

import pytest

import symalign as sa

PUBLIC = {n: getattr(sa, n) for n in sa.__all__ if inspect.isfunction(getattr(sa, n))}
PLAYERS = ("player", "i", "j")

#: helpers whose purpose is to apply assumptions take them positionally (documented exceptions)
ASSUMPTIONS_POSITIONAL = {"regions", "closed_form", "case_analysis", "verify", "check_identity",
                          "dominates", "decide_sign", "is_satisfiable"}


def _params(f):
    return list(inspect.signature(f).parameters.values())


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_required_players_come_before_the_profile(name):
    names = [p.name for p in _params(PUBLIC[name])]
    if "profile" not in names:
        return
    for pl in PLAYERS:
        if pl in names:
            p = _params(PUBLIC[name])[names.index(pl)]
            if p.default is inspect.Parameter.empty:
                assert names.index(pl) < names.index("profile"), (
                    f"{name}{inspect.signature(PUBLIC[name])}: '{pl}' must come before 'profile'")


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_assumptions_are_a_keyword(name):
    for p in _params(PUBLIC[name]):
        if p.name == "assumptions" and name not in ASSUMPTIONS_POSITIONAL:
            assert p.kind is inspect.Parameter.KEYWORD_ONLY, (
                f"{name}: 'assumptions' must be keyword-only (after *)")


@pytest.mark.parametrize("name", sorted(n for n, f in PUBLIC.items()
                                        if "threat" in inspect.signature(f).parameters))
def test_threat_points_have_a_vector_and_a_profile_keyword(name):
    params = inspect.signature(PUBLIC[name]).parameters
    assert "threat_profile" in params, f"{name} takes threat= but no threat_profile="
    assert params["threat_profile"].kind is inspect.Parameter.KEYWORD_ONLY
    assert params["threat"].default == "security"


def test_the_game_argument_is_named_for_its_type():
    """A function about a delegation game calls its first argument ``dg``; about a normal-form
    game, ``game``: no other spelling (``g``, ``G``, ``delegation``) of either."""
    firsts = {name: _params(f)[0].name for name, f in PUBLIC.items() if _params(f)}
    assert not {n: a for n, a in firsts.items() if a in ("g", "G", "delegation", "D", "gm")}


@pytest.mark.parametrize("name", sorted(n for n, f in PUBLIC.items()
                                        if "group" in inspect.signature(f).parameters))
def test_groups_default_to_the_principals(name):
    default = inspect.signature(PUBLIC[name]).parameters["group"].default
    if name in ("collective_alignment", "estimate_collective_alignment"):   # deprecated default
        assert default is None
    else:
        assert default == "principals", f"{name}: group defaults to {default!r}"


@pytest.mark.parametrize("name", sorted(n for n, f in PUBLIC.items()
                                        if "weights" in inspect.signature(f).parameters))
def test_weights_default_to_none(name):
    """``weights=None`` means the game's own (a delegation game's welfare weights) or uniform."""
    assert inspect.signature(PUBLIC[name]).parameters["weights"].default is None


def test_the_convention_test_can_fail():
    """A function with the old order is caught by the player rule."""
    def bad(game, profile, player):
        return None

    names = [p.name for p in _params(bad)]
    assert names.index("player") > names.index("profile")
