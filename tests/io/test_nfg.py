"""Tests of symalign.io.nfg: Gambit .nfg reading (payoff and outcome versions) and writing."""

import os
from fractions import Fraction

import pytest
import sympy
from hypothesis import example, given
from hypothesis import strategies as st

import symalign as sa
from symalign.core.errors import FileFormatError, InvalidGameError, ResourceLimitError, SymalignError
from symalign.io.nfg import format_nfg, parse_nfg, read_nfg, write_nfg

DATA = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data")
R = sympy.Rational


def table(g, i):
    """Player i's payoffs of a 2-player game as a list of rows."""
    return [[g.payoff(i, (a, b)) for b in range(g.shape[1])] for a in range(g.shape[0])]


# -- Gambit's own example files (copied from gambitproject/gambit contrib/games and catalog) --
def test_e02_payoff_version_from_the_manual():
    """e02.nfg, the manual's sample: `{ 3 2 }`, payoffs `1 1 0 2 0 2 1 1 0 3 2 0`.

    Profiles in Gambit order (player 1 fastest): (1,1)=(1,1), (2,1)=(0,2), (3,1)=(0,2),
    (1,2)=(1,1), (2,2)=(0,3), (3,2)=(2,0). So rows (player 1's strategy) x columns:
    u_0 = [[1, 1], [0, 0], [0, 2]] and u_1 = [[1, 1], [2, 3], [2, 0]].
    """
    g = read_nfg(os.path.join(DATA, "e02.nfg"))
    assert g.shape == (3, 2)
    assert g.players == ("Player 1", "Player 2")
    # Gambit names unlabelled strategies from 1 (its manual's profiles (1,1), (2,1), ...)
    assert g.actions == (("1", "2", "3"), ("1", "2"))
    assert table(g, 0) == [[1, 1], [0, 0], [0, 2]]
    assert table(g, 1) == [[1, 1], [2, 3], [2, 0]]


def test_pd_outcome_version():
    """contrib/games/pd.nfg: outcomes 1..4 = (9,9), (10,0), (0,10), (1,1) at profiles in
    Gambit order (1,1), (2,1), (1,2), (2,2). So u_0 = [[9, 0], [10, 1]], u_1 = [[9, 10], [0, 1]]:
    the prisoner's dilemma with T=10, R=9, P=1, S=0.
    """
    g = read_nfg(os.path.join(DATA, "pd.nfg"))
    assert g.actions == (("1", "2"), ("1", "2"))
    assert table(g, 0) == [[9, 0], [10, 1]]
    assert table(g, 1) == [[9, 10], [0, 1]]
    assert g == sa.games.prisoners_dilemma(10, 9, 1, 0).with_names(
        players=["Player 1", "Player 2"], actions=[["1", "2"], ["1", "2"]])


def test_openspiel_pd_with_comment():
    """catalog/open_spiel/matrix_pd.nfg has a comment string after the strategies;
    outcomes (5,5), (10,0), (0,10), (1,1) give u_0 = [[5, 0], [10, 1]]."""
    g = read_nfg(os.path.join(DATA, "matrix_pd.nfg"))
    assert g.players == ("Player 0", "Player 1")
    assert table(g, 0) == [[5, 0], [10, 1]]
    assert table(g, 1) == [[5, 10], [0, 1]]


def test_cent2_decimals_are_exact_and_order_is_column_major():
    """contrib/games/cent2.nfg: 3x3 with decimal payoffs and indices `1 4 7 2 5 8 3 6 9`.

    Profile k (0-based, player 1 fastest) is (a0, a1) = (k % 3, k // 3) and holds outcome
    index[k]; so (0,0)->1, (1,0)->4, (2,0)->7, (0,1)->2: outcome number 3*a0 + a1 + 1.
    Outcome 4 is (0.564000, 1.566000) = (141/250, 783/500); outcome 9 is (12.8, 3.2).
    """
    g = read_nfg(os.path.join(DATA, "cent2.nfg"))
    assert g.actions[0] == ("1*11", "2111", "2211")
    assert g.payoff(0, (1, 0)) == R(141, 250) and g.payoff(1, (1, 0)) == R(783, 500)
    assert g.payoff(0, (0, 1)) == R(868, 1000) and g.payoff(1, (0, 1)) == R(502, 1000)
    assert g.payoff(0, (2, 2)) == R(64, 5) and g.payoff(1, (2, 2)) == R(16, 5)
    assert g.is_numeric
    assert not any(isinstance(x, sympy.Float) for x in g.sympy_array().reshape(-1))


