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
    "files.cannot_read": ("{path}：无法读取{what}（{reason}）", "{path}: cannot read the {what} ({reason})"),
    "files.not_regular": (
        "{path}：这不是普通文件；请选择{what}本身",
        "{path}: not a regular file; choose the {what} itself",
    ),
    "files.too_large": (
        "{path}：{what}大小为 {size}；最多接受 {limit}",
        "{path}: the {what} is {size}; at most {limit} is accepted",
    ),
    "files.grew": ("{path}：{what}超过 {limit}", "{path}: the {what} is larger than {limit}"),
    "files.bytes": ("{size} 字节", "{size} bytes"),
    "files.cannot_write": (
        "{path}：无法写入{what}（{reason}）",
        "{path}: cannot write the {what} ({reason})",
    ),
    "files.write_failed": (
        "{path}：无法写入{what}（{reason}）；原有文件保持不变",
        "{path}: cannot write the {what} ({reason}); any earlier file is unchanged",
    ),
    # -- what a file is (the {what} above) --
    "files.what.file": ("文件", "file"),
    "files.what.output": ("输出文件", "output"),
    "files.what.backup": ("备份", "backup"),
    "files.what.report": ("报告", "report"),
    "files.what.signed_report": ("签名后的报告", "signed report"),
    "files.what.evidence": ("佐证文件", "evidence file"),
    "files.what.key": ("密钥文件", "key file"),
    "files.what.certificate": ("证书", "certificate"),
    "files.what.package": ("评估包", "package"),
    "files.what.excel": ("Excel 文件", "Excel file"),
    "files.what.answers": ("答案文件", "answers file"),
    "files.what.plan": ("方案文件", "plan file"),
    "files.what.document": ("文件", "document"),
    "files.what.pdf": ("PDF 文件", "PDF file"),
    "files.what.questionnaire": ("问卷文件", "questionnaire file"),
    # -- JSON we read (answers files, plans, packages) --
    "json.key_twice": ("同一对象中键 {key} 出现了两次", "the key {key} appears twice in one object"),
    "json.too_large": ("数字 {number} 过大", "the number {number} is too large"),
    "json.constant": ("{text} 不是 JSON 允许的数字", "{text} is not a number JSON allows"),
    "json.not_utf8": ("{name}：不是 UTF-8 文本", "{name}: not UTF-8 text"),
    "json.syntax": (
        "{name}:{line}:{col}: 无效的 JSON：{error}",
        "{name}:{line}:{col}: invalid JSON: {error}",
    ),
    "json.refused": ("{name}：{problem}", "{name}: {problem}"),
    "json.too_deep": ("{name}：嵌套超过 {limit} 层", "{name}: nested more than {limit} levels deep"),
}
