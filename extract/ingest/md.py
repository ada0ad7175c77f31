"""Markdown reader: the text with Markdown's structure stripped, pipe tables kept as they are.

Headings, list markers, block quotes, emphasis, inline code, links (their text kept),
images, HTML tags, rules and code fences are removed; hard-wrapped lines of a paragraph
are joined with a space; paragraphs, headings and list items are separated by a blank
line; table lines (``| a | b |``) are kept, one row a line. A YAML front matter block
gives the title and publication date when it names them. Every pattern is bounded to
one line (and inline spans to a few hundred characters), so the pass is linear.
"""

from __future__ import annotations

import re
from pathlib import Path

from extract.errors import IngestError
from extract.ingest.base import RawText
from extract.ingest.decode import decode_bytes, looks_binary

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.{0,4000}?)\n---[ \t]*\n", re.DOTALL)
_FRONT_FIELD = re.compile(r"^(?P<key>title|date|published)[ \t]*:[ \t]*(?P<value>.+)$", re.M)
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_TABLE_LINE = re.compile(r"^[ \t]*\|.*\|[ \t]*$")
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(?P<text>.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_UNDERLINE = re.compile(r"^[ \t]{0,3}(?:=+|-+)[ \t]*$")
_RULE = re.compile(r"^[ \t]{0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)+")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+")
_LINK_DEFINITION = re.compile(r"^[ \t]{0,3}\[[^\]\n]{1,200}\]:[ \t]+\S")

# Inline rules, applied in this order: (name, pattern, replacement, example).
INLINE_RULES: tuple[tuple[str, re.Pattern[str], str, tuple[str, str]], ...] = (
    ("image", re.compile(r"!\[([^\]\n]{0,200})\]\([^)\n]{0,500}\)"), "", ("![chart](c.png)", "")),
    (
        "link",
        re.compile(r"\[([^\]\n]{1,300})\]\([^)\n]{0,500}\)"),
        r"\1",
        ("[the filing](https://x.test/f)", "the filing"),
    ),
    (
        "reference link",
        re.compile(r"\[([^\]\n]{1,300})\]\[[^\]\n]{0,100}\]"),
        r"\1",
        ("[a][1]", "a"),
    ),
    (
        "autolink",
        re.compile(r"<((?:https?|mailto):[^>\s]{1,500})>"),
        r"\1",
        ("<https://x.test>", "https://x.test"),
    ),
    (
        "html tag",
        re.compile(r"</?[A-Za-z][A-Za-z0-9-]{0,20}(?:\s[^<>\n]{0,300})?/?>"),
        "",
        ("a<br/>b", "ab"),
    ),
    ("code", re.compile(r"`{1,3}([^`\n]{1,300})`{1,3}"), r"\1", ("`EBITDA`", "EBITDA")),
    (
        "strong",
        re.compile(r"(\*\*|__)(?=\S)([^\n]{1,300}?)(?<=\S)\1"),
        r"\2",
        ("**up 5%**", "up 5%"),
    ),
    (
        "emphasis",
        re.compile(r"(?<![\w*])([*_])(?=[^\s*_])([^\n]{0,300}?[^\s*_\\]|)\1(?![\w*])"),
        r"\2",
        ("*net* sales", "net sales"),
    ),
    ("escape", re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])"), r"\1", (r"5\*3", "5*3")),
)


def strip_inline(line: str) -> str:
    """``line`` with Markdown's inline markup removed (see ``INLINE_RULES``)."""
    for _name, pattern, replacement, _example in INLINE_RULES:
        line = pattern.sub(replacement, line)
    return line


def _front_matter(text: str) -> tuple[str, dict[str, str]]:
    m = _FRONT_MATTER.match(text)
    if m is None:
        return text, {}
    fields = {
        f.group("key"): f.group("value").strip().strip("\"'")
        for f in _FRONT_FIELD.finditer(m.group("body"))
    }
    return text[m.end() :], fields


def markdown_to_text(markdown: str) -> tuple[str, dict[str, str]]:
    """Plain text of a Markdown document and the fields of its front matter."""
    body, fields = _front_matter(markdown.replace("\r\n", "\n").replace("\r", "\n"))
    blocks: list[str] = []
    paragraph: list[str] = []
    table: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(" ".join(paragraph))
            paragraph.clear()
        if table:
            blocks.append("\n".join(table))
            table.clear()

    in_fence = False
    for line in body.split("\n"):
        if _FENCE.match(line):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            if line.strip():
                blocks.append(line.strip())
            continue
        if _TABLE_LINE.match(line):
            if paragraph:
                flush()
            table.append(strip_inline(line.strip()))
            continue
        if table:
            flush()
        if not line.strip() or _RULE.match(line) or _LINK_DEFINITION.match(line):
            flush()
            continue
        if _SETEXT_UNDERLINE.match(line) and paragraph:
            flush()
            continue
        heading = _HEADING.match(line)
        if heading:
            flush()
            blocks.append(strip_inline(heading.group("text")))
            continue
        line = _QUOTE.sub("", line)
        item = _LIST_ITEM.match(line)
        if item:
            flush()
            line = line[item.end() :]
        text = strip_inline(line).strip()
        if text:
            paragraph.append(text)
    flush()
    return "\n\n".join(b for b in blocks if b.strip()), fields


def read_md(data: bytes, path: Path) -> RawText:
    """Decode a Markdown file and strip its structure (see ``markdown_to_text``)."""
    if not data.strip():
        raise IngestError("empty file", status="skipped")
    if looks_binary(data):
        raise IngestError("binary file, not text", status="skipped")
    markdown, encoding = decode_bytes(data)
    text, fields = markdown_to_text(markdown)
    if not text.strip():
        raise IngestError("empty file", status="skipped")
    return RawText(
        text=text + "\n",
        encoding=encoding,
        title=fields.get("title", ""),
        published=fields.get("published") or fields.get("date", ""),
    )
