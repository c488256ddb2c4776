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
    "backup.in_use_target": (
        "{path}：这是正在使用的数据库；请为备份另选文件",
        "{path}: that is the database in use; choose another file for the backup",
    ),
    "backup.in_use_source": (
        "{path}：这是正在使用的数据库；请选择备份文件",
        "{path}: that is the database in use; choose a backup",
    ),
    "backup.cannot_write": ("{path}：无法写入备份（{error}）", "{path}: cannot write the backup ({error})"),
    "backup.cannot_restore": (
        "{path}：无法恢复备份（{error}）；未做任何更改",
        "{path}: cannot restore the backup ({error}); nothing was changed",
    ),
    "backup.cannot_read": ("{path}：无法读取文件（{reason}）", "{path}: cannot read the file ({reason})"),
    "backup.not_sqlite": (
        "{path}：不是数据库备份（不是 SQLite 文件）；未做任何更改",
        "{path}: not a database backup (not an SQLite file); nothing was changed",
    ),
    "backup.damaged": (
        "{path}：备份已损坏（{error}）；未做任何更改",
        "{path}: the backup is damaged ({error}); nothing was changed",
    ),
    "backup.not_ours": (
        "{path}：不是诊断数据库（其中没有评估）；未做任何更改",
        "{path}: not a diagnosis database (no assessments in it); nothing was changed",
    ),
    "backup.newer": (
        "{path}：该备份由更新版本的本应用生成（数据库版本 {theirs}，本版本只认识到 {ours}）；"
        "请更新本应用后再恢复；未做任何更改",
        "{path}: the backup was made by a newer version of this app (schema {theirs}, this version "
        "knows {ours}); update the app to restore it; nothing was changed",
    ),
    "backup.evidence_changed": (
        "{path}：备份中有一个佐证文件与其 sha256 不符（{sha}…）；未做任何更改",
        "{path}: an evidence file in the backup does not match its sha256 ({sha}…); nothing was changed",
    ),
    "backup.in_backup": ("{name}（备份中）", "{name} (in the backup)"),
    "backup.questionnaire_changed": (
        "{path}：备份中的问卷 {id} 已损坏或被改动；未做任何更改",
        "{path}: the questionnaire {id} in the backup is damaged or changed; nothing was changed",
    ),
    "backup.row": ("行", "row"),
    "backup.bad_row": (
        "{path}：备份中有本应用无法读取的一行（{table} 第 {rowid} 行，{where}：{problem}）；未做任何更改",
        "{path}: the backup holds a row this app cannot read ({table} row {rowid}, {where}: {problem}); "
        "nothing was changed",
    ),
    "backup.cannot_set_aside": (
        "{path}：无法移开已损坏的数据库（{reason}）；未做任何更改",
        "{path}: cannot move the damaged database aside ({reason}); nothing was changed",
    ),
}
