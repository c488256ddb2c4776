"""The catalogue: every coded message, (Chinese, English), from one table per area.

An area's table lives in a module beside this one; this registry lists them explicitly. A test
checks that both languages of a message take the same parameters.
"""

from __future__ import annotations

from diagnosis.messages import common, keys

Table = dict[str, tuple[str, str]]

CATALOGUE: Table = {
    **common.MESSAGES,
    **keys.MESSAGES,
}
