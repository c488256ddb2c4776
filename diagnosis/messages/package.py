"""Messages of assessment packages (.zip): what an import refuses, and why."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- the archive --
    "pack.not_zip": (
        "不是诊断评估包（不是 zip 文件，或文件已损坏）",
        "not a diagnosis package (not a zip file, or a damaged one)",
    ),
    "pack.too_many": (
        "评估包含有 {count} 个文件；最多接受 {limit} 个",
        "the package has {count} files; at most {limit} are accepted",
    ),
    "pack.twice": ("评估包中 {name} 出现了两次", "the package holds {name} twice"),
    "pack.expands": (
        "{name} 解压后超过评估包允许的大小（{limit} 字节）",
        "{name} expands beyond what a package may hold ({limit} bytes)",
    ),
    "pack.zip_bomb": (
        "{name} 解压后膨胀超过 {ratio} 倍：按 zip 炸弹拒绝",
        "{name} expands more than {ratio}-fold: refusing a zip bomb",
    ),
    "pack.member_damaged": (
        "评估包中的 {name} 已损坏（{error}）",
        "{name} in the package is damaged ({error})",
    ),
    "pack.compression": (
        "评估包中的 {name} 使用了本应用无法读取的压缩方式",
        "{name} in the package uses a compression this app cannot read",
    ),
    "pack.encrypted": ("评估包中的 {name} 已加密", "{name} in the package is encrypted"),
    "pack.absolute_path": (
        "拒绝评估包中的绝对路径 {name}",
        "refusing absolute path {name} in the package",
    ),
    "pack.leaves": ("拒绝指向评估包之外的路径 {name}", "refusing path {name} that leaves the package"),
    "pack.symlink": ("拒绝评估包中的符号链接 {name}", "refusing symbolic link {name} in the package"),
    "pack.unexpected": ("评估包中有意外的文件 {name}", "unexpected file {name} in the package"),
    "pack.member_too_large": (
        "{name} 超过允许的大小（{size} 字节）",
        "{name} is larger than allowed ({size} bytes)",
    ),
    # -- its manifest and contents --
    "pack.format": (
        "不支持的评估包格式 {found}；本版本读取 {format}",
        "unsupported package format {found}; this version reads {format}",
    ),
    "pack.manifest_files": (
        "清单所列文件与评估包中的文件不一致",
        "the manifest does not list exactly the files in the package",
    ),
    "pack.altered_member": (
        "{name} 与清单中的 sha256 不符：评估包已被改动",
        "{name} does not match its sha256 in the manifest: the package was altered",
    ),
    "pack.missing": ("评估包中没有 {name}", "the package has no {name}"),
    "pack.questionnaire_altered": (
        "评估包中的问卷不是 sha256 为 {sha}… 的 {id} {version}：已被改动",
        "the package's questionnaire is not {id} {version} with sha256 {sha}…: it was altered",
    ),
    "pack.questionnaire_invalid": (
        "评估包中的问卷无效：{problem}",
        "the package's questionnaire is not valid: {problem}",
    ),
    "pack.history_without_plan": (
        "评估包有方案的修改记录却没有方案",
        "the package has a plan history but no plan",
    ),
    "pack.plan_misfit": (
        "plan.json 与问卷不符：{problem}",
        "plan.json does not fit the questionnaire: {problem}",
    ),
    "pack.unknown_answer": ("答案所属的题目 {question} 不存在", "answer to unknown question {question}"),
    "pack.two_answers": ("题目 {question} 有两个答案", "two answers to {question}"),
    "pack.the_answer": ("题目 {question} 的答案", "the answer to {question}"),
    "pack.answer_problem": ("题目 {question} 的答案：{problem}", "answer to {question}: {problem}"),
    "pack.unknown_history": (
        "修改记录或佐证所属的题目 {question} 不存在",
        "history or evidence for unknown question {question}",
    ),
    "pack.evidence_hash": (
        "佐证文件 {sha}… 与其文件名的哈希不符：评估包已被改动",
        "evidence file {sha}… does not hash to its name: the package was altered",
    ),
    "pack.evidence_missing": (
        "佐证 {name} 已列出，但评估包中没有",
        "evidence {name} is listed but missing from the package",
    ),
    "pack.evidence_size": (
        "佐证 {name} 声明为 {declared} 字节，实际为 {actual} 字节",
        "evidence {name} declares {declared} bytes but holds {actual}",
    ),
    "pack.evidence_too_large": (
        "佐证 {name} 超过 {limit} MB 的上限",
        "evidence {name} is larger than the {limit} MB limit",
    ),
    "pack.evidence_unlisted": (
        "佐证文件 {sha}… 在评估包中但未列出",
        "evidence file {sha}… is in the package but not listed",
    ),
    "pack.other_enterprise": (
        "该评估包延续的评估在这里属于另一家企业（{owner}）；拒绝将两者混在一起"
        "（导入时使用 --if-exists copy 可另存一份）",
        "this package continues an assessment that belongs to another enterprise here ({owner}); "
        "refusing to mix them (import with --if-exists copy to keep it apart)",
    ),
    "pack.already_here": (
        "该评估已在这里，编号 #{id}；请重新导入并选择跳过或保留两份（--if-exists skip|copy）",
        "this assessment is already here as #{id}; import again choosing to skip it or to keep both "
        "(--if-exists skip|copy)",
    ),
    "pack.other_copy": (
        "评估包中的问卷 {id} {version}（sha256 {sha}…）与本应用已知的 {id} {version}（sha256 {other}…）"
        "不同：拒绝被改动的副本",
        "the package's questionnaire {id} {version} (sha256 {sha}…) differs from the {id} {version} "
        "this app knows (sha256 {other}…): refusing an altered copy",
    ),
    "pack.invalid": (
        "评估包中的 {name} 无效：{where}：{problem}",
        "{name} in the package is not valid: {where}: {problem}",
    ),
    "pack.not_records": (
        "评估包中的 {name} 不是记录列表",
        "{name} in the package is not a list of records",
    ),
    "pack.in_package": ("{problem}（在评估包中）", "{problem} (in the package)"),
}
