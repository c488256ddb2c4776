"""The claims intake: why a document is refused."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "intake.future": (
        "评估 {uid} 第 {revision} 版的定稿时间为 {day}，晚于今天：不予接收",
        "revision {revision} of assessment {uid} says it was finalized on {day}, which is in the "
        "future; refused",
    ),
    "intake.other_signer": (
        "评估 {uid} 此前收到的版本由“{before}”签名，本文件由“{now}”签名："
        "同一评估的修订不得更换签名机构，不予接收",
        "assessment {uid} was received signed by {before}, but this revision is signed by {now}: a "
        "revision never changes who signed; refused",
    ),
    "intake.other_enterprise": (
        "评估 {uid} 此前以另一家企业收到：修订不能把它改为这家企业",
        "assessment {uid} was received for another enterprise; a revision cannot move it to this one",
    ),
    "intake.legacy_report": (
        "旧格式（{format}）的报告：受理只接收本版本生成的报告，请改交该评估的评估包",
        "a report in the older format {format}: the intake takes reports made by this version; "
        "hand in the assessment's package instead",
    ),
    "intake.unreadable": (
        "无法读取该文件（{reason}）",
        "the document cannot be read ({reason})",
    ),
}
