"""Tests of symalign.core.parsing: the whitelist expression and relation parser."""

import os

import pytest
import sympy
from hypothesis import example, given
from hypothesis import strategies as st

import symalign as sa
from symalign.core.errors import FileFormatError, ResourceLimitError, SymalignError
from symalign.core.parsing import FUNCTIONS, parse_expression, parse_relation

T, R = sympy.symbols("T R")
SYMS = {"T": T, "R": R}


@pytest.mark.parametrize("text, expected", [
    ("3/4", sympy.Rational(3, 4)),
    ("-2 + 5", 3),
    ("2^10", 1024),                 # 2**10 = 1024
    ("2**3**2", 512),               # right associative: 2**(3**2) = 2**9
    ("-2^2", -4),                   # unary minus binds looser than ^: -(2^2)
    ("(1/2)^-2", 4),                # (1/2)**(-2) = 4
    ("sqrt(8)", 2 * sympy.sqrt(2)),  # sqrt(8) = 2*sqrt(2)
    ("abs(-3) + max(1, 5, 2) - min(4, 7)", 4),  # 3 + 5 - 4
    ("2*T - R/3", 2 * T - R / 3),
    ("  1 +\t2\n", 3),
    ("0^0", 1),
])
def test_values(text, expected):
    assert parse_expression(text, SYMS) == expected


@pytest.mark.parametrize("text, expected", [
    # decimal literals denote the exact rational, by hand: 1.5 = 15/10, .5 = 5/10,
    # 1e3 = 1000, 2.5e-1 = 25/100, 0.1 + 0.2 = 3/10 exactly (not 0.30000000000000004)
    ("1.5", sympy.Rational(3, 2)),
    (".5", sympy.Rational(1, 2)),
    ("1e3", sympy.Integer(1000)),
    ("2.5e-1", sympy.Rational(1, 4)),
    ("0.1 + 0.2", sympy.Rational(3, 10)),
    ("1.", sympy.Integer(1)),
    ("-0.75*T", -sympy.Rational(3, 4) * SYMS["T"]),
])
def test_decimal_literals_are_exact(text, expected):
    value = parse_expression(text, SYMS)
    assert value == expected and not value.has(sympy.Float)


def test_decimal_literal_limits():
    from symalign.core.errors import ResourceLimitError
    with pytest.raises(ResourceLimitError, match="max_exponent"):
        parse_expression("1e99999")
    with pytest.raises(ResourceLimitError, match="max_digits"):
        parse_expression("0." + "1" * 5000)


@pytest.mark.parametrize("text, fragment", [
    ("__import__('os').system('touch /tmp/x')", "no dunder"),
    ("().__class__", "unexpected"),
    ("x.real", "unexpected character '.'"),
    ("T.func", "unexpected character '.'"),
    ("lambda", "undeclared symbol 'lambda'"),
    ("eval(1)", "unknown function 'eval'"),
    ("exp(1)", "unknown function 'exp'"),
    ("1.5.2", "unexpected '.2'"),
    ("1/0", "division by zero"),
    ("1/(T-T)", "division by zero"),
    ("0^-1", "division by zero"),
    ("sqrt(-4)", "negative"),
    ("(-8)^(1/3)", "not real"),
    ("(-6)^sqrt(3)", "irrational"),
    ("2^sqrt(2)", "irrational"),
    ("2^(2^(1/3))", "irrational"),
    ("max(-2 + (-6)^sqrt(3)/2)", "irrational"),
    ("(-T^2 - 1)^(1/2) + (-2)^(1/2)", "not real"),
    ("sqrt(1, 2)", "takes 1 argument"),
    ("sqrt", "must be called"),
    ("", "empty"),
    ("1 +", "ends too early"),
    ("(1", "expected ')'"),
    ("1 2", "unexpected '2'"),
    ("٣", "unexpected character"),       # Arabic-Indic digit three: ASCII digits only
    ("2²", "unexpected character"),
    ("'a'", "unexpected character"),
    ("a", "undeclared symbol 'a'"),
])
def test_rejections(text, fragment):
    with pytest.raises(FileFormatError) as info:
        parse_expression(text, SYMS)
    assert fragment in str(info.value)


def test_column_is_reported():
    with pytest.raises(FileFormatError) as info:
        parse_expression("1 + 2 * x")
    assert info.value.column == 9


@pytest.mark.parametrize("text, setting", [
    ("9" * 1001, "max_digits"),
    ("10^10^10", "max_exponent"),
    ("2^1001", "max_exponent"),
    ("7^1000 * 7^1000", "max_digits"),     # 1690 digits
    ("(10^999) / 3 * 10^500", "max_digits"),
    ("(" * 100 + "1" + ")" * 100, "max_nesting"),
    ("-" * 100 + "1", "max_nesting"),
    ("sqrt(" * 100 + "1" + ")" * 100, "max_nesting"),
    ("1+" * 6000 + "1", "max_expression_length"),
    ("2^(1/1001)", "max_exponent"),
    ("T^1001", "max_exponent"),
    ("T^(1001/2)", "max_exponent"),
])
def test_limits(text, setting):
    with pytest.raises(ResourceLimitError) as info:
        parse_expression(text, SYMS)
    assert info.value.setting == setting


