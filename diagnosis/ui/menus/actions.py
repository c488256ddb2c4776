"""Every menu action with its shortcut, as data: one place to see (and test) that each action
has a key and no two share one. Keys are Qt's portable names (shown translated in the menus).
An action listed in two menus is one action (Restore sits in File and in Help)."""

from __future__ import annotations

# Menu title key → [(action key, shortcut)]; "-" is a separator.
MENUS: dict[str, list[tuple[str, str]]] = {
    "menu.file": [
        ("menu.new", "Ctrl+N"),
        ("menu.import", "Ctrl+O"),
        ("menu.export", "Ctrl+E"),
        ("menu.summary", "Ctrl+Shift+S"),
        ("menu.verify", "Ctrl+Shift+V"),
        ("menu.intake", "Ctrl+I"),
        ("-", ""),
        ("menu.backup", "Ctrl+B"),
        ("menu.restore", "Ctrl+Shift+B"),
        ("-", ""),
        ("menu.quit", "Ctrl+Q"),
    ],
    "menu.assessment": [
        ("act.resume", "Ctrl+Return"),
        ("act.reassess", "Ctrl+Shift+N"),
        ("act.reopen", "Ctrl+Shift+O"),
        ("act.compare", "Ctrl+D"),
        ("act.delete", "Del"),
        ("-", ""),
        ("act.plan", "Ctrl+Shift+P"),
        ("act.explain", "Ctrl+Shift+K"),
        ("act.finalize", "Ctrl+Shift+F"),
        ("act.pdf", "Ctrl+P"),
        ("act.xlsx", "Ctrl+Shift+X"),
        ("act.answers_out", "Ctrl+Shift+J"),
        ("act.answers_in", "Ctrl+Shift+L"),
        ("-", ""),
        ("act.home", "Alt+Home"),
    ],
    "menu.question": [
        ("q.prev", "Alt+Left"),
        ("q.next", "Alt+Right"),
        ("q.prev_dim", "Ctrl+PgUp"),
        ("q.next_dim", "Ctrl+PgDown"),
        ("q.review", "F5"),
        ("-", ""),
        ("q.note", "Ctrl+M"),
        ("q.flag", "Ctrl+R"),
        ("q.attach", "Ctrl+Shift+I"),
        ("q.detach", "Ctrl+Shift+Del"),
        ("-", ""),
        ("q.search", "Ctrl+F"),
        ("q.next_match", "F3"),
        ("q.prev_match", "Shift+F3"),
        ("q.filter.all", "Ctrl+1"),
        ("q.filter.unanswered", "Ctrl+2"),
        ("q.filter.review", "Ctrl+3"),
        ("q.filter.notes", "Ctrl+4"),
        ("q.jump", "Ctrl+J"),
        ("-", ""),
        ("q.target", "Ctrl+T"),
        ("q.rest_not_met", "Ctrl+Shift+U"),
        ("q.rest_na", "Ctrl+Shift+A"),
        ("q.rating", "Ctrl+G"),
    ],
    "menu.plan": [
        ("plan.draft", "Ctrl+Shift+G"),
        ("-", ""),
        ("plan.add", "Alt+Ins"),
        ("plan.remove", "Alt+Del"),
    ],
    "menu.settings": [("set.open", "Ctrl+,")],
    "menu.lang": [("lang.zh", "Ctrl+Shift+C"), ("lang.en", "Ctrl+Shift+E")],
    "menu.help": [("menu.restore", "Ctrl+Shift+B"), ("-", ""), ("menu.about", "F1")],
}

# Which page enables which menu; the rest are always on.
PAGE_MENUS = {"menu.question": "questions", "menu.plan": "plan"}
