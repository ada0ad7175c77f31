"""Command line: ``extract run`` and ``extract eval``. Thin: arguments -> library -> exit code."""

from __future__ import annotations

import contextlib
import json
import logging
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from extract.config import Config, load_config
from extract.engines.local import DEFAULT_TIMEOUT_S
from extract.errors import ExtractError
from extract.records import RunReport
from extract.report.command import report_after_run, report_command
from extract.watch import DEFAULT_DEBOUNCE_MS

if TYPE_CHECKING:
    from extract.store import DocRows

# sysexits.h codes, so a scheduler can tell the cases apart.
EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_NO_INPUT, EXIT_STORAGE, EXIT_BUSY = 66, 74, 75

logger = logging.getLogger(__name__)


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
    """Turn business-news articles into fact tables (DuckDB, CSV and Parquet).

    Example: extract run corpus/ --out outputs/

    Exit codes: 0 ok, 1 some documents failed or skipped, 2 usage error, 66 no input,
    74 output cannot be written, 75 output busy (try again later).
    """
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


class _Progress:
    """A progress bar on a terminal, nothing otherwise."""

    def __init__(self, *, quiet: bool = False) -> None:
        self.bar: Any = None
        self.quiet = quiet

    def start(self, total: int) -> None:
        if sys.stderr.isatty() and total > 1 and not self.quiet:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="doc", file=sys.stderr, leave=False)

    def step(self, stored: DocRows | None) -> None:
        if stored is not None and stored.status != "ok":
            click.echo(f"{stored.doc_id}: {stored.status}: {stored.error}", err=True)
        if self.bar is not None:
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def summary(report: RunReport) -> str:
    """The one-line summary printed at the end of a run."""
    total = report.ok + report.failed + report.skipped + report.unchanged
    removed = f"{report.removed} removed" + (
        " (pruned)" if report.pruned and report.removed else ""
    )
    return (
        f"{total} documents: {report.ok} ok, {report.failed} failed, {report.skipped} skipped, "
        f"{report.unchanged} unchanged, {removed}; {report.ignored} other files ignored; "
        f"{report.mentions} mentions, {report.facts} facts; {report.seconds:.1f} s"
    )


def report_json(report: RunReport) -> dict[str, Any]:
    """The summary as plain data (``--json``)."""
    return {
        "documents": report.ok + report.failed + report.skipped + report.unchanged,
        "ok": report.ok,
        "failed": report.failed,
        "skipped": report.skipped,
        "unchanged": report.unchanged,
        "removed": report.removed,
        "pruned": report.pruned,
        "ignored": report.ignored,
        "mentions": report.mentions,
        "facts": report.facts,
        "seconds": round(report.seconds, 3),
        "failures": [{"doc_id": d, "reason": r} for d, r in report.failures],
        "exit_code": exit_code(report),
    }


def exit_code(report: RunReport) -> int:
    """0 when every document is ok (or unchanged), 1 when some failed or were skipped."""
    return EXIT_SOME_FAILED if report.failed or report.skipped else EXIT_OK


def _error_exit(exc: ExtractError) -> int:
    """The exit code of an error that ends a run."""
    from extract.ingest.files import NoInputError
    from extract.lock import BusyError
    from extract.store import OutputError, StoreBusyError

    if isinstance(exc, NoInputError):
        return EXIT_NO_INPUT
    if isinstance(exc, BusyError | StoreBusyError):
        return EXIT_BUSY
    if isinstance(exc, OutputError):
        return EXIT_STORAGE
    return EXIT_USAGE


