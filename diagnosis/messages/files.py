"""Files we write: where `-o` may point, and what is refused."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "files.is_database": (
        "{path}：这是正在使用的数据库（或其 -wal/-shm 文件）；{what}请另选文件",
        "{path}: that is the database in use (or its -wal/-shm file); choose another file for the {what}",
    ),
    "files.is_folder": (
        "{path}：这是文件夹；请写明其中的文件名",
        "{path}: that is a folder; name a file in it",
    ),
    "files.not_writable_kind": (
        "{path}：这不是普通文件，也不是可以写入数据流的设备或管道（{kind}）；{what}请另选文件",
        "{path}: not a file, nor a device or pipe to stream into ({kind}); choose a file for the {what}",
    ),
    "files.kind.block": ("块设备（磁盘）", "a block device, a disk"),
    "files.kind.socket": ("套接字", "a socket"),
    "files.kind.other": ("未知类型", "of an unknown kind"),
    "files.stream_failed": (
        "{path}：无法写入{what}（{reason}）",
        "{path}: cannot write the {what} ({reason})",
    ),
    "files.no_stream": (
        "{path}：{what}必须写入普通文件",
        "{path}: the {what} must be written to a regular file",
    ),
}
