"""Step 4: one reusable page for every question, driven by the questionnaire model."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from diagnosis import flow
from diagnosis.errors import DiagnosisError
from diagnosis.model import Dimension
from diagnosis.model.index import index_of
from diagnosis.storage.answers import UNCHANGED
from diagnosis.ui.context import Context
from diagnosis.ui.editors import ComputedView, Editor, make_editor


class QuestionPage(QWidget):
    def __init__(self, ctx: Context, review: Callable[[], None], home: Callable[[], None]) -> None:
        super().__init__()
        self.ctx, self.review, self.home = ctx, review, home
        self.current: str | None = None
        self.editor: Editor | None = None
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.itemActivated.connect(self._jump)
        self.tree.itemClicked.connect(self._jump)
        self.position, self.text, self.help, self.evidence_hint = QLabel(), QLabel(), QLabel(), QLabel()
        self.text.setObjectName("questionText")
        for label in (self.text, self.help, self.evidence_hint):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.editor_box = QVBoxLayout()
        self.note_label, self.note = QLabel(), QLineEdit()
        self.note_label.setBuddy(self.note)
        self.note.editingFinished.connect(self._save_note)
        self.files = QListWidget()
        self.files.setMaximumHeight(70)
        self.attach, self.saved = QPushButton(), QLabel()
        self.saved.setObjectName("savedMark")
        self.attach.clicked.connect(self._pick_files)
        self.prev_button, self.next_button, self.review_button, self.home_button = (
            QPushButton() for _ in range(4)
        )
        self.prev_button.clicked.connect(lambda: self.go(-1))
        self.next_button.clicked.connect(lambda: self.go(+1))
        self.review_button.clicked.connect(self._review)
        self.home_button.clicked.connect(self._home)
        self.keys = QLabel()
        self.keys.setObjectName("hint")
        self.setAcceptDrops(True)
        self._layout()
        for keys, action in (
            (Qt.Key.Key_Return, lambda: self.go(+1)),
            (Qt.Key.Key_Enter, lambda: self.go(+1)),
            ("Alt+Right", lambda: self.go(+1)),
            ("Alt+Left", lambda: self.go(-1)),
            ("Ctrl+PgDown", lambda: self.move_dimension(+1)),
            ("Ctrl+PgUp", lambda: self.move_dimension(-1)),
            ("Ctrl+M", self.note.setFocus),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(action)
        self.retranslate()

    def _layout(self) -> None:
        right = QWidget()
        body = QVBoxLayout(right)
        body.addWidget(self.position)
        body.addWidget(self.text)
        body.addWidget(self.help)
        body.addWidget(self.evidence_hint)
        holder = QWidget()
        holder.setLayout(self.editor_box)
        self.editor_box.addStretch()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(holder)
        body.addWidget(scroll, 1)
        body.addWidget(self.note_label)
        body.addWidget(self.note)
        files = QHBoxLayout()
        files.addWidget(self.files, 1)
        files.addWidget(self.attach)
        body.addLayout(files)
        body.addWidget(self.saved)
        nav = QHBoxLayout()
        for button in (self.home_button, self.prev_button):
            nav.addWidget(button)
        nav.addStretch()
        nav.addWidget(self.keys)
        nav.addStretch()
        for button in (self.next_button, self.review_button):
            nav.addWidget(button)
        body.addLayout(nav)
        split = QSplitter()
        split.addWidget(self.tree)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        split.setSizes([260, 740])
        layout = QVBoxLayout(self)
        layout.addWidget(split)

    def retranslate(self) -> None:
        t = self.ctx.t
        self.note_label.setText(t("ask.note"))
        self.note.setAccessibleName(t("ask.note"))
        self.attach.setText(t("btn.attach"))
        self.files.setAccessibleName(t("ask.evidence"))
        self.tree.setAccessibleName(t("col.questionnaire"))
        self.prev_button.setText(t("btn.prev_q"))
        self.next_button.setText(t("btn.next_q"))
        self.review_button.setText(t("btn.review"))
        self.home_button.setText(t("btn.home"))
        self.keys.setText(t("ask.keys"))
        if self.ctx.session is not None and self.current is not None:
            self.show_question(self.current)

    # -- showing ------------------------------------------------------------------------------

    def enter(self, question: str | None = None) -> None:
        session = self.ctx.session
        assert session is not None
        last = str(self.ctx.settings.value(f"last/{session.assessment_id}", ""))
        visible = flow.shown(session.questionnaire, session.answers())
        target = (
            question
            or (last if last in visible else None)
            or session.resume_point()
            or (visible[0] if visible else None)
        )
        if target is None:
            self.review()
            return
        self.show_question(target)

    def show_question(self, qid: str) -> None:
        session = self.ctx.session
        assert session is not None
        lang, t = self.ctx.texts.lang, self.ctx.t
        index = index_of(session.questionnaire)
        question = index.questions[qid]
        self.current = qid
        self.ctx.settings.setValue(f"last/{session.assessment_id}", qid)
        answers, notes = session.answers(), session.notes()
        visible = flow.shown(session.questionnaire, answers)
        number = visible.index(qid) + 1 if qid in visible else 0
        self.position.setText(
            t("ask.progress", n=number, total=len(visible))
            + ("    * " + t("ask.required") if question.required else "")
        )
        self.text.setText(question.text.get(lang))
        colon = "：" if lang == "zh" else ": "
        self.help.setText(f"{t('ask.help')}{colon}{question.help.get(lang)}" if question.help else "")
        self.help.setVisible(question.help is not None)
        self.evidence_hint.setText(
            f"{t('ask.evidence')}{colon}{question.evidence.get(lang)}" if question.evidence else ""
        )
        self.evidence_hint.setVisible(question.evidence is not None)
        if self.editor is not None:  # gone now, not at the next event loop turn
            self.editor.hide()
            self.editor_box.removeWidget(self.editor)
            self.editor.setParent(None)
            self.editor.deleteLater()
        self.editor = make_editor(question, list(index.options[qid].values()), self.ctx.texts, self._on_value)
        self.editor_box.insertWidget(0, self.editor)
        value = session.result().questions[qid].derived if question.kind == "derived" else answers.get(qid)
        self.editor.set_value(value)
        self.note.setText(notes.get(qid, ""))
        read_only = session.finalized
        for widget in (self.editor, self.note, self.attach):
            widget.setEnabled(not read_only)
        self.saved.setText(t("ask.finalized") if read_only else "")
        self._show_files()
        self._fill_tree(answers)
        if isinstance(self.editor, ComputedView) or read_only:
            self.next_button.setFocus()  # nothing to type here: Enter goes on
        else:
            self.editor.focus_first()

    def _show_files(self) -> None:
        assert self.ctx.session is not None and self.current is not None
        self.files.clear()
        for item in self.ctx.session.evidence(self.current):
            self.files.addItem(f"{item['name']}  ({item['size'] / 1024:.1f} KB)")
        if self.files.count() == 0:
            self.files.addItem(self.ctx.t("ask.drop"))

    def _fill_tree(self, answers: dict[str, Any]) -> None:
        session = self.ctx.session
        assert session is not None
        counts = flow.progress(session.questionnaire, answers)
        index = index_of(session.questionnaire)
        current_dim = index.parent_of.get(self.current or "", "")
        self.tree.clear()

        def add(parent: QTreeWidget | QTreeWidgetItem, dims: list[Dimension]) -> None:
            for dim in dims:
                count = counts[dim.id]
                if count.shown == 0:
                    continue
                item = QTreeWidgetItem(
                    [f"{dim.name.get(self.ctx.texts.lang)}  {count.answered}/{count.shown}"]
                )
                item.setData(0, Qt.ItemDataRole.UserRole, dim.id)
                if isinstance(parent, QTreeWidget):
                    parent.addTopLevelItem(item)
                else:
                    parent.addChild(item)
                add(item, dim.children)
                if dim.id == current_dim:
                    self.tree.setCurrentItem(item)

        add(self.tree, index.root.children)
        self.tree.expandAll()

    # -- answering ----------------------------------------------------------------------------

    def _on_value(self, value: Any) -> None:
        self._save(value, UNCHANGED)

    def _save_note(self) -> None:
        if self.ctx.session is None or self.current is None or self.ctx.session.finalized:
            return
        if self.note.text() != self.ctx.session.notes().get(self.current, ""):
            self._save(UNCHANGED, self.note.text())

    def _save(self, value: Any, note: Any) -> None:
        """Commit through the session; the saved mark shows only once the commit returned."""
        session = self.ctx.session
        assert session is not None and self.current is not None
        try:
            session.answer(self.current, value, note)
        except DiagnosisError as error:
            self.saved.setText(self.ctx.t("ask.unsaved", error=error.lines[0]))
            self.saved.setProperty("error", True)
            return
        self.saved.setText(self.ctx.t("ask.saved"))
        self.saved.setProperty("error", False)
        self._fill_tree(session.answers())  # visibility and progress follow the answer at once

    def go(self, delta: int) -> None:
        if self.editor is not None:
            self.editor.commit()
        self._save_note()
        session = self.ctx.session
        assert session is not None
        target = session.step(self.current, delta)
        if target is not None:
            self.show_question(target)
        elif delta > 0:
            self.review()

    def move_dimension(self, delta: int) -> None:
        session = self.ctx.session
        assert session is not None and self.current is not None
        index = index_of(session.questionnaire)
        visible = flow.shown(session.questionnaire, session.answers())
        here = index.parent_of[self.current]
        ordered = list(visible if delta > 0 else reversed(visible))
        start = ordered.index(self.current) if self.current in ordered else 0
        for qid in ordered[start:]:
            if index.parent_of[qid] != here:
                if delta < 0:  # to the first question of the previous dimension
                    qid = flow.first_in(session.questionnaire, session.answers(), index.parent_of[qid]) or qid
                self.show_question(qid)
                return

    def _jump(self, item: QTreeWidgetItem) -> None:
        session = self.ctx.session
        assert session is not None
        target = flow.first_in(
            session.questionnaire, session.answers(), item.data(0, Qt.ItemDataRole.UserRole)
        )
        if target is not None and target != self.current:
            self.show_question(target)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if (
            text.isdigit()
            and self.editor is not None
            and self.editor.isEnabled()
            and self.editor.choose(int(text))
        ):
            return
        super().keyPressEvent(event)

    # -- evidence -----------------------------------------------------------------------------

    def _pick_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.ctx.t("btn.attach"))
        self.attach_files([Path(f) for f in files])

    def attach_files(self, files: list[Path]) -> None:
        session = self.ctx.session
        assert session is not None and self.current is not None
        for file in files:
            try:
                session.attach(self.current, file)
                self.saved.setText(self.ctx.t("ask.saved"))
            except DiagnosisError as error:
                self.saved.setText(self.ctx.t("ask.unsaved", error=error.lines[0]))
        self._show_files()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and self.ctx.session is not None and not self.ctx.session.finalized:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.attach_files([Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()])

    def _review(self) -> None:
        if self.editor is not None:
            self.editor.commit()
        self._save_note()
        self.review()

    def _home(self) -> None:
        if self.editor is not None:
            self.editor.commit()
        self._save_note()
        self.home()
