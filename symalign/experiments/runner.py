"""Private: executors, chunking, progress bars and atomic output for `symalign.experiments`.

Work is cut into chunks (tasks) whose results depend only on the experiment's seed and the
chunk's own indices, never on the executor, the number of workers or the order in which
chunks finish; results are gathered back into chunk order before they are aggregated. With a
chunk cache (`chunk_cache`), each chunk's result is written as JSON when it is done and read
back by a rerun with the same arguments, so an interrupted run continues where it stopped.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import json
import os
import sys
import tempfile
import time
from fractions import Fraction

from symalign.core.errors import MissingDependencyError, SymalignError
from symalign.core.lazy import np

__all__: list[str] = []


# -- executors ---------------------------------------------------------------------------------

class InlineExecutor(cf.Executor):
    """Runs each task at once in this process (``workers=1``); the concurrent.futures API."""

    def submit(self, fn, /, *args, **kwargs):
        fut: cf.Future = cf.Future()
        try:
            fut.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller through the future
            fut.set_exception(exc)
        return fut


def _is_dask_client(executor) -> bool:
    return type(executor).__module__.split(".")[0] == "distributed"


def _import_distributed():
    try:
        import distributed
    except ImportError as exc:
        raise MissingDependencyError("distributed", "dask", "dask cluster experiments") from exc
    return distributed


def _check_workers(workers):
    if workers is None:
        return os.cpu_count() or 1
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise SymalignError(f"Argument 'workers' is {workers!r}; pass a positive int.")
    return workers


@contextlib.contextmanager
def executor_for(executor=None, *, workers=None, scheduler=None, cluster=None):
    """Yield a concurrent.futures-style executor and close what was opened here.

    ``executor`` is used as given (and left open). Otherwise ``scheduler=ADDRESS`` connects a
    ``distributed.Client``; ``cluster="local"`` starts a ``distributed.LocalCluster`` with
    ``workers`` single-threaded worker processes; else ``workers == 1`` runs inline and
    ``workers > 1`` uses a ``ProcessPoolExecutor``.
    """
    if executor is not None:
        if scheduler is not None or cluster is not None:
            raise SymalignError("Argument 'executor' was given together with 'scheduler' or "
                                "'cluster'; pass only one way of running the work.")
        if not hasattr(executor, "submit"):
            raise SymalignError(f"Argument 'executor' is {executor!r}; it needs a submit "
                                "method (concurrent.futures or distributed.Client).")
        yield executor
        return
    if scheduler is not None and cluster is not None:
        raise SymalignError(f"Arguments 'scheduler' ({scheduler!r}) and 'cluster' "
                            f"({cluster!r}) exclude each other.")
    if cluster is not None and cluster != "local":
        raise SymalignError(f"Argument 'cluster' is {cluster!r}; the only value is 'local'.")
    if scheduler is not None:
        distributed = _import_distributed()
        if not isinstance(scheduler, str) or not scheduler:
            raise SymalignError(f"Argument 'scheduler' is {scheduler!r}; pass an address such "
                                "as 'tcp://127.0.0.1:8786'.")
        try:
            client = distributed.Client(scheduler, timeout="20s")
        except OSError as exc:
            raise SymalignError(f"Argument 'scheduler' is {scheduler!r}; no dask scheduler "
                                f"answered there ({exc}).") from exc
        try:
            yield client
        finally:
            client.close()
        return
    n = _check_workers(workers)
    if cluster == "local":
        distributed = _import_distributed()
        lc = distributed.LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                      dashboard_address=None, silence_logs=50)
        client = distributed.Client(lc)
        try:
            yield client
        finally:
            client.close()
            lc.close()
        return
    if n == 1:
        yield InlineExecutor()
        return
    pool = cf.ProcessPoolExecutor(max_workers=n)
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# -- progress ----------------------------------------------------------------------------------

class _SimpleBar:
    def __init__(self, total: int, desc: str, stream):
        self.total, self.desc, self.stream, self.n = total, desc, stream, 0
        self.start = time.monotonic()
        self._draw()

    def update(self, k: int) -> None:
        self.n += k
        self._draw()

    def _draw(self) -> None:
        frac = self.n / self.total if self.total else 1.0
        width = 30
        fill = int(width * frac)
        rate = self.n / max(time.monotonic() - self.start, 1e-9)
        self.stream.write(f"\r{self.desc}: [{'#' * fill}{'.' * (width - fill)}] "
                          f"{self.n}/{self.total} ({rate:.0f}/s)")
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


class _NoBar:
    def update(self, k: int) -> None:
        pass

    def close(self) -> None:
        pass


def progress_bar(total: int, desc: str, progress=None, stream=None):
    """A progress bar on stderr: tqdm if installed, else a plain bar; none on a non-tty unless
    ``progress=True``; ``progress=False`` disables it."""
    stream = sys.stderr if stream is None else stream
    if progress is None:
        progress = bool(getattr(stream, "isatty", lambda: False)())
    if not progress:
        return _NoBar()
    try:
        from tqdm import tqdm
    except ImportError:
        return _SimpleBar(total, desc, stream)
    return tqdm(total=total, desc=desc, file=stream, unit="game", dynamic_ncols=True)


def run_tasks(fn, tasks, *, sizes, executor=None, workers=None, scheduler=None, cluster=None,
              progress=None, desc="experiment", cache=None):
    """Run ``fn(*task)`` for every task on the chosen executor; results in task order.

    With ``cache`` (a folder, see `chunk_cache`) each task's result is written there as soon
    as it is done, and tasks whose result is already there are not run again: a run that was
    interrupted continues where it stopped."""
    results = [None] * len(tasks)
    todo = []
    for k in range(len(tasks)):
        hit = _load_chunk(cache, k)
        if hit is None:
            todo.append(k)
        else:
            results[k] = hit
    bar = progress_bar(sum(sizes), desc, progress)
    bar.update(sum(sizes) - sum(sizes[k] for k in todo))
    try:
        with executor_for(executor, workers=workers, scheduler=scheduler,
                          cluster=cluster) as ex:
            if isinstance(ex, InlineExecutor):      # one at a time, so each is saved at once
                for k in todo:
                    results[k] = fn(*tasks[k])
                    _save_chunk(cache, k, results[k])
                    bar.update(sizes[k])
                return results
            futures = [ex.submit(fn, *tasks[k]) for k in todo]
            index = {id(f): k for k, f in zip(todo, futures)}
            if _is_dask_client(ex):
                from distributed import as_completed
                done = as_completed(futures)
            else:
                done = cf.as_completed(futures)
            for fut in done:
                k = index[id(fut)]
                results[k] = fut.result()
                _save_chunk(cache, k, results[k])
                bar.update(sizes[k])
    finally:
        bar.close()
    return results


# -- resumable runs ----------------------------------------------------------------------------

def _encode(x):
    """JSON form of a chunk's result: numpy arrays, Fractions and tuples are tagged."""
    if isinstance(x, dict):
        if not all(isinstance(k, str) for k in x):
            raise TypeError("non-str key")
        return {k: _encode(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        out = [_encode(v) for v in x]
        return {"__tuple__": out} if isinstance(x, tuple) else out
    if isinstance(x, np.ndarray):
        if x.dtype.kind not in "biuf":
            raise TypeError(f"array of {x.dtype}")
        return {"__ndarray__": x.tolist(), "dtype": x.dtype.str}
    if isinstance(x, Fraction):
        return {"__fraction__": [x.numerator, x.denominator]}
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, (np.floating,)):
        return float(x)
    if x is None or isinstance(x, (bool, int, float, str)):
        return x
    raise TypeError(f"cannot cache a {type(x).__name__}")


def _decode(x):
    if isinstance(x, list):
        return [_decode(v) for v in x]
    if isinstance(x, dict):
        if "__tuple__" in x:
            return tuple(_decode(v) for v in x["__tuple__"])
        if "__ndarray__" in x:
            return np.array(x["__ndarray__"], dtype=np.dtype(x["dtype"]))
        if "__fraction__" in x:
            p, q = x["__fraction__"]
            return Fraction(int(p), int(q))
        return {k: _decode(v) for k, v in x.items()}
    return x


def chunk_cache(out, name: str, key) -> str | None:
    """The folder ``out/.chunks/NAME-HASH`` for the chunk results of a run (None without
    ``out``); ``HASH`` covers every argument that changes a result, so a rerun with the same
    arguments finds the chunks already done, and another run does not mix them in."""
    if out is None:
        return None
    import hashlib
    digest = hashlib.sha256(json.dumps([name, key], sort_keys=True, default=str)
                            .encode()).hexdigest()[:16]
    return os.path.join(os.fspath(out), ".chunks", f"{name}-{digest}")


def _load_chunk(cache, k):
    if cache is None:
        return None
    path = os.path.join(cache, f"{k:06d}.json")
    try:
        with open(path, encoding="utf-8") as fh:
            return _decode(json.load(fh))
    except (OSError, ValueError):
        return None      # missing or cut short by an interruption: compute it again


def _save_chunk(cache, k, result) -> None:
    if cache is None:
        return
    try:
        text = json.dumps(_encode(result))
    except TypeError:
        return           # not representable in JSON (e.g. a sympy value): not cached
    os.makedirs(cache, exist_ok=True)
    from symalign.io.files import atomic_write
    atomic_write(os.path.join(cache, f"{k:06d}.json"), text)


def chunk_ranges(total: int, chunk_size: int) -> list[tuple[int, int]]:
    """``[(start, stop), ...]`` covering ``range(total)`` in chunks of ``chunk_size``."""
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
        raise SymalignError(f"Argument 'chunk_size' is {chunk_size!r}; pass a positive int.")
    return [(a, min(a + chunk_size, total)) for a in range(0, total, chunk_size)]


# -- output ------------------------------------------------------------------------------------

def prepare_out(out) -> str:
    if out is None:
        raise SymalignError("Argument 'out' is None; pass the folder for the results.")
    out = os.fspath(out)
    if os.path.exists(out) and not os.path.isdir(out):
        raise SymalignError(f"Argument 'out' is {out!r}, which exists and is not a folder.")
    os.makedirs(out, exist_ok=True)
    return out


def write_json(path: str, payload: dict) -> None:
    from symalign.io.files import atomic_write
    atomic_write(path, json.dumps(payload, indent=2, sort_keys=False) + "\n")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def save_figure(fig, path_stem: str) -> list[str]:
    """Save ``fig`` as ``stem.png`` and ``stem.pdf``, each to a temporary name then renamed."""
    written = []
    folder = os.path.dirname(os.path.abspath(path_stem)) or "."
    for ext, kw in (("png", {"dpi": 200}), ("pdf", {})):
        fd, tmp = tempfile.mkstemp(prefix=".symalign-fig-", suffix="." + ext, dir=folder)
        os.close(fd)
        try:
            fig.savefig(tmp, format=ext, bbox_inches="tight", **kw)
            os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, f"{path_stem}.{ext}")
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        written.append(f"{path_stem}.{ext}")
    return written


def new_figure(**kwargs):
    """A matplotlib ``Figure`` not tied to pyplot or any interactive backend (only saved)."""
    try:
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise MissingDependencyError("matplotlib", "experiments", "experiment figures") from exc
    return Figure(**kwargs)