def test_e04_negative_decimals_with_commas():
    """contrib/games/e04.nfg: outcomes 'Outcome 1'..'Outcome 6' with comma-separated decimals
    (0,0), (-1,2), (-2,-2), (0,0), (-1,0), (3,-1) at (1,1), (2,1), (3,1), (1,2), (2,2), (3,2)."""
    g = read_nfg(os.path.join(DATA, "e04.nfg"))
    assert table(g, 0) == [[0, 0], [-1, -1], [-2, 3]]
    assert table(g, 1) == [[0, 0], [2, 0], [-2, -1]]


def test_three_players_and_empty_player_names():
    """contrib/games/2x2x2.nfg: outcome k at Gambit profile k-1, player 1 fastest; so
    (a0, a1, a2) holds outcome a0 + 2*a1 + 4*a2 + 1. Outcome 4 = (9, 8, 2) sits at (1, 1, 0);
    outcome 6 = (3, 4, 6) at (1, 0, 1); outcome 7 = (3, 4, 6) at (0, 1, 1).
    2x2x2-nau.nfg names its players "" "" "": Gambit's normalisation makes them _1, _2, _3."""
    g = read_nfg(os.path.join(DATA, "2x2x2.nfg"))
    assert g.shape == (2, 2, 2)
    assert [g.payoff(i, (1, 1, 0)) for i in range(3)] == [9, 8, 2]
    assert [g.payoff(i, (1, 0, 1)) for i in range(3)] == [3, 4, 6]
    assert [g.payoff(i, (0, 1, 1)) for i in range(3)] == [3, 4, 6]
    assert [g.payoff(i, (0, 0, 0)) for i in range(3)] == [9, 8, 12]
    assert [g.payoff(i, (1, 1, 1)) for i in range(3)] == [0, 0, 0]
    h = read_nfg(os.path.join(DATA, "2x2x2-nau.nfg"))
    assert h.players == ("_1", "_2", "_3")
    # outcome 2 = (3, 0, 0) at (1, 0, 0); outcome 8 = (0, 0, 3) at (1, 1, 1)
    assert [h.payoff(i, (1, 0, 0)) for i in range(3)] == [3, 0, 0]
    assert [h.payoff(i, (1, 1, 1)) for i in range(3)] == [0, 0, 3]


# -- details of the format ----------------------------------------------------------------
def test_number_forms():
    """Integers, signs, fractions, decimals and exponents, all exact: 1.5 = 3/2, -.25 = -1/4,
    +2 = 2, 2.5e-1 = 1/4, 1e3 = 1000, 6/4 = 3/2, 1. = 1."""
    g = parse_nfg('NFG 1 R "" { "A" } { 7 } 1.5 -.25 +2 2.5e-1 1e3 6/4 1.')
    assert [g.payoff(0, (k,)) for k in range(7)] == [R(3, 2), R(-1, 4), 2, R(1, 4), 1000,
                                                      R(3, 2), 1]


def test_null_outcome_and_label_escapes():
    """Outcome index 0 is the null outcome (all zero). Labels: \\" is a quote, \\\\ a backslash,
    and a backslash before another character is kept."""
    text = ('NFG 1 D "t" { "say \\"hi\\"" "C:\\dir" } { { "a\\\\" "b" } { "c" } } "comment"\n'
            '{ { "x" 1 2 } } 0 1')
    g = parse_nfg(text)
    assert g.players == ('say "hi"', "C:\\dir")
    assert g.actions == (("a\\", "b"), ("c",))
    assert [g.payoff(i, (0, 0)) for i in range(2)] == [0, 0]
    assert [g.payoff(i, (1, 0)) for i in range(2)] == [1, 2]


def test_duplicate_labels_are_normalised_like_gambit():
    g = parse_nfg('NFG 1 R "" { "P" "P" } { { "x" "x" "x_1" } { "" } } 1 2 3 4 5 6')
    assert g.players == ("P_1", "P_2")
    assert g.actions == (("x_2", "x_3", "x_1"), ("_1",))


