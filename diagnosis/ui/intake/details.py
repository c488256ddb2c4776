"""One claim beside the table: what it is, what it is paid or why it is held, the releases given,
its flags with what each means, and the documents it arrived in (to open its report). Everything
shown is plain text: names and notes come from strangers' documents."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from diagnosis.localtime import local_minute
from diagnosis.messages import msg
from diagnosis.numbers import figure, percent
from diagnosis.ui.context import Context
from diagnosis.ui.widgets import PlainLabel, buddy_label

if TYPE_CHECKING:
    from diagnosis.intake.desk import Details, Document
    from diagnosis.intake.policy import Policy

PATH = Qt.ItemDataRole.UserRole  # a document's file, as received
KIND = Qt.ItemDataRole.UserRole + 1


def facts(details: Details, policy: Policy, ctx: Context) -> str:
    """The claim as lines of text in the UI's language."""
    t, claim = ctx.t, details.claim
    row = claim.row
    place = " ".join(p for p in (row["province"], row["city"], row["county"]) if p) or "—"
    visits = " – ".join(dict.fromkeys(str(d) for d in (row["first_visit"], row["last_visit"]) if d)) or "—"
    region = t("ik.d.region", name=claim.region) if claim.region else ""
    lines = [
        t("ik.d.uscc", value=row["uscc"] or "—"),
        t("ik.d.place", value=place),
        t("ik.d.provider", value=row["provider"] or "—"),
        t("ik.d.report", value=row["report_number"] or "—"),
        t("ik.d.questionnaire", value=f"{row['questionnaire_id']} {row['questionnaire_version']}"),
        t("ik.d.day", value=row["day"].isoformat()),
        t("ik.d.visits", value=visits),
        t("ik.d.assessors", value="、".join(claim.assessors) or "—"),
        t("ik.d.score", score=figure(row["score"], 1), level=row["level_name"] or "—"),
        t("ik.d.evidence", share=percent(row["evidence_share"]), warnings=row["open_warnings"] or 0),
        t("ik.d.kind", kind=ctx.say(msg(f"pay.kind.{claim.kind}")), region=region),
        t("ik.d.status", status=ctx.say(msg(f"pay.status.{claim.status}"))),
    ]
    if policy.pays:
        lines.append(t("ik.d.amounts", requested=f"{claim.requested:,}", payable=f"{claim.payable:,}"))
        if claim.capped:
            maximum = policy.rates(row["city"], row["county"]).maximum or 0
            lines.append(ctx.say(msg("pay.capped", maximum=f"{maximum:,}")))
    if claim.holds:
        lines += ["", t("ik.d.holds")]
        lines += [f"  · {ctx.say(h.reason)}{'' if h.releasable else t('ik.d.fixed')}" for h in claim.holds]
    if claim.releases:
        lines += ["", t("ik.d.released")]
        for done in claim.releases:
            at = local_minute(done.at.isoformat())
            lines.append(f"  · {ctx.say(msg('release.shown', at=at, by=done.by or '—', note=done.note))}")
    lines.append("")
    if not details.flags:
        lines.append(t("ik.d.no_flags"))
    else:
        lines.append(t("ik.d.flags"))
        for flag, meaning in details.flags:
            lines.append(f"  · {ctx.say(flag.title)} — {ctx.say(meaning)}")
            lines.append(f"    {ctx.say(msg('flags.evidence', evidence=flag.evidence))}")
    return "\n".join(lines)


class DetailsPane(QWidget):
    open_report = Signal()
    release = Signal()

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        self.title = PlainLabel(wrap=True, name="pageTitle")
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)  # plain text, selectable and read by keyboard
        self.text.setTabChangesFocus(True)
        self.text.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # long names too
        self.documents = QListWidget()
        self.documents.setWordWrap(True)
        self.documents.setMaximumHeight(110)
        self.documents.itemActivated.connect(lambda _: self.open_report.emit())  # Enter on a document
        self.documents_label = buddy_label("", self.documents)
        self.open_button, self.release_button = QPushButton(), QPushButton()
        self.open_button.clicked.connect(self.open_report.emit)
        self.release_button.clicked.connect(self.release.emit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.release_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.documents_label)
        layout.addWidget(self.documents)
        layout.addLayout(buttons)
        self.shown: Details | None = None
        self.policy: Policy | None = None
        self.retranslate()

    def show_details(self, details: Details | None, policy: Policy | None) -> None:
        self.shown, self.policy = details, policy
        self.documents.clear()
        if details is None or policy is None:
            self.title.setText("")
            self.text.setPlainText(self.ctx.t("ik.none"))
            self._enable()
            return
        self.title.setText(details.claim.row["enterprise"])
        self.text.setPlainText(facts(details, policy, self.ctx))
        for document in details.documents:
            item = QListWidgetItem(self._document_line(document))
            item.setData(PATH, document.name)
            item.setData(KIND, document.kind)
            self.documents.addItem(item)  # a list item shows its text as plain text
        if self.documents.count():
            reports = [
                i for i in range(self.documents.count()) if self.documents.item(i).data(KIND) == "report"
            ]
            self.documents.setCurrentRow(reports[0] if reports else 0)
        self._enable()

    def _document_line(self, document: Document) -> str:
        t = self.ctx.t
        return t(
            "ik.d.document",
            name=Path(document.name).name,
            kind=t(f"ik.kind.{document.kind}"),
            signature=document.signature_zh if self.ctx.texts.lang == "zh" else document.signature,
            at=local_minute(document.received_at.isoformat()),
            by=document.received_by or "—",
        )

    def chosen_document(self) -> tuple[Path, str] | None:
        item = self.documents.currentItem()
        return (Path(item.data(PATH)), str(item.data(KIND))) if item is not None else None

    def _enable(self) -> None:
        claim = self.shown.claim if self.shown is not None else None
        self.open_button.setEnabled(self.documents.count() > 0)
        self.release_button.setEnabled(claim is not None and bool(claim.holds))

    def retranslate(self) -> None:
        t = self.ctx.t
        self.documents_label.setText(t("ik.d.documents"))
        self.open_button.setText(t("ik.open_report"))
        self.release_button.setText(t("ik.release"))
        self.text.setAccessibleName(t("ik.details"))
        self.show_details(self.shown, self.policy)
