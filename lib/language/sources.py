"""Finds the translatable Dutch strings in the project's templates and Python code, with where they are."""

import ast
import re
from dataclasses import dataclass
from pathlib import Path

GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy", "ngettext", "ngettext_lazy", "_lazy"}
_TRANS_TAG = re.compile(r"""{%\s*(?:translate|trans)\s+(?P<q>["'])(?P<text>.*?)(?P=q)[^%]*%}""", re.S)
_BLOCK_TAG = re.compile(
    r"{%\s*blocktrans(?:late)?\b[^%]*%}(?P<text>.*?)(?:{%\s*plural\s*%}.*?)?{%\s*endblocktrans(?:late)?\s*%}", re.S
)


@dataclass(frozen=True)
class Source:
    text: str
    path: str
    line: int

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


def _line_of(content: str, index: int) -> int:
    return content.count("\n", 0, index) + 1


def from_template(path: Path, root: Path) -> list[Source]:
    content = path.read_text(encoding="utf-8")
    rel = str(path.relative_to(root))
    found = [Source(m.group("text"), rel, _line_of(content, m.start())) for m in _TRANS_TAG.finditer(content)]
    found += [
        Source(" ".join(m.group("text").split()), rel, _line_of(content, m.start()))
        for m in _BLOCK_TAG.finditer(content)
    ]
    return found


def from_python(path: Path, root: Path) -> list[Source]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rel = str(path.relative_to(root))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name not in GETTEXT_NAMES or not node.args:
            continue
        first = node.args[1] if name.startswith("pgettext") and len(node.args) > 1 else node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            found.append(Source(first.value, rel, node.lineno))
    return found


_PO_LINE = re.compile(r'^(?:(?P<key>msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?P<text>.*)"$')
_PO_ESCAPES = re.compile(r"\\(.)")


def _unquote(text: str) -> str:
    return _PO_ESCAPES.sub(lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text)


def from_po(path: Path, root: Path) -> list[Source]:
    """The translations (``msgstr``) in a gettext catalogue, each at the line of its ``msgid``."""
    rel = str(path.relative_to(root))
    entries, key = [], None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = _PO_LINE.match(line.strip())
        if not match:
            continue
        if match["key"] in ("msgctxt", "msgid") and (
            not entries or "msgstr" in entries[-1] or "msgstr[0]" in entries[-1]
        ):
            entries.append({"line": number})
        key = match["key"] or key
        if key is not None and entries:
            entries[-1][key] = entries[-1].get(key, "") + _unquote(match["text"])
    return [
        Source(entry.get("msgstr") or entry.get("msgstr[0]"), rel, entry["line"])
        for entry in entries
        if entry.get("msgid") and (entry.get("msgstr") or entry.get("msgstr[0]"))
    ]


def collect(root: Path, include: list[str], exclude: list[str]) -> list[Source]:
    """All translatable strings in files matching the ``include`` globs and none of the ``exclude`` globs."""
    paths = sorted({p for pattern in include for p in root.glob(pattern)})
    result = []
    for path in paths:
        rel = path.relative_to(root)
        if any(rel.match(pattern) for pattern in exclude):
            continue
        if path.suffix == ".html":
            result += from_template(path, root)
        elif path.suffix == ".py":
            result += from_python(path, root)
    return result
