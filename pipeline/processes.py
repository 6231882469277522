"""processes: what every helper process of qingdan does first."""

from __future__ import annotations

import signal


def quiet_worker() -> None:
    """A helper process leaves Ctrl-C to its parent, which stops and says so in one line."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
