"""``extract report OUTPUT_DIR [--to DIR]``, and the step ``extract run --report`` adds."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from extract.report import ReportSummary

EXIT_USAGE = 2


def report_after_run(out_dir: Path, inputs: Iterable[Path]) -> None:
    """Write ``out_dir/report`` after a run; a report error exits 2 with one line."""
    from extract.report import ReportError, write_report

    try:
        summary = write_report(out_dir, inputs=inputs)
    except ReportError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(describe(summary))


def describe(summary: ReportSummary) -> str:
    """The one line printed after writing a report."""
    missing = f", {summary.texts_missing} texts not found" if summary.texts_missing else ""
    return (
        f"report: {summary.documents} documents, {summary.charts} charts{missing}; "
        f"{summary.index} ({summary.seconds:.1f} s)"
    )


@click.command(name="report")
@click.argument("output_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--to",
    "to",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the site into (default: OUTPUT_DIR/report).",
)
@click.option(
    "--input",
    "inputs",
    multiple=True,
    type=click.Path(path_type=Path),
    help="A file or folder given to `extract run`, where plain-text documents are read "
    "(repeatable; default: paths are taken as they are stored, from the current folder).",
)
def report_command(output_dir: Path, to: Path | None, inputs: tuple[Path, ...]) -> None:
    """Write a static review site of an output folder: documents, highlights, facts, charts.

    Open OUTPUT_DIR/report/index.html in a browser; nothing is loaded from the network.
    Exit code: 0 written, 2 no store or the target folder cannot be used.

    Example: extract report outputs/ --input corpus/
    """
    from extract.report import ReportError, write_report

    try:
        summary = write_report(output_dir, to=to, inputs=inputs)
    except ReportError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(describe(summary))
