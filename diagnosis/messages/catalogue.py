"""The catalogue: every coded message, (Chinese, English), from one table per area.

An area's table lives in a module beside this one; this registry lists them explicitly. A test
checks that both languages of a message take the same parameters.
"""

from __future__ import annotations

from diagnosis.messages import backup, common, files, inputs, intake, keys, plan, prefill, scoring
from diagnosis.messages import cli as cli_area
from diagnosis.messages import flags as intake_flags
from diagnosis.messages import loading as loading_area
from diagnosis.messages import package as package_area
from diagnosis.messages import paying as paying_area
from diagnosis.messages import signing as signing_area
from diagnosis.messages import storage as storage_area
from diagnosis.messages import validation as validation_area
from diagnosis.messages import verify as verify_area

Table = dict[str, tuple[str, str]]

CATALOGUE: Table = {
    **common.MESSAGES,
    **plan.MESSAGES,
    **prefill.MESSAGES,
    **signing_area.MESSAGES,
    **verify_area.MESSAGES,
    **scoring.MESSAGES,
    **backup.MESSAGES,
    **files.MESSAGES,
    **inputs.MESSAGES,
    **intake.MESSAGES,
    **intake_flags.MESSAGES,
    **paying_area.MESSAGES,
    **keys.MESSAGES,
    **storage_area.MESSAGES,
    **package_area.MESSAGES,
    **loading_area.MESSAGES,
    **validation_area.MESSAGES,
    **cli_area.MESSAGES,
}
