"""HTML reader: the article's main text and metadata, extracted with trafilatura.

trafilatura drops navigation, ads, scripts and boilerplate and finds the publication
date in the page's metadata or byline (htmldate). Its XML tree of the article is written
out here: headings, paragraphs, list items and quotes one a paragraph, tables as
pipe-table lines. The headline stands once at the top: the page title is added only when
the article does not begin with it already.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from extract.errors import IngestError
from extract.ingest.base import RawText
from extract.ingest.decode import decode_bytes, looks_binary
from extract.ingest.tables import pipe_table

# Elements of trafilatura's tree that hold one block of text each.
_BLOCKS = frozenset({"head", "p", "item", "quote", "code"})


def _clean(text: str) -> str:
    return " ".join(text.split())


def _blocks(body: Any) -> list[str]:
    """The article's blocks in document order, each table as pipe-table lines."""
    out: list[str] = []

    def walk(element: Any) -> None:
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "table":
                rows = [
                    [_clean(" ".join(cell.itertext())) for cell in row.iter("cell")]
                    for row in child.iter("row")
                ]
                table = pipe_table(rows)
                if table:
                    out.append(table)
            elif tag in _BLOCKS:
                text = _clean(" ".join(child.itertext()))
                if text:
                    out.append(text)
            elif tag == "list" or len(child):
                walk(child)
            else:
                text = _clean(" ".join(child.itertext()))
                if text:
                    out.append(text)

    walk(body)
    return out


def _same_headline(a: str, b: str) -> bool:
    return a.casefold().strip(" .:") == b.casefold().strip(" .:")


def read_html(data: bytes, path: Path) -> RawText:
    """Main text, title and publication date of an HTML page (see the module's docstring).

    Offsets of mentions refer to the extracted text, which the pipeline stores.
    """
    import trafilatura

    if not data.strip():
        raise IngestError("empty file", status="skipped")
    if looks_binary(data):
        raise IngestError("binary file, not HTML", status="skipped")
    html, encoding = decode_bytes(data)
    result = None
    for favor_recall in (False, True):
        result = trafilatura.bare_extraction(
            html,
            include_comments=False,
            include_tables=True,
            with_metadata=True,
            favor_recall=favor_recall,
        )
        if result is not None and result.body is not None and _blocks(result.body):
            break
    if result is None or result.body is None:
        raise IngestError("no article text found in HTML", status="skipped")
    blocks = _blocks(result.body)
    if not blocks:
        raise IngestError("no article text found in HTML", status="skipped")
    title = _clean(result.title or "")
    if title and not _same_headline(blocks[0], title):
        blocks.insert(0, title)
    return RawText(
        text="\n\n".join(blocks) + "\n",
        encoding=encoding,
        title=title,
        published=str(result.date or ""),
    )
