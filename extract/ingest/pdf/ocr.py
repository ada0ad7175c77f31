"""Optional OCR of PDF pages without a text layer, with the Tesseract program.

Off by default (``[ingest] ocr``). Each page is rendered at 300 dpi with pdfplumber
(pypdfium2) and read by ``tesseract`` (``apt-get install tesseract-ocr``) in a subprocess
with a time limit; its lines are joined into paragraphs at blank lines.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from typing import Any

from extract.errors import IngestError

__all__ = ["OCR_DPI", "OCR_SECONDS_PER_PAGE", "ocr_available", "ocr_page"]

OCR_DPI = 300
OCR_SECONDS_PER_PAGE = 60


def ocr_available() -> bool:
    """True when the ``tesseract`` program is on the PATH."""
    return shutil.which("tesseract") is not None


def _paragraphs(text: str) -> list[str]:
    blocks = [" ".join(block.split()) for block in text.replace("\f", "\n\n").split("\n\n")]
    return [b for b in blocks if b]


def ocr_page(page: Any, *, language: str = "eng") -> list[str]:
    """The paragraphs Tesseract reads on ``page`` (a pdfplumber page)."""
    image = page.to_image(resolution=OCR_DPI).original
    png = io.BytesIO()
    image.save(png, format="PNG")
    try:
        done = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", language],
            input=png.getvalue(),
            capture_output=True,
            timeout=OCR_SECONDS_PER_PAGE,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise IngestError(f"OCR failed: {type(exc).__name__}: {exc}") from exc
    if done.returncode != 0:
        detail = " ".join(done.stderr.decode("utf-8", "replace").split())[:200]
        raise IngestError(f"OCR failed: tesseract exit {done.returncode}: {detail}")
    return _paragraphs(done.stdout.decode("utf-8", "replace"))
