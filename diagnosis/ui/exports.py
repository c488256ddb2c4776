"""Writing what the person exports: the save dialog (starting in the last export folder), the
report rendered (signed when a key is given) and the written file opened for a look.

The report libraries load when first used: they would double start-up time.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from diagnosis.errors import DiagnosisError
from diagnosis.files import output_kind, refuse_database
from diagnosis.ui.context import Context
from diagnosis.ui.widgets import inform

if TYPE_CHECKING:
    from diagnosis.model import Lang
    from diagnosis.signing.keys import ProviderKey


def render_pdf(source: Any, lang: str, target: Path, key: ProviderKey | None = None) -> Path:
    """The report at `target` (written atomically), signed with `key` when given."""
    from diagnosis.files import write_atomic
    from diagnosis.report.pdf import build_pdf

    language: Lang = "en" if lang == "en" else "zh"
    if key is not None:
        from diagnosis.report.signed import signed_report

        data = signed_report(source, language, key)
    else:
        data = build_pdf(source, language)
    write_atomic(target, data, "report")
    return target


def open_file(target: Path) -> None:
    if not os.environ.get("DIAGNOSIS_NO_OPEN"):
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))


def choose_file(parent: QWidget, ctx: Context, suffix: str, name: str) -> Path | None:
    """A save dialog starting in the last export folder (remembered)."""
    folder = str(ctx.settings.value("export_folder", str(Path.home())))
    chosen, _ = QFileDialog.getSaveFileName(parent, name, str(Path(folder) / name), f"*{suffix}")
    if not chosen:
        return None
    try:  # the same rule as every command's -o: never over the database in use, never a folder
        refuse_database(Path(chosen), ctx.db_path, "output")
        output_kind(Path(chosen))
    except DiagnosisError as error:
        inform(parent, ctx.t("err.title"), ctx.say(error.lines[0]), error=True)
        return None
    ctx.settings.setValue("export_folder", str(Path(chosen).parent))
    return Path(chosen)