class _Outcome:
    """Prints a run's summary or error (text or one JSON line) and logs it to --log-file."""

    def __init__(self, as_json: bool, log_file: Path | None) -> None:
        self.as_json = as_json
        if log_file is not None:
            try:
                handler = logging.FileHandler(log_file, encoding="utf-8")
            except OSError as exc:
                raise click.UsageError(f"{log_file}: cannot open log file: {exc.strerror}") from exc
            handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
            handler.setLevel(logging.INFO)
            # The terminal keeps its -v level; the file gets failures and summaries.
            root = logging.getLogger()
            for existing in root.handlers:
                if existing.level == logging.NOTSET:
                    existing.setLevel(root.level)
            root.addHandler(handler)
            root.setLevel(min(root.level, logging.INFO))

    def report(self, report: RunReport) -> int:
        code = exit_code(report)
        logger.info("%s", summary(report))
        if self.as_json:
            click.echo(json.dumps(report_json(report), ensure_ascii=False))
        else:
            click.echo(summary(report))
        return code

    def error(self, exc: ExtractError) -> int:
        code = _error_exit(exc)
        message = " ".join(str(exc).split())
        logger.info("error: %s (exit code %d)", message, code)
        if self.as_json:
            click.echo(json.dumps({"error": message, "exit_code": code}, ensure_ascii=False))
        click.echo(f"Error: {message}", err=True)
        return code


_EXIT_CODES_HELP = (
    "Exit codes: 0 every document ok; 1 some documents failed or were skipped; "
    "2 usage or configuration error; 66 an input is missing or holds no document "
    "(the output is not touched); 74 the output cannot be written (disk full, "
    "permissions, database error); 75 the output folder is busy (another run, or "
    "a program holding extract.duckdb open): try again later."
)


def run_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by ``run`` and ``watch``."""
    options = [
        click.option(
            "--out",
            "out_dir",
            default="outputs",
            show_default=True,
            type=click.Path(file_okay=False, path_type=Path),
            help="Output folder.",
        ),
        click.option(
            "--reference-date",
            callback=_parse_date,
            metavar="YYYY-MM-DD",
            help="Date to resolve relative dates against when a document gives none "
            "in a sidecar NAME.meta.json or its header lines.",
        ),
        click.option(
            "--config",
            "config_path",
            type=click.Path(dir_okay=False, path_type=Path),
            help="TOML file overlaying the packaged settings.",
        ),
        click.option("--full", is_flag=True, help="Reprocess every document, changed or not."),
        click.option(
            "--workers",
            type=click.IntRange(1, 64),
            default=None,
            help="Worker processes (default: [model] n_process; 0 there: one per core).",
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(0),
            default=DEFAULT_TIMEOUT_S,
            show_default=True,
            metavar="SECONDS",
            help="Time one document may take; past it the document fails with "
            "'timeout after N s' and the batch goes on (0: no limit).",
        ),
        click.option(
            "--prune",
            is_flag=True,
            help="Delete the rows of documents whose files are gone (default: keep "
            "them, marked 'removed').",
        ),
        click.option(
            "--wait",
            type=click.FloatRange(0),
            default=0,
            metavar="SECONDS",
            help="Wait this long for another run (or a program holding the database) to "
            "finish before exiting with 75.",
        ),
        click.option(
            "--follow-symlinks",
            is_flag=True,
            help="Follow symlinks that point outside the inputs (default: a skipped row).",
        ),
        click.option(
            "--format",
            "formats",
            default="csv,parquet",
            show_default=True,
            callback=_parse_formats,
            help="Exported file formats, comma-separated: csv, parquet.",
        ),
        click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON line."),
        click.option(
            "--log-file",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Append the failures and the summary, with times, to this file.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _parse_formats(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[str, ...]:
    from extract.exports import parse_formats

    try:
        return parse_formats(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _run_config(config_path: Path | None, workers: int | None) -> Config:
    """The settings of a run: the config file over the packaged ones, and ``--workers``."""
    config = _load_config(config_path)
    return config if workers is None else _with_workers(config, workers)


def _prepare(config_path: Path | None, workers: int | None) -> Any:
    from extract.pipeline import Pipeline

    config = _run_config(config_path, workers)
    try:
        return Pipeline(config)
    except ExtractError as exc:
        raise click.UsageError(str(exc)) from exc


# The reader a document on standard input gets, told by its first bytes.
_STDIN_SUFFIXES = (
    (b"PK\x03\x04", ".docx"),
    (b"{\\rtf", ".rtf"),
    (b"<", ".html"),
)


def _stdin_suffix(data: bytes) -> str:
    head = data.lstrip()[:1024]
    if b"%PDF-" in head:
        return ".pdf"
    return next((suffix for magic, suffix in _STDIN_SUFFIXES if head.startswith(magic)), ".txt")


def _files_from(path: Path) -> list[Path]:
    """Paths listed in ``path``, one a line; blank lines and ``#`` comments skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise click.UsageError(f"--files-from {path}: cannot read the list: {exc}") from exc
    return [Path(line.strip()) for line in lines if line.strip() and not line.startswith("#")]


