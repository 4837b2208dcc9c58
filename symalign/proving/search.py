"""Claims over finite families (exhaustive), by hypothesis search (sampled, refutation only), and
lemma chains of proved steps."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

import sympy

from symalign.proving.records import Step, Verification

# -- finite families and search ----------------------------------------------------------------

def _truth(value) -> bool | None:
    if value is True or value is sympy.true:
        return True
    if value is False or value is sympy.false:
        return False
    if isinstance(value, (bool,)):
        return value
    try:
        import numpy as np
        if isinstance(value, np.bool_):
            return bool(value)
    except ImportError:  # pragma: no cover
        pass
    return None


def exhaustive(claim: Callable, family: Iterable, *, name: str = "", claim_latex: str = "",
               expected: bool = True, source: str = "", description: str = "") -> Verification:
    """Check ``claim(x)`` exactly for every member ``x`` of a finite family.

    ``claim`` returns a bool or a decided sympy relation; an undecided value, an exception
    raised by ``claim`` or an empty family makes the result undecided (never a pass, never a
    refutation). The first failure is the counterexample.

    Examples
    ========

    >>> import itertools, symalign as sa
    >>> from symalign.proving.claims import exhaustive
    >>> fam = (sa.Game.from_arrays([[a, b]], [[c, d]])
    ...        for a, b, c, d in itertools.product(range(2), repeat=4))
    >>> v = exhaustive(lambda g: sa.alpha(g) <= 0, fam, description="1x2 games in {0,1}")
    >>> v.holds, v.steps[0].detail["checked"]
    (True, 16)
    >>> exhaustive(lambda g: 1 / 0, [1]).holds, exhaustive(lambda g: True, []).holds
    (None, None)

    """
    t0 = time.perf_counter()
    n = 0
    holds: bool | None = True
    cx = None
    error = ""
    for x in family:
        n += 1
        try:
            v = _truth(claim(x))
        except Exception as exc:  # an error is never a pass, nor a refutation
            holds, cx, error = None, x, f"{type(exc).__name__}: {exc}"
            break
        if v is False:
            holds, cx = False, x
            break
        if v is None:
            holds, cx = None, x
            break
    what = description or "the family"
    how = (f"checked exactly on all {n} members of {what}" if holds else
           f"fails at member {n} of {what}" if holds is False else
           f"raised {error} at member {n} of {what}" if error else
           f"undecided at member {n} of {what}")
    if n == 0:
        holds, how = None, f"{what} is empty: nothing was checked"
    step = Step(sympy.Symbol(claim_latex or name or "claim"), how, holds,
                detail={"checked": n, "counterexample": cx})
    return Verification(claim=claim_latex or name, name=name, method="exhaustive", steps=(step,),
                        expected=expected, holds=holds, counterexample=cx,
                        seconds=time.perf_counter() - t0, source=source)


def sampled(claim: Callable, strategy, *, max_examples: int = 200, name: str = "",
            claim_latex: str = "", expected: bool = True, source: str = "") -> Verification:
    """Search for a counterexample with hypothesis. Refutes (``holds=False``) but never proves.

    Examples
    ========

    >>> from symalign.proving.claims import sampled
    >>> from symalign.proving.testing import rationals
    >>> sampled(lambda r: r * r >= 0, rationals(), max_examples=50).holds is None
    True
    >>> v = sampled(lambda r: r < 5, rationals(), max_examples=200)
    >>> v.holds, v.counterexample
    (False, 5)

    """
    from hypothesis import HealthCheck, find, settings
    from hypothesis.errors import NoSuchExample
    t0 = time.perf_counter()
    try:
        cx = find(strategy, lambda x: _truth(claim(x)) is False,
                  settings=settings(max_examples=max_examples, database=None, deadline=None,
                                    suppress_health_check=list(HealthCheck)))
        holds, how = False, "hypothesis found a counterexample (checked exactly)"
    except NoSuchExample:
        cx, holds = None, None
        how = f"no counterexample in {max_examples} hypothesis examples (this proves nothing)"
    step = Step(sympy.Symbol(claim_latex or name or "claim"), how, holds,
                detail={"counterexample": cx})
    return Verification(claim=claim_latex or name, name=name, method="sampled", steps=(step,),
                        expected=expected, holds=holds, counterexample=cx,
                        seconds=time.perf_counter() - t0, source=source)


def refute_by_search(claim: Callable, candidates: Iterable, *, name: str = "",
                     claim_latex: str = "", expected: bool = False, source: str = "",
                     description: str = "") -> Verification:
    """Refute a universal claim by an exact search over explicit candidates (method "exhaustive").

    ``holds`` is False with the first candidate at which ``claim`` is False; if none fails the
    claim is *undecided* (a finite search cannot prove a universal claim).

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.proving.claims import refute_by_search
    >>> v = refute_by_search(lambda g: sa.alpha(g) == 0,
    ...                      [sa.games.coordination(), sa.games.chicken()])
    >>> v.holds, v.counterexample == sa.games.chicken()
    (False, True)

    """
    v = exhaustive(claim, candidates, name=name, claim_latex=claim_latex, expected=expected,
                   source=source, description=description or "the candidates")
    if v.holds is True:
        step = replace(v.steps[0], holds=None,
                       how=v.steps[0].how + "; no counterexample, which proves nothing")
        return replace(v, holds=None, steps=(step,))
    return v


def lemma_chain(steps: Sequence, *, name: str, claim: str, assumptions: Sequence = (),
                expected: bool = True, source: str = "", seconds: float | None = None,
                conclusion: str = "") -> Verification:
    """Combine proved steps (`Verification` or `Step`) into one ``"lemma chain"`` verification.

    The chain holds iff every step holds; it is refuted iff some step is refuted (a step that
    is a refutation of a lemma makes the chain undecided unless the step is the claim itself).

    Examples
    ========

    >>> import sympy
    >>> from symalign.proving.claims import check_identity, lemma_chain
    >>> x = sympy.Symbol("x", real=True)
    >>> v = lemma_chain([check_identity(x**2 - 1, (x - 1)*(x + 1))], name="demo",
    ...                 claim="x^2-1=(x-1)(x+1)")
    >>> v.method, v.holds
    ('lemma chain', True)

    """
    flat = []
    total = 0.0
    for s in steps:
        if isinstance(s, Verification):
            total += s.seconds
            for st in s.steps:
                label = f"{s.name}: {s.method}" if s.name else s.method
                flat.append(replace(st, how=f"[{label}] {st.how}"))
            if s.holds is False and not s.steps:
                flat.append(Step(sympy.Symbol(s.name or "lemma"), s.method, False))
        else:
            flat.append(s)
    vals = [s.holds for s in flat]
    if all(v is True for v in vals):
        holds: bool | None = True
    elif any(v is False for v in vals):
        holds = None
    else:
        holds = None
    if conclusion:
        flat.append(Step(sympy.Symbol("conclusion"), conclusion, holds))
    return Verification(claim=claim, name=name, method="lemma chain", steps=tuple(flat),
                        assumptions=tuple(assumptions), expected=expected, holds=holds,
                        seconds=total if seconds is None else seconds, source=source)
