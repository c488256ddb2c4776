"""What the Assessment and File menus do to one assessment beyond opening it: re-assess (on a
newer questionnaire version when there is one), reopen as a new revision, export the package
(signed when Settings say so) and import one (checked off the UI thread, its signature told),
and its answers as an answers file, out and in (what `show --json` and `answer --from` do)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QFileDialog

from diagnosis.errors import DiagnosisError
from diagnosis.files import named, os_reason
from diagnosis.messages import Message, msg

if TYPE_CHECKING:
    from diagnosis.ui.host import Host

PACKAGE_SUFFIX = ".diagpkg"  # a zip inside; the installer associates the suffix with the app


def reassess(window: Host, assessment_id: int) -> None:
    """A new assessment from this one's answers; when a newer version of its questionnaire
    exists it is offered, with what would carry over, before anything is made."""
    from diagnosis.storage.assessments import get_assessment
    from diagnosis.storage.assessments import reassess as start_from

    ctx = window.ctx
    row = get_assessment(ctx.store, assessment_id)
    newer = ctx.catalogue.newer(row["questionnaire_id"], row["questionnaire_version"])
    target = None
    if newer:
        from diagnosis.ui.dialogs.reassess import ReassessDialog

        dialog = ReassessDialog(ctx, assessment_id, newer, window.window())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        target = dialog.chosen()
    window.guard(lambda: window.open_assessment(start_from(ctx.store, assessment_id, target)))


def reopen(window: Host, assessment_id: int) -> None:
    """A finalized assessment comes back as a new draft revision (the finalized one stays)."""
    from diagnosis.storage.assessments import get_assessment
    from diagnosis.storage.assessments import reopen as new_revision

    ctx = window.ctx
    if get_assessment(ctx.store, assessment_id)["status"] != "finalized":
        window.inform(ctx.t("act.reopen"), ctx.t("reopen.draft"))
        return
    window.guard(lambda: window.open_assessment(new_revision(ctx.store, assessment_id)))


def export(window: Host, assessment_id: int) -> None:
    """The package, signed over its manifest when exports are signed (Settings)."""
    from diagnosis.storage.package import export_package
    from diagnosis.ui.exports import choose_file
    from diagnosis.ui.signing.signer import Cancelled, signing_key

    ctx = window.ctx
    target = choose_file(window.window(), ctx, PACKAGE_SUFFIX, f"assessment-{assessment_id}{PACKAGE_SUFFIX}")
    if target is None:
        return
    try:
        window.guard(
            lambda: export_package(ctx.store, assessment_id, target, signing_key(window.window(), ctx))
        )
    except Cancelled:
        return


def save_answers(window: Host, assessment_id: int, target: Path | None = None) -> None:
    """The answers, notes and metadata as an answers file (JSON), written atomically."""
    import json

    from diagnosis.files import write_atomic
    from diagnosis.storage.answers_file import answers_document
    from diagnosis.ui.exports import choose_file

    ctx = window.ctx
    target = target or choose_file(window.window(), ctx, ".json", f"answers-{assessment_id}.json")
    if target is None:
        return
    document = answers_document(ctx.store, assessment_id)
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if window.guard(lambda: write_atomic(target, text.encode("utf-8"))):
        window.note(lambda: ctx.t("answers.saved", path=str(target)))


def load_answers(window: Host, assessment_id: int, source: Path | None = None) -> None:
    """An answers file's answers and notes into this draft (all or none, the file for its own
    questionnaire only), then the assessment opened where it resumes."""
    from diagnosis.files import MAX_ANSWERS_FILE, read_regular
    from diagnosis.scoring.answers import parse_answers_file
    from diagnosis.storage.answers_file import answers_from_file

    ctx = window.ctx
    if source is None:
        chosen, _ = QFileDialog.getOpenFileName(window.window(), ctx.t("act.answers_in"), "", "*.json")
        if not chosen:
            return
        source = Path(chosen)

    def work() -> None:
        file = parse_answers_file(str(source), read_regular(source, MAX_ANSWERS_FILE, "answers file"))
        answers, notes = answers_from_file(ctx.store, assessment_id, file, str(source))
        window.open_assessment(assessment_id)
        window.note(lambda: ctx.t("answers.loaded", path=str(source), answers=answers, notes=notes))

    window.guard(work)


def import_package(window: Host, file: Path | None) -> None:
    """Read and check the package (and its signature, against the trust list) in the
    background, then write it here in one transaction and say who signed it."""
    from diagnosis.ui.signing.signer import trust_list
    from diagnosis.ui.tasks import run_in_background

    ctx = window.ctx
    if file is None:
        chosen, _ = QFileDialog.getOpenFileName(
            window.window(), ctx.t("menu.import"), "", f"*{PACKAGE_SUFFIX} *.zip"
        )
        if not chosen:
            return
        file = Path(chosen)
    try:
        raw = file.read_bytes()
        trust = trust_list(ctx)
    except OSError as error:
        window.inform(
            ctx.t("err.title"),
            ctx.say(msg("files.cannot_read", path=file, what=named("file"), reason=os_reason(error))),
            error=True,
        )
        return
    except DiagnosisError as error:
        window.inform(ctx.t("err.title"), ctx.say(error.lines[0]), error=True)
        return
    limit = ctx.store.evidence_limit

    def check() -> str:
        from diagnosis.storage.package import read_package

        return read_package(raw, limit).check_signature(trust).summary()

    window.task = run_in_background(check, lambda signature: _write(window, raw, signature), window.failed)


def _write(window: Host, raw: bytes, signature: str) -> None:
    from diagnosis.storage.package import import_package as write_package

    ctx = window.ctx
    try:
        window.open_assessment(write_package(ctx.store, raw))
    except DiagnosisError as error:
        line = error.lines[0]
        if not (isinstance(line, Message) and line.code == "pack.already_here"):
            raise
        keep = window.confirm(ctx.t("menu.import"), ctx.say(line), danger=False)
        window.open_assessment(write_package(ctx.store, raw, "copy" if keep else "skip"))
    window.note(lambda: ctx.t("imp.signature", signature=ctx.say(signature)))