@cli.command(epilog=_EXIT_CODES_HELP)
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--files-from",
    "files_from",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Read input paths from this file, one a line.",
)
@run_options
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where documents are extracted: local worker processes, or Dask workers "
    "(pip install 'extract[dask]'; with it, --workers sizes a local Dask cluster).",
)
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    help="Dask scheduler to send documents to (--engine dask); default: a local cluster.",
)
@click.option(
    "--report", "write_site", is_flag=True, help="Also write the review site into OUT/report."
)
def run(
    inputs: tuple[Path, ...],
    files_from: Path | None,
    out_dir: Path,
    reference_date: date | None,
    config_path: Path | None,
    full: bool,
    workers: int | None,
    timeout: float,
    prune: bool,
    wait: float,
    follow_symlinks: bool,
    formats: tuple[str, ...],
    as_json: bool,
    log_file: Path | None,
    engine: str,
    scheduler: str | None,
    write_site: bool,
) -> None:
    """Extract tables from article files and folders (walked recursively) into OUT.

    Reads .txt, .md, .pdf, .html, .docx and .rtf files; INPUT ``-`` reads one article from
    standard input (its type told by its first bytes; doc id ``stdin`` plus the suffix).
    Writes documents, mentions, entities and facts into OUT/extract.duckdb and exports
    them as CSV and Parquet, as one set. Unchanged documents are skipped on a re-run;
    documents whose files are gone are marked 'removed' (deleted with --prune). One run
    at a time per OUT (OUT/.lock).

    Examples: extract run corpus/ --out outputs/ --reference-date 2025-11-19
              find in/ -name '*.pdf' > list.txt && extract run --files-from list.txt
              curl -s URL | extract run - --out outputs/
    """
    import tempfile

    from extract.runner import run_batch

    paths = list(inputs) + (_files_from(files_from) if files_from is not None else [])
    if not paths:
        raise click.UsageError(
            "Missing argument 'INPUTS...': give at least one INPUT, '-' for standard input, "
            "or --files-from LIST"
        )
    outcome = _Outcome(as_json, log_file)
    config = _run_config(config_path, workers)
    progress = _Progress(quiet=as_json)
    settings = _batch_settings(
        reference_date, full, workers, timeout, prune, wait, follow_symlinks, formats
    )
    try:
        with (
            tempfile.TemporaryDirectory(prefix="extract-stdin-") as spool,
            _engine(engine, scheduler, config, workers) as (pipeline, process),
        ):
            if Path("-") in paths:
                data = sys.stdin.buffer.read()
                stdin_file = Path(spool) / f"stdin{_stdin_suffix(data)}"
                stdin_file.write_bytes(data)
                paths = [stdin_file if p == Path("-") else p for p in paths]
            # The model loads only once the inputs are known to hold documents.
            report = run_batch(
                paths,
                out_dir,
                config=config,
                on_start=progress.start,
                on_progress=progress.step,
                pipeline=pipeline,
                process=process,
                **settings,
            )
    except ExtractError as exc:
        progress.close()
        sys.exit(outcome.error(exc))
    progress.close()
    if write_site:
        report_after_run(out_dir, tuple(paths))
    sys.exit(outcome.report(report))


