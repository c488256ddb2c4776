"""Fixed report wording in both languages (questionnaire text comes from the questionnaire)."""

from __future__ import annotations

from diagnosis.model import Lang

LABELS: dict[str, tuple[str, str]] = {
    "report": ("数字化诊断报告", "Digital diagnosis report"),
    "enterprise": ("企业名称", "Enterprise"),
    "uscc": ("统一社会信用代码", "Unified social credit code"),
    "industry": ("所属行业", "Industry"),
    "region": ("所在地区", "Region"),
    "size": ("企业规模", "Size"),
    "contact": ("联系人", "Contact"),
    "provider": ("诊断服务机构", "Service provider"),
    "assessor": ("评估人员", "Assessor"),
    "mode": ("评估方式", "Assessment mode"),
    "mode.self": ("企业自评估", "Self-assessment"),
    "mode.onsite": ("现场评估", "On-site assessment"),
    "date": ("报告日期", "Report date"),
    "number": ("报告编号", "Report number"),
    "questionnaire": ("评估问卷", "Questionnaire"),
    "basis": ("依据", "Basis"),
    "status": ("状态", "Status"),
    "status.draft": ("草稿（未定稿）", "Draft (not finalized)"),
    "status.finalized": ("已定稿", "Finalized"),
    "summary": ("一、评估结论", "1. Result"),
    "level": ("评估等级", "Level"),
    "not_rated": ("未达到最低等级", "Below the lowest level"),
    "total": ("总分", "Total score"),
    "decided": ("判定依据", "How the level was decided"),
    "met": ("满足", "met"),
    "unmet": ("未满足", "not met"),
    "now": ("当前", "now"),
    "radar": ("各维度得分率", "Score rate by dimension"),
    "scenes": ("场景等级", "Scene levels"),
    "scene": ("场景", "Scene"),
    "scene_level": ("等级", "Level"),
    "results": ("二、分维度结果", "2. Results by dimension"),
    "dimension": ("维度", "Dimension"),
    "score": ("得分", "Score"),
    "max": ("满分", "Max"),
    "rate": ("得分率", "Rate"),
    "strongest": ("优势项", "Strongest"),
    "weakest": ("薄弱项", "Weakest"),
    "gaps": ("三、差距与提升路径", "3. Gaps and the path to the next level"),
    "next": ("下一等级", "Next level"),
    "top": ("已达到最高等级。", "The highest level has been reached."),
    "conditions": ("尚未满足的条件", "Conditions not yet met"),
    "closest": ("。可优先提升：", ". Closest to passing: "),
    "improvements": ("最有价值的改进", "Most valuable improvements"),
    "gain": ("可增加总分", "Adds to the total"),
    "advice": ("改进建议", "Recommendations"),
    "compare": ("四、改造前后对比", "4. Before and after"),
    "before": ("改造前", "Before"),
    "after": ("改造后", "After"),
    "change": ("变化", "Change"),
    "appendix": ("五、答卷明细", "5. Answers"),
    "question": ("题目", "Question"),
    "answer": ("回答", "Answer"),
    "points": ("得分", "Points"),
    "note": ("备注", "Note"),
    "unanswered": ("未作答", "not answered"),
    "evidence": ("六、佐证材料清单", "6. Evidence register"),
    "file": ("文件名", "File"),
    "file_size": ("大小", "Size"),
    "no_evidence": ("未上传佐证材料。", "No evidence attached."),
    "method": ("七、评估方法与声明", "7. Method and disclaimer"),
    "method_text": (
        "本报告由离线诊断工具根据所附问卷版本和答卷自动计算，得分规则由问卷文件声明。",
        "This report was computed offline from the answers and the questionnaire version named "
        "below; the scoring rules are declared in the questionnaire file.",
    ),
    "qsha": ("问卷 sha256", "Questionnaire sha256"),
    "digest": ("报告数据摘要 sha256", "Report data digest sha256"),
    "verify_howto": (
        "核验方法：在任意电脑上运行 diagnosis verify 本报告.pdf，将重新计算得分并核对摘要。",
        "To verify: run `diagnosis verify this-report.pdf` on any computer; it re-scores the "
        "embedded answers and checks every digest.",
    ),
    "declarations": ("八、承诺与签章", "8. Declarations and signatures"),
    "pledge": (
        "本企业承诺：所填报的信息和提供的佐证材料真实、准确、完整，如有虚假，愿承担相应责任。",
        "The enterprise declares that the information and evidence provided are true, accurate and "
        "complete, and accepts responsibility for any false statement.",
    ),
    "sign_enterprise": (
        "企业（盖章）　法定代表人或联系人（签字）：",
        "Enterprise (seal), legal representative or contact (signature):",
    ),
    "sign_provider": (
        "诊断服务机构（盖章）　评估人员（签字）：",
        "Service provider (seal), assessor (signature):",
    ),
    "sign_date": ("日期：　　　　年　　月　　日", "Date:"),
    "page": ("第 {page} 页 共 {pages} 页", "Page {page} of {pages}"),
    "code": ("核验码", "Verification code"),
    "draft_mark": ("草稿 · 未定稿", "DRAFT · not finalized"),
}


def label(key: str, lang: Lang) -> str:
    zh, en = LABELS[key]
    return zh if lang == "zh" else en
