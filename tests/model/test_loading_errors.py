"""Broken questionnaire files: every problem, located, in one go; never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from diagnosis.errors import QuestionnaireError
from diagnosis.loading.load import load_bytes, load_file

BROKEN = Path(__file__).parent.parent / "fixtures" / "broken"


def problems(path: Path) -> list[str]:
    with pytest.raises(QuestionnaireError) as caught:
        load_file(path, use_cache=False)
    return [line.replace(str(BROKEN) + "/", "") for line in caught.value.lines]


def test_model_errors_are_all_reported_with_line_column_and_path() -> None:
    assert problems(BROKEN / "many-problems.yaml") == [
        "many-problems.yaml:3:1: Input should be a valid string (at version)",
        "many-problems.yaml:7:1: unknown field 'colour' (at colour)",
        "many-problems.yaml:11:15: Input should be 'sum', 'mean', 'weighted_mean', 'ladder' or 'none' "
        "(at dimensions[0].scoring.method)",
        "many-problems.yaml:17:44: Input should be a valid number, unable to parse string as a number "
        "(at dimensions[0].questions[0].options[0].points)",
        "many-problems.yaml:18:9: Input tag 'singel' found using 'kind' does not match any of the expected "
        "tags: 'single', 'multiple', 'yesno', 'level', 'number', 'percentage', 'derived', 'text' "
        "(at dimensions[0].questions[1])",
    ]


def test_references_translations_and_reachability() -> None:
    assert problems(BROKEN / "refs.yaml") == [
        "refs.yaml:8:3: unknown question or dimension 'ghost' (at question_sets.s)",
        "refs.yaml:11:5: missing English text (en) (at dimensions[0].name)",
        "refs.yaml:19:9: a yes/no question needs options with ids 'yes' and 'no' "
        "(at dimensions[0].questions[1])",
        "refs.yaml:19:9: duplicate id 'q1' (at dimensions[0].questions[1].id)",
        "refs.yaml:22:31: unknown question 'q9' (at dimensions[0].questions[1].visible_if.answer.question)",
        "refs.yaml:28:9: question 'q3' can never be visible (at dimensions[0].questions[2].visible_if)",
        "refs.yaml:29:39: band bound 20 lies outside the question's range "
        "(at dimensions[0].questions[2].bands[1])",
        "refs.yaml:33:9: formula may only use numbers, question ids, + - * / and min/max/abs/round, "
        "not '__import__('os').system('x')' (at dimensions[0].questions[3].formula)",
        "refs.yaml:35:5: level 'top' can never be reached: it needs a score of at least 50 in 'total', "
        "whose maximum is 6 (at levels[0])",
        "refs.yaml:38:5: level 'scenes' can never be reached: at most 0 members of 's' can pass, it needs 3 "
        "(at levels[1])",
    ]


def test_yaml_syntax_error_is_located() -> None:
    assert problems(BROKEN / "syntax.yaml")[-1] == (
        "syntax.yaml:4:8: YAML syntax error: while parsing a flow mapping: did not find expected ',' or '}'"
    )


def test_duplicate_keys_are_not_silently_overwritten() -> None:
    assert problems(BROKEN / "duplicate-keys.yaml") == ["duplicate-keys.yaml:15:9: duplicate key 'required'"]


def test_empty_binary_and_non_utf8_files() -> None:
    assert problems(BROKEN / "empty.yaml") == ["empty.yaml:1:1: the file is empty"]
    with pytest.raises(QuestionnaireError) as caught:
        load_bytes("x.yaml", b"\x89PNG\r\n\x1a\n\x00\x00", use_cache=False)
    assert caught.value.lines == ["x.yaml:1:1: this is a binary file, not YAML text"]
    with pytest.raises(QuestionnaireError) as caught:
        load_bytes("gbk.yaml", "id: 测试\n".encode("gbk"), use_cache=False)
    assert caught.value.lines == ["gbk.yaml:1:5: not UTF-8 text (byte 0xb2); save the file as UTF-8"]


def test_a_list_at_the_top_is_refused() -> None:
    with pytest.raises(QuestionnaireError) as caught:
        load_bytes("list.yaml", b"- a\n- b\n", use_cache=False)
    assert caught.value.lines == ["list.yaml:1:1: the top level must be a mapping of fields"]


def test_conflicting_visibility_and_unknown_options(tmp_path: Path) -> None:
    text = (Path(__file__).parent.parent / "fixtures" / "valid" / "mini.yaml").read_text(encoding="utf-8")
    text = text.replace(
        'visible_if: {answer: {question: has_erp, equals: "yes"}}',
        'visible_if: {answer: {question: has_erp, equals: "maybe"}}',
    )
    with pytest.raises(QuestionnaireError) as caught:
        load_bytes("mini.yaml", text.encode(), use_cache=False)
    assert caught.value.lines == [
        "mini.yaml:64:50: 'has_erp' has no option 'maybe' "
        "(at dimensions[1].questions[2].visible_if.answer.equals)"
    ]


def test_prefill_maps_onto_this_questions_options_only() -> None:
    text = (Path(__file__).parent.parent / "fixtures" / "valid" / "mini.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "        text: {zh: 所属行业, en: Sector}\n",
        "        text: {zh: 所属行业, en: Sector}\n"
        "        prefill: {questionnaire: other, question: industry, map: {C13: food, C34: steel}}\n",
    )
    both = text.replace(
        "        text: {zh: 设备总数, en: Devices in total}\n",
        "        text: {zh: 设备总数, en: Devices in total}\n"
        "        prefill: {questionnaire: other, result: level, question: devices}\n",
    )
    with pytest.raises(QuestionnaireError) as caught:
        load_bytes("mini.yaml", both.encode(), use_cache=False)
    assert caught.value.lines == [
        "mini.yaml:73:9: give question or result: level, not both (at dimensions[1].questions[3].prefill)"
    ]
    mapped_figure = text.replace(
        "        text: {zh: 数字化设备数, en: Digital devices}\n",
        "        text: {zh: 数字化设备数, en: Digital devices}\n"
        "        prefill: {questionnaire: other, question: digital, map: {a: b}}\n",
    )
    with pytest.raises(QuestionnaireError) as caught:
        load_bytes("mini.yaml", mapped_figure.encode(), use_cache=False)
    assert caught.value.lines == [
        "mini.yaml:42:78: 'sector' has no option 'steel' (at dimensions[0].questions[0].prefill.map.C34)",
        "mini.yaml:78:60: 'map' needs a choice question (at dimensions[1].questions[4].prefill.map)",
    ]


def test_format_3_fields_are_refused_in_older_formats() -> None:
    """Fields that change what a result means exist from format 3 on: a format 1 or 2 file keeps
    its meaning, so it cannot use them."""
    assert problems(BROKEN / "format3-fields.yaml") == [
        "format3-fields.yaml:7:1: 'level_rule' needs format diagnosis-questionnaire/3 (at level_rule)",
        "format3-fields.yaml:15:5: 'number' needs format diagnosis-questionnaire/3 (at dimensions[0].number)",
        "format3-fields.yaml:17:31: 'implied_by_next' needs format diagnosis-questionnaire/3 "
        "(at dimensions[0].scoring.implied_by_next)",
        "format3-fields.yaml:19:78: 'skippable' needs format diagnosis-questionnaire/3 "
        "(at dimensions[0].questions[0].skippable)",
        "format3-fields.yaml:20:78: 'deviation' needs format diagnosis-questionnaire/3 "
        "(at dimensions[0].questions[1].deviation)",
        "format3-fields.yaml:25:34: 'at_most' needs format diagnosis-questionnaire/3 "
        "(at dimensions[1].questions[1].at_most)",
        "format3-fields.yaml:27:15: 'hard' needs format diagnosis-questionnaire/3 (at checks[0].hard)",
        "format3-fields.yaml:28:30: 'contains' or 'given' needs format diagnosis-questionnaire/3 "
        "(at checks[1].warn_if.enterprise)",
    ]


def test_format_3_fields_are_checked() -> None:
    assert problems(BROKEN / "format3-refs.yaml") == [
        "format3-refs.yaml:7:50: unknown question set 'items' (at level_rule.weakest.of)",
        "format3-refs.yaml:16:31: 'implied_by_next' names levels from 1 to 1 "
        "(a level below the ladder's top) (at dimensions[0].scoring.implied_by_next)",
        "format3-refs.yaml:18:78: 'skippable' is for a ladder criterion that offers a not-applicable answer "
        "(at dimensions[0].questions[0].skippable)",
        "format3-refs.yaml:22:28: 'implied_by_next' is only used in a ladder "
        "(at dimensions[1].scoring.implied_by_next)",
        "format3-refs.yaml:25:34: 'at_most' names another number question, not 'ghost' "
        "(at dimensions[1].questions[1].at_most)",
        "format3-refs.yaml:26:63: 'skippable' is for a ladder criterion that offers a not-applicable answer "
        "(at dimensions[1].questions[2].skippable)",
        "format3-refs.yaml:28:16: 'voids' is for a hard check (hard: true) (at checks[0].voids)",
        "format3-refs.yaml:29:30: unknown question 'phantom' (at checks[1].voids)",
    ]
