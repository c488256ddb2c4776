"""A database with realistic sample assessments, for screenshots, benchmarks and demonstrations:
the bundled SME 2024 demo (finalized, then re-assessed after improvements), a DCMM assessment
half answered, and a few more rows for the lists."""

from __future__ import annotations

from dataclasses import dataclass

from diagnosis import paths
from diagnosis.loading.catalogue import Catalogue
from diagnosis.model.index import index_of
from diagnosis.scoring.answers import parse_answers_file
from diagnosis.scoring.sample import sample_answers, sample_notes
from diagnosis.storage.answers import set_answers
from diagnosis.storage.assessments import finalize, new_assessment, reassess
from diagnosis.storage.db import Store
from diagnosis.storage.enterprises import EnterpriseInput, add_enterprise
from diagnosis.storage.plans import set_plan

DEMO = "samples/demo-sme-digital-2024.json"
PROVIDER, ASSESSOR = "示例诊断服务机构", "张工"


@dataclass(frozen=True)
class Sample:
    sme: int  # the demo, finalized
    after: int  # its re-assessment, a draft with improvements
    dcmm: int  # DCMM, half answered


def fill(store: Store, catalogue: Catalogue) -> Sample:
    """Add the sample enterprises and assessments to `store` (an empty one, normally)."""
    demo = parse_answers_file(DEMO, (paths.resources() / DEMO).read_bytes())
    facts = demo.enterprise.model_dump()
    firm = add_enterprise(
        store,
        EnterpriseInput(
            name=facts["name"],
            uscc=facts.get("uscc"),
            industry=facts.get("industry"),
            province=facts.get("province"),
            city=facts.get("city"),
            county=facts.get("county"),
            size_class=facts.get("size_class"),
            contact_name=facts.get("contact_name"),
            contact_phone="0551-65550000",
        ),
    )
    sme = catalogue.get(demo.questionnaire.ref)
    before = new_assessment(store, sme, firm, mode="onsite", provider=PROVIDER, assessor=ASSESSOR)
    set_answers(store, before, demo.answers)
    if demo.plan is not None:
        set_plan(store, before, demo.plan, reason="the demo's diagnosis")
    finalize(store, before, force=True)
    after = reassess(store, before)
    options = index_of(sme.questionnaire).options
    set_answers(store, after, {qid: "L3" for qid in demo.answers if "L3" in options.get(qid, {})})
    dcmm = catalogue.get("dcmm")
    other = add_enterprise(
        store, EnterpriseInput(name="芜湖示例数据科技有限公司（演示数据）", province="安徽省")
    )
    answers = sample_answers(dcmm.questionnaire, "random", seed=7)
    half = dict(list(answers.items())[: len(answers) // 2])
    data = new_assessment(store, dcmm, other, mode="onsite", provider=PROVIDER, assessor=ASSESSOR)
    set_answers(store, data, half, notes=sample_notes(dcmm.questionnaire, half))
    return Sample(before, after, data)
