"""Messages about signatures, signers, trust lists and what changed in a signed file."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- who signed --
    "signing.who": ("{name}（指纹 {fingerprint}）", "{name} (fingerprint {fingerprint})"),
    "signing.who_uscc": (
        "{name}（指纹 {fingerprint}，统一社会信用代码 {uscc}）",
        "{name} (fingerprint {fingerprint}, USCC {uscc})",
    ),
    "signing.unknown_signer": ("未知签名者", "an unknown signer"),
    "signing.unnamed_signer": ("未署名的签名者", "an unnamed signer"),
    "signing.not_signed": ("未签名", "not signed"),
    "signing.signed_by": ("由 {signer} 签名", "signed by {signer}"),
    "signing.signed_by_on": ("由 {signer} 于 {moment} 签名", "signed by {signer} on {moment}"),
    "signing.with_reasons": ("{line}：{reasons}", "{line}: {reasons}"),
    "signing.signed_file": ("{file}：已由 {signer} 签名", "{file}: signed by {signer}"),
    # -- the signer's certificate and its chain --
    "signing.signer_problem": ("由 {signer} 签名：{problem}", "signed by {signer}: {problem}"),
    "signing.untrusted": (
        "由 {signer} 签名，不在您的信任列表中",
        "signed by {signer}, not in your trust list",
    ),
    "signing.untrusted_empty": (
        "由 {signer} 签名，不在您的信任列表中（{trust}为空）",
        "signed by {signer}, not in your trust list ({trust} is empty)",
    ),
    "signing.cert_expired": (
        "签名时其证书已过期（签名时间 {moment}，证书有效期 {start} 至 {end}）",
        "its certificate had expired at the signing time {moment} (valid {start} to {end})",
    ),
    "signing.cert_not_yet_valid": (
        "签名时其证书尚未生效（签名时间 {moment}，证书有效期 {start} 至 {end}）",
        "its certificate was not yet valid at the signing time {moment} (valid {start} to {end})",
    ),
    "signing.cert_not_for_signing": (
        "其证书不能用于签名（密钥用法既无 digitalSignature 也无 nonRepudiation）",
        "its certificate is not meant for signing (no digitalSignature or nonRepudiation key usage)",
    ),
    "signing.cert_other_purpose": (
        "其证书仅用于 {purposes}（扩展密钥用法），不能用于签署文件",
        "its certificate is meant for {purposes} only (extendedKeyUsage), not for signing documents",
    ),
    "signing.cert_unreadable": ("其证书的扩展项无法读取", "its certificate's extensions cannot be read"),
    "signing.chain_revoked": ("其证书已被吊销", "its certificate was revoked"),
    "signing.chain_ca_revoked": ("其 CA 的证书已被吊销", "the certificate of its CA was revoked"),
    "signing.chain_expired": ("签名时其证书已过期", "its certificate had expired at the signing time"),
    "signing.chain_not_yet_valid": (
        "签名时其证书尚未生效",
        "its certificate was not yet valid at the signing time",
    ),
    "signing.chain_out_of_bounds": ("签名时其证书无效", "its certificate was not valid at the signing time"),
    "signing.chain_ca_invalid": ("其 CA 的某个证书无效", "a certificate of its CA is not valid"),
    "signing.chain_weak": ("其证书链使用了不安全的算法", "its certificate chain uses a weak algorithm"),
    "signing.sm2": (
        "暂不支持 SM2（国密）证书；请向 CA 申请 RSA 或 ECDSA（P-256）证书",
        "SM2 (国密) certificates are not supported yet; ask the CA for an RSA or ECDSA (P-256) certificate",
    ),
    "signing.time_in_future": (
        "签名声称的签名时间在将来（{moment}）",
        "the signature claims a signing time in the future ({moment})",
    ),
    # -- the signed PDF --
    "signing.pdf_too_large": (
        "文件过大，不是报告（{mb} MB）",
        "the file is too large to be a report ({mb} MB)",
    ),
    "signing.not_pdf": ("不是 PDF 文件", "not a PDF file"),
    "signing.empty_file": ("文件为空", "the file is empty"),
    "signing.pdf_too_deep": (
        "无法检查签名：PDF 的对象嵌套过深",
        "the signature cannot be checked: the PDF's objects are nested too deeply",
    ),
    "signing.pdf_damaged": (
        "无法检查签名：PDF 已损坏（{error}）",
        "the signature cannot be checked: the PDF is damaged ({error})",
    ),
    "signing.many_signatures": (
        "文件带有 {count} 个签名；一份报告只签名一次",
        "the file carries {count} signatures; a report is signed exactly once",
    ),
    "signing.foreign_kind": (
        "文件带有本应用无法检查的签名类型（SubFilter {kinds}）",
        "the file carries a signature of a kind this app cannot check (SubFilter {kinds})",
    ),
    "signing.content_changed": (
        "签名内容已被改动：签名与文件不再相符",
        "the signed content was changed: the signature no longer matches the file",
    ),
    "signing.value_mismatch": (
        "签名值与签名者的证书不符",
        "the signature value does not match the signer's certificate",
    ),
    "signing.not_certified": (
        "该签名未将报告认证为不允许任何改动",
        "the signature does not certify the report against any change",
    ),
    "signing.besides_signature": ("{note}（签名之外）", "{note} besides the signature"),
    "signing.partial_byte_range": (
        "签名只覆盖文件的一部分（其字节范围不是通常的形式）",
        "the signature covers only part of the file (its byte range is not the usual one)",
    ),
    "signing.leaves_out": ("签名未覆盖文件的一部分", "the signature leaves out part of the file"),
    "signing.changed_after": (
        "文件在签名后被改动（{changes}）",
        "the file was changed after it was signed ({changes})",
    ),
    "signing.update_changes": (
        "签名所在的更新除签名外还改动了报告（{changes}）",
        "the signature's own update changes the report besides signing it ({changes})",
    ),
    "signing.no_unsigned_revision": (
        "签名不是追加在已生成的报告之后",
        "the signature is not an update after the rendered report",
    ),
    "signing.does_not_hold": ("签名不成立：{reasons}", "the signature does not hold: {reasons}"),
    "signing.not_intact": ("签名不完整", "not intact"),
    "signing.refuse_failing": (
        "不签署未通过自身检查的报告：{reason}",
        "not signing a report that fails its own checks: {reason}",
    ),
    # -- detached signatures (packages) --
    "signing.cms_empty": ("签名文件为空", "the signature file is empty"),
    "signing.cms_too_large": ("签名文件过大，不是签名", "the signature file is too large to be a signature"),
    "signing.cms_invalid": ("不是有效的 CMS 签名（{error}）", "not a valid CMS signature ({error})"),
    "signing.cms_no_signed_data": (
        "不是 CMS 签名（没有 signed data）",
        "not a CMS signature (no signed data)",
    ),
    "signing.cms_attached": (
        "签名内嵌了其内容；应为分离式签名",
        "the signature embeds its own content; a detached signature is expected",
    ),
    "signing.data_changed": ("签名后数据被改动", "the signed data was changed after it was signed"),
    # -- provider keys --
    "keys.not_for_signing": (
        "{source}：该证书不能用于签署报告——{problem}；请向 CA 申请签名证书",
        "{source}: the certificate is not meant for signing reports — {problem}; ask the CA for a "
        "signing certificate",
    ),
    # -- trust lists --
    "trust.folder": ("{path} 中的信任列表", "the trust list in {path}"),
    "trust.file": ("信任列表 {name}", "the trust list {name}"),
    "trust.none": ("无信任列表", "no trust list"),
    # -- the signer and the document it signs (diagnosis.signing.binding) --
    "binding.the_report": ("报告", "the report"),
    "binding.the_package": ("评估包", "the package"),
    "binding.party": ("{name}", "{name}"),
    "binding.party_uscc": ("{name}（统一社会信用代码 {uscc}）", "{name} (USCC {uscc})"),
    "binding.party_code": ("统一社会信用代码 {uscc}", "USCC {uscc}"),
    "binding.other_provider": (
        "由 {signer} 签名，但{document}所列的诊断服务机构是 {provider}",
        "signed by {signer} but {document} names {provider}",
    ),
    "binding.names_no_provider": (
        "由 {signer} 签名，但{document}未列出诊断服务机构",
        "signed by {signer} but {document} names no provider",
    ),
    "binding.not_signing": ("不予签名：{reason}", "not signing: {reason}"),
    "binding.signed_before_finalized": (
        "签名早于报告的产生：签名时间为 {signed}，评估于 {made} 定稿",
        "signed before the report existed: the signature says {signed}, the assessment was finalized {made}",
    ),
    "binding.printed_time": (
        "报告印出的签署时间（{printed}）与签名所载时间（{signed}）不符",
        "the signing time the report prints ({printed}) is not the signature's ({signed})",
    ),
    "binding.signed_before_changed": (
        "签名早于报告的产生：签名时间为 {signed}，评估最后修改于 {made}",
        "signed before the report existed: the signature says {signed}, the assessment was last "
        "changed {made}",
    ),
    # -- what changed in a PDF (phrases inside other sentences) --
    "changes.content": ("第 {number} 页：内容被改动", "page {number}: content changed"),
    "changes.a_annotation": ("{kind} 注释", "a {kind} annotation"),
    "changes.an_annotation": ("{kind} 注释", "an {kind} annotation"),
    "changes.annotation": ("第 {number} 页：{annotation}", "page {number}: {annotation}"),
    "changes.annotation_added": ("第 {number} 页：添加了{annotation}", "page {number}: {annotation} added"),
    "changes.annotation_removed": (
        "第 {number} 页：删除了{annotation}",
        "page {number}: {annotation} removed",
    ),
    "changes.annotations_unreadable": ("无法读取其页面的注释", "the annotations of its pages cannot be read"),
    "changes.second_signature_field": (
        "第 {number} 页：第二个签名域",
        "page {number}: a second signature field",
    ),
    "changes.visible_signature": (
        "第 {number} 页：可见的签名外观（可能遮盖页面内容）",
        "page {number}: a visible signature appearance (it may cover what the page shows)",
    ),
    "changes.one_page": ("第 {numbers} 页", "page {numbers}"),
    "changes.many_pages": ("第 {numbers} 页", "pages {numbers}"),
    "changes.some_pages": ("若干页", "pages"),
    "changes.pages_removed": (
        "删除了{pages}——签名时 {before} 页，现在 {after} 页",
        "{pages} removed — {before} pages when signed, {after} now",
    ),
    "changes.pages_added": (
        "添加了{pages}——签名时 {before} 页，现在 {after} 页",
        "{pages} added — {before} pages when signed, {after} now",
    ),
    "changes.file_removed": ("内嵌文件 {name} 被删除", "the embedded file {name} was removed"),
    "changes.file_added": ("添加了内嵌文件 {name}", "the embedded file {name} was added"),
    "changes.file_replaced": ("内嵌文件 {name} 被替换", "the embedded file {name} was replaced"),
    "changes.information": ("文档信息被改动", "the document information was changed"),
    "changes.data_added": ("签名后追加了数据", "data was added after the signature"),
    "changes.page": ("第 {number} 页", "page {number}"),
    "changes.object": ("对象 {number}", "object {number}"),
    "changes.xfa": ("一个可替代页面显示的 XFA 表单", "an XFA form a viewer may show instead of the pages"),
    "changes.catalogue_replaced": ("文档目录被替换", "the document catalogue was replaced"),
    # -- a certificate described (keys show, Settings) --
    "cert.subject": ("主体：{value}", "subject:      {value}"),
    "cert.organisation": ("机构：{value}", "organisation: {value}"),
    "cert.uscc": ("统一社会信用代码：{value}", "USCC:         {value}"),
    "cert.issuer": ("颁发者：{value}", "issuer:       {value}"),
    "cert.self_signed": ("自签名", "self-signed"),
    "cert.valid": ("有效期：{start} 至 {end}（{state}）", "valid:        {start} to {end} ({state})"),
    "cert.state.expired": ("已过期", "expired"),
    "cert.state.not_yet": ("尚未生效", "not yet valid"),
    "cert.state.valid": ("有效", "valid"),
    "cert.fingerprint": ("指纹：SHA-256 {value}", "fingerprint:  SHA-256 {value}"),
    # -- signing a PDF --
    "sign.unreadable": ("不是可读的 PDF：无法签名", "not a readable PDF: cannot sign it"),
    "sign.already": (
        "该 PDF 已签名；请签署未签名的报告",
        "the PDF is already signed; sign the unsigned report instead",
    ),
    "sign.cannot": ("无法签署此 PDF（{error}）", "cannot sign this PDF ({error})"),
}
