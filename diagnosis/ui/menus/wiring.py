"""The menu actions wired to the window: what each one does, and when it is enabled. Loaded with
the window shell (the menus paint first): only lambdas here, nothing imported but types. The
window is seen through `MenuWindow`, never imported."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from diagnosis.ui.context import Context
    from diagnosis.ui.pages.finish import FinishPage
    from diagnosis.ui.pages.start import StartPage
    from diagnosis.ui.plan.page import PlanPage
    from diagnosis.ui.questions.page import QuestionPage


class MenuWindow(Protocol):
    """The window as its menus drive it: the pages their actions reach, the state that enables
    them, and the window's commands (the main window implements it)."""

    ctx: Context
    loaded: bool
    usable: bool
    actions_: dict[str, QAction]

    @property
    def start(self) -> StartPage: ...

    @property
    def questions(self) -> QuestionPage: ...

    @property
    def plan(self) -> PlanPage: ...

    @property
    def finish(self) -> FinishPage: ...

    def on_page(self, name: str) -> bool: ...

    def on_start(self) -> bool: ...

    def with_current(self, action: Callable[[int], None]) -> None: ...

    def with_open(self, action: Callable[[], None]) -> None: ...

    def new(self) -> None: ...

    def open_assessment(self, assessment_id: int) -> None: ...

    def reassess(self, assessment_id: int) -> None: ...

    def reopen(self, assessment_id: int) -> None: ...

    def compare(self, assessment_id: int) -> None: ...

    def export(self, assessment_id: int) -> None: ...

    def save_answers(self, assessment_id: int, target: Path | None = None) -> None: ...

    def load_answers(self, assessment_id: int, source: Path | None = None) -> None: ...

    def import_package(self, file: Path | None = None) -> None: ...

    def summary(self) -> None: ...

    def verify(self, pdf: Path | None = None) -> None: ...

    def intake(self) -> None: ...

    def settings_dialog(self) -> None: ...

    def backup(self) -> None: ...

    def restore(self) -> None: ...

    def close(self) -> bool: ...

    def show_start(self) -> None: ...

    def show_plan(self) -> None: ...

    def explain_alert(self) -> None: ...

    def toggle_rating(self) -> None: ...

    def set_language(self, lang: str) -> None: ...

    def about(self) -> None: ...


def menu_handlers(window: MenuWindow) -> dict[str, Callable[[], Any]]:
    """What each menu action does (keys as in `actions.MENUS`)."""

    def on_questions(name: str) -> Callable[[], Any]:
        return lambda: getattr(window.questions, name)() if window.on_page("questions") else None

    question_actions = {
        "q.prev": "previous_page",
        "q.next": "next_page",
        "q.prev_dim": "previous_dimension",
        "q.next_dim": "next_dimension",
        "q.review": "to_review",
        "q.note": "focus_note",
        "q.flag": "toggle_flag",
        "q.attach": "pick_files",
        "q.detach": "detach_selected",
        "q.search": "focus_search",
        "q.next_match": "next_match",
        "q.prev_match": "previous_match",
        "q.filter.all": "filter_all",
        "q.filter.unanswered": "filter_unanswered",
        "q.filter.review": "filter_review",
        "q.filter.notes": "filter_notes",
        "q.jump": "focus_tree",
        "q.target": "focus_target",
        "q.rest_not_met": "rest_not_met",
        "q.rest_na": "rest_not_applicable",
    }
    handlers: dict[str, Callable[[], Any]] = {
        key: on_questions(name) for key, name in question_actions.items()
    }
    handlers |= {
        "menu.new": window.new,
        "menu.import": lambda: window.import_package(),
        "menu.export": lambda: window.with_current(window.export),
        "menu.summary": window.summary,
        "menu.verify": lambda: window.verify(),
        "menu.intake": window.intake,
        "set.open": window.settings_dialog,
        "menu.backup": window.backup,
        "menu.restore": window.restore,
        "menu.quit": window.close,
        "act.resume": lambda: window.with_current(window.open_assessment),
        "act.reassess": lambda: window.with_current(window.reassess),
        "act.reopen": lambda: window.with_current(window.reopen),
        "act.compare": lambda: window.with_current(window.compare),
        "act.delete": lambda: window.start.delete_selected() if window.on_start() else None,
        "act.plan": lambda: window.show_plan() if window.loaded and window.ctx.session else None,
        "act.explain": window.explain_alert,
        "plan.draft": lambda: window.plan.draft() if window.on_page("plan") else None,
        "plan.add": lambda: window.plan.add_row() if window.on_page("plan") else None,
        "plan.remove": lambda: window.plan.remove_row() if window.on_page("plan") else None,
        "act.finalize": lambda: window.with_open(lambda: window.finish.finalize()),
        "act.pdf": lambda: window.with_open(lambda: window.finish.export_pdf()),
        "act.xlsx": lambda: window.with_open(lambda: window.finish.export_xlsx()),
        "act.answers_out": lambda: window.with_current(window.save_answers),
        "act.answers_in": lambda: window.with_current(window.load_answers),
        "act.home": window.show_start,
        "q.rating": window.toggle_rating,
        "lang.zh": lambda: window.set_language("zh"),
        "lang.en": lambda: window.set_language("en"),
        "menu.about": window.about,
    }
    return handlers


def enable(window: MenuWindow) -> None:
    """Enable the actions that make sense on the current page, for the open assessment and the
    state of the database (nothing changes a newer app's database)."""
    on_questions = window.on_page("questions") if window.loaded else False
    for key, action in window.actions_.items():
        if key.startswith("q.") and key != "q.rating":
            action.setEnabled(on_questions)
    writable = window.usable and window.ctx.store.newer is None
    window.actions_["act.delete"].setEnabled(window.on_start() and writable)
    window.actions_["act.resume"].setEnabled(window.on_start())
    for key in ("act.finalize", "act.pdf", "act.xlsx"):
        window.actions_[key].setEnabled(
            window.loaded and window.ctx.session is not None and not window.on_start()
        )
    window.actions_["act.finalize"].setEnabled(window.actions_["act.finalize"].isEnabled() and writable)
    for key in ("menu.new", "menu.import", "act.reassess", "act.reopen", "act.answers_in"):
        window.actions_[key].setEnabled(writable)
    for key in ("menu.export", "menu.summary", "menu.backup", "act.compare", "act.home", "act.answers_out"):
        window.actions_[key].setEnabled(window.usable)
    on_plan = window.on_page("plan") if window.loaded else False
    editable_plan = on_plan and window.ctx.session is not None and not window.ctx.session.read_only
    for key in ("plan.draft", "plan.add", "plan.remove"):
        window.actions_[key].setEnabled(editable_plan)
    window.actions_["act.plan"].setEnabled(window.loaded and window.ctx.session is not None)
    window.actions_["act.explain"].setEnabled(
        window.loaded and window.ctx.session is not None and not window.on_start() and writable
    )
    if on_questions:
        window.questions.update_actions()