@pytest.mark.parametrize("text, line, column, fragment", [
    ('NFG 2 R "" { "A" } { 1 } 0', 1, 5, "version number 1"),
    ('EFG 2 R "" { "A" }', 1, 1, "'NFG'"),
    ('NFG 1 R "" { "A" } { 2 } 0', 1, 27, "ends after 1 payoffs"),
    ('NFG 1 R "" { "A" } { 1 } 0 1', 1, 28, "end of the file"),
    ('NFG 1 R "" { "A" } { 0 }', 1, 22, "at least one strategy"),
    ('NFG 1 R "" { "A" } { 1 }\n 1/0', 2, 2, "divides by zero"),
    ('NFG 1 R "" { "A" } { 1 }\n\n  0x10', 3, 3, "'0x10'"),
    ('NFG 1 R "" { "A } { 1 } 0', 1, 14, "never closed"),
    ('NFG 1 R "" { "A" } { 1 } { { "o" 1 } } 2', 1, 40, "between 0 and 1"),
    ('NFG 1 R "" { "A\tB" } { 1 } 0', 1, 14, "control character"),
    ('NFG 1 R "" { } { } ', 1, 14, "no players"),
])
def test_errors_have_line_and_column(text, line, column, fragment):
    with pytest.raises(FileFormatError) as info:
        parse_nfg(text, file="x.nfg")
    e = info.value
    assert (e.file, e.line, e.column) == ("x.nfg", line, column)
    assert fragment in str(e)


def test_sizes_are_checked_before_allocation():
    with pytest.raises(ResourceLimitError, match="max_outcomes"):
        parse_nfg('NFG 1 R "" { "A" "B" } { 1000000 1000000 }')
    with pytest.raises(ResourceLimitError, match="max_outcomes"):
        parse_nfg('NFG 1 R "" { "A" "B" "C" } { 100000 100000 0 }')
    with sa.limits(max_players=2), pytest.raises(ResourceLimitError, match="max_players"):
        parse_nfg('NFG 1 R "" { "A" "B" "C" } { 1 1 1 } 0 0 0')
    with pytest.raises(ResourceLimitError, match="max_digits"):
        parse_nfg('NFG 1 R "" { "A" } { 1 } ' + "9" * 1001)
    with pytest.raises(ResourceLimitError, match="max_digits"):
        parse_nfg('NFG 1 R "" { "A" } { 1 } 1/' + "9" * 1001)
    with pytest.raises(ResourceLimitError, match="max_exponent"):
        parse_nfg('NFG 1 R "" { "A" } { 1 } 1e1000000000')
    with pytest.raises(ResourceLimitError, match="max_digits"):
        parse_nfg('NFG 1 R "" { "A" } { 1 } 0.' + "0" * 1000 + "1")  # 10**-1001
    with pytest.raises(ResourceLimitError, match="max_digits"):
        parse_nfg('NFG 1 R "" { "A" } { ' + "9" * 2000 + " }")


def test_limits_are_settings():
    """A 1x3 game has 3 outcomes: refused under max_outcomes=2, read under the default."""
    text = 'NFG 1 R "" { "A" "B" } { 1 3 } 1 1 2 2 3 3'
    with sa.limits(max_outcomes=2), pytest.raises(ResourceLimitError):
        parse_nfg(text)
    assert parse_nfg(text).payoff(1, (0, 2)) == 3


# -- writing ------------------------------------------------------------------------------
def test_format_orders_profiles_like_gambit():
    """For u_0 = [[1, 2], [3, 4]] (rows = player 0) Gambit order lists (0,0), (1,0), (0,1),
    (1,1), i.e. u_0 = 1, 3, 2, 4; with u_1 = -u_0 the payoff lines are "1 -1", "3 -3", ..."""
    g = sa.Game.from_arrays([[1, 2], [3, 4]], [[-1, -2], [-3, -4]])
    lines = format_nfg(g).splitlines()
    assert lines[-4:] == ["1 -1", "3 -3", "2 -2", "4 -4"]
    assert parse_nfg(format_nfg(g)) == g


def test_format_refuses_symbolic_and_irrational_games():
    T = sympy.Symbol("T")
    with pytest.raises(InvalidGameError, match="parameters T"):
        format_nfg(sa.Game.from_arrays([T]))
    with pytest.raises(InvalidGameError, match="sqrt"):
        format_nfg(sa.Game.from_arrays([sympy.sqrt(2)]))
    with pytest.raises(InvalidGameError, match="surrogate|UTF-8"):
        format_nfg(sa.Game.from_arrays([1], players=["\ud800"]))


def test_write_and_read_files(tmp_path):
    g = sa.Game.from_arrays([[1, "1/3"]], [[Fraction(-2, 7), 0]], players=["a", "b"])
    p = str(tmp_path / "g.nfg")
    write_nfg(g, p, title='quote " and \\')
    assert read_nfg(p) == g
    assert sa.read_game(p) == g


# -- round trip ---------------------------------------------------------------------------
names = st.text(st.characters(blacklist_categories=("Cs",), min_codepoint=32), min_size=1,
                max_size=8)
rationals = st.fractions(max_denominator=50).filter(lambda f: abs(f) < 10**6) | st.integers(
    -10**30, 10**30)


