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
    # -- the provider's key file (.p12/.pfx) --
    "keys.no_file": ("{path}：密钥文件不存在", "{path}: no such key file"),
    "keys.cannot_read": (
        "{path}：无法读取密钥文件（{reason}）",
        "{path}: cannot read the key file ({reason})",
    ),
    "keys.problem": ("{source}：{problem}", "{source}: {problem}"),
    "keys.algorithm": (
        "{source}：密钥使用了本应用无法用于签名的算法（{error}）",
        "{source}: the key uses an algorithm this app cannot sign with ({error})",
    ),
    "keys.wrong_password": (
        "{source}：密码错误（或文件已损坏）",
        "{source}: the password is wrong (or the file was damaged)",
    ),
    "keys.not_pkcs12": (
        "{source}：不是 PKCS#12 密钥文件（.p12/.pfx），或文件已损坏",
        "{source}: not a PKCS#12 key file (.p12/.pfx), or the file is damaged",
    ),
    "keys.certificate": ("证书", "certificate"),
    "keys.private_key": ("私钥", "private key"),
    "keys.holds_no": (
        "{source}：文件中没有{missing}；请将证书连同私钥导出为 .p12/.pfx",
        "{source}: the file holds no {missing}; export the certificate together with its private key "
        "as .p12/.pfx",
    ),
    "keys.expired": (
        "{source}：证书已于 {day} 过期；用它签名的报告不会被接受——请向 CA 续期（或新建密钥）",
        "{source}: the certificate expired on {day}; a report signed with it would not be accepted — "
        "renew it with the CA (or make new keys)",
    ),
    "keys.not_yet_valid": (
        "{source}：证书自 {moment} UTC 起才生效（请检查本机时钟）",
        "{source}: the certificate is valid only from {moment} UTC (check this computer's clock)",
    ),
    "keys.rsa_short": (
        "{source}：RSA 密钥只有 {bits} 位；至少需要 2048 位",
        "{source}: the RSA key has {bits} bits; at least 2048 are needed",
    ),
    "keys.kind": (
        "{source}：密钥不是 RSA 或 ECDSA（P-256、P-384、P-521）；请向 CA 申请 RSA 或 ECDSA（P-256）证书",
        "{source}: the key is not RSA or ECDSA (P-256, P-384, P-521); ask the CA for an RSA or "
        "ECDSA (P-256) certificate",
    ),
    "keys.mismatch": (
        "{source}：私钥与文件中的证书不匹配",
        "{source}: the private key does not belong to the certificate in the file",
    ),
    # -- making new keys --
    "keys.name_required": ("诊断服务机构名称必填", "the provider name is required"),
    "keys.name_long": (
        "诊断服务机构名称有 {count} 个字符；证书最多允许 64 个",
        "the provider name has {count} characters; a certificate allows 64",
    ),
    "keys.password_short": (
        "请设置至少 {least} 个字符的密钥密码",
        "choose a key password of at least {least} characters",
    ),
    "keys.suffix": ("{path}：密钥文件名请以 .p12（或 .pfx）结尾", "{path}: name the key file .p12 (or .pfx)"),
    "keys.exists": (
        "{path}：文件已存在；请换一个名称，或先将其移走",
        "{path}: already exists; choose another name or move it away first",
    ),
    # -- reading a trust list --
    "trust.no_list": (
        "{path}：信任列表不存在（应为文件夹、.pem 文件或 .json 列表）",
        "{path}: no such trust list (a folder, a .pem file or a .json list)",
    ),
    "trust.too_large": (
        "{path}：作为信任列表过大（{mb} MB）",
        "{path}: too large for a trust list ({mb} MB)",
    ),
    "trust.no_file": ("{path}：文件不存在", "{path}: no such file"),
    "trust.cannot_read": ("{path}：无法读取文件（{reason}）", "{path}: cannot read the file ({reason})"),
    "trust.not_certificate": ("{path}：不是证书（PEM 或 DER）", "{path}: not a certificate (PEM or DER)"),
    "trust.pem_damaged": ("{path}：PEM 文本已损坏（{error}）", "{path}: the PEM text is damaged ({error})"),
    "trust.bad_block": (
        "{path}：第 {number} 个 PEM 块不是有效的证书",
        "{path}: PEM block {number} is not a valid certificate",
    ),
    "trust.no_certificate": (
        "{path}：其中没有证书（没有 BEGIN CERTIFICATE 块）",
        "{path}: holds no certificate (no BEGIN CERTIFICATE block)",
    ),
    "trust.not_utf8": ("{path}：信任列表必须是 UTF-8 文本", "{path}: a trust list must be UTF-8 text"),
    "trust.json": (
        "{path}:{line}:{col}: 不是有效的 JSON（{error}）",
        "{path}:{line}:{col}: not valid JSON ({error})",
    ),
    "trust.no_entries": (
        "{path}：信任列表需要“certificates”：一个 PEM 证书列表",
        '{path}: a trust list needs "certificates": a list of PEM certificates',
    ),
    "trust.entry_not_pem": (
        "{path}：列表中的第 {number} 个证书不是 PEM 文本（-----BEGIN CERTIFICATE-----…）",
        "{path}: certificate {number} of the list is not PEM text (-----BEGIN CERTIFICATE-----…)",
    ),
    "trust.entry_damaged": (
        "{path}：列表中的第 {number} 个证书 PEM 已损坏（{error}）",
        "{path}: certificate {number} of the list is damaged PEM ({error})",
    ),
    "trust.entry_kind": (
        "{path}：列表中的第 {number} 个条目是 {kind}，不是证书",
        "{path}: certificate {number} of the list is a {kind}, not a certificate",
    ),
    "trust.entry_invalid": (
        "{path}：列表中的第 {number} 个证书无效",
        "{path}: certificate {number} of the list is not a valid certificate",
    ),
    "trust.with_error": ("{problem}（{error}）", "{problem} ({error})"),
}
