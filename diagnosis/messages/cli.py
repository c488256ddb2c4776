"""Messages of the command line: usage the commands refuse, and what they report on stderr or
as a sentence on stdout (data they print — ids, tables, JSON — is not here)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- usage --
    "cli.give_question": ("请给出题目 QUESTION（或 --from FILE）", "give a QUESTION (or --from FILE)"),
    "cli.give_value": (
        "请给出 VALUE、--note、--clear 或 --review",
        "give a VALUE, --note, --clear or --review",
    ),
    "cli.from_alone": (
        "--from 会从文件中取出所有答案：请不要再给出题目 QUESTION 或其他选项",
        "--from takes every answer from the file: give no QUESTION or other option",
    ),
    "cli.preview_needs_to": (
        "--preview 需要 --to VERSION（同一版本的复评会沿用全部答案）",
        "--preview needs --to VERSION (a re-assessment on the same version carries everything)",
    ),
    "cli.give_answers": (
        "请给出答案文件（或 -）或 --assessment ID",
        "give an answers file (or -) or --assessment ID",
    ),
    "cli.give_assessment": ("请给出评估编号 ID", "give the assessment ID"),
    "cli.save_with_draft": ("--save 需与 --draft 一起使用", "--save goes with --draft"),
    "cli.stdin_too_large": (
        "<stdin>：超过 {mb} MB；请提供更小的{what}",
        "<stdin>: more than {mb} MB; give a smaller {what}",
    ),
    "cli.argparse": ("{prog}：错误：{message}", "{prog}: error: {message}"),
    # -- what a command did --
    "cli.answers_changed": (
        "已修改 {answers} 个答案和 {notes} 条备注",
        "{answers} answers and {notes} notes changed",
    ),
    "cli.all_answered": ("已全部作答", "all answered"),
    "cli.carried": (
        "已将 {answers} 个答案转到 {questionnaire} {version}；{dropped} 个未能沿用；{open} 道题待答{first}",
        "carried {answers} answers to {questionnaire} {version}; {dropped} left behind; {open} questions "
        "to answer{first}",
    ),
    "cli.carried_first": ("（第一道：{question}）", " (first: {question})"),
    "cli.package_from": ("评估包{summary}", "package {summary}"),
    "cli.restored": ("已用 {source} 恢复 {target}", "restored {target} from {source}"),
    "cli.kept": ("恢复前的数据库保存在 {path}", "the database as it was is kept in {path}"),
    # -- answers files and questionnaires --
    "cli.answers_for": ("这些答案针对的是 {ref}，而不是 {pinned}", "the answers are for {ref}, not {pinned}"),
    "cli.answers_other_copy": (
        "这些答案基于 {ref}（sha256 {given}…），而此处的问卷为 {have}…：问卷文件已改动却未换版本号",
        "the answers were given against {ref} with sha256 {given}…, but this copy has {have}…: the "
        "questionnaire file was changed without a new version",
    ),
    "cli.no_such_path": ("{path}：文件或文件夹不存在", "{path}: no such file or folder"),
    "cli.also_defined": (
        "{path}:1:1: {id} {version} 也在 {other} 中定义",
        "{path}:1:1: {id} {version} is also defined in {other}",
    ),
    "cli.valid": ("通过  {path}  {ref}  sha256 {sha}", "ok  {path}  {ref}  sha256 {sha}"),
    "cli.in_file": ("{path}:1:1: {problem}", "{path}:1:1: {problem}"),
    # -- keys and signing --
    "cli.key_made": (
        "密钥：      {path}（机密：它以您的名义签署报告；请妥善备份）",
        "key:         {path}  (secret: it signs reports in your name; keep a backup)",
    ),
    "cli.certificate_made": (
        "证书：      {path}（公开：请交给市或省主管部门加入其信任列表）",
        "certificate: {path}  (public: give it to the city or province for its trust list)",
    ),
    "cli.fingerprint": ("指纹：      SHA-256 {value}", "fingerprint: SHA-256 {value}"),
    "cli.already_signed": (
        "{path}：已签名；请签署未签名的报告",
        "{path}: already signed; sign the unsigned report instead",
    ),
    "cli.no_password": (
        "没有 {path} 的密码：请设置 {variable}，或在终端中运行此命令以输入密码",
        "no password for {path}: set {variable}, or run the command in a terminal to be asked",
    ),
    "cli.password_prompt": ("{path} 的密码：", "Password for {path}: "),
    "cli.password_again": ("请再输入一次密码：", "The same password again: "),
    "cli.passwords_differ": (
        "两次输入的密码不一致；未写入任何文件",
        "the two passwords differ; nothing was written",
    ),
    "cli.not_readable_pdf": ("{path}：不是可读的 PDF", "{path}: not a readable PDF"),
    "cli.not_our_report": (
        "{path}：不是本工具生成的报告（其中没有 {payload}）；未签名",
        "{path}: not a report made by this tool (it carries no {payload}); not signed",
    ),
    "cli.no_file": ("{path}：文件不存在", "{path}: no such file"),
    "cli.cannot_read": ("{path}：无法读取文件（{reason}）", "{path}: cannot read the file ({reason})"),
}
