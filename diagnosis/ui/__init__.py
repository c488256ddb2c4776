"""The PySide6 wizard: a thin layer over the core (session, flow, storage, report).

Rooms, from the top: `app` starts it and `window` is the main window; `menus/` wires the menu
bar to it (and holds the File and Assessment actions); `pages/`, `questions/` and `plan/` are the
steps; `dialogs/` and `signing/` the dialogs; below them the parts every room uses (`host`, the
narrow view of the window its rooms get, `context`, `texts`, `widgets`, `tasks`, `exports` …).
A room never imports the window or a room above it (pyproject.toml's import-linter contracts).
"""
