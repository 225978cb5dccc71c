"""Ingest while serving: watch the index and switch to a new one once it is complete.

`pni ingest` writes a new index directory and renames it into place, so a changed manifest means a whole
new index; into PostgreSQL it commits one transaction and raises the generation. The watcher loads the
new index beside the current one (reusing the loaded models) and then swaps the reference the routes
read; requests already running finish on the index they started with (a replaced database store is
closed a while later). An index that fails to load (damaged, another model) is logged and the current
one keeps serving.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ingest.errors import PNIError

from .answer import Assistant

__all__ = ["IndexWatcher", "manifest_signature"]

log = logging.getLogger("pni")
CLOSE_AFTER = 60.0  # seconds a replaced store stays open for the requests still using it


def manifest_signature(index_dir: Path) -> tuple[int, int, int] | None:
    """(inode, size, mtime) of the manifest: a renamed-in index always changes it; None when absent."""
    try:
        stat = (index_dir / "manifest.json").stat()
    except OSError:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


class IndexWatcher:
    def __init__(
        self,
        state: Any,
        where: str,
        signature: Callable[[], object | None],
        load: Callable[[Assistant | None], Assistant],
        interval: float = 1.0,
    ) -> None:
        self.state = state  # app.state: .assistant is what the routes read
        self.where = where  # for the log: the index directory or the database
        self.current_signature = signature
        self.load = load
        self.interval = interval
        self.signature = signature()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="pni-index-watcher", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def check(self) -> bool:
        """Load and switch to the index if its signature changed; True when it switched."""
        signature = self.current_signature()
        if signature is None and self.signature is not None:
            # Deleted under a running server: answers keep coming from the copy in memory; say so once.
            log.warning("the index at %s is gone: serving the copy in memory until a new one is built", self.where)
            self.signature = None
        if signature is None or signature == self.signature:
            return False
        old = getattr(self.state, "assistant", None)
        try:
            fresh = self.load(old)
        except PNIError as exc:
            log.warning("a new index appeared at %s but cannot be used yet: %s", self.where, exc.message)
            self.signature = signature  # retried when it changes again
            return False
        self.state.assistant = fresh
        self.state.load_error = None
        self.signature = signature
        if old is not None:
            closing = threading.Timer(CLOSE_AFTER, old.store.close)
            closing.daemon = True
            closing.start()
        log.info(
            "switched to the new index at %s: %d documents, %d chunks",
            self.where,
            len(fresh.store.documents),
            len(fresh.store.chunks),
        )
        return True

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.check()
            except Exception:  # the watcher must never die silently and leave a stale index
                log.exception("checking the index for changes failed")
