"""What people and files hand us: ids, numbers, time zones, answers files, revisions, and a
database this version may only read."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "inputs.no_such_id": (
        "没有编号为 {id} 的{what}：编号是 1 到 {limit} 之间的整数",
        "there is no {what} {id}: ids are whole numbers from 1 to {limit}",
    ),
    "inputs.what.assessment": ("评估", "assessment"),
    "inputs.what.enterprise": ("企业", "enterprise"),
    "inputs.what.evidence": ("佐证", "evidence"),
    "inputs.number_too_long": (
        "数字 {start}… 有 {digits} 位，超过可接受的 {limit} 位",
        "the number {start}… has {digits} digits; at most {limit} are accepted",
    ),
    "inputs.bad_zone": (
        "环境变量 DIAGNOSIS_TZ 的值“{zone}”不是时区名称（应为 IANA 时区，例如 Asia/Shanghai）；"
        "时间按 {fallback} 显示",
        "DIAGNOSIS_TZ is set to '{zone}', which is no time zone (give an IANA zone such as "
        "Asia/Shanghai); times are shown in {fallback}",
    ),
    "inputs.other_questionnaire_copy": (
        "{name} 的答案基于 {ref}（sha256 {given}…），而评估 {id} 所用问卷的 sha256 为 {pinned}…："
        "问卷文件已改动却未换版本号，未载入任何答案",
        "{name} was answered against {ref} with sha256 {given}…, but assessment {id} is answered "
        "against a copy with sha256 {pinned}…: the questionnaire was changed without a new "
        "version; nothing was loaded",
    ),
    "records.last_revision": (
        "评估 #{id} 已到第 {revision} 版，不能再重新打开；请基于它新建评估（复评）",
        "assessment #{id} has reached revision {revision}, the last one; start a re-assessment "
        "from it instead",
    ),
    "inputs.read_only": ("{path} 以只读方式打开：{why}", "{path} is opened read-only: {why}"),
    "storage.cannot": ("无法{what}：{why}", "cannot {what}: {why}"),
    "storage.newer": (
        "该数据库由更新版本的本应用写入（数据库版本 {theirs}，本版本只认识到 {ours}）；请更新本应用后再修改",
        "the database was written by a newer version of this app (schema {theirs}, this version "
        "knows {ours}); update the app to change it",
    ),
    # -- records that travel (packages, reports' data, answers files) --
    "records.control": ("含有控制字符", "contains control characters"),
    "records.uscc": ("{code} 不是有效的统一社会信用代码", "{code} is not a valid unified social credit code"),
    "records.not_moment": ("{text} 不是日期和时间", "{text} is not a date and time"),
    "records.no_zone": ("{text} 没有时区", "{text} has no time zone"),
}