def test_recursion_is_a_resource_limit():
    with sa.limits(max_nesting=10**6):
        with pytest.raises(ResourceLimitError, match="max_nesting"):
            parse_expression("(" * 4000 + "1" + ")" * 4000)


def test_limits_follow_settings():
    with sa.limits(max_digits=3):
        with pytest.raises(ResourceLimitError):
            parse_expression("1000")
        assert parse_expression("999") == 999


def test_no_code_runs(tmp_path):
    marker = tmp_path / "pwned"
    for text in [f"__import__('os').system('touch {marker}')",
                 f"exec(\"open('{marker}', 'w')\")",
                 f"open('{marker}', 'w')"]:
        with pytest.raises(SymalignError):
            parse_expression(text)
    assert not os.path.exists(marker)


def test_functions_whitelist():
    assert set(FUNCTIONS) == {"sqrt", "abs", "Abs", "max", "Max", "min", "Min"}


@pytest.mark.parametrize("text, expected", [
    ("T > R", T > R), ("2*R >= T + 1", 2 * R >= T + 1), ("T < 3", T < 3),
    ("T <= R", T <= R), ("T == 2", sympy.Eq(T, 2)), ("T != R", sympy.Ne(T, R)),
])
def test_relations(text, expected):
    assert parse_relation(text, SYMS) == expected


@pytest.mark.parametrize("text, fragment", [
    ("T", "not a relation"), ("T < R < 3", "more than one"), ("T > x", "undeclared"),
    ("T = R", "not a relation"),
])
def test_relation_errors(text, fragment):
    with pytest.raises(FileFormatError, match=fragment):
        parse_relation(text, SYMS)


def test_relation_rhs_column_is_shifted():
    """In "T > 1 + y" the undeclared y is at column 9 of the whole text."""
    with pytest.raises(FileFormatError) as info:
        parse_relation("T > 1 + y", SYMS)
    assert info.value.column == 9


# -- properties ---------------------------------------------------------------------------
small = st.integers(-50, 50)


@given(small, st.integers(1, 50), small)
def test_arithmetic_matches_sympy(p, q, r):
    """Integers p, q > 0, r: the parser builds p/q + r*T exactly."""
    assert parse_expression(f"{p}/{q} + ({r})*T", SYMS) == sympy.Rational(p, q) + r * T


@given(st.fractions(max_denominator=1000))
def test_str_of_a_rational_reads_back(f):
    q = sympy.Rational(f.numerator, f.denominator)
    assert parse_expression(str(q)) == q


TOKENS = ["1", "2", "10", "T", "R", "+", "-", "*", "/", "^", "**", "(", ")", ",", "sqrt(",
          "max(", "abs(", " ", "0", "1/2", "x", ".", "_", "e", "(-6)", "sqrt(3)", "221", "^-"]


@given(st.lists(st.sampled_from(TOKENS), max_size=30).map("".join))
@example("max(T)")
@example("1/(1-1)")
@example("(1/2)^(1/2)")
@example("0^(1/2)")
@example("max(1/0)")
@example("2^-(1/2)")
@example("sqrt(T)^2")
def test_token_soup_raises_only_symalign_errors(text):
    """Random well-tokenised input: a sympy expression or a SymalignError, never anything
    else, and never a Float."""
    try:
        value = parse_expression(text, SYMS)
    except SymalignError:
        return
    assert isinstance(value, sympy.Expr)
    assert not value.has(sympy.Float)


@given(st.text(max_size=60))
@example("\u0663")      # Arabic-Indic three: str.isdigit() is True, int() would accept it
@example("2\u00b2")     # superscript two: str.isdigit() is True, int() raises ValueError
@example("(-8)^(1/3)")  # a complex principal root: refused as not real
@example("T < R < 1")
@example("max(-2 + (-6)^sqrt(3)/2)")  # atheris: Max raised ValueError on a complex power
@example("1212^-12^-2^221212^-2^221^-1^-12^-212^-2^2^2212^221^2^221^-1^2")  # atheris:
# a tower of irrational exponents made sympy's evalf raise OverflowError
def test_random_text_raises_only_symalign_errors(text):
    try:
        parse_expression(text, SYMS)
    except SymalignError:
        pass
    try:
        parse_relation(text, SYMS)
    except SymalignError:
        pass


def test_long_sums_and_products():
    """3000 copies of T sum to 3000*T and divide to T**(-2998); 1/2 + 1/3 + 1/6 = 1;
    max takes at most 1000 arguments."""
    assert parse_expression("+".join(["T"] * 3000), SYMS) == 3000 * T
    assert parse_expression("/".join(["T"] * 3000), SYMS) == T ** -2998
    assert parse_expression("1/2 + T + 1/3 - T + 1/6", SYMS) == 1
    assert parse_expression("2*T/4*R/T", SYMS) == R / 2
    with pytest.raises(FileFormatError, match="1 to 1000 arguments"):
        parse_expression("max(" + ",".join(["1"] * 1001) + ")")