@st.composite
def games(draw):
    n = draw(st.integers(1, 3))
    shape = tuple(draw(st.lists(st.integers(1, 3), min_size=n, max_size=n)))
    size = 1
    for k in shape:
        size *= k
    arrays = []
    for _ in range(n):
        flat = draw(st.lists(rationals, min_size=size, max_size=size))
        arrays.append(sympy.Array(flat, shape).tolist() if n > 0 else flat)
    players = draw(st.lists(names, min_size=n, max_size=n, unique=True))
    actions = [draw(st.lists(names, min_size=k, max_size=k, unique=True)) for k in shape]
    return sa.Game(arrays, players=players, actions=actions)


@given(games(), names)
@example(sa.Game.from_arrays([1], players=['\\"\\']), "\\")
@example(sa.Game.from_arrays([1], players=['a\\'], actions=[['"']]), '"')
def test_round_trip(g, title):
    """format_nfg then parse_nfg is the identity on numeric games, names with quotes and
    backslashes included."""
    assert parse_nfg(format_nfg(g, title=title)) == g


@given(st.text(max_size=200))
def test_random_text_raises_only_symalign_errors(text):
    try:
        parse_nfg(text)
    except SymalignError:
        pass


def test_unlabelled_strategies_get_gambits_names_and_round_trip():
    """Gambit names the strategies of a file with counts ``{ 3 2 }`` "1", "2", "3" (its
    manual lists the profiles as (1,1), (2,1), ...); a file symalign writes spells those
    labels out, and reading it back by the same rules gives the same game."""
    from symalign.io.nfg import format_nfg, parse_nfg
    text = 'NFG 1 R "t" { "P1" "P2" } { 3 2 }\n1 1 0 2 0 2 1 1 0 3 2 0\n'
    g = parse_nfg(text)
    assert g.actions == (("1", "2", "3"), ("1", "2"))
    # strategy "2" of player 1 against "1" of player 2 is Gambit's second profile: (0, 2)
    assert (g.payoff(0, ("2", "1")), g.payoff(1, ("2", "1"))) == (0, 2)
    out = format_nfg(g, title="t")
    assert '{ { "1" "2" "3" }\n{ "1" "2" }\n}' in out
    assert parse_nfg(out) == g


def test_written_files_read_back_with_labels_that_need_escapes():
    from symalign.io.nfg import format_nfg, parse_nfg
    g = sa.Game.from_arrays([[1, "1/2"], ["0.25", 0]], [[0, 1], [1, 0]],
                            players=['say "hi"', "back\\slash"],
                            actions=[["a b", 'q"'], ["x", "y\\"]])
    back = parse_nfg(format_nfg(g, title='a "title"'))
    assert back == g and back.actions == g.actions and back.players == g.players


def test_gambit_reads_what_symalign_writes(tmp_path):
    """With pygambit installed (the gambit extra), Gambit itself reads symalign's file with the
    same labels and payoffs (checked with pygambit 16.7)."""
    pygambit = pytest.importorskip("pygambit")
    from fractions import Fraction

    from symalign.io.nfg import write_nfg
    g = sa.Game.from_arrays([[3, 0], [5, "1/2"]], [[3, 5], [0, 1]],
                            players=["Row", "Col"], actions=[["C", "D"], ["L", "R"]])
    path = tmp_path / "g.nfg"
    write_nfg(g, str(path), title="check")
    gg = pygambit.read_nfg(str(path)) if hasattr(pygambit, "read_nfg") else \
        pygambit.Game.read_game(str(path))
    assert [p.label for p in gg.players] == ["Row", "Col"]
    assert [[s.label for s in p.strategies] for p in gg.players] == [["C", "D"], ["L", "R"]]
    strategies = [list(p.strategies) for p in gg.players]
    for a in range(2):
        for b in range(2):
            outcome = gg[strategies[0][a], strategies[1][b]]
            for i in range(2):
                got = Fraction(str(outcome[list(gg.players)[i]]))
                assert got == Fraction(str(g.payoff(i, (a, b))))


def test_gambit_names_unlabelled_strategies_as_symalign_does():
    """Gambit's own reader names the strategies of e02.nfg (counts, no labels) "1", "2", ...,
    as symalign's reader does."""
    pygambit = pytest.importorskip("pygambit")
    path = os.path.join(DATA, "e02.nfg")
    gg = pygambit.read_nfg(path)
    assert tuple(tuple(s.label for s in p.strategies) for p in gg.players) == \
        read_nfg(path).actions == (("1", "2", "3"), ("1", "2"))
