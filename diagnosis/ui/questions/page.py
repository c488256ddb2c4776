"""Step 4: the questions, driven by the questionnaire model. A page is one question, or a rating
page for a dimension of criteria sharing an answer set (see `flow.rating_dimensions`).

`current` is always a question id: on a rating page, the criterion the cursor is on. Notes,
evidence and the review mark below belong to it. The module is long for a reason: both ways of
asking share `current` and what hangs on it; split further, the parts would pass it back and
forth. The side panel, the rating table, the editors and the evidence box are widgets of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from diagnosis import flow
from diagnosis.errors import DiagnosisError
from diagnosis.messages import render
from diagnosis.model.index import index_of
from diagnosis.scoring.answers import needs_reason
from diagnosis.session import Session
from diagnosis.storage.answers import UNCHANGED
from diagnosis.ui.context import Context
from diagnosis.ui.questions.editors import ComputedView, Editor, make_editor
from diagnosis.ui.questions.evidence import EvidenceBox
from diagnosis.ui.questions.rating import Group, RatingView, Row
from diagnosis.ui.questions.side_panel import DIMENSION, SidePanel
from diagnosis.ui.widgets import PlainLabel, Said, StatusLabel, scrolling

# A note is committed once typing pauses this long (and on leaving it): short enough that a kill
# right after typing loses nothing, well within 0.3 s even with a slow disk's commit.
NOTE_PAUSE_MS = 200
NOTE_LONGEST_MS = 1000  # and at least this often while typing goes on without a pause


class QuestionPage(QWidget):
    def __init__(self, ctx: Context, review: Callable[[], None], home: Callable[[], None]) -> None:
        super().__init__()
        self.ctx, self.review, self.home = ctx, review, home
        self.current: str | None = None
        self.note_owner: str | None = None
        self.page: str | None = None
        self.editor: Editor | None = None
        self.menu_actions: dict[str, QAction] = {}
        self.side = SidePanel(ctx, self.jump, self._focus_content)
        self.position, self.flag_mark = PlainLabel(), PlainLabel(name="flagMark")
        self.text = PlainLabel(wrap=True, name="questionText")
        self.help, self.evidence_hint = PlainLabel(wrap=True), PlainLabel(wrap=True)
        self.editor_box = QVBoxLayout()
        self.rating = RatingView()
        self.rating.table.answered.connect(self._rated)
        self.rating.table.flag_clicked.connect(lambda q: self.toggle_flag(q))
        self.rating.table.moved.connect(self._row_moved)
        self.rating.target_chosen.connect(self._set_target)
        self.note_label, self.note = PlainLabel(), QLineEdit()
        self.note_label.setBuddy(self.note)
        self.note.editingFinished.connect(self._save_note)
        self.note_timer = QTimer(self)
        self.note_timer.setSingleShot(True)
        self.note_timer.setInterval(NOTE_PAUSE_MS)
        self.note_timer.timeout.connect(self._save_note)
        self.note_deadline = QTimer(self)
        self.note_deadline.setSingleShot(True)
        self.note_deadline.setInterval(NOTE_LONGEST_MS)
        self.note_deadline.timeout.connect(self._save_note)
        self.note.textChanged.connect(self._note_changed)  # typed, pasted or from an IME
        self.evidence = EvidenceBox(ctx, self._say, self.update_actions)
        self.saved = StatusLabel(name="savedMark")
        self.origin = PlainLabel(wrap=True, name="hint")  # "taken from assessment #N", when it was
        # Plausibility warnings (never blocking): under the answer, or under a rating table.
        self.alert, self.rating_alert = (
            PlainLabel(wrap=True, name="alertText"),
            PlainLabel(wrap=True, name="alertText"),
        )
        self.buttons = {key: QPushButton() for key in ("btn.home", "btn.prev_q", "btn.next_q", "btn.review")}
        self.buttons["btn.home"].clicked.connect(self._home)
        self.buttons["btn.prev_q"].clicked.connect(self.previous_page)
        self.buttons["btn.next_q"].clicked.connect(self.next_page)
        self.buttons["btn.review"].clicked.connect(self.to_review)
        self.keys = PlainLabel(wrap=True, name="hint")
        self.setAcceptDrops(True)
        self._layout()
        self.retranslate()

    def _layout(self) -> None:
        single = QWidget()
        body = QVBoxLayout(single)
        for widget in (self.text, self.help, self.evidence_hint):
            body.addWidget(widget)
        body.addLayout(self.editor_box)
        body.addWidget(self.alert)
        body.addStretch()
        self.body = QStackedWidget()
        self.body.addWidget(scrolling(single))
        self.body.addWidget(self.rating)
        right = QWidget()
        column = QVBoxLayout(right)
        head = QHBoxLayout()
        head.addWidget(self.position, 1)
        head.addWidget(self.flag_mark)
        column.addLayout(head)
        column.addWidget(self.body, 1)  # only this part scrolls; what is below stays in view
        column.addWidget(self.rating_alert)
        column.addWidget(self.origin)
        note = QHBoxLayout()
        note.addWidget(self.note_label)
        note.addWidget(self.note, 1)
        column.addLayout(note)
        column.addWidget(self.evidence)
        column.addWidget(self.keys)
        nav = QHBoxLayout()
        for key in ("btn.home", "btn.prev_q"):
            nav.addWidget(self.buttons[key])
        nav.addWidget(self.saved, 1)  # what was saved (or why not) sits where the eyes go next
        for key in ("btn.next_q", "btn.review"):
            nav.addWidget(self.buttons[key])
        column.addLayout(nav)
        for keys in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # Enter goes on (not in the side panel)
            shortcut = QShortcut(QKeySequence(keys), right)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.next_page)
        self.split = QSplitter()
        self.split.addWidget(self.side)
        self.split.addWidget(right)
        self.split.setStretchFactor(1, 1)
        self.split.setChildrenCollapsible(False)
        self.split.splitterMoved.connect(
            lambda *_: self.ctx.settings.setValue("questions/splitter", self.split.saveState())
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.split)

    def retranslate(self) -> None:
        t = self.ctx.t
        self.note_label.setText(t("ask.note"))
        self.note.setAccessibleName(t("ask.note"))
        self.evidence.retranslate()
        for key, button in self.buttons.items():
            button.setText(t(key))
        self.side.retranslate()
        if self.ctx.session is not None and self.current is not None:
            said, error = self.saved.said, bool(self.saved.property("error"))
            self.show_question(self.current)
            self._say(said, error)  # what was just saved (or why not), now in the new language

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        state = self.ctx.settings.value("questions/splitter")
        if not (isinstance(state, QByteArray) and self.split.restoreState(state)):
            width = max(self.width(), 800)
            left = min(max(width // 4, 220), 360)  # the tree gets a quarter, within reason
            self.split.setSizes([left, width - left])

    # -- which page ---------------------------------------------------------------------------

    @property
    def session(self) -> Session:
        assert self.ctx.session is not None
        return self.ctx.session

    def _last_key(self) -> str:
        # By uid, not id: ids come back after a delete and differ between databases.
        return f"last/{self.session.uid}"

    def enter(self, question: str | None = None) -> None:
        session = self.session
        last = str(self.ctx.settings.value(self._last_key(), ""))
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
        self.side.update_results()
        self.show_question(target)

    def show_question(self, qid: str) -> None:
        """Show the page holding `qid`, with the cursor on it."""
        session = self.session
        q = session.questionnaire
        page = flow.page_of(q, qid, self.ctx.rating)
        if self.current is not None and self.current != qid:
            self._flush_note()
        self.current, self.page = qid, page
        self.ctx.settings.setValue(self._last_key(), qid)
        if page != qid:
            self._show_rating(page, qid)
        else:
            self._show_single(qid)
        self._show_extras()
        self.update_actions()
        self._focus_content()

    def _show_single(self, qid: str) -> None:
        session, lang, t = self.session, self.ctx.texts.lang, self.ctx.t
        index = index_of(session.questionnaire)
        question = index.questions[qid]
        answers = session.answers()
        pages = flow.pages(session.questionnaire, answers, self.ctx.rating)
        number = pages.index(qid) + 1 if qid in pages else 0
        self.position.setText(
            t("ask.progress", n=number, total=len(pages))
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
        self.editor = make_editor(question, index, self.ctx.texts, lambda value: self._edited(qid, value))
        self.editor_box.insertWidget(0, self.editor)
        self.editor.show()  # now, not at the next turn of the event loop (focus needs it shown)
        value = session.result().questions[qid].derived if question.kind == "derived" else answers.get(qid)
        self.editor.set_value(value)
        self.editor.setEnabled(not session.read_only)
        self.keys.setText(self.editor.keys_hint(self.ctx.texts))
        self.body.setCurrentIndex(0)

    def _show_rating(self, dimension: str, qid: str) -> None:
        session, lang, t = self.session, self.ctx.texts.lang, self.ctx.t
        q = session.questionnaire
        index = index_of(q)
        answers, notes, flagged = session.answers(), session.notes(), session.flagged()
        questions = flow.on_page(q, answers, dimension)
        options = list(index.options[questions[0]].values())
        groups: dict[int | None, list[Row]] = {}
        for x in questions:
            chosen = answers.get(x)
            at = next((n for n, o in enumerate(options) if o.id == chosen), None)
            text = index.questions[x].text.get(lang)
            groups.setdefault(index.questions[x].level, []).append(
                Row(x, text, index.questions[x].level, at, x in flagged, bool(notes.get(x)))
            )
        table = [
            (Group(level, ""), rows)
            for level, rows in sorted(groups.items(), key=lambda g: (g[0] is None, g[0] or 0))
        ]
        labels = [f"{n}\n{o.label.get(lang)}" for n, o in enumerate(options, start=1)]
        self.editor = None
        self.rating.table.read_only = session.read_only
        self.rating.table.fill(table, labels, qid)
        self._offer_target(answers)
        self._count_rating(dimension, answers)
        self.keys.setText(t("rate.keys", high=len(options)))
        self.body.setCurrentIndex(1)

    def _count_rating(self, dimension: str, answers: dict[str, Any]) -> None:
        """The page's counters ("本页已答 n / m", each level's "n/m"), after every answer."""
        lang, t, q = self.ctx.texts.lang, self.ctx.t, self.session.questionnaire
        index = index_of(q)
        questions = flow.on_page(q, answers, dimension)
        names = {level.value: level.name.get(lang) for level in index.levels(index.dimensions[dimension])}
        levels: dict[int | None, list[str]] = {}
        for x in questions:
            levels.setdefault(index.questions[x].level, []).append(x)
        for level, members in levels.items():
            done = sum(answers.get(x) is not None for x in members)
            title = t("rate.level", level=level, name=names.get(level, "")) if level else "—"
            self.rating.table.set_group_title(level, f"{title.rstrip()}    {done}/{len(members)}")
        pages = flow.pages(q, answers, self.ctx.rating)
        self.position.setText(
            t(
                "rate.position",
                name=index.dimensions[dimension].title.get(lang),
                n=pages.index(dimension) + 1,
                total=len(pages),
                done=sum(answers.get(x) is not None for x in questions),
                count=len(questions),
            )
        )

    def _offer_target(self, answers: dict[str, Any]) -> None:
        q = self.session.questionnaire
        target = flow.target_question(q, answers)
        if target is None:
            self.rating.hide_target()
            return
        lang = self.ctx.texts.lang
        choices: list[tuple[str, str | None]] = [(self.ctx.t("rate.all_levels"), None)]
        choices += [(o.label.get(lang), o.id) for o in index_of(q).options[target].values()]
        self.rating.offer_target(self.ctx.t("rate.target"), choices, answers.get(target))

    def _show_extras(self, tree: bool = True) -> None:
        """The note, evidence, review mark (and the tree) for the current question."""
        session = self.session
        assert self.current is not None
        read_only = session.read_only
        self.note_owner = self.current  # whose note the field shows, whatever has the focus later
        self.note.setText(session.notes().get(self.current, ""))
        self.note.setEnabled(not read_only)
        state = "ask.finalized" if session.finalized else "ask.newer"
        self._say((lambda: self.ctx.t(state)) if read_only else "")
        self._show_flag()
        self._show_origin()
        self._show_alerts()
        self.evidence.show_for(self.current)
        if tree:
            self.side.fill_tree(index_of(session.questionnaire).parent_of.get(self.current, ""))

    def _show_origin(self) -> None:
        """Where the current answer came from, while it is still the one taken from elsewhere."""
        taken = self.session.prefilled().get(self.current or "")
        self.origin.setText(render(taken, self.ctx.texts.lang) if taken is not None else "")
        self.origin.setVisible(taken is not None)

    def _show_flag(self) -> None:
        assert self.current is not None
        self.flag_mark.setText(self.ctx.t("ask.flagged") if self.current in self.session.flagged() else "")

    def update_actions(self) -> None:
        """Menu actions that only make sense on some pages or questions."""
        if not self.menu_actions or self.ctx.session is None:
            return
        on_rating = self.body.currentIndex() == 1
        draft = not self.session.read_only
        self.menu_actions["q.rest_not_met"].setEnabled(on_rating and draft)
        self.menu_actions["q.rest_na"].setEnabled(on_rating and draft)
        self.menu_actions["q.target"].setEnabled(on_rating and self.rating.target_row.isVisibleTo(self))
        for key in ("q.flag", "q.attach", "q.note"):
            self.menu_actions[key].setEnabled(draft)
        self.menu_actions["q.detach"].setEnabled(self.evidence.detach.isEnabled())

    # -- answering ----------------------------------------------------------------------------

    def _save(self, qid: str, value: Any, note: Any = UNCHANGED) -> bool:
        """Commit through the session; the saved mark shows only once the commit returned. A
        不适用 that needs a reason (format 3) is accepted only with one, asked for first."""
        if note is UNCHANGED and self._lacks_reason(qid, value):
            note = self._ask_reason(qid)
            if note is None:
                self._say(lambda: self.ctx.t("na.none"), error=True)
                return False
        try:
            self.session.answer(qid, value, note)
        except DiagnosisError as error:
            self._unsaved(error.lines[0])
            return False
        self._say(lambda: self.ctx.t("ask.saved"))
        self._show_origin()
        if qid == self.current:
            self.side.fill_tree(index_of(self.session.questionnaire).parent_of.get(qid, ""))
            self._show_alerts()
        return True

    def _edited(self, qid: str, value: Any) -> bool:
        """An answer given in the editor; a refused choice is taken back, so it shows what is
        stored (a refused figure stays, with the reason, to be corrected)."""
        saved = self._save(qid, value)
        if not saved and self._lacks_reason(qid, value) and self.editor is not None and qid == self.current:
            self.editor.set_value(self.session.answers().get(qid))
        return saved

    def _lacks_reason(self, qid: str, value: Any) -> bool:
        session = self.session
        stored = session.notes().get(qid, "")
        return needs_reason(session.questionnaire, qid, value) and not stored.strip()

    def _ask_reason(self, qid: str, count: int = 1) -> str | None:
        """The reason for 不适用, shown in the note field once given."""
        from diagnosis.ui.reasons import ask_reason

        about = index_of(self.session.questionnaire).questions[qid].text.get(self.ctx.texts.lang)
        reason = ask_reason(self, self.ctx, about if count == 1 else f"{about} (+{count - 1})")
        if reason is not None and qid == self.note_owner:
            self.note.setText(reason)
        return reason

    def _show_alerts(self) -> None:
        """The plausibility warnings this question's answer raises (explained ones not)."""
        from diagnosis.ui.dialogs.alerts import open_alerts

        found = open_alerts(self.ctx, self.current) if self.current is not None else []
        lang = self.ctx.texts.lang
        on_rating = self.body.currentIndex() == 1
        for label, here in ((self.alert, not on_rating), (self.rating_alert, on_rating)):
            label.setText("\n".join(f"⚠ {alert.message.get(lang)}" for alert in found) if here else "")
            label.setVisible(bool(found) and here)

    def _say(self, said: Said, error: bool = False) -> None:
        self.saved.say(said, error)

    def _unsaved(self, line: str) -> None:
        """Why an answer was not saved: a sentence from the core, in the UI's language."""
        self._say(lambda: self.ctx.t("ask.unsaved", error=self.ctx.say(line)), error=True)

    @staticmethod
    def _restyle(widget: QWidget) -> None:
        widget.style().unpolish(widget)  # a dynamic property changes the colour only when re-polished
        widget.style().polish(widget)

    def _rated(self, qid: str, option: int) -> None:
        """A number key or a click on a rating page: commit, show, move to the next criterion."""
        q = self.session.questionnaire
        chosen = list(index_of(q).options[qid])[option]
        self.current = qid
        if not self._save(qid, chosen):
            self._refresh_row(qid)  # the row shows what is stored, not the refused choice
            return
        if flow.on_page(q, self.session.answers(), self.page or "") != self.rating.table.questions():
            self.show_question(qid)  # the answer changed what is shown: draw the page again
            return
        self._refresh_row(qid)
        self._count_rating(self.page or "", self.session.answers())
        self.rating.table.step(+1)

    def _refresh_row(self, qid: str) -> None:
        session = self.session
        answers = session.answers()
        options = list(index_of(session.questionnaire).options[qid])
        chosen = answers.get(qid)
        self.rating.table.set_row(
            qid,
            options.index(chosen) if chosen in options else None,
            qid in session.flagged(),
            bool(session.notes().get(qid)),
        )

    def _row_moved(self, qid: str) -> None:
        if qid == self.current:
            return
        self._flush_note()
        self.current = qid
        self.ctx.settings.setValue(self._last_key(), qid)
        self._show_extras(tree=False)  # the same page: the tree has not changed
        self.update_actions()

    def _set_target(self, option: str | None) -> None:
        target = flow.target_question(self.session.questionnaire, self.session.answers())
        choosing = self.rating.target.hasFocus()  # arrows through the levels stay in the box
        if target is not None and self._save(target, option) and self.current is not None:
            shown = flow.shown(self.session.questionnaire, self.session.answers())
            keep = self.current if self.current in shown else None
            self.show_question(
                keep or flow.on_page(self.session.questionnaire, self.session.answers(), self.page or "")[0]
            )
            if choosing:
                self.rating.target.setFocus()

    def _note_changed(self) -> None:
        self.note_timer.start()
        if not self.note_deadline.isActive():
            self.note_deadline.start()
        if not self.saved.property("error"):
            self._say("")  # "saved" is about what was committed: not this text, not yet

    def _save_note(self) -> None:
        self.note_timer.stop()
        self.note_deadline.stop()
        owner = self.note_owner
        if self.ctx.session is None or owner is None or self.session.read_only:
            return
        if self.note.text() == self.session.notes().get(owner, ""):
            return
        if self._save(owner, UNCHANGED, self.note.text()) and self.body.currentIndex() == 1:
            self._refresh_row(owner)

    def _flush_note(self) -> None:
        if self.note_timer.isActive() or self.note.hasFocus():
            self._save_note()

    def leave(self) -> bool:
        """Commit what is typed but not confirmed yet; False when a figure was refused."""
        ok = self.editor.commit() if self.editor is not None and self.body.currentIndex() == 0 else True
        self._save_note()
        return ok

    # -- moving -------------------------------------------------------------------------------

    def go(self, delta: int) -> None:
        if not self.leave():
            return  # a refused figure keeps the person on it, with the reason shown
        target = flow.page_step(
            self.session.questionnaire, self.session.answers(), self.current, delta, self.ctx.rating
        )
        if target is not None:
            self.show_question(target)
        elif delta > 0:
            self.review()

    def next_page(self) -> None:
        self.go(+1)

    def previous_page(self) -> None:
        self.go(-1)

    def next_dimension(self) -> None:
        self._move_dimension(+1)

    def previous_dimension(self) -> None:
        self._move_dimension(-1)

    def _move_dimension(self, delta: int) -> None:
        if self.current is None or not self.leave():
            return
        session = self.session
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

    def jump(self, target: str) -> None:
        """To a question, or to the first question of a dimension ('dim:<id>')."""
        if not self.leave():
            return
        if target.startswith(DIMENSION):
            first = flow.first_in(
                self.session.questionnaire, self.session.answers(), target[len(DIMENSION) :]
            )
            if first is None:
                return
            target = first
        self.show_question(target)

    def to_review(self) -> None:
        if self.leave():
            self.review()

    def _home(self) -> None:
        if self.leave():
            self.home()

    def _focus_content(self) -> None:
        if self.body.currentIndex() == 1:
            self.rating.table.setFocus()
        elif (
            self.editor is not None and self.editor.isEnabled() and not isinstance(self.editor, ComputedView)
        ):
            self.editor.focus_first()
        else:
            self.buttons["btn.next_q"].setFocus()  # nothing to type here: Enter goes on

    # -- side panel, notes, review marks ------------------------------------------------------

    def focus_search(self) -> None:
        self.side.search.setFocus()
        self.side.search.selectAll()

    def focus_tree(self) -> None:
        self.side.search.clear()
        self.side.set_filter("all")
        self.side.tree.setFocus()

    def focus_note(self) -> None:
        self.note.setFocus()

    def focus_target(self) -> None:
        if self.rating.target_row.isVisible():
            self.rating.target.setFocus()

    def _filter(self, name: str) -> None:
        self.side.set_filter(name)

    def filter_all(self) -> None:
        self._filter("all")
        self._focus_content()

    def filter_unanswered(self) -> None:
        self._filter("unanswered")

    def filter_review(self) -> None:
        self._filter("review")

    def filter_notes(self) -> None:
        self._filter("notes")

    def next_match(self) -> None:
        self.side.update_results()
        target = self.side.next_match(self.current, +1)
        if target is not None:
            self.jump(target)

    def previous_match(self) -> None:
        self.side.update_results()
        target = self.side.next_match(self.current, -1)
        if target is not None:
            self.jump(target)

    def toggle_flag(self, qid: str | None = None) -> None:
        qid = qid or self.current
        if qid is None or self.session.read_only:
            return
        flagged = qid in self.session.flagged()
        try:
            self.session.flag(qid, not flagged)
        except DiagnosisError as error:
            self._unsaved(error.lines[0])
            return
        self._say(lambda: self.ctx.t("ask.flag_cleared" if flagged else "ask.flag_set"))
        if self.body.currentIndex() == 1:
            self._refresh_row(qid)
        if qid == self.current:
            self._show_flag()
        self.side.update_results()

    def _rest(self, role: flow.Role) -> None:
        """Answer every unanswered criterion of the current row's level with one option."""
        session = self.session
        q = session.questionnaire
        if self.current is None or self.page is None or self.body.currentIndex() != 1 or session.read_only:
            return
        level = index_of(q).questions[self.current].level
        rest = flow.rest_of_level(q, session.answers(), self.page, level)
        values = {qid: flow.option_for(q, qid, role) for qid in rest}
        values = {qid: option for qid, option in values.items() if option is not None}
        if not values:
            self._say(lambda: self.ctx.t("rate.rest_none"))
            return
        lacking = [qid for qid, option in values.items() if self._lacks_reason(qid, option)]
        reason = self._ask_reason(lacking[0], len(lacking)) if lacking else None
        if lacking and reason is None:
            self._say(lambda: self.ctx.t("na.none"), error=True)
            return
        try:
            notes = dict.fromkeys(lacking, reason or "")
            session.answer_all(values, f"rest of level marked {role.replace('_', ' ')}", notes)
        except DiagnosisError as error:
            self._unsaved(error.lines[0])
            return
        self.show_question(self.current)
        self._say(lambda: self.ctx.t(f"rate.rest_done.{role}", n=len(values)))

    def rest_not_met(self) -> None:
        self._rest("not_met")

    def rest_not_applicable(self) -> None:
        self._rest("not_applicable")

    # -- evidence -----------------------------------------------------------------------------

    def pick_files(self) -> None:
        self.evidence.pick_files()

    def attach_files(self, files: list[Path]) -> None:
        self.evidence.attach_files(files)

    def detach_selected(self) -> None:
        self.evidence.detach_selected()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and self.ctx.session is not None and not self.session.read_only:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.attach_files([Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if (
            text.isdigit()
            and self.body.currentIndex() == 0
            and self.editor is not None
            and self.editor.isEnabled()
            and self.editor.choose(int(text))
        ):
            return
        super().keyPressEvent(event)
