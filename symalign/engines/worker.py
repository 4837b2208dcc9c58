"""Run one call in a child process that is stopped when its time is up (private engine).

Some exact computations spend their time in compiled code that Python's signals cannot
interrupt (python-flint's Buchberger algorithm, for one: a single Gröbner basis of a game's
indifference system can run for many minutes). A time budget over such a call is only hard
when the call runs in a child process that is killed once the budget is spent;
`call_within` does that and always reaps the child, whether the call returns, raises, or
runs out of time (or the caller is interrupted).

The child is forked when the platform allows it and the caller has a single thread (no
re-import, a few milliseconds); otherwise it is spawned, and the function and its arguments
must then be picklable by reference. Settings (`symalign.settings`) are passed to the child
either way. Inside a daemonic process (e.g. a multiprocessing pool worker), which may not
start children, the call runs in-process and the budget is not hard: `call_within` then
returns ``(None, value)``.
"""

from __future__ import annotations

__all__ = ["call_within"]


def _child(conn, fn, args, changes) -> None:
    from symalign.core.config import settings
    for k, v in changes.items():
        setattr(settings, k, v)
    try:
        out = ("ok", fn(*args))
    except BaseException as e:      # noqa: BLE001 -- every failure goes back to the caller
        out = ("err", e)
    try:
        conn.send(out)
    except Exception as e:          # an unpicklable result or exception
        conn.send(("err", RuntimeError(f"the child process could not send its result: {e!r}")))
    finally:
        conn.close()


def _context():
    import multiprocessing
    import threading
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def call_within(fn, args: tuple, seconds: float):
    """``fn(*args)`` in a child process given at most ``seconds`` of wall time.

    Returns ``(True, value)`` when the call returned in time, ``(False, None)`` when the
    time ran out (the child is killed and reaped), and ``(None, value)`` when no child
    could be started (a daemonic caller) and the call ran in-process. An exception raised
    by the call is raised again here.

    Examples
    ========

    >>> import time
    >>> from symalign.engines.worker import call_within
    >>> call_within(pow, (2, 10), 30)
    (True, 1024)
    >>> call_within(time.sleep, (60,), 0.2)
    (False, None)

    """
    import multiprocessing
    if multiprocessing.current_process().daemon:
        return None, fn(*args)
    from dataclasses import fields

    from symalign.core.config import settings
    changes = {f.name: getattr(settings, f.name) for f in fields(settings)}
    ctx = _context()
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(send, fn, args, changes), daemon=True)
    proc.start()
    send.close()
    got = None
    try:
        if recv.poll(max(float(seconds), 0.0)):
            try:
                got = recv.recv()
            except EOFError:
                proc.join(1)
                raise RuntimeError("the child process ended without a result (exit code "
                                   f"{proc.exitcode})") from None
    finally:
        if got is not None:
            proc.join(5)
        if proc.is_alive():
            proc.kill()
        proc.join()
        proc.close()
        recv.close()
    if got is None:
        return False, None
    status, value = got
    if status == "err":
        raise value
    return True, value
