"""A theorem is a declaration: one record carries its name, statement, source, hypotheses,
expected verdict and scope, and the runner adds timing, the lemma-chain verdict and crash
handling.

A theorem module of ``proofs/`` states its claim in its docstring and declares it once::

    @theorem(name="pd_covariance", statement=r"...", source="Stavrianos & Turner (2021); aphyer on Turner's open problem (2021)",
             hypotheses=(r"p_i\\in[0,1]",), expected=True, scope="every shape",
             covers="a shape-free identity on free symbols, then the library on PD(+)")
    def proof():
        return [check_identity(...), exhaustive(...)]

The decorated function returns its parts (`Verification` or `Step` records), or a `Conclusion`
when it overrides the combined verdict (refutations). Calling the `Theorem` runs it: a crash is
reported as that theorem's failure (``holds=None``, the exception in ``error``) and never
escapes, and nothing that is not a proof counts as one: an undecided step, a skipped case or an
exception leaves the theorem undecided, which is not the expected outcome.

Scopes (`SCOPES`) say for which games a theorem is proven: ``"every shape"`` (a shape-free
argument, each step checked; claims for every ``N`` are checked for a symbolic ``N`` or a range
of ``N``), ``"generic shapes"`` (every game of the named shapes, by certificates or identities
on generic payoff symbols), ``"named instances"`` (every member of the named finite families,
and no more) and ``"counterexample"`` (a refutation: one exact counterexample).

Examples
========

>>> import sympy
>>> from symalign.proving.theorems import theorem
>>> from symalign.proving.claims import check_identity
>>> x = sympy.Symbol("x")
>>> @theorem(name="demo", statement="(x+1)^2=x^2+2x+1", source="algebra",
...          scope="every shape", covers="one identity on a free symbol")
... def demo():
...     return [check_identity((x + 1)**2, x**2 + 2*x + 1)]
>>> v = demo()
>>> v.name, v.holds, v.ok, v.scope
('demo', True, True, 'every shape: one identity on a free symbol')
>>> @theorem(name="broken", statement="1=1", source="none", scope="named instances",
...          covers="nothing")
... def broken():
...     raise ZeroDivisionError("a bug")
>>> v = broken()
>>> v.holds, v.ok, v.error
(None, False, 'ZeroDivisionError: a bug')
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

import sympy

from symalign.core.errors import SymalignError
from symalign.proving.records import Step, Verification
from symalign.proving.search import lemma_chain

__all__ = ["Theorem", "Conclusion", "theorem", "SCOPES"]

SCOPES = {
    "every shape": "a shape-free argument, each step checked (for every N: a symbolic N or a "
                   "range of N)",
    "generic shapes": "every game of the named shapes (generic payoff symbols)",
    "named instances": "every member of the named finite families, and no more",
    "counterexample": "refuted by an exact counterexample",
}


@dataclass(frozen=True)
class Conclusion:
    """A proof's parts with an explicit verdict (refutations) or method.

    ``instances=True`` says every part is an instance of the claim (one generic shape each),
    so a refuted part refutes the claim. ``overrides=True`` makes ``holds`` and
    ``counterexample`` the verdict (a refutation decides it from its own parts).
    """

    parts: tuple
    holds: bool | None = None
    counterexample: object = None
    method: str | None = None
    instances: bool = False
    overrides: bool = False


@dataclass(frozen=True)
class Theorem:
    """A declared theorem: metadata and the function that checks it (see the module docstring).

    Calling it runs the proof and returns a `Verification` stamped with the metadata, the
    scope and the wall-clock seconds; it never raises.

    Examples
    ========

    >>> import sympy
    >>> from symalign.proving.theorems import theorem
    >>> from symalign.proving.claims import check_identity
    >>> x = sympy.Symbol("x")
    >>> square = theorem(name="square", statement="(x-1)(x+1)=x^2-1", source="algebra",
    ...                  scope="every shape", covers="one identity")(
    ...     lambda: [check_identity((x - 1) * (x + 1), x**2 - 1)])
    >>> square.name, square.scope_text, square().holds
    ('square', 'every shape: one identity', True)

    """

    name: str
    statement: str
    source: str
    hypotheses: tuple
    expected: bool
    scope: str
    covers: str
    body: Callable = field(repr=False, compare=False)
    method: str | None = None
    instances: bool = False

    @property
    def scope_text(self) -> str:
        """``"kind: what is covered"``, as recorded in the `Verification`."""
        return f"{self.scope}: {self.covers}" if self.covers else self.scope

    def __call__(self) -> Verification:
        t0 = time.perf_counter()
        try:
            out = self.body()
            v = self._combine(out)
        except Exception as exc:  # a crash is this theorem's named failure
            return self.crashed(exc, seconds=time.perf_counter() - t0)
        return replace(v, name=self.name, claim=self.statement, source=self.source,
                       assumptions=tuple(self.hypotheses), expected=self.expected,
                       seconds=time.perf_counter() - t0, scope=self.scope_text)

    run = __call__

    def crashed(self, exc: BaseException, *, seconds: float = 0.0) -> Verification:
        """The failure record of a proof that raised ``exc``."""
        where = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
        at = f" at {where[0].filename.rsplit('/', 1)[-1]}:{where[0].lineno}" if where else ""
        msg = f"{type(exc).__name__}: {exc}"
        st = Step(sympy.Symbol("crash"), f"the proof raised {msg}{at}", None)
        return Verification(claim=self.statement, name=self.name, method=self.method or "lemma chain",
                            steps=(st,), assumptions=tuple(self.hypotheses),
                            expected=self.expected, holds=None, seconds=seconds,
                            source=self.source, scope=self.scope_text, error=msg)

    def _combine(self, out) -> Verification:
        if isinstance(out, Verification):
            out = Conclusion((out,))
        elif not isinstance(out, Conclusion):
            out = Conclusion(tuple(out), method=self.method, instances=self.instances)
        parts = list(out.parts)
        if not parts:
            raise SymalignError(f"theorem {self.name!r} checked nothing (no parts)")
        for p in parts:
            if not isinstance(p, (Verification, Step)):
                raise SymalignError(f"theorem {self.name!r} returned {p!r}; parts are "
                                    "Verification or Step records")
        method = out.method or self.method
        if len(parts) == 1 and isinstance(parts[0], Verification):
            v = parts[0]
        else:
            v = lemma_chain(parts, name=self.name, claim=self.statement)
            sub = [p for p in parts if isinstance(p, Verification)]
            if method is None and len(sub) == len(parts) and all(p.method == sub[0].method
                                                                 for p in sub):
                method = sub[0].method
        sub = [p for p in parts if isinstance(p, Verification)]
        # a refuted instance of the claim (a generic shape, or an exhaustive check of the claim
        # itself) refutes it; a failed auxiliary lemma leaves it undecided. Undecided parts
        # (including crashes inside a part) keep the whole undecided.
        holds, cx = v.holds, v.counterexample
        refuting = [p for p in sub if p.holds is False
                    and (out.instances or self.instances or p.method == "exhaustive")]
        if refuting:
            holds, cx = False, refuting[0].counterexample
        if out.overrides:
            holds, cx = out.holds, out.counterexample
        return replace(v, method=method or v.method, holds=holds, counterexample=cx)


def theorem(*, name: str, statement: str, source: str, hypotheses: Sequence = (),
            expected: bool = True, scope: str, covers: str, method: str | None = None,
            instances: bool = False) -> Callable[[Callable], Theorem]:
    """Declare a theorem (decorator). See the module docstring.

    Examples
    ========

    A claim meant to be false is declared with ``expected=False``; its refutation is then
    the expected outcome (``ok``):

    >>> from symalign.proving.theorems import theorem
    >>> from symalign.proving.claims import check_identity
    >>> wrong = theorem(name="wrong", statement="2=3", source="none", expected=False,
    ...                 scope="counterexample", covers="one false identity")(
    ...     lambda: [check_identity(2, 3)])
    >>> wrong().holds, wrong().ok
    (False, True)

    A scope must be one of `SCOPES`:

    >>> theorem(name="x", statement="s", source="src", scope="sometimes", covers="")
    Traceback (most recent call last):
    ...
    symalign.SymalignError: Argument 'scope' is 'sometimes'; expected one of ['every shape', 'generic shapes', 'named instances', 'counterexample'].

    """
    if scope not in SCOPES:
        raise SymalignError(f"Argument 'scope' is {scope!r}; expected one of {list(SCOPES)}.")
    if not (name and statement and source):
        raise SymalignError("a theorem needs a name, a statement and a source")

    def wrap(fn: Callable) -> Theorem:
        return Theorem(name, statement, source, tuple(hypotheses), bool(expected), scope,
                       covers, fn, method, instances)

    return wrap
