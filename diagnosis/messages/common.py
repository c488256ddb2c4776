"""Messages shared by every area: lists, files, numbers."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "list.joined": ("{parts}", "{parts}"),
    "text.bilingual": ("{zh}", "{en}"),
    # -- the unified social credit code (统一社会信用代码) --
    "uscc.invalid": (
        "统一社会信用代码“{code}”无效：{reason}",
        "unified social credit code '{code}' is not valid: {reason}",
    ),
    "uscc.length": ("应为 18 位", "it must have 18 characters"),
    "uscc.characters": (
        "只能包含数字和除 I、O、Z、S、V 以外的大写字母",
        "it may only hold digits and capital letters other than I, O, Z, S and V",
    ),
    "uscc.checksum": (
        "校验码（第 18 位）与前 17 位不符",
        "the check character (the 18th) does not match the other 17",
    ),
    "uscc.component": (
        "登记管理部门代码或机构类别代码（前两位）无效",
        "the registration authority or entity type (first two characters) is not valid",
    ),
}
