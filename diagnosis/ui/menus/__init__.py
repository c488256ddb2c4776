"""The menu bar: every action with its shortcut, what each one does and when it is enabled, and
the File and Assessment actions that are not a page of their own (packages, answers files, the
database and its backups)."""
