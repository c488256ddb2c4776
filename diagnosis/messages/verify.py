"""Messages of `diagnosis verify`: the verdict lines and every reason the data checks give."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- the verdict --
    "verify.summary": (
        "通过 {code}{number}  {questionnaire}  得分 {score} / {max_score}  等级 {level}{standing}",
        "OK {code}{number}  {questionnaire}  score {score} / {max_score}  level {level}{standing}",
    ),
    "verify.standing": (
        "  未说明的核查提示 {open} 项  佐证材料 {evidence}",
        "  unexplained warnings {open}  evidence {evidence}",
    ),
    "verify.evidence": ("{attached}/{expected}（{share}）", "{attached}/{expected} ({share})"),
    "verify.failed": ("未通过 {name}", "FAILED {name}"),
    "verify.reason": ("  {reason}", "  {reason}"),
    "verify.unsigned_line": (
        "未签名：没有任何信息表明报告由谁出具（未使用信任列表）",
        "not signed: nothing shows who made this report (no trust list in use)",
    ),
    "verify.signed_line": (
        "{summary}：完整、已认证且在您的信任列表中",
        "{summary}: intact, certified and in your trust list",
    ),
    "verify.signed_later": (
        "报告生成后才签名：其页面未印出签名者",
        "signed after it was made: its pages do not print the signer",
    ),
    # -- the file and its data --
    "verify.damaged": (
        "文件已损坏，或不是本工具生成的报告（{error}）",
        "the file is damaged or not a report made by this tool ({error})",
    ),
    "verify.unreadable": ("不是可读的 PDF（{error}）", "not a readable PDF ({error})"),
    "verify.no_data": (
        "此 PDF 不含诊断数据：不是本工具生成的报告",
        "this PDF carries no diagnosis data: it is not a report made by this tool",
    ),
    "verify.invalid_data": (
        "报告内嵌的数据无效：{where}：{problem}",
        "the embedded report data is not valid: {where}: {problem}",
    ),
    "verify.digest": (
        "内嵌数据与报告的摘要不符（数据 {data}…，报告 {report}…）",
        "the embedded data does not match the report's digest (data {data}…, report {report}…)",
    ),
    "verify.questionnaire": ("问卷", "questionnaire"),
    "verify.earlier_questionnaire": ("前次评估的问卷", "earlier questionnaire"),
    "verify.questionnaire_missing": ("报告中未内嵌{which}", "the {which} is not embedded in the report"),
    "verify.questionnaire_invalid": (
        "内嵌的{which}无效：{problem}",
        "the embedded {which} is not valid: {problem}",
    ),
    "verify.questionnaire_other": (
        "内嵌的{which}（sha256 {found}…）不是作答所依据的问卷（{pinned}…）",
        "the embedded {which} (sha256 {found}…) is not the one the answers were given against ({pinned}…)",
    ),
    "verify.misfit": (
        "内嵌数据与其问卷不符：{problem}",
        "the embedded data does not fit its questionnaire: {problem}",
    ),
    "verify.item": ("{key}", "{key}"),
    "verify.item_planned": ("规划后的 {key}", "planned {key}"),
    "verify.item_earlier": ("前次的 {key}", "earlier {key}"),
    "verify.rescored": (
        "重新计分得到 {item} {fresh}，报告写的是 {stated}",
        "re-scoring gives {item} {fresh}, the report states {stated}",
    ),
    # -- the pages, rendered again --
    "verify.pages_differ": (
        "第 {pages} 页与内嵌数据生成的页面不同",
        "page(s) {pages} differ from what the embedded data renders to",
    ),
    "verify.page_count": (
        "文件有 {have} 页，而其数据生成 {should} 页",
        "the file has {have} pages where its data renders {should}",
    ),
    "verify.outside_pages": (
        "文件与其内嵌数据生成的结果不同（页面之外）",
        "the file differs from what its embedded data renders to (outside the pages)",
    ),
    "verify.appended": (
        "生成的报告之后被追加了更新（{changes}）",
        "the file was changed after it was rendered: an update follows the report ({changes})",
    ),
    "verify.bytes_added": ("报告之后追加了数据", "data was added after the report"),
    "verify.other_renderer": (
        "无法核对其页面：报告由 diagnosis {app}（reportlab {reportlab}）生成，本版本"
        "（diagnosis {our_app}，reportlab {our_reportlab}）生成的页面与之不同；请用生成它的版本核验",
        "its pages cannot be checked: the report was rendered by diagnosis {app} with reportlab "
        "{reportlab}, and this version (diagnosis {our_app}, reportlab {our_reportlab}) renders them "
        "differently; verify it with the version that made it",
    ),
    # -- the signature and the report --
    "verify.other_signer": (
        "报告列明的签名者为 {declared}…，但实际由 {signer}… 签名",
        "the report names the signer {declared}… but was signed by {signer}…",
    ),
    "verify.signer_printed_unsigned": (
        "报告页面印有签名者（{signer}），但文件没有签名：签名已被去除",
        "its pages print a signer ({signer}) but the file carries no signature: the signature was removed",
    ),
    # -- reports of format 1 (version 0.1) --
    "legacy.pages_unchecked": (
        "由本应用早期版本（报告数据格式 1）生成：本版本无法重新生成其页面，页面无法核对",
        "made by an earlier version of this app (report data format 1): this version cannot render "
        "its pages again, so they cannot be checked",
    ),
    "legacy.digest": ("内嵌数据与报告的摘要不符", "the embedded data does not match the report's digest"),
    "legacy.code_missing": (
        "第 {pages} 页缺少核验码 {code}",
        "the verification code {code} is missing from page(s) {pages}",
    ),
    "legacy.questionnaire": (
        "内嵌的问卷不是作答所依据的问卷",
        "the embedded questionnaire is not the one the answers were given against",
    ),
    # -- verify --package --
    "package.other_assessment": (
        "评估包是另一项评估（uid {package}，报告为 {report}）",
        "the package is another assessment (uid {package}, the report's {report})",
    ),
    "package.other_enterprise": (
        "评估包属于另一家企业（统一社会信用代码 {package}，报告为 {report}）",
        "the package is another enterprise's (USCC {package}, the report names {report})",
    ),
    "package.other_provider": (
        "评估包列明的诊断服务机构不同（{package}，报告为 {report}）",
        "the package names another provider ({package}, the report names {report})",
    ),
    "package.other_questionnaire": (
        "评估包依据的是另一份问卷",
        "the package was answered against another questionnaire",
    ),
    "package.other_answers": (
        "评估包中的答案与报告不同（第一处：{first}）",
        "the answers in the package differ from the report (first: {first})",
    ),
    "package.other_evidence": (
        "评估包中的证据文件与报告的证据清单不同",
        "the evidence files in the package differ from the report's evidence register",
    ),
}
