"""Imported by the local pool's fork server, once, before it forks any worker.

multiprocessing's fork server can preload modules by name only, so importing this module is
what does the work: it loads the read-only tables every parse needs (`warm_up`), then freezes
the garbage collector's view of them, so the workers forked afterwards share those pages with
the fork server (copy-on-write) instead of each holding its own copy: about 170 MB per worker.
copydesk itself never imports this module.
"""

from __future__ import annotations

import gc

from copydesk.executors.local import warm_up


def _preload() -> None:
    try:
        # Started from the ``copydesk`` console script, multiprocessing re-runs that script in
        # every worker (as ``__mp_main__``, so ``main()`` does not run), which imports the CLI
        # (typer, rich: about 20 MB): imported here, it is shared instead.
        import copydesk.cli  # noqa: F401

        warm_up()
    except Exception:
        # An optimisation only: each worker meets the same failure on its first page and
        # reports it in that page's record; raising here would kill the fork server and stop
        # the whole batch instead.
        return
    # Collections in a worker would otherwise write to the header of every shared object
    # they scan, copying its page: frozen objects are never scanned.
    gc.freeze()


_preload()
