"""Sphinx extension for the symalign docs: ``.. api:: symalign.NAME`` lines in the reference.

Each ``.. api:: symalign.NAME`` line (one per public name, grouped by concept in
``docs/reference/*.rst``) becomes the autodoc directive that fits the object: ``automodule``
for a module, ``autoexception`` for an error, ``autoclass`` (with members) for a class,
``autofunction`` for a function and ``autodata`` otherwise.

Names that ``symalign`` does not export yet (modules still being written) become a one-line
"planned" note instead of an import failure, so the reference can list an API before it lands.
``docs/test_docs_reference.py`` checks the other direction: every name in ``symalign.__all__``
must have an ``.. api::`` line.
"""

from __future__ import annotations

import inspect
import re
import types

API_LINE = re.compile(r"^\.\. api:: symalign\.(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*$", re.M)


def _directive(name: str) -> str:
    import symalign
    if not hasattr(symalign, name):
        return (f".. rubric:: ``symalign.{name}``\n\n"
                f"*Planned; not exported by symalign {symalign.__version__}.*\n")
    obj = getattr(symalign, name)
    target = f"symalign.{name}"
    if isinstance(obj, types.ModuleType):
        return f".. automodule:: {obj.__name__}\n   :members:\n"
    if inspect.isclass(obj) and issubclass(obj, BaseException):
        return f".. autoexception:: {target}\n   :show-inheritance:\n"
    if inspect.isclass(obj):
        return f".. autoclass:: {target}\n   :members:\n"
    if callable(obj):
        return f".. autofunction:: {target}\n"
    if isinstance(obj, (str, int)):
        return f".. autodata:: {target}\n"
    return f".. autodata:: {target}\n   :no-value:\n"


NAMED_DEFAULT = re.compile(r"Standardisation\(shift='[^']*', norm='[^']*', "
                           r"distance_factor=[^,()]*, name='(?P<name>\w+)'\)")


def _short_defaults(app, what, name, obj, options, signature, return_annotation):
    """Show a named standardisation default as its name (``EPIC``), not its full repr."""
    if signature:
        signature = NAMED_DEFAULT.sub(lambda m: m.group("name"), signature)
    return signature, return_annotation


def _source_read(app, docname, source):
    source[0] = API_LINE.sub(lambda m: _directive(m.group("name")), source[0])


def setup(app):
    app.connect("source-read", _source_read)
    app.connect("autodoc-process-signature", _short_defaults)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
