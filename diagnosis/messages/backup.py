"""Restoring a backup: what in it is refused."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "backup.foreign_schema": (
        "{path}：备份中含有本应用不会创建的{kind}“{name}”（数据库结构与第 {version} 版不符），"
        "可能会改写以后的数据；未做任何更改",
        "{path}: the backup holds {kind} {name} that this app never makes (its schema is not that "
        "of version {version}); it could change later data; nothing was changed",
    ),
    "backup.missing_schema": (
        "{path}：备份缺少{kind}“{name}”（数据库结构与第 {version} 版不符）；未做任何更改",
        "{path}: the backup lacks {kind} {name} (its schema is not that of version {version}); "
        "nothing was changed",
    ),
    "backup.changed_schema": (
        "{path}：备份中{kind}“{name}”的定义已被改动（数据库结构与第 {version} 版不符）；未做任何更改",
        "{path}: {kind} {name} in the backup is defined otherwise than this app makes it (its "
        "schema is not that of version {version}); nothing was changed",
    ),
    "backup.kind.table": ("数据表", "the table"),
    "backup.kind.index": ("索引", "the index"),
    "backup.kind.trigger": ("触发器", "the trigger"),
    "backup.kind.view": ("视图", "the view"),
    "backup.unknown_migrations": (
        "{path}：备份记录的数据库版本顺序异常（{names}）；未做任何更改",
        "{path}: the backup's record of its schema versions is out of order ({names}); nothing was changed",
    ),
}
