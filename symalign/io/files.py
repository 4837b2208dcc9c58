"""Reading and writing files safely: size-limited UTF-8 reads, atomic writes."""

from __future__ import annotations

import os
import sys
import tempfile

from symalign.core.config import settings
from symalign.core.errors import FileFormatError, InvalidGameError, ResourceLimitError

__all__ = ["atomic_write", "read_text"]


def _check_path(path) -> None:
    if not isinstance(path, str):
        raise InvalidGameError(f"Argument 'path' is {path!r}; it must be a str, not "
                               f"{type(path).__name__}.")
    if "\0" in path:
        raise InvalidGameError(f"Argument 'path' is {path!r}, which contains a NUL character.")


def read_text(path: str) -> str:
    """Read a UTF-8 game file (``-`` for standard input), refusing oversized or non-UTF-8 data.

    At most ``symalign.settings.max_file_bytes`` bytes are read; a leading byte-order mark is
    dropped.

    Examples
    ========

    >>> import os, tempfile
    >>> from symalign.io.files import read_text
    >>> p = os.path.join(tempfile.mkdtemp(), "g.txt")
    >>> _ = open(p, "wb").write(b"\\xff\\xfe")
    >>> read_text(p)
    Traceback (most recent call last):
    ...
    symalign.FileFormatError: ...g.txt: the file is not valid UTF-8 (byte 0 is 0xff)

    """
    limit = settings.max_file_bytes
    _check_path(path)
    if path == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            raise FileFormatError("there is no standard input to read the game from",
                                  file="<stdin>")
        data = stream.read(limit + 1)
        name = "<stdin>"
    else:
        if os.path.isdir(path):
            raise InvalidGameError(f"Argument 'path' is the folder {path!r}, not a game file.")
        if not os.path.exists(path):
            raise InvalidGameError(f"Argument 'path' is {path!r}, which does not exist.")
        size = os.path.getsize(path)
        if size > limit:
            raise ResourceLimitError(f"the file {path} has {size} bytes", "max_file_bytes", limit)
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
        name = path
    if len(data) > limit:
        raise ResourceLimitError(f"the input {name} is larger than {limit} bytes",
                                 "max_file_bytes", limit)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileFormatError(f"the file is not valid UTF-8 (byte {exc.start} is "
                              f"0x{data[exc.start]:02x})", file=name) from None
    return text[1:] if text.startswith("\ufeff") else text  # a UTF-8 byte-order mark


def atomic_write(path: str, text: str) -> None:
    """Write ``text`` to ``path`` atomically: a temporary file in the same folder, then a rename.

    An interrupted or failed write leaves the old file (or none), never half a file.

    Examples
    ========

    >>> import os, tempfile
    >>> from symalign.io.files import atomic_write
    >>> d = tempfile.mkdtemp()
    >>> atomic_write(os.path.join(d, "out.txt"), "alpha = -2\\n")
    >>> open(os.path.join(d, "out.txt")).read()
    'alpha = -2\\n'

    """
    folder = os.path.dirname(os.path.abspath(path)) or "."
    fd, tmp = tempfile.mkstemp(prefix=".symalign-", dir=folder)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # the permissions a plain open() would give
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
