"""Tests of symalign.io.jsonfile: the symalign JSON game and delegation-game format."""

import json

import pytest
import sympy
from hypothesis import example, given
from hypothesis import strategies as st

import symalign as sa
from symalign.core.errors import FileFormatError, InvalidGameError, ResourceLimitError, SymalignError
from symalign.io.jsonfile import ASSUMPTIONS, delegation_from_json, game_from_dict, game_from_json
from symalign.io.jsonwrite import delegation_to_json, game_to_dict, game_to_json

PD = {
    "players": ["Row", "Col"],
    "actions": [["C", "D"], ["C", "D"]],
    "parameters": {"T": {"positive": True}, "S": {"real": True}},
    "assumptions": ["T > 3", "S < 0"],
    "payoffs": [[[3, "S"], ["T", 1]], [[3, "T"], ["S", 1]]],
}


def test_symbolic_prisoners_dilemma():
    """The documented example: payoffs[i][a0][a1], so payoffs[0][1][0] = T is Row's payoff
    at (D, C) and payoffs[1][0][1] = T is Col's at (C, D); the symbols carry the declared
    assumptions and the game carries the relations."""
    g = game_from_json(json.dumps(PD))
    T = sympy.Symbol("T", positive=True)
    S = sympy.Symbol("S", real=True)
    assert g.payoff("Row", ("D", "C")) == T
    assert g.payoff("Col", ("C", "D")) == T
    assert g.payoff("Row", ("C", "D")) == S
    assert g.payoff(1, (1, 1)) == 1
    assert g.assumptions == (T > 3, S < 0)
    assert g.free_symbols == {T, S}


def test_exact_strings():
    """ "3/2" is 3/2, "sqrt(8)" is 2*sqrt(2), "-7" is -7; ints stay ints."""
    g = game_from_dict({"payoffs": [["3/2", "sqrt(8)", "-7", 12]]})
    assert [g.payoff(0, (k,)) for k in range(4)] == [sympy.Rational(3, 2), 2 * sympy.sqrt(2),
                                                    -7, 12]


def test_actions_define_the_shape_and_names():
    g = game_from_dict({"actions": [["a", "b", "c"], ["x"]],
                        "payoffs": [[[1], [2], [3]], [[4], [5], [6]]]})
    assert g.shape == (3, 1) and g.players == ("0", "1")
    assert g.payoff(1, ("c", "x")) == 6


@pytest.mark.parametrize("text, kind, fragment, line, column", [
    ('{"payoffs": [[1.5]]}', FileFormatError, '"3/2"', 1, 15),
    ('{"payoffs": [[1e5]]}', FileFormatError, '"100000"', 1, 15),
    ('{"payoffs":\n [[NaN]]}', FileFormatError, "NaN", 2, 4),
    ('{"payoffs": [[-Infinity]]}', FileFormatError, "-Infinity", 1, 15),
    ('{"payoffs": [[1]],\n  "payoffs": [[2]]}', FileFormatError, "duplicate key", 2, 3),
    ('{"payoffs": [[1]]', FileFormatError, "invalid JSON", 1, 18),
    ('{"payoffs": [[1]]} x', FileFormatError, "invalid JSON", 1, 20),
])
def test_decode_errors_are_located(text, kind, fragment, line, column):
    with pytest.raises(kind) as info:
        game_from_json(text, file="g.json")
    assert fragment in str(info.value)
    assert (info.value.file, info.value.line, info.value.column) == ("g.json", line, column)


