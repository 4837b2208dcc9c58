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
import os
import re
import subprocess
import sys
import types
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive

API_LINE = re.compile(r"^\.\. api:: symalign\.(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*$", re.M)


def _directive(name: str) -> str:
    import symalign
    if not hasattr(symalign, name):
        return (f".. rubric:: ``symalign.{name}``\n\n"
                f"*Planned; not exported by symalign {symalign.__version__}.*\n")
    obj = getattr(symalign, name)
    target = f"symalign.{name}"
    if isinstance(obj, types.ModuleType):
        # document the module's members here unless they are all public names of their own
        own = [n for n in getattr(obj, "__all__", []) if n not in symalign.__all__]
        return f".. automodule:: {obj.__name__}\n" + ("   :members:\n" if own else "")
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


STAR_ARG = re.compile(r"(?:(?<=\()|(?<=, ))\*(?=[A-Za-z_]\w*[,)])")
LITERAL = re.compile(r"(``.*?``)")


def _escape_star_args(app, what, name, obj, options, lines):
    """Escape Python star-arguments written in prose, ``(n, *shape)``, which reST would read
    as the start of an emphasis; text inside double backquotes is left alone."""
    for k, line in enumerate(lines):
        if "*" in line:
            parts = LITERAL.split(line)
            lines[k] = "".join(p if p.startswith("``") else STAR_ARG.sub(r"\\*", p)
                               for p in parts)


def _source_read(app, docname, source):
    source[0] = API_LINE.sub(lambda m: _directive(m.group("name")), source[0])


def _help(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "symalign", *args, "--help"],
                          capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[2],
                          env=dict(os.environ, COLUMNS="88",
                                   PYTHONPATH=str(Path(__file__).resolve().parents[2])))
    if done.returncode != 0:
        raise RuntimeError(f"symalign {' '.join(args)} --help failed: {done.stderr}")
    return done.stdout.rstrip()


class CommandLineHelp(Directive):
    """``.. symalign-cli::``: the ``--help`` text of ``symalign`` and of every subcommand,
    generated at build time so that the page lists exactly the commands this version has."""

    has_content = False

    def run(self):
        top = _help()
        m = re.search(r"\{([a-z0-9_,-]+)\}", top)
        subcommands = m.group(1).split(",") if m else []
        out = [nodes.literal_block(top, top)]
        for sub in subcommands:
            section = nodes.section(ids=[f"cli-{sub}"], names=[f"symalign {sub}"])
            section += nodes.title(text=f"symalign {sub}")
            text = _help(sub)
            section += nodes.literal_block(text, text)
            out.append(section)
        return out


def setup(app):
    app.add_directive("symalign-cli", CommandLineHelp)
    app.connect("source-read", _source_read)
    app.connect("autodoc-process-signature", _short_defaults)
    app.connect("autodoc-process-docstring", _escape_star_args)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
