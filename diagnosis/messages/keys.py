"""Messages about setting up signing: keys, the trust list."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "trust.not_folder": (
        "信任列表 {path} 是一个文件，无法向其中添加证书；请在设置中选择一个文件夹",
        "the trust list {path} is a file, so no certificate can be added to it; choose a folder",
    ),
    "trust.added": (
        "已将证书加入信任列表：{path}",
        "certificate added to the trust list: {path}",
    ),
    "trust.already": (
        "该证书已在信任列表中：{folder}",
        "the certificate is in the trust list already: {folder}",
    ),
}
