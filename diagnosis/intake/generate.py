"""A realistic fictitious province for tests and the benchmark: enterprises in the 16 cities of
one province, providers serving a few cities each with their assessors, several questionnaires
(mostly the newest versions), re-assessments a year later with their figures measured again
(mostly a level up), revisions, signed and unsigned packages, a fraction of signed PDF reports.
Providers edit the drafted findings, explain the data warnings and attach most of the evidence —
and a few deliberately suspicious documents of every kind the flags look for. Deterministic for
a seed; keys are made once per folder and reused."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.serialization import Encoding
from stdnum.cn import uscc as uscc_number

from diagnosis import paths
from diagnosis.files import write_atomic
from diagnosis.intake.samples import Spec, explained, measured_again, package, provider_key, report
from diagnosis.loading.catalogue import Catalogue
from diagnosis.loading.load import Loaded, load_bytes
from diagnosis.model.index import index_of
from diagnosis.plan.draft import draft_plan
from diagnosis.plan.model import Funding, Person, Plan, Process, Visit
from diagnosis.plan.projection import projected_answers
from diagnosis.scoring.sample import sample_answers, sample_notes
from diagnosis.signing.keys import ProviderKey

PROVINCE = "安徽省"
CITIES = {
    "合肥市": ["蜀山区", "包河区", "肥西县", "长丰县"],
    "芜湖市": ["镜湖区", "鸠江区", "无为市"],
    "蚌埠市": ["龙子湖区", "怀远县"],
    "淮南市": ["田家庵区", "凤台县"],
    "马鞍山市": ["雨山区", "当涂县"],
    "淮北市": ["相山区", "濉溪县"],
    "铜陵市": ["铜官区", "枞阳县"],
    "安庆市": ["迎江区", "桐城市", "怀宁县"],
    "黄山市": ["屯溪区", "歙县"],
    "滁州市": ["琅琊区", "天长市", "全椒县"],
    "阜阳市": ["颍州区", "界首市", "太和县"],
    "宿州市": ["埇桥区", "砀山县"],
    "六安市": ["金安区", "霍邱县"],
    "亳州市": ["谯城区", "蒙城县"],
    "池州市": ["贵池区", "东至县"],
    "宣城市": ["宣州区", "宁国市", "广德市"],
}
INDUSTRIES = [
    "通用设备制造业",
    "汽车制造业",
    "电气机械和器材制造业",
    "化学原料和化学制品制造业",
    "橡胶和塑料制品业",
    "金属制品业",
    "纺织业",
    "农副食品加工业",
    "计算机、通信和其他电子设备制造业",
]
SIZES = ["中型", "小型", "小型", "微型"]
WORDS = ["精密", "智能", "新材料", "机电", "科技", "电子", "汽配", "食品", "纺织", "化工", "装备", "塑业"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
# Questionnaires by how often cities use them (the SME indicators dominate the subsidy programme):
# mostly the newest versions, some claims still on the one before (superseded, flagged).
MIX = [
    ("sme-digital-2024@1.2.0", 62),
    ("sme-digital-2024@1.1.0", 18),
    ("sme-digital-2024@1.0.0", 4),
    ("lianghua@1.1.0", 5),
    ("dcmm@2.1.0", 4),
    ("dsmm@1.1.0", 3),
    ("lianghua-upgrade@1.0.0", 4),
]
SUPPLIERS = ["软件有限公司", "工业互联网有限公司", "智能装备有限公司", "云计算有限公司", "自动化工程有限公司"]
UNEDITED = 0.02  # findings left exactly as drafted from the gaps (alike gaps draft alike text)
POOL = 12  # base answer sets per questionnaire (each with its drafted plan)
# The fictitious years lie wholly in the past (a visit may move up to 120 days past LAST_DAY):
# the intake refuses an assessment finalized in the future.
START = dt.date(2024, 3, 1)
DAYS = 420  # baselines fall in the first 14 months; re-assessments up to a year later
LAST_DAY = dt.date(2025, 11, 15)


@dataclass
class Provider:
    name: str
    uscc: str
    cities: list[str]
    assessors: list[str]
    key: ProviderKey | None = None


@dataclass
class Made:
    """What `generate` wrote: the files and, for tests, the suspicious ones by kind."""

    files: list[Path] = field(default_factory=list)
    trust: Path | None = None
    suspicious: dict[str, int] = field(default_factory=dict)
    enterprises: int = 0


def generate(
    target: Path, count: int, *, seed: int = 0, reports: float = 0.02, keys: Path | None = None
) -> Made:
    """Write `count` documents to `target` (packages/ and reports/), the trusted providers'
    certificates to `target/trust/`; `reports` is the share of assessments also (or only) handed
    in as a signed PDF. Keys live in `keys` (default `target/keys`), made once."""
    world = World(random.Random(seed), keys or target / "keys")
    trust = target / "trust"
    made = Made(trust=trust)
    trust.mkdir(parents=True, exist_ok=True)
    for provider in world.providers:
        assert provider.key is not None
        pem = provider.key.certificate.public_bytes(Encoding.PEM)
        write_atomic(trust / f"{provider.uscc}.pem", pem, "certificate")
    for n, (spec, kind) in enumerate(world.specs(count, reports)):
        name = f"{n:06d}-{spec.uid[:8]}-r{spec.revision}"
        if kind in ("package", "both"):
            made.files.append(_write(target / "packages" / f"{name}.diagpkg", package(spec)))
        if kind in ("report", "both"):
            made.files.append(_write(target / "reports" / f"{name}.pdf", report(spec)))
    made.suspicious = dict(world.suspicious)
    made.enterprises = world.enterprise_count
    return made


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


class World:
    """The fictitious province: providers, enterprises and the assessments they hand in."""

    def __init__(self, rng: random.Random, keys: Path) -> None:
        self.rng = rng
        catalogue = Catalogue([paths.bundled_questionnaires()])
        self.questionnaires = {ref: catalogue.get(ref) for ref, _ in MIX}
        self.pools: dict[str, list[tuple[dict[str, Any], Plan]]] = {}
        self.providers = [self._provider(n, keys) for n in range(12)]
        self.rogue = provider_key(keys, "冒名数字化服务有限公司", None)  # never on a trust list
        self.suspicious: dict[str, int] = {}
        self.enterprise_count = 0
        self.report_numbers: list[str] = []
        self.evidence_files: dict[str, list[tuple[str, str, bytes]]] = {}  # by questionnaire
        self.answer_sets: dict[str, list[dict[str, Any]]] = {}  # by questionnaire
        self.unofficial: dict[str, Loaded] = {}
        self.findings: dict[str, list[Any]] = {}  # the findings handed in, by questionnaire
        self.unexplained: set[str] = set()  # uids whose data warnings stay unexplained

    def _provider(self, n: int, keys: Path) -> Provider:
        name = f"{self.rng.choice(list(CITIES))[:-1]}{self.rng.choice(WORDS)}数字化服务有限公司{n + 1}部"
        # Four cities each, every city served by three providers (n, n + 4, n + 8 modulo 12 …).
        names = list(CITIES)
        cities = [names[(n % 4) + 4 * k] for k in range(4)]
        people = [f"{self.rng.choice(SURNAMES)}{self.rng.choice('工明华强伟芳军静')}{n}{k}" for k in range(6)]
        provider = Provider(name, _uscc(self.rng, "340100"), cities, people)
        provider.key = provider_key(keys, name, provider.uscc)
        return provider

    def specs(self, count: int, reports: float) -> Iterator[tuple[Spec, str]]:
        """`count` documents: baselines, re-assessments, revisions, a few suspicious ones."""
        made = 0
        while made < count:
            for spec in self._enterprise():
                if made >= count:
                    return
                roll = self.rng.random()
                kind = "package" if roll >= reports else ("both" if roll < reports / 2 else "report")
                made += 2 if kind == "both" else 1
                yield spec, kind

    def _enterprise(self) -> list[Spec]:
        """One enterprise's assessments: a baseline, sometimes a revision, sometimes a re-assessment."""
        rng = self.rng
        firm = self._firm(rng.choice(list(CITIES)))
        ref = rng.choices([r for r, _ in MIX], [w for _, w in MIX])[0]
        provider = rng.choice([p for p in self.providers if firm["city"] in p.cities] or self.providers)
        day = START + dt.timedelta(days=rng.randrange(DAYS))
        specs = self._spec(firm, self.questionnaires[ref], provider, day)
        first = specs[0]
        if rng.random() < 0.03:  # reopened and finalized again: revision 2 of the same assessment
            specs.append(self._revision(first))
        later = day + dt.timedelta(days=rng.randrange(240, 400))
        if rng.random() < 0.25 and later < LAST_DAY and first.plan is not None:
            specs.append(self._reassessment(first, provider, later))
        return specs

    def _firm(self, city: str) -> dict[str, Any]:
        rng = self.rng
        self.enterprise_count += 1
        return {
            "name": f"{city[:-1]}{rng.choice(WORDS)}{rng.choice(WORDS)}有限公司{self.enterprise_count}",
            "uscc": _uscc(rng, f"34{list(CITIES).index(city) + 1:02d}00"),
            "industry": rng.choice(INDUSTRIES),
            "province": PROVINCE,
            "city": city,
            "county": rng.choice(CITIES[city]),
            "size_class": rng.choice(SIZES),
            "contact_name": None,
            "contact_phone": None,
        }

    def _spec(
        self, firm: dict[str, Any], loaded: Loaded, provider: Provider, day: dt.date, odd: bool = True
    ) -> list[Spec]:
        """The assessment (and, for one kind of suspicious case, another enterprise's twin)."""
        rng = self.rng
        answers, plan = self._answers(loaded)
        assessor = rng.choice(provider.assessors)
        day = self._day_in(assessor, firm["city"], day, provider)
        spec = Spec(
            loaded,
            firm,
            _uid(rng),
            answers,
            dt.datetime.combine(day, dt.time(1, rng.randrange(60)), dt.UTC),  # 09:xx in Shanghai
            provider=provider.name,
            provider_uscc=provider.uscc,
            assessor=assessor,
            answer_gap=rng.uniform(25, 90),
            plan=self._plan(plan, assessor, day, firm),
            signer=provider.key,
            notes=sample_notes(loaded.questionnaire, answers),
        )
        spec.report_number = _report_number(rng, spec)
        spec.evidence = self._evidence(spec)
        specs = [spec, *(self._suspicious(spec, provider) if odd else [])]
        for made in specs:
            self.report_numbers.append(made.report_number or "")
            self.answer_sets.setdefault(made.loaded.sha256, []).append(made.answers)
            self.evidence_files.setdefault(made.loaded.sha256, []).extend(made.evidence)
            if made.plan is not None:
                self.findings.setdefault(made.loaded.sha256, []).append(made.plan.findings)
            self.explain(made)
        return specs

    def explain(self, spec: Spec) -> None:
        """The provider's note on each data warning (`samples.explained`), except where a
        suspicious case leaves them open."""
        if spec.plan is not None and spec.uid not in self.unexplained:
            spec.plan = explained(spec).plan

    def _answers(self, loaded: Loaded) -> tuple[dict[str, Any], Plan]:
        """A base answer set with its drafted plan, varied: each choice question answered as one
        of the pool's sets answered it (figures stay the base's, so they fit together)."""
        pool = self.pools.get(loaded.sha256)
        if pool is None:
            pool = []
            for k in range(POOL):
                answers = sample_answers(loaded.questionnaire, "random", seed=k)
                pool.append((answers, draft_plan(loaded.questionnaire, answers)))
            self.pools[loaded.sha256] = pool
        base, plan = self.rng.choice(pool)
        answers = dict(base)
        for qid, value in base.items():
            if isinstance(value, str | list):
                donor = self.rng.choice(pool)[0]
                answers[qid] = donor.get(qid, value)
        return answers, plan

    def _plan(self, drafted: Plan, assessor: str, day: dt.date, firm: dict[str, Any]) -> Plan:
        """The drafted plan with budgets (log-normal, about 20 万元 a project), project months and
        suppliers, the findings edited for the enterprise (a few left as drafted), KPI baselines
        measured on site, and the visits (one day, sometimes two)."""
        rng = self.rng
        projects = []
        for project in drafted.projects:
            budget = round(rng.lognormvariate(3.0, 0.6), 1)
            funding = Funding(enterprise=round(budget * 0.7, 1), subsidy=round(budget * 0.3, 1))
            start = _month(day, 1 + rng.randrange(2))
            supplier = f"{rng.choice(list(CITIES))[:-1]}{rng.choice(WORDS)}{rng.choice(SUPPLIERS)}"
            update = {"budget": budget, "funding": funding, "supplier": supplier}
            update |= {"start": start, "end": _month(day, 1 + rng.randrange(3, 8))}
            projects.append(project.model_copy(update=update))
        findings = [
            f
            if rng.random() < UNEDITED
            else f.model_copy(update={"text": f"{f.text}（现场核实：{firm['name']}{rng.choice(SEEN)}）"})
            for f in drafted.findings
        ]
        kpis = [k.model_copy(update={"baseline": _vary(rng, k.baseline)}) for k in drafted.kpis]
        days = [day - dt.timedelta(days=1), day] if rng.random() < 0.3 else [day]
        process = Process(
            visits=[Visit(date=d.isoformat(), hours=rng.choice([3.0, 4.0, 6.0])) for d in days],
            methods=["document_review", "site_inspection", "interview"],
            assessors=[Person(name=assessor, role="评估师")],
        )
        update = {"projects": projects, "kpis": kpis, "process": process, "findings": findings}
        return drafted.model_copy(update=update)

    def _day_in(self, assessor: str, city: str, day: dt.date, provider: Provider) -> dt.date:
        """The first day from `day` on which the assessor's calendar has them in `city`, and the
        day before too (a visit may take two days): one city a day, never two."""
        for shift in range(120):
            candidate = day + dt.timedelta(days=shift)
            before = candidate - dt.timedelta(days=1)
            if all(_calendar(assessor, d, provider.cities) == city for d in (candidate, before)):
                return candidate
        return day

    def _evidence(self, spec: Spec) -> list[tuple[str, str, bytes]]:
        questions = _evidence_questions(spec.loaded)
        share = self.rng.uniform(0.75, 1.0) if self.rng.random() > 0.04 else self.rng.uniform(0.1, 0.5)
        chosen = self.rng.sample(questions, int(len(questions) * share))
        return [
            (qid, f"{qid}-现场照片.png", hashlib.sha256(f"{spec.uid}:{qid}".encode()).digest() * 32)
            for qid in chosen
        ]

    def _revision(self, first: Spec) -> Spec:
        """Reopened three days later and finalized again (a new report number)."""
        spec = replace(first, revision=2, created=first.finalized + dt.timedelta(days=3))
        spec.report_number = _report_number(self.rng, spec)
        return spec

    def _reassessment(self, first: Spec, provider: Provider, day: dt.date) -> Spec:
        """About a year later: the answers as the plan's projects left them (unless the projects
        did not happen), KPIs measured again (most reach their target)."""
        assert first.plan is not None
        spec = self._spec(first.enterprise, first.loaded, provider, day, odd=False)[0]
        after = projected_answers(first.loaded.questionnaire, first.answers, first.plan)
        copied = self.rng.random() < 0.15  # handed in with the baseline's answers, figures and all
        spec.answers = dict(first.answers) if copied else measured_again(first.loaded, after, self.rng)
        spec.notes = sample_notes(first.loaded.questionnaire, spec.answers)
        spec.copied = dict(first.answers)
        measured = [
            k.model_copy(update={"baseline": k.target if self.rng.random() < 0.7 else k.baseline})
            for k in first.plan.kpis
        ]
        if spec.plan is not None:
            spec.plan = spec.plan.model_copy(update={"kpis": measured})
        self.explain(spec)
        return spec

    def _suspicious(self, spec: Spec, provider: Provider) -> list[Spec]:
        """About one assessment in 250 of each kind is made to look wrong (unsigned ones are
        common, untrusted ones rarer); returns any extra assessment the case needs."""
        rng = self.rng
        kind = rng.choices(list(ODDS), list(ODDS.values()))[0]
        extra: list[Spec] = []
        earlier_files = self.evidence_files.get(spec.loaded.sha256)
        earlier_answers = self.answer_sets.get(spec.loaded.sha256)
        if kind == "shared_evidence" and earlier_files:
            spec.evidence = [*spec.evidence, rng.choice(earlier_files)]
        elif kind == "identical_answers" and earlier_answers:
            spec.answers = dict(rng.choice(earlier_answers))
        elif kind == "fast_pace":
            spec.answer_gap = 1.5
        elif kind == "assessor_two_cities":
            extra.append(self._twin(spec, provider))
        elif kind == "repeated_report_number" and self.report_numbers:
            spec.report_number = rng.choice(self.report_numbers)
        elif kind == "unofficial_questionnaire":
            spec.loaded = self._unofficial(spec.loaded)
        elif kind == "unsigned":
            spec.signer = None
        elif kind == "untrusted":
            spec.signer = self.rogue  # naming itself: a signer must be the provider it names
            spec.provider, spec.provider_uscc = self.rogue.identity.display_name, None
        elif kind == "budget_outlier" and spec.plan and spec.plan.projects:
            projects = spec.plan.projects
            big = projects[0].model_copy(update={"budget": 5000.0, "funding": None})
            spec.plan = spec.plan.model_copy(update={"projects": [big, *projects[1:]]})
        elif kind == "identical_findings" and spec.plan and self.findings.get(spec.loaded.sha256):
            pasted = rng.choice(self.findings[spec.loaded.sha256])
            spec.plan = spec.plan.model_copy(update={"findings": list(pasted)})
        elif kind == "self_supplier" and spec.plan and spec.plan.projects:
            own = spec.plan.projects[0].model_copy(update={"supplier": provider.name})
            spec.plan = spec.plan.model_copy(update={"projects": [own, *spec.plan.projects[1:]]})
        elif kind == "fast_pace_from_file":
            spec.from_file = True
        elif kind == "unresolved_warnings":
            self.unexplained.add(spec.uid)
        else:
            kind = "none"
        if kind != "none":
            self.suspicious[kind] = self.suspicious.get(kind, 0) + 1
        return extra

    def _twin(self, spec: Spec, provider: Provider) -> Spec:
        """Another enterprise in another city, assessed by the same assessor on the same day."""
        city = next(c for c in CITIES if c != spec.enterprise["city"])
        firm = self._firm(city)
        answers, plan = self._answers(spec.loaded)
        assert spec.plan is not None
        twin = replace(spec, enterprise=firm, uid=_uid(self.rng), answers=answers, evidence=[])
        twin.plan = plan.model_copy(update={"process": spec.plan.process})
        twin.report_number = _report_number(self.rng, twin)
        return twin

    def _unofficial(self, loaded: Loaded) -> Loaded:
        """The questionnaire under a version number no official release has."""
        if loaded.sha256 not in self.unofficial:
            q = loaded.questionnaire
            raw = loaded.raw.replace(f"\nversion: {q.version}\n".encode(), b"\nversion: 9.9.9\n", 1)
            self.unofficial[loaded.sha256] = load_bytes(f"{q.id} 9.9.9", raw, use_cache=False)
        return self.unofficial[loaded.sha256]


