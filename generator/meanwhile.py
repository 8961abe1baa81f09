"""The second core: run a function in a forked process while this one goes on.

A fork starts with this process's memory as it is (the checked content, the
model), so nothing is copied or pickled on the way in; only the function's
result comes back, pickled. Used where `make bench` showed one core idle while
the other worked (see pipeline.generate).
"""

from __future__ import annotations

import multiprocessing
import os
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

T = TypeVar("T")


def second_core() -> bool:
    """Whether a second process can run beside this one (a fork, on a machine with more than one core)."""
    return (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods()


class Meanwhile(Generic[T]):
    """`work()` running in a forked process; `result()` waits for it and gives its value or raises its error."""

    def __init__(self, work: Callable[[], T]) -> None:
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(work, send), daemon=True)
        self._process.start()
        send.close()

    def result(self) -> T:
        try:
            failed, value = self._receive.recv()
        except EOFError:
            self._process.join()
            raise RuntimeError(f"the second process ended without a result (exit code {self._process.exitcode})")
        finally:
            self._receive.close()
        self._process.join()
        if failed:
            raise value
        return value

    def stop(self) -> None:
        """End the work early (this process failed meanwhile)."""
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        self._receive.close()

    def __enter__(self) -> Meanwhile[T]:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if error is not None:
            self.stop()


class Turns:
    """The numbers 0..count-1 shared out between this process and a forked one (made before the fork): one
    takes from the front, the other from the back, and each number is taken once."""

    def __init__(self, count: int) -> None:
        context = multiprocessing.get_context("fork")
        self._lock = context.Lock()
        self._front, self._back = context.RawValue("i", 0), context.RawValue("i", count)

    def front(self) -> int | None:
        with self._lock:
            if self._front.value >= self._back.value:
                return None
            self._front.value += 1
            return self._front.value - 1

    def back(self) -> int | None:
        with self._lock:
            if self._front.value >= self._back.value:
                return None
            self._back.value -= 1
            return self._back.value


def _run(work: Callable[[], object], send: Connection) -> None:
    try:
        outcome: tuple[bool, object] = (False, work())
    except BaseException as exc:  # noqa: BLE001 - every error goes back to the parent, which raises it
        outcome = (True, exc)
    try:
        send.send(outcome)
    except Exception:  # an error or a value that cannot be pickled: its text
        send.send((True, RuntimeError("".join(traceback.format_exception(outcome[1])) if outcome[0]
                                      else f"the second process's result could not be sent back: {outcome[1]!r}")))
    finally:
        send.close()