@pytest.mark.parametrize("d, fragment", [
    ({"payoffs": [[1]], "extra": 1}, "unknown key 'extra'"),
    ({"players": ["a"]}, "'payoffs' is missing"),
    ([1, 2], "top level must be a JSON object"),
    ({"payoffs": [[True]]}, "boolean true"),
    ({"payoffs": [[None]]}, "null"),
    ({"payoffs": [["x"]]}, "undeclared symbol 'x'"),
    ({"payoffs": [["__import__('os').system('true')"]]}, "not allowed"),
    ({"payoffs": [["().__class__"]]}, "unexpected"),
    ({"payoffs": [["lambda: 1"]]}, "unexpected character ':'"),
    ({"payoffs": [["lambda"]]}, "undeclared symbol 'lambda'"),
    ({"payoffs": [[1.5]]}, "float"),
    ({"payoffs": [[[1, 2], [3]], [[1, 2], [3, 4]]]}, "payoffs[0][1] has 1 entries"),
    ({"payoffs": [[1, 2], [3, 4]]}, "2 dimensions"),
    ({"payoffs": [[[1]]]}, "JSON array"),
    ({"payoffs": []}, "non-empty list"),
    ({"players": ["a", "a"], "payoffs": [[[1]], [[1]]]}, "twice"),
    ({"players": ["a"], "payoffs": [[[1]], [[1]]]}, "2 are needed"),
    ({"players": [""], "payoffs": [[1]]}, "non-empty strings"),
    ({"players": ["a\nb"], "payoffs": [[1]]}, "printable"),
    ({"actions": [["a"], ["b"]], "payoffs": [[1]]}, "1 players"),
    ({"actions": [[]], "payoffs": [[1]]}, "empty"),
    ({"parameters": {"x": {"evil": True}}, "payoffs": [["x"]]}, "not a sympy assumption"),
    ({"parameters": {"x": {"positive": 1}}, "payoffs": [["x"]]}, "true or false"),
    ({"parameters": {"x": {"positive": True, "negative": True}}, "payoffs": [["x"]]},
     "inconsistent"),
    ({"parameters": {"__x": {}}, "payoffs": [[1]]}, "not allowed"),
    ({"parameters": {"sqrt": {}}, "payoffs": [[1]]}, "function name"),
    ({"parameters": {"x": {"imaginary": True}}, "payoffs": [["x"]]}, "not real"),
    ({"parameters": [], "payoffs": [[1]]}, "must be an object"),
    ({"assumptions": ["y > 0"], "payoffs": [[1]]}, "undeclared symbol 'y'"),
    ({"assumptions": ["1 > 2"], "payoffs": [[1]]}, "always false"),
    ({"assumptions": [3], "payoffs": [[1]]}, "assumptions[0]"),
    ({"title": 3, "payoffs": [[1]]}, "'title' must be a string"),
    ({"payoffs": {"agents": [[1]], "principals": [[1]]}}, "delegation"),
])
def test_structure_errors(d, fragment):
    with pytest.raises(FileFormatError) as info:
        game_from_dict(d, file="g.json")
    assert fragment in str(info.value)
    assert info.value.file == "g.json"


def test_resource_limits():
    with pytest.raises(ResourceLimitError, match="max_nesting"):
        game_from_json("[" * 100_000 + "]" * 100_000)
    with pytest.raises(ResourceLimitError, match="max_digits"):
        game_from_json('{"payoffs": [[' + "9" * 5000 + "]]}")
    with pytest.raises(ResourceLimitError, match="max_digits"):
        game_from_dict({"payoffs": [[10**2000]]})
    with pytest.raises(ResourceLimitError, match="max_exponent"):
        game_from_dict({"payoffs": [["10^10^10"]]})
    huge = {"actions": [[str(k) for k in range(1000)]] * 3, "payoffs": [[], [], []]}
    with pytest.raises(ResourceLimitError, match="max_outcomes"):
        game_from_dict(huge)
    with pytest.raises(ResourceLimitError, match="max_outcomes"):
        # sizes read off the first entries: 10**4 x 10**4 declared by a small object
        row = [0] * 10_000
        game_from_dict({"payoffs": [[row] * 10_000, []]})
    with sa.limits(max_players=2), pytest.raises(ResourceLimitError, match="max_players"):
        game_from_dict({"payoffs": [[[[1]]], [[[1]]], [[[1]]]]})


def test_assumption_names_are_sympys():
    from sympy.core.assumptions import _assume_defined
    assert ASSUMPTIONS == set(_assume_defined)