ODDS = {
    "none": 0.884,
    "shared_evidence": 0.004,
    "identical_answers": 0.004,
    "fast_pace": 0.004,
    "assessor_two_cities": 0.004,
    "repeated_report_number": 0.004,
    "unofficial_questionnaire": 0.002,
    "unsigned": 0.06,
    "untrusted": 0.01,
    "budget_outlier": 0.004,
    "identical_findings": 0.004,
    "self_supplier": 0.004,
    "fast_pace_from_file": 0.004,  # answers loaded from a file at once count for the pace
    "unresolved_warnings": 0.004,
}
SEEN = ["生产现场", "车间设备台账", "信息系统演示", "管理制度文件", "财务报表"]


def _evidence_questions(loaded: Loaded) -> list[str]:
    """The questions that call for evidence."""
    index = index_of(loaded.questionnaire)
    return [qid for qid, q in index.questions.items() if q.evidence is not None and q.kind != "derived"]


def _calendar(assessor: str, day: dt.date, cities: list[str]) -> str:
    """Where an assessor works on a day: one of the provider's cities, fixed per day."""
    digest = hashlib.sha256(f"{assessor}|{day.isoformat()}".encode()).digest()
    return cities[digest[0] % len(cities)]


def _uscc(rng: random.Random, region: str) -> str:
    body = "91" + region + "".join(rng.choice(USCC_ALPHABET) for _ in range(9))
    return body + uscc_number.calc_check_digit(body)


USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def _uid(rng: random.Random) -> str:
    return f"{rng.getrandbits(128):032x}"


def _report_number(rng: random.Random, spec: Spec) -> str:
    """As `diagnosis finalize` gives them: date, provider, enterprise, a random part."""
    provider = hashlib.sha256((spec.provider or "SELF").encode()).hexdigest()[:4].upper()
    random_part = "".join(rng.choice("23456789ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(6))
    return f"{spec.finalized:%Y%m%d}-{provider}-{spec.enterprise['uscc'][-6:]}-{random_part}"


def _month(day: dt.date, months: int) -> str:
    """The month `months` after `day`'s, as a plan writes it (YYYY-MM)."""
    index = day.year * 12 + day.month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _vary(rng: random.Random, value: float | None) -> float | None:
    return None if value is None else round(value * rng.uniform(0.8, 1.2), 4)
