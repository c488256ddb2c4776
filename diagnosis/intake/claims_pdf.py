"""The claim tables as a PDF, in the diagnosis report's fonts, styles, tables and charts: with a
policy, what the Excel totals say — the amounts requested, payable and held in total and by
provider (with its volume, effect and reward), city, county (with its city) and questionnaire,
the reasons claims are held by count, and every refused document with its reason; then the
volume-and-effect totals, the table by group with a chart, the level distribution, the effect
with KPI changes, and how everything was counted. The per-claim list is in the Excel output."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate, Spacer

from diagnosis.files import write_atomic
from diagnosis.intake.claims import Claims, Group
from diagnosis.intake.ledger import Ledger, Total
from diagnosis.intake.text import BY_NAMES, local_moment, period, rate
from diagnosis.numbers import figure, share, signed
from diagnosis.report.blocks import MARGIN, WIDTH, kept_with_next, p, pairs, table
from diagnosis.report.charts import PERCENT, Point, bars
from diagnosis.report.fonts import REGULAR, register_fonts
from diagnosis.report.styles import MUTED, RULE

TITLE = "中小企业数字化诊断 补助申领汇总"
MAX_BARS = 20


def claims_pdf(claims: Claims, made_on: dt.date, book: Ledger | None = None) -> bytes:
    """The PDF bytes; `made_on` is printed as the date of the summary; `book` the claims under a
    policy (the amounts, the held and the refused)."""
    register_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=TITLE,
        creator="diagnosis",
        invariant=1,
        lang="zh-CN",
    )
    doc.build(kept_with_next(_story(claims, made_on, book)), onFirstPage=_footer, onLaterPages=_footer)
    return buffer.getvalue()


def write_claims_pdf(claims: Claims, made_on: dt.date, target: Any, book: Ledger | None = None) -> None:
    write_atomic(target, claims_pdf(claims, made_on, book), "PDF file")


def _story(claims: Claims, made_on: dt.date, book: Ledger | None) -> list[Flowable]:
    total = claims.total
    by = BY_NAMES[claims.by][0] if claims.by else None
    story: list[Flowable] = [
        p(TITLE, "cover_title"),
        Spacer(1, 4 * mm),
        p(f"期间 {period(claims.start, claims.end)}　·　汇总日期 {made_on.isoformat()}", "cover_sub"),
        Spacer(1, 8 * mm),
    ]
    if book is not None:
        story += _paying(book)
    story += [
        p("总量与效果", "h1"),
        pairs(
            [
                ("诊断企业数（每户计一次）", figure(total.enterprises)),
                ("评估份数（计入的定稿版本）", figure(total.assessments)),
                ("其中现场评估", figure(total.onsite)),
                ("成效经测量的复评企业", figure(total.with_effect)),
                ("未计为成效的复评（过早或数据未更新）", figure(total.not_measured)),
                ("等级提升 / 持平 / 下降", f"{total.up} / {total.same} / {total.down}"),
                ("佐证材料完整度（平均）", rate(total.evidence)),
                ("已签名 / 签名可信", f"{rate(total.signed)} / {rate(total.trusted)}"),
                ("计划投入合计", f"{figure(total.budget)} 万元"),
            ],
            60 * mm,
        ),
    ]
    if by and claims.groups:
        story += [p(f"按{by}", "h1"), _groups(claims.groups, total, by)]
        shown = sorted(claims.groups, key=lambda g: -g.enterprises)[:MAX_BARS]
        whole = max(total.enterprises, 1)
        points = [Point(g.name[:14], g.enterprises / whole, share(g.enterprises, whole)) for g in shown]
        story += [p(f"各{by}诊断企业占比", "h2"), bars(points, PERCENT, WIDTH, 18 * len(points) + 30)]
    story += [p("等级分布（企业最近一次评估）", "h1"), _levels(claims, by)]
    story += _effect(claims)
    story += [
        p("统计口径", "h1"),
        p(
            "每家企业按统一社会信用代码只计一次（无代码时按企业名称）。同一评估的多个修订版本都保存，"
            "只计最新的定稿版本；草稿不计。效果：同一企业同一问卷的首次评估为基线，期间内最近一次"
            "其他评估为复评，比较两者的等级与得分；复评早于改造项目结束或成效数据与基线完全相同的，"
            "不计为成效，另行列出件数。KPI 以复评时实测的基线对比首次的基线与目标。"
            "每份材料在接收时均按 diagnosis verify 的规则校验（包的完整性、重新评分、签名与信任列表、"
            "问卷是否为官方版本）；未通过的材料不计入，列于“不予受理的文件”。逐份申领明细见 Excel 输出。"
        ),
    ]
    return story


def _groups(groups: list[Group], total: Group, by: str) -> Flowable:
    header = [by, "企业", "评估", "现场", "成效", "提升", "持平", "下降", "佐证", "签名可信"]
    rows = [
        [
            g.name,
            g.enterprises,
            g.assessments,
            g.onsite,
            g.with_effect,
            g.up,
            g.same,
            g.down,
            rate(g.evidence),
            rate(g.trusted),
        ]
        for g in [*groups, total]
    ]
    widths = [40 * mm] + [(WIDTH - 40 * mm) / 9] * 9
    return table([header, *[[str(c) for c in row] for row in rows]], widths, bold_rows={len(rows)})


def _levels(claims: Claims, by: str | None) -> Flowable:
    header = [by or "范围", "问卷", "等级", "企业数"]
    rows = [[g, q, level, str(n)] for g, q, level, n in claims.levels] or [["—", "—", "—", "0"]]
    return table([header, *rows], [50 * mm, 60 * mm, 34 * mm, WIDTH - 144 * mm])


def _effect(claims: Claims) -> list[Flowable]:
    total = claims.total
    out: list[Flowable] = [p("效果：基线与复评", "h1")]
    if not total.with_effect:
        return [*out, p("期间内没有同时具有基线和复评的企业。")]
    n = max(total.up + total.same + total.down, 1)
    counts = [("等级提升", total.up), ("持平", total.same), ("下降", total.down)]
    out.append(bars([Point(name, k / n, share(k, n)) for name, k in counts], PERCENT, WIDTH, 90))
    if claims.kpis:
        rows = [
            [
                k.name,
                k.unit,
                str(k.enterprises),
                figure(k.before),
                figure(k.after),
                signed(k.after - k.before),
                f"{k.reached}/{k.enterprises}",
            ]
            for k in claims.kpis
        ]
        header = ["KPI", "单位", "企业", "基线均值", "复评均值", "变化", "达到目标"]
        widths = [44 * mm, 26 * mm] + [(WIDTH - 70 * mm) / 5] * 5
        out += [p("KPI 变化", "h2"), table([header, *rows], widths)]
    return out


def _paying(book: Ledger) -> list[Flowable]:
    """The amounts as the Excel totals state them, the reasons held, the refused documents."""
    total, policy = book.total, book.policy
    out: list[Flowable] = [
        p("拨付汇总", "h1"),
        pairs(
            [
                ("政策", policy.name),
                ("期间", period(book.start, book.end)),
                ("申领（计入的定稿评估）", f"{figure(total.claims)} 份，{figure(total.enterprises)} 家企业"),
                ("申请金额", _yuan(total.requested)),
                ("可拨付", f"{figure(total.payable_claims)} 份，{_yuan(total.payable)}"),
                ("暂缓", f"{figure(total.held_claims)} 份，{_yuan(total.held)}"),
                ("不予受理的文件", f"{figure(len(book.refused))} 份（见本节末）"),
            ],
            50 * mm,
        ),
        p("按服务机构（量、效与奖励）", "h2"),
        _money(book.by_provider, total, "服务机构", reward=True),
        p("按市", "h2"),
        _money(book.by_city, total, "市"),
        p("按县（市、区）", "h2"),
        _money(book.by_county, total, "县（市、区）", city=True),
        p("按问卷", "h2"),
        _money(book.by_questionnaire, total, "问卷"),
        p("暂缓原因（按申领数）", "h2"),
    ]
    reasons = [[r.text("zh"), str(n)] for _, r, n in book.reasons] or [["—", "0"]]
    out.append(table([["原因", "暂缓申领数"], *reasons], [WIDTH - 30 * mm, 30 * mm]))
    out.append(p("不予受理的文件", "h2"))
    refused = [[r.name, r.reason_zh, local_moment(r.received_at)] for r in book.refused]
    if refused:
        out.append(table([["文件", "原因", "收件时间"], *refused], [55 * mm, WIDTH - 90 * mm, 35 * mm]))
    else:
        out.append(p("没有不予受理的文件。"))
    return out


def _money(
    totals: list[Total], total: Total, name: str, *, reward: bool = False, city: bool = False
) -> Flowable:
    """A totals table: claims, payable and held with their amounts (a provider's volume, effect
    and reward; a county's city), and the totals row."""
    header = (["市"] if city else []) + [name, "申领", "可拨付", "暂缓", "申请金额", "可拨付金额", "暂缓金额"]
    header += ["量", "效", "奖励"] if reward else []

    def line(t: Total, last: bool = False) -> list[str]:
        cells = ([t.city] if city else []) + [t.name, figure(t.claims), figure(t.payable_claims)]
        cells += [figure(t.held_claims), figure(t.requested), figure(t.payable), figure(t.held)]
        if reward:
            volume, effect, money = (
                (sum(x.volume for x in totals), sum(x.effect for x in totals), sum(x.reward for x in totals))
                if last
                else (t.volume, t.effect, t.reward)
            )
            cells += [figure(volume), figure(effect), figure(money)]
        return cells

    rows = [line(t) for t in totals] + [line(total, last=True)]
    if city:
        rows[-1][0] = ""
    counts, money = [11 * mm] * 3, [22 * mm] * 3
    names = [22 * mm, 22 * mm] if city else [30 * mm]
    widths = names + counts + money + ([10 * mm, 10 * mm, 20 * mm] if reward else [])
    widths[0] += WIDTH - sum(widths)  # the name takes what is left
    return table([header, *rows], widths, bold_rows={len(rows)})


def _yuan(value: int) -> str:
    return f"{figure(value)} 元"


def _footer(canvas: Canvas, doc: Any) -> None:
    width, _ = A4
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setFillColor(MUTED)
    canvas.setFont(REGULAR, 8)
    canvas.line(MARGIN, 14 * mm, width - MARGIN, 14 * mm)
    canvas.drawString(MARGIN, 10 * mm, TITLE)
    canvas.drawRightString(width - MARGIN, 10 * mm, f"第 {doc.page} 页")
    canvas.restoreState()
