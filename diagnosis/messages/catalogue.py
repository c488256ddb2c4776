"""The catalogue: every coded message, (Chinese, English), from one table per area.

An area's table lives in a module beside this one; this registry lists them explicitly. A test
checks that both languages of a message take the same parameters.
"""

from __future__ import annotations

from diagnosis.messages import backup, common, files, inputs, intake
from diagnosis.messages import flags as intake_flags

Table = dict[str, tuple[str, str]]

CATALOGUE: Table = {
    **common.MESSAGES,
    **backup.MESSAGES,
    **files.MESSAGES,
    **inputs.MESSAGES,
    **intake.MESSAGES,
    **intake_flags.MESSAGES,
}