@cli.command(epilog=_EXIT_CODES_HELP)
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@run_options
@click.option(
    "--debounce",
    type=click.IntRange(0),
    default=DEFAULT_DEBOUNCE_MS,
    show_default=True,
    metavar="MS",
    help="Quiet time after a change before a run starts.",
)
@click.option("--poll", is_flag=True, help="Poll for changes (network filesystems).")
def watch(
    inputs: tuple[Path, ...],
    out_dir: Path,
    reference_date: date | None,
    config_path: Path | None,
    full: bool,
    workers: int | None,
    timeout: float,
    prune: bool,
    wait: float,
    follow_symlinks: bool,
    formats: tuple[str, ...],
    as_json: bool,
    log_file: Path | None,
    debounce: int,
    poll: bool,
) -> None:
    """Run on INPUTS now, then again each time files under them change, until Ctrl-C.

    Loads the model once. Each run is an incremental `extract run` with the same
    options and prints its summary line. An input that is missing or empty, or a busy
    output folder, is reported and watching goes on; a storage error ends it (74).

    Example: extract watch inbox/ --out facts/ --json --log-file facts/extract.log
    """
    from extract.runner import run_batch
    from extract.watch import watch as watch_inputs

    outcome = _Outcome(as_json, log_file)
    pipeline = _prepare(config_path, workers)
    settings = _batch_settings(
        reference_date, full, workers, timeout, prune, wait, follow_symlinks, formats
    )

    def one_run() -> RunReport:
        progress = _Progress(quiet=as_json)
        return run_batch(inputs, out_dir, pipeline=pipeline, on_progress=progress.step, **settings)

    try:
        watch_inputs(
            inputs,
            out_dir,
            one_run,
            on_report=outcome.report,
            on_error=outcome.error,
            debounce_ms=debounce,
            poll=poll,
        )
    except ExtractError as exc:
        sys.exit(outcome.error(exc))


def _batch_settings(
    reference_date: date | None,
    full: bool,
    workers: int | None,
    timeout: float,
    prune: bool,
    wait: float,
    follow_symlinks: bool,
    formats: tuple[str, ...],
) -> dict[str, Any]:
    """The ``run_batch`` arguments of the options ``run`` and ``watch`` share."""
    return {
        "reference_date": reference_date,
        "full": full,
        "workers": workers,
        "timeout": timeout or None,  # 0: no limit
        "prune": prune,
        "wait": wait,
        "follow_symlinks": follow_symlinks,
        "formats": formats,
    }


@contextlib.contextmanager
def _engine(
    name: str, scheduler: str | None, config: Config, workers: int | None
) -> Iterator[tuple[Any, Any]]:
    """(pipeline, process) for ``run_batch``: both None for the local workers (the runner
    loads the pipeline once the inputs are known to hold documents), the Dask engine's
    otherwise."""
    from extract.engines import open_engine

    if name == "local":
        if scheduler is not None:
            raise click.UsageError("--scheduler needs --engine dask")
        yield None, None
        return
    from extract.pipeline import Pipeline

    pipeline = Pipeline(config)
    with open_engine(name, pipeline, scheduler=scheduler, workers=workers) as process:
        yield pipeline, process


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
    "--conll",
    "conll_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Run over a token-per-row BIO file and score its person, org and place names.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="TOML settings for the conformance or --conll run.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--details", is_flag=True, help="List misses, false alarms and wrong values.")
def eval_command(
    output_dir: Path | None,
    gold_dir: Path | None,
    conformance_dir: Path | None,
    conll_file: Path | None,
    config_path: Path | None,
    as_json: bool,
    details: bool,
) -> None:
    """Score an output folder against gold annotations, or run the conformance suites.

    Prints span precision/recall/F1 per kind, normalization accuracy on matched
    mentions, entity-set F1, and facts F1 with segment and change accuracy.

    Examples: extract eval outputs tests/data/gold
              extract eval --conformance tests/data/conformance
              extract eval --conll tagged_news.csv
    """
    from extract import evaluate

    try:
        if conll_file is not None:
            from extract.conll import evaluate_bio, format_bio_report, read_bio
            from extract.pipeline import Pipeline

            documents = read_bio(conll_file)
            report = evaluate_bio(documents, Pipeline(_load_config(config_path)), details=details)
            report["conll"] = str(conll_file)
            click.echo(
                json.dumps(report, indent=2)
                if as_json
                else format_bio_report(report, details=details)
            )
            return
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


# The review report (extract/report/): its own command, and the step `run --report` adds.
cli.add_command(report_command)


def main() -> None:
    """Console-script entry point."""
    cli()
