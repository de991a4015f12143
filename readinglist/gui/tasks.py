"""The one helper for long jobs: run a function in a worker; progress, result, error by signal."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class TaskContext:
    """What the function running in the worker sees: progress reporting and the cancel flag."""

    # Progress reaches the UI at most this often: a callback per entry of a
    # 100k import would otherwise flood the main thread's event queue.
    PROGRESS_INTERVAL = 0.05

    def __init__(self, task: Task) -> None:
        self._task = task
        self._last = 0.0

    def progress(self, done: int, total: int | None = None) -> None:
        now = time.monotonic()
        if now - self._last < self.PROGRESS_INTERVAL and done != total:
            return
        self._last = now
        self._task.progressed.emit(done, -1 if total is None else total)

    def cancelled(self) -> bool:
        return self._task.cancel_event.is_set()


class _Runner(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self.task = task

    def run(self) -> None:
        task = self.task
        try:
            try:
                result = task.fn(TaskContext(task), *task.args)
            except BaseException as exc:  # handed to the main thread, which decides
                task.failed.emit(exc)
            else:
                task.succeeded.emit(result)
            finally:
                task.done.emit()
        except RuntimeError:
            # The task's QObject went with its window (the app is closing):
            # there is nobody left to tell.
            pass


class Task(QObject):
    """A function run in the worker pool; signals arrive on the thread that created the task.

    ``fn(context, *args)`` runs in the worker: it must not touch widgets, and it
    opens its own database connections (every Library method does).
    """

    progressed = Signal(int, int)  # done, total (-1: unknown)
    succeeded = Signal(object)
    failed = Signal(object)
    done = Signal()

    _running: ClassVar[set[Task]] = set()  # keeps tasks alive until their last signal is delivered

    def __init__(self, fn: Callable[..., Any], *args: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.fn = fn
        self.args = args
        self.cancel_event = threading.Event()
        self.finished = False
        self.done.connect(self._on_done)

    def start(self) -> Task:
        Task._running.add(self)
        pool().start(_Runner(self))
        return self

    def cancel(self) -> None:
        self.cancel_event.set()

    def _on_done(self) -> None:
        self.finished = True
        Task._running.discard(self)


def pool() -> QThreadPool:
    return QThreadPool.globalInstance()


def run_task(
    fn: Callable[..., Any],
    *args: Any,
    on_result: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    parent: QObject | None = None,
) -> Task:
    """Start ``fn(context, *args)`` in a worker and wire its outcome to main-thread callbacks."""
    task = Task(fn, *args, parent=parent)
    if on_result is not None:
        task.succeeded.connect(on_result)
    if on_error is not None:
        task.failed.connect(on_error)
    if on_progress is not None:
        task.progressed.connect(on_progress)
    return task.start()


def wait_for_tasks(msecs: int = 30000) -> bool:
    """Block until every worker is idle (on close, so nothing writes to a closed library)."""
    return pool().waitForDone(msecs)
