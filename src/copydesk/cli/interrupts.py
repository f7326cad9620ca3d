"""Ctrl-C ends the command: the first one interrupts it as usual, and arms a watchdog.

An interrupted parse hung in about one try in a hundred (a futex wait while the pool's workers
were stopped; not reproduced on demand, so not found), and only a second Ctrl-C got out. The
console script's SIGINT handler raises KeyboardInterrupt as Python's does, so every command's
own handling (the ingest's rollback, parse's partial file) runs as before; it also starts a
timer that ends the process if it is still running ``grace`` seconds later. Only the console
script installs it: a program that calls the library keeps its own Ctrl-C, and a run that
finishes normally never has a timer running.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from types import FrameType

#: Seconds an interrupted command has to finish its cleanup (a rollback, a rename, a summary:
#: milliseconds) before the process exits anyway.
GRACE_S = 20.0
#: The shell's status for a command ended by SIGINT.
INTERRUPTED = 130


def install(grace: float = GRACE_S) -> None:
    """Handle SIGINT as above, from the main thread (where Python delivers signals)."""
    armed = threading.Event()

    def on_sigint(signum: int, frame: FrameType | None) -> None:
        if not armed.is_set():
            armed.set()
            timer = threading.Timer(grace, _give_up, (grace,))
            timer.daemon = True
            timer.start()
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, on_sigint)


def _give_up(grace: float) -> None:
    sys.stderr.write(
        f"copydesk: still stopping {grace:.0f} s after Ctrl-C (worker processes or cleanup "
        f"that did not end); exiting with status {INTERRUPTED}\n"
    )
    sys.stderr.flush()
    os._exit(INTERRUPTED)
