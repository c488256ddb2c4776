"""YAML text → plain data, with every problem located by line and column.

Parsing uses libyaml when present (about 5x faster). Node positions are only needed when
something is wrong, so the tree of nodes is composed again on demand by `Locator`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import yaml

from diagnosis.errors import Problem
from diagnosis.messages import bilingual, msg

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DIGITS = 40  # an integer in a questionnaire or a plan (with sign and "_" separators) is shorter


class _Loader(_Base):  # type: ignore[misc]
    """A safe loader that records duplicate keys instead of silently keeping the last one."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[yaml.Node] = []

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value != "<<":
                if key_node.value in seen:
                    self.duplicates.append(key_node)
                seen.add(key_node.value)
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        """An integer, refused (located) when longer than any figure of ours: Python itself
        refuses to read one of over 4,300 digits, with a ValueError no reader expects."""
        if len(node.value) > MAX_DIGITS:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                msg("loading.long_number", start=node.value[:20], digits=len(node.value)),
                node.start_mark,
            )
        return super().construct_yaml_int(node)  # type: ignore[no-any-return]


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)


def decode(file: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    """Bytes → text, refusing empty, binary and non-UTF-8 files with a located problem."""
    if not raw.strip():
        return None, [Problem(file, 1, 1, msg("loading.empty"))]
    if b"\x00" in raw:
        return None, [Problem(file, 1, 1, msg("loading.binary"))]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        col = error.start - (before.rfind(b"\n") + 1) + 1
        byte = raw[error.start]
        return None, [Problem(file, line, col, msg("loading.not_utf8", byte=f"{byte:02x}"))]


# An anchor starts a node, so it follows a line start, a space or a flow indicator ("R&D" is text).
ANCHOR = re.compile(r"(?:^|[\s\[{,])&[^\s,\[\]{}]", re.MULTILINE)
MAX_NODES = 500_000  # the largest bundled questionnaire has ~15,000; aliases can multiply them


def parse(file: str, text: str) -> tuple[Any, list[Problem]]:
    """Text → data; YAML syntax errors, duplicate keys and alias bombs become problems."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        # Only aliases can expand a document, and an alias needs an anchor (`&name`): a file
        # without one (every bundled questionnaire) skips the walk over its ~15,000 nodes.
        bomb = _expansion(node) if node is not None and ANCHOR.search(text) else None
        if bomb is not None:
            mark = bomb[0].start_mark
            return None, [Problem(file, mark.line + 1, mark.column + 1, bomb[1])]
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        parts = [_said(str(part)) for part in (error.context, error.problem) if part]
        what = (
            msg("loading.yaml_parts", context=parts[0], problem=parts[1])
            if len(parts) == 2
            else "".join(parts)
        )
        return None, [Problem(file, line, col, msg("loading.yaml_syntax", what=what))]
    except yaml.YAMLError as error:
        return None, [Problem(file, 1, 1, msg("loading.yaml_error", error=str(error)))]
    finally:
        loader.dispose()
    problems = [
        Problem(
            file, n.start_mark.line + 1, n.start_mark.column + 1, msg("loading.duplicate_key", key=n.value)
        )
        for n in loader.duplicates
    ]
    if data is None:
        problems.append(Problem(file, 1, 1, msg("loading.no_data")))
    elif not isinstance(data, dict):
        problems.append(Problem(file, 1, 1, msg("loading.not_mapping")))
    return data, problems


# What the YAML parser says most often (in English), in Chinese too; anything else stays English.
_SAID = {
    "while parsing a flow sequence": "解析方括号列表时",
    "while parsing a flow mapping": "解析花括号映射时",
    "while parsing a block mapping": "解析映射时",
    "while parsing a block collection": "解析列表时",
    "while parsing a block node": "解析节点时",
    "while parsing a flow node": "解析节点时",
    "while scanning a simple key": "读取键时",
    "while scanning a quoted scalar": "读取带引号的文本时",
    "while scanning a block scalar": "读取多行文本时",
    "while scanning an alias": "读取别名时",
    "while scanning an anchor": "读取锚点时",
    "did not find expected ',' or ']'": "缺少预期的“,”或“]”",
    "did not find expected ',' or '}'": "缺少预期的“,”或“}”",
    "did not find expected key": "缺少预期的键（请检查缩进）",
    "did not find expected node content": "缺少预期的内容",
    "did not find expected '-' indicator": "缺少预期的“-”（请检查缩进）",
    "could not find expected ':'": "缺少预期的“:”",
    "mapping values are not allowed here": "此处不允许出现键值对（请检查冒号和缩进）",
    "mapping values are not allowed in this context": "此处不允许出现键值对（请检查冒号和缩进）",
    "found unexpected end of stream": "文件意外结束",
    "found unknown escape character": "含有未知的转义字符",
    "found character that cannot start any token": "含有不能出现在此处的字符（例如制表符）",
    "found undefined alias": "使用了未定义的别名",
    "found duplicate anchor; first occurrence": "锚点重复",
}


def _said(part: str) -> str:
    chinese = _SAID.get(part)
    return bilingual(chinese, part) if chinese else part


def _expansion(root: yaml.Node) -> tuple[yaml.Node, str] | None:
    """The node at which the fully expanded document first exceeds MAX_NODES (or closes a
    cycle of aliases); None when it stays within. Shared nodes are counted once per use but
    sized once, so a bomb is found in time linear in the file, not in its expansion."""
    sizes: dict[int, int] = {}
    open_: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        children = _parts(node)
        if done:
            open_.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in children)
            if sizes[key] > MAX_NODES:
                return node, msg("loading.yaml_bomb", limit=f"{MAX_NODES:,}")
            continue
        if key in sizes:
            continue
        open_.add(key)
        stack.append((node, True))
        for child in children:
            if id(child) in open_:
                return child, msg("loading.alias_cycle")
            if id(child) not in sizes:
                stack.append((child, False))
    return None


def _parts(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


class Locator:
    """Maps a data path such as ('dimensions', 0, 'questions', 2, 'text') to a line and column."""

    def __init__(self, file: str, text: str) -> None:
        self.file = file
        try:  # the same parser as `parse`: libyaml and pure PyYAML disagree on some edge cases
            self.root: yaml.Node | None = yaml.compose(text, Loader=_Base)
        except yaml.YAMLError:
            self.root = None

    def problem(self, path: Sequence[str | int], message: str) -> Problem:
        line, col = self.position(path)
        return Problem(self.file, line, col, message, dotted(path))

    def position(self, path: Sequence[str | int]) -> tuple[int, int]:
        if self.root is None:
            return 1, 1
        node, mark = self.root, self.root.start_mark
        for part in path:
            found = _child(node, part)
            if found is None:
                break
            key, node = found
            mark = (key or node).start_mark
        # Point at the key for a field name, at the value for list items.
        return mark.line + 1, mark.column + 1


def _child(node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
        return (None, node.value[part]) if 0 <= part < len(node.value) else None
    if not isinstance(node, yaml.MappingNode):
        return None
    merged: list[yaml.Node] = []
    for key, value in node.value:
        if key.value == str(part):
            return key, value
        if key.value == "<<":
            merged.extend(value.value if isinstance(value, yaml.SequenceNode) else [value])
    for source in merged:
        found = _child(source, part)
        if found is not None:
            return found
    return None


def dotted(path: Sequence[str | int]) -> str:
    """('dimensions', 0, 'questions', 2) → 'dimensions[0].questions[2]'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out if len(out) <= 160 else f"{out[:60]}…{out[-90:]}"  # deep nesting: keep both ends