def test_delegation_file():
    """agents u_0 = [[2, 0], [0, 1]]; principals u_0 = [[1, 0], [0, 2]]; shared names."""
    text = json.dumps({"players": ["A", "B"], "actions": [["x", "y"], ["x", "y"]],
                       "payoffs": {"agents": [[[2, 0], [0, 1]], [[2, 0], [0, 1]]],
                                   "principals": [[[1, 0], [0, 2]], [[1, 0], [0, 2]]]}})
    dg = delegation_from_json(text)
    agents, principals = dg.agents, dg.principals
    assert agents.payoff("A", ("x", "x")) == 2 and principals.payoff("A", ("y", "y")) == 2
    assert agents.actions == principals.actions == (("x", "y"), ("x", "y"))
    assert delegation_from_json(delegation_to_json(dg)) == dg
    with pytest.warns(DeprecationWarning, match=r"delegation_to_json\(DelegationGame"):
        assert delegation_from_json(delegation_to_json(agents, principals)) == dg
    weighted = sa.DelegationGame(agents, principals, weights=[1, 2])
    with pytest.raises(sa.InvalidGameError, match="weights"):
        delegation_to_json(weighted)
    for bad, fragment in [({"agents": [[1]]}, "'principals' is missing"),
                          ({"agents": [[1]], "principals": [[1]], "x": 1}, "unknown key 'x'"),
                          ({"agents": [[1]], "principals": [[1, 2]]}, "different shapes"),
                          ([[1]], "must be an object")]:
        with pytest.raises(FileFormatError, match=fragment):
            delegation_from_json(json.dumps({"payoffs": bad}))


def test_writer_refuses_what_cannot_be_read_back():
    x = sympy.Symbol("x")
    with pytest.raises(InvalidGameError, match="cannot be written"):
        game_to_json(sa.Game.from_arrays([sympy.exp(x)]))
    with pytest.raises(InvalidGameError, match="rename"):
        game_to_json(sa.Game.from_arrays([sympy.Symbol("x y")]))
    with pytest.raises(InvalidGameError, match="two different parameters"):
        game_to_json(sa.Game.from_arrays([x, sympy.Symbol("x", positive=True)]))


def test_to_dict_content():
    """Integers stay JSON integers, 1/2 becomes "1/2", parameters keep their assumptions."""
    T = sympy.Symbol("T", positive=True)
    g = sa.Game.from_arrays([[T, "1/2"]], [[2, 0]]).assuming(T > 1)
    d = game_to_dict(g)
    assert d == {"players": ["0", "1"], "actions": [["0"], ["0", "1"]],
                 "parameters": {"T": {"positive": True}}, "assumptions": ["T > 1"],
                 "payoffs": [[["T", "1/2"]], [[2, 0]]]}
    assert game_from_dict(d) == g


# -- round trip ---------------------------------------------------------------------------
names = st.text(st.characters(blacklist_categories=("Cs",), min_codepoint=32), min_size=1,
                max_size=8)
SYMS = [sympy.Symbol("T", positive=True), sympy.Symbol("R", real=True), sympy.Symbol("P")]
atoms = (st.integers(-10**20, 10**20).map(sympy.Integer)
         | st.fractions(max_denominator=30).map(lambda f: sympy.Rational(f.numerator,
                                                                         f.denominator))
         | st.sampled_from(SYMS + [sympy.sqrt(2)]))
exprs = st.recursive(atoms, lambda e: st.tuples(e, e, st.sampled_from("+-*")).map(
    lambda t: t[0] + t[1] if t[2] == "+" else t[0] - t[1] if t[2] == "-" else t[0] * t[1]),
    max_leaves=4)


@st.composite
def games(draw, values):
    n = draw(st.integers(1, 3))
    shape = tuple(draw(st.lists(st.integers(1, 3), min_size=n, max_size=n)))
    size = 1
    for k in shape:
        size *= k
    arrays = [sympy.Array(draw(st.lists(values, min_size=size, max_size=size)),
                          shape).tolist() for _ in range(n)]
    players = draw(st.lists(names, min_size=n, max_size=n, unique=True))
    actions = [draw(st.lists(names, min_size=k, max_size=k, unique=True)) for k in shape]
    g = sa.Game(arrays, players=players, actions=actions)
    if draw(st.booleans()) and g.free_symbols:
        s = sorted(g.free_symbols, key=str)[0]
        g = g.assuming(s > 1)
    return g


@given(games(atoms))
@example(sa.Game.from_arrays([sympy.Symbol("T", positive=True)], players=['"\\'],
                             actions=[["{}"]]))
def test_round_trip_symbolic(g):
    assert game_from_json(game_to_json(g)) == g


@given(games(exprs))
def test_round_trip_expressions(g):
    assert game_from_json(game_to_json(g)) == g


@given(st.text(max_size=200))
@example('{"payoffs": [["1/(2-2)"]]}')
@example('{"payoffs": [[-0.0]]}')
def test_random_text_raises_only_symalign_errors(text):
    try:
        game_from_json(text)
    except SymalignError:
        pass
