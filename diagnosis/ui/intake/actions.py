"""The intake window's menus, as data: every action with its shortcut (shown in the menu; Qt's
portable names). The window's own keys: the main window's menus are another window's."""

from __future__ import annotations

MENUS: dict[str, list[tuple[str, str]]] = {
    "ik.menu.file": [
        ("ik.database", "Ctrl+D"),
        ("ik.policy", "Ctrl+Shift+P"),
        ("ik.trust", "Ctrl+Shift+T"),
        ("-", ""),
        ("ik.add_files", "Ctrl+O"),
        ("ik.add_folder", "Ctrl+Shift+O"),
        ("ik.cancel", "Esc"),
        ("-", ""),
        ("ik.excel", "Ctrl+Shift+X"),
        ("ik.pdf", "Ctrl+P"),
        ("-", ""),
        ("ik.close", "Ctrl+W"),
    ],
    "ik.menu.claims": [
        ("ik.search", "Ctrl+F"),
        ("ik.filter.city", "Ctrl+1"),
        ("ik.filter.county", "Ctrl+2"),
        ("ik.filter.provider", "Ctrl+3"),
        ("ik.filter.status", "Ctrl+4"),
        ("ik.filter.clear", "Ctrl+0"),
        ("-", ""),
        ("ik.table", "Ctrl+L"),
        ("ik.sort", "Ctrl+Shift+S"),
        ("ik.details", "Ctrl+I"),
        ("ik.open_report", "Ctrl+Shift+R"),
        ("ik.release", "Ctrl+R"),
        ("-", ""),
        ("ik.refused_tab", "Ctrl+U"),
        ("ik.reload", "F5"),
    ],
    "menu.lang": [("lang.zh", "Ctrl+Shift+C"), ("lang.en", "Ctrl+Shift+E")],
}
