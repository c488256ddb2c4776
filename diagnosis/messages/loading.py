"""Messages of reading a questionnaire file: where a problem is, what YAML, the model, the
whole-file checks and the formulas refuse, and which files the catalogue skipped."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- a located problem: FILE:LINE:COL: message (at path) --
    "loading.located": ("{file}:{line}:{col}: {message}{where}", "{file}:{line}:{col}: {message}{where}"),
    "loading.at": ("（位置 {path}）", " (at {path})"),
    "loading.too_large": ("文件超过 {mb} MB", "larger than {mb} MB"),
    # -- the text and its YAML --
    "loading.empty": ("文件为空", "the file is empty"),
    "loading.binary": ("这是二进制文件，不是 YAML 文本", "this is a binary file, not YAML text"),
    "loading.not_utf8": (
        "不是 UTF-8 文本（字节 0x{byte}）；请将文件另存为 UTF-8",
        "not UTF-8 text (byte 0x{byte}); save the file as UTF-8",
    ),
    "loading.long_number": (
        "数字 {start}… 有 {digits} 位，过大",
        "the number {start}… has {digits} digits; too large",
    ),
    "loading.yaml_syntax": ("YAML 语法错误：{what}", "YAML syntax error: {what}"),
    "loading.yaml_error": ("YAML 错误：{error}", "YAML error: {error}"),
    "loading.yaml_parts": ("{context}{problem}", "{context}: {problem}"),
    "loading.duplicate_key": ("键“{key}”重复", "duplicate key '{key}'"),
    "loading.no_data": ("文件中没有数据", "the file holds no data"),
    "loading.not_mapping": ("顶层必须是字段映射", "the top level must be a mapping of fields"),
    "loading.yaml_bomb": (
        "文档（经别名展开）超过 {limit} 个值；按 YAML 炸弹拒绝",
        "this document expands (through aliases) beyond {limit} values; refusing it as a YAML bomb",
    ),
    "loading.alias_cycle": (
        "别名引用了包含它自身的值（无限嵌套）",
        "an alias refers to a value that contains it (endless nesting)",
    ),
    # -- the catalogue of questionnaires --
    "catalogue.skipped": ("已跳过：{problem}", "skipped: {problem}"),
    "catalogue.skipped_more": (
        "已跳过：{problem}（另有 {more} 处问题；请运行：diagnosis validate {path}）",
        "skipped: {problem} (and {more} more; run: diagnosis validate {path})",
    ),
    "catalogue.redefined": (
        "{path}:1:1: {id} {version} 已在 {earlier} 中以不同内容定义；请使用新的版本号",
        "{path}:1:1: {id} {version} is already defined differently in {earlier}; give it a new version",
    ),
    "catalogue.unknown": (
        "没有问卷“{ref}”（可用：{known}）",
        "no questionnaire '{ref}' (available: {known})",
    ),
    "catalogue.none": ("无", "none"),
    # -- the model's own rules --
    "model.exactly_one": ("须且只能给出以下之一：{fields}", "give exactly one of: {fields}"),
    "model.or_both": ("须给出 {first}、{second} 或两者", "give {first}, {second} or both"),
    "model.not_both": ("{first} 与 {second} 只能给出其一", "give {first} or {second}, not both"),
    "model.comparison": ("须给出 gt、gte、lt 或 lte", "give gt, gte, lt or lte"),
    "model.options_or_answers": (
        "options 与 answers（共用的答案集）只能给出其一",
        "give either options or answers (a shared answer set), not both",
    ),
    "model.languages": ("languages 必须包含 zh", "languages must include zh"),
    # -- formulas --
    "formula.too_long": ("公式超过 {limit} 个字符", "formula is longer than {limit} characters"),
    "formula.syntax": ("公式语法错误：{error}", "formula syntax error: {error}"),
    "formula.too_deep": ("公式嵌套过深", "formula is nested too deeply"),
    "formula.nests": ("公式嵌套超过 {limit} 层运算", "formula nests more than {limit} operations deep"),
    "formula.not_allowed": (
        "公式只能使用数字、题目编号、+ - * / 和 min/max/abs/round，不能使用“{part}”",
        "formula may only use numbers, question ids, + - * / and min/max/abs/round, not '{part}'",
    ),
    "formula.one_argument": ("1 个参数", "1 argument"),
    "formula.arguments": ("{low} 到 {high} 个参数", "{low} to {high} arguments"),
    "formula.arity": ("{name}() 需要 {want}，而不是“{call}”", "{name}() takes {want}, not '{call}'"),
    "formula.round": (
        "round(x, n) 中的 n 须为 0 到 10 的整数",
        "round(x, n) needs n as a whole number from 0 to 10",
    ),
    # -- checks over the whole file --
    "check.duplicate_id": ("编号“{id}”重复", "duplicate id '{id}'"),
    "check.missing_text": ("缺少{language}文本（{lang}）", "missing {language} text ({lang})"),
    "check.language.zh": ("中文", "zh"),
    "check.language.en": ("英文", "English"),
    "check.implied_not_ladder": (
        "“implied_by_next”只用于阶梯维度",
        "'implied_by_next' is only used in a ladder",
    ),
    "check.implied_levels": (
        "“implied_by_next”所列等级须为 1 到 {top}（低于阶梯最高级）",
        "'implied_by_next' names levels from 1 to {top} (a level below the ladder's top)",
    ),
    "check.unknown_level_set": ("未知的等级集“{name}”", "unknown level set '{name}'"),
    "check.duplicate_level": ("等级编号“{id}”重复", "duplicate level id '{id}'"),
    "check.level_value": (
        "等级“{id}”需要 value：该维度是阶梯维度",
        "level '{id}' needs a value: this dimension is a ladder",
    ),
    "check.level_when": ("等级“{id}”需要“when”规则来判定", "level '{id}' needs a 'when' rule to be decided"),
    "check.recommendation_level": ("建议所对应的等级“{id}”不存在", "recommendation for unknown level '{id}'"),
    "check.level_not_ladder": ("“level”只用于阶梯维度", "'level' is only used in a ladder dimension"),
    "check.weighted_mean": (
        "weighted_mean 需要权重大于 0 的子维度",
        "weighted_mean needs child dimensions with a weight above 0",
    ),
    "check.ladder_question": (
        "阶梯中的每道题都需要“level”和选项",
        "every question of a ladder needs a 'level' and options",
    ),
    "check.ladder_empty": ("阶梯维度需要条款题目", "a ladder dimension needs criteria questions"),
    "check.ladder_gap": ("阶梯在第 {level} 级没有条款", "ladder has no criteria at level {level}"),
    "check.skippable": (
        "“skippable”只用于提供“不适用”选项的阶梯条款",
        "'skippable' is for a ladder criterion that offers a not-applicable answer",
    ),
    "check.at_most": (
        "“at_most”须指向另一道数值题，而不是“{id}”",
        "'at_most' names another number question, not '{id}'",
    ),
    "check.prefill_computed": ("计算题不能预填", "a computed question cannot be prefilled"),
    "check.prefill_map": ("“map”需要选择题", "'map' needs a choice question"),
    "check.no_option": ("“{question}”没有选项“{option}”", "'{question}' has no option '{option}'"),
    "check.needs_format": ("“{field}”需要格式 {format}", "'{field}' needs format {format}"),
    "check.unknown_answer_set": ("未知的答案集“{name}”", "unknown answer set '{name}'"),
    "check.duplicate_option": ("选项编号“{id}”重复", "duplicate option id '{id}'"),
    "check.level_options": (
        "等级题的每个选项都需要“level”",
        "every option of a level question needs a 'level'",
    ),
    "check.yesno": (
        "是非题需要编号为“yes”和“no”的选项",
        "a yes/no question needs options with ids 'yes' and 'no'",
    ),
    "check.exclusive": (
        "“exclusive”选项只用于多选题",
        "'exclusive' options only make sense in multiple choice",
    ),
    "check.min_max": ("min {low} 须小于 max {high}", "min {low} must be below max {high}"),
    "check.band_unbounded": ("只有最后一档可以没有上限", "only the last band may have no bound"),
    "check.band_order": ("各档上限须逐档递增", "band bounds must rise from one band to the next"),
    "check.band_range": (
        "档位上限 {bound} 超出题目的取值范围",
        "band bound {bound} lies outside the question's range",
    ),
    "check.band_end": (
        "超过最后一档的数值不得分：请以一个没有上限的档位结尾",
        "values above the last band get no points: end with a band without a bound",
    ),
    "check.formula_unknown": ("公式使用了未知题目“{id}”", "formula uses unknown question '{id}'"),
    "check.formula_other": (
        "公式只能使用其他数值题，不能使用“{id}”",
        "formula may only use other number questions, not '{id}'",
    ),
    "check.formula_numbers": (
        "此处公式只能使用数值题，不能使用“{id}”",
        "formula may only use number questions here, not '{id}'",
    ),
    "check.enterprise_condition": (
        "企业条件只能用于 `checks`",
        "an enterprise condition may only be used in `checks`",
    ),
    "check.duplicate_kpi": ("成效指标编号“{id}”重复", "duplicate KPI id '{id}'"),
    "check.duplicate_check": ("核查编号“{id}”重复", "duplicate check id '{id}'"),
    "check.unknown_question": ("未知题目“{id}”", "unknown question '{id}'"),
    "check.unknown_here": ("本版本中没有题目“{id}”", "unknown question '{id}' in this version"),
    "check.voids": ("“voids”只用于硬性核查（hard: true）", "'voids' is for a hard check (hard: true)"),
    "check.unknown_set": ("未知的题目集“{name}”", "unknown question set '{name}'"),
    "check.unknown_dimension": ("未知维度“{id}”", "unknown dimension '{id}'"),
    "check.needs_number": (
        "“{op}”需要数值题；“{question}”是 {kind}",
        "'{op}' needs a number question; '{question}' is {kind}",
    ),
    "check.needs_multiple": (
        "“includes”需要多选题；“{question}”是 {kind}",
        "'includes' needs a multiple-choice question; '{question}' is {kind}",
    ),
    "check.carry_twice": ("有两个来自 {version} 的沿用块", "two carry-over blocks from {version}"),
    "check.carry_earlier": (
        "沿用（carry-over）须来自早于 {version} 的版本",
        "carry-over must come from an earlier version than {version}",
    ),
    "check.target_level": (
        "“{id}”须为不属于任何阶梯的等级题",
        "'{id}' must be a level question outside any ladder",
    ),
    "check.no_tag": ("没有题目带有标签“{tag}”", "no question has the tag '{tag}'"),
    "check.not_choice": ("“{id}”不是选择题", "'{id}' is not a choice question"),
    "check.unknown_member": ("未知题目或维度“{id}”", "unknown question or dimension '{id}'"),
    # -- what can never be shown or reached --
    "reach.self": ("“{id}”的显示条件依赖其自身", "visibility of '{id}' depends on itself"),
    "reach.never_visible.question": ("题目“{id}”永远不会显示", "question '{id}' can never be visible"),
    "reach.never_visible.dimension": ("维度“{id}”永远不会显示", "dimension '{id}' can never be visible"),
    "reach.level": ("等级“{id}”永远无法达到：{reason}", "level '{id}' can never be reached: {reason}"),
    "reach.score_max": (
        "它需要“{id}”得分至少 {least}，而最高只有 {best}",
        "it needs a score of at least {least} in '{id}', whose maximum is {best}",
    ),
    "reach.score_below": (
        "它需要得分低于 {below}，而得分从不为负",
        "it needs a score below {below}, and scores are never negative",
    ),
    "reach.answer": ("题目“{id}”永远给不出该答案", "question '{id}' can never give that answer"),
    "reach.none_pass": ("“{name}”中没有任何一项能通过", "no member of '{name}' can pass"),
    "reach.few_pass": (
        "“{name}”中最多 {best} 项能通过，而需要 {need} 项",
        "at most {best} members of '{name}' can pass, it needs {need}",
    ),
}
