"""Share the files of a run among worker processes and hand back their results in order.

A worker audits whole files and sends back each finished unit report; rules never travel:
a report names the rules it refers to by id (pickle's persistent ids) and the parent puts
its own rule objects back in, so what the renderers get is the same as with one process.
Knows nothing of what a unit is: `cxaudit.api` gives the work to do and the set-up a worker
runs once. Imports the rules; imported by the API.
"""

from __future__ import annotations

import dataclasses
import io
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import Any, TypeVar

from cxaudit.rules.packs import Rule

T = TypeVar("T")
Progress = Callable[[int, int], None]
MANY = 8  # from this many files on, the default is one worker per core

_WORK: list[Callable[[str], Any]] = []  # in a worker: the work its initializer was given


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def effective_jobs(jobs: int | None, files: Sequence[str]) -> int:
    """How many processes audit `files`: `jobs` (None: one per core for many files, else one),
    never more than there are files, and one when a file is standard input."""
    if "-" in files:
        return 1
    wanted = (cores() if len(files) >= MANY else 1) if jobs is None else jobs
    return max(1, min(wanted, len(files)))


@lru_cache(maxsize=1)
def _picklers() -> tuple[type[Any], type[Any]]:
    """The pickler that writes each Rule as its id, and the unpickler that puts it back (built
    on first use: a run on one process never loads pickle)."""
    import pickle

    class Out(pickle.Pickler):
        def persistent_id(self, obj: Any) -> str | None:
            return obj.id if isinstance(obj, Rule) else None

        def reducer_override(self, obj: Any) -> Any:
            names = _slotted(type(obj))
            if names is None:
                return NotImplemented
            return type(obj), tuple([getattr(obj, n) for n in names])

    class In(pickle.Unpickler):
        def __init__(self, data: bytes, rules: Mapping[str, Rule]) -> None:
            super().__init__(io.BytesIO(data))
            self.rules = rules

        def persistent_load(self, pid: Any) -> Rule:
            return self.rules[pid]

    return Out, In


_FIELDS: dict[type[Any], tuple[str, ...] | None] = {}


def _slotted(cls: type[Any]) -> tuple[str, ...] | None:
    """The fields of a frozen dataclass with slots, which pickle would restore one
    `object.__setattr__` at a time (dataclasses' `__setstate__`): sent as the arguments of
    its constructor instead, they are read back several times faster. None for other types."""
    try:
        return _FIELDS[cls]
    except KeyError:
        pass
    names = None
    params = getattr(cls, "__dataclass_params__", None)
    if params is not None and params.frozen and "__slots__" in cls.__dict__:
        fields = dataclasses.fields(cls)
        if all(f.init for f in fields):
            names = tuple(f.name for f in fields)
    _FIELDS[cls] = names
    return names


def _start(setup: Callable[[Any], None], arg: Any, work: Callable[[str], Any]) -> None:
    setup(arg)
    _WORK[:] = [work]


def _run(item: str) -> bytes:
    buf = io.BytesIO()
    out, _ = _picklers()
    out(buf, -1).dump(_WORK[0](item))  # -1: the highest protocol
    return buf.getvalue()


def ordered(work: Callable[[str], T], items: Sequence[str], jobs: int,
            rules: Mapping[str, Rule], setup: Callable[[Any], None], arg: Any,
            progress: Progress | None = None) -> Iterator[T]:
    """`work(item)` for every item, in the items' order, on `jobs` processes.

    Each worker first calls `setup(arg)` (a forked worker has the parent's state already;
    a spawned one builds it); `rules` are the parent's rules by id, put back into results.
    """
    total = len(items)
    if jobs <= 1:
        for done, item in enumerate(items, 1):
            yield work(item)
            if progress is not None:
                progress(done, total)
        return
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(16, total // (jobs * 8)))
    _, reader = _picklers()
    with ProcessPoolExecutor(jobs, initializer=_start, initargs=(setup, arg, work)) as pool:
        for done, blob in enumerate(pool.map(_run, items, chunksize=chunk), 1):
            yield reader(blob, rules).load()
            if progress is not None:
                progress(done, total)


__all__ = ["MANY", "Progress", "cores", "effective_jobs", "ordered"]
