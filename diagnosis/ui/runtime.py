"""A guard against a defect of the Qt binding on the Python it runs on.

PySide6 6.12.0 on Python 3.11 hands back `None` without a reference from every call that
returns nothing or a null (`label.setText(…)`, `item.data(role)` of an unset role, `table.item()`
of an empty cell …), so each such call drops one of the few thousand references `None` starts
with; after a few minutes of real work the interpreter aborts with "deallocating None"
(measured: -1 per call; 6.11.3 is not affected). Python 3.12 made `None` immortal, which hides
the defect; on 3.11 we give `None` enough references for any session. Remove this once the
dependency excludes 6.12.0 or requires Python 3.12.
"""

from __future__ import annotations

import sys

_guarded = False


def keep_none_alive() -> None:
    """Give `None` 2**40 extra references (CPython < 3.12 only; once per process)."""
    global _guarded  # one interpreter, one guard
    if _guarded or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import ctypes  # only where the guard is needed, and after the first paint

    # ob_refcnt is the first field of every CPython object, at the address id() returns.
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
    _guarded = True
