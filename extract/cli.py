"""Command line: ``extract run`` and ``extract eval``. Thin: arguments -> library -> exit code."""

from __future__ import annotations

import json
import logging
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from extract.config import Config, load_config
from extract.errors import ExtractError
from extract.records import DocumentResult, RunReport

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date in YYYY-MM-DD form") from None


def _load_config(path: Path | None) -> Config:
    try:
        return load_config(path)
    except ExtractError as exc:
        raise click.UsageError(str(exc)) from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="extract")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def cli(verbose: int) -> None:
    """Turn business-news articles into fact tables (CSV and DuckDB).

    Example: extract run corpus/ --out outputs/
    """
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


class _Progress:
    """A progress bar on a terminal, nothing otherwise."""

    def __init__(self) -> None:
        self.bar: Any = None

    def start(self, total: int) -> None:
        if sys.stderr.isatty() and total > 1:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="doc", file=sys.stderr, leave=False)

    def step(self, result: DocumentResult | None) -> None:
        if result is not None and result.document.status != "ok":
            click.echo(
                f"{result.document.doc_id}: {result.document.status}: {result.document.error}",
                err=True,
            )
        if self.bar is not None:
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def summary(report: RunReport) -> str:
    """The one-line summary printed at the end of a run."""
    total = report.ok + report.failed + report.skipped + report.unchanged
    return (
        f"{total} documents: {report.ok} ok, {report.failed} failed, {report.skipped} skipped, "
        f"{report.unchanged} unchanged; {report.mentions} mentions, {report.facts} facts; "
        f"{report.seconds:.1f} s"
    )


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    default="outputs",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder.",
)
@click.option(
    "--reference-date",
    callback=_parse_date,
    metavar="YYYY-MM-DD",
    help="Date to resolve relative dates against when a document gives none "
    "in a sidecar NAME.meta.json or its header lines.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="TOML file overlaying the packaged settings.",
)
@click.option("--full", is_flag=True, help="Reprocess every document, changed or not.")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help="Processes for the spaCy model (default: [model] n_process); "
    "with --engine dask, local Dask workers (default: one per core).",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where documents are extracted: this process, or Dask workers "
    "(pip install 'extract[dask]').",
)
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    help="Dask scheduler to send documents to (--engine dask); default: a local cluster.",
)
def run(
    inputs: tuple[Path, ...],
    out_dir: Path,
    reference_date: date | None,
    config_path: Path | None,
    full: bool,
    workers: int | None,
    engine: str,
    scheduler: str | None,
) -> None:
    """Extract tables from article files and folders (walked recursively) into OUT.

    Reads .txt, .pdf and .html files. Writes documents, mentions, entities and facts
    as CSV and into OUT/extract.duckdb. Unchanged documents are skipped on a re-run.
    Exit code: 0 all documents ok, 1 some failed or skipped, 2 usage or config error.

    Example: extract run corpus/ --out outputs/ --reference-date 2025-11-19
    """
    from extract.engines import open_engine
    from extract.pipeline import Pipeline
    from extract.runner import run_batch

    config = _load_config(config_path)
    if workers is not None:
        config = _with_workers(config, workers)
    progress = _Progress()
    try:
        pipeline = Pipeline(config)
        with open_engine(engine, pipeline, scheduler=scheduler, workers=workers) as process:
            report = run_batch(
                inputs,
                out_dir,
                pipeline=pipeline,
                reference_date=reference_date,
                full=full,
                on_start=progress.start,
                on_progress=progress.step,
                process=process,
            )
    except ExtractError as exc:
        progress.close()
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    progress.close()
    click.echo(summary(report))
    sys.exit(EXIT_SOME_FAILED if report.failed or report.skipped else EXIT_OK)


def _with_workers(config: Config, workers: int) -> Config:
    sections = {k: dict(v) for k, v in config.sections.items()}
    sections["model"]["n_process"] = workers
    return Config(sections=sections, base_dir=config.base_dir, source=config.source)


@cli.command(name="eval")
@click.argument("output_dir", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.argument("gold_dir", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--conformance",
    "conformance_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Run and score the conformance suites in this folder instead.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="TOML settings for the conformance run.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--details", is_flag=True, help="List misses, false alarms and wrong values.")
def eval_command(
    output_dir: Path | None,
    gold_dir: Path | None,
    conformance_dir: Path | None,
    config_path: Path | None,
    as_json: bool,
    details: bool,
) -> None:
    """Score an output folder against gold annotations, or run the conformance suites.

    Prints span precision/recall/F1 per kind, normalization accuracy on matched
    mentions, entity-set F1, and facts F1 with segment and change accuracy.

    Examples: extract eval outputs tests/data/gold
              extract eval --conformance tests/data/conformance
    """
    from extract import evaluate

    try:
        if conformance_dir is not None:
            from extract.pipeline import Pipeline

            report = evaluate.evaluate_conformance(
                conformance_dir, Pipeline(_load_config(config_path))
            )
        elif output_dir is not None and gold_dir is not None:
            report = evaluate.evaluate_output(output_dir, gold_dir)
        else:
            raise click.UsageError("give OUTPUT_DIR and GOLD_DIR, or --conformance DIR")
    except ExtractError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    if as_json:
        click.echo(json.dumps(report, indent=2, default=str))
    else:
        click.echo(evaluate.format_report(report, details=details))


@cli.command(name="sql")
@click.argument("output_dir", type=click.Path(file_okay=False, path_type=Path))
@click.argument("query")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="table: aligned text; csv: RFC 4180 with a header; json: one object per line.",
)
def sql_command(output_dir: Path, query: str, fmt: str) -> None:
    """Run a read-only SQL query over the tables of OUTPUT_DIR (DuckDB, in-process).

    The tables are named documents, mentions, entities and facts.

    Example: extract sql outputs "select subject, metric, period, value, unit from facts"
    """
    from extract.sql import query as run_query

    try:
        result = run_query(output_dir, query)
    except ExtractError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    if fmt == "csv":
        click.echo(result.to_csv(index=False, lineterminator="\n"), nl=False)
    elif fmt == "json":
        click.echo(result.to_json(orient="records", lines=True, date_format="iso"), nl=False)
    else:
        with pd_options():
            click.echo(result.to_string(index=False) if len(result.columns) else "(no columns)")


def pd_options() -> Any:
    """pandas display settings for printing a whole result as text."""
    import numpy as np
    import pandas as pd

    return pd.option_context(
        "display.float_format",
        lambda x: np.format_float_positional(x, trim="-"),
        "display.max_rows",
        None,
        "display.max_columns",
        None,
        "display.width",
        None,
        "display.max_colwidth",
        80,
    )


def main() -> None:
    """Console-script entry point."""
    cli()
