"""After a crash or a kill the app opens the assessment it was on, not the start list.

While an assessment is open the settings hold a mark naming it (its database, uid and revision),
written to disk at once; going back to the list or closing the window normally removes it. A
mark found at start-up therefore means the last run ended without closing.
"""

from __future__ import annotations

import json

from diagnosis.ui.context import Context

MARK = "session/open"


def mark_open(ctx: Context) -> None:
    """Remember the open assessment (written now: a kill gives Qt no time to do it later)."""
    from diagnosis.storage.assessments import get_assessment

    assert ctx.session is not None
    row = get_assessment(ctx.store, ctx.session.assessment_id)
    mark = {"db": str(ctx.db_path), "uid": row["uid"], "revision": row["revision"]}
    ctx.settings.setValue(MARK, json.dumps(mark))
    ctx.settings.sync()


def clear_mark(ctx: Context) -> None:
    if ctx.settings.contains(MARK):
        ctx.settings.remove(MARK)
        ctx.settings.sync()


def left_mark(ctx: Context) -> dict[str, object] | None:
    """The mark a run that did not close left for this database (read before the start page,
    which clears it, shows)."""
    try:
        mark = json.loads(str(ctx.settings.value(MARK, "") or "null"))
    except ValueError:  # a mark damaged by hand: the list, as usual
        return None
    return mark if isinstance(mark, dict) and mark.get("db") == str(ctx.db_path) else None


def marked_assessment(ctx: Context, mark: dict[str, object]) -> int | None:
    """The id of the assessment the mark names, if this database still holds it."""
    from diagnosis.storage.assessments import find_revision

    uid, revision = mark.get("uid"), mark.get("revision")
    if not isinstance(uid, str) or not isinstance(revision, int):
        return None
    return find_revision(ctx.store, uid, revision)
