"""Benchmark of the whole pipeline, in one run (`make bench`).

On documents of 2-5 KB made from the articles of ``corpus/`` (``bench/synth.py``: names
and figures varied, no two alike) it measures:

1. words/second of the whole run (read, all stages, facts, DuckDB, CSV) and of
   ``Pipeline.process`` alone, against NER-only ``nlp.pipe`` of the same model (only
   ``ner`` and the components it listens to) at the same batch size; wall and CPU time;
2. ``extract run --workers 1`` against ``--workers N`` (and ``--engine dask``, whose
   tables are compared with the local run's), with how busy the machine was meanwhile;
3. peak memory of a full ``extract run`` at each ``--memory-docs`` size, each in its own
   subprocess: the largest process's max RSS and the sampled sum over its process tree;
4. an unchanged re-run of one of them (``--rerun-docs``) as a share of its full run;
5. MB/s of the rule-based money/percent/quantity and date stages alone.

Prints a table and writes it as JSON to ``bench/out/bench.json``.

    python bench/bench.py [--docs 200] [--memory-docs 300 1000] [--workers 2] [--full-scale]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from measure import CpuMeter, run_extract  # noqa: E402
from synth import Synthesizer, sample_articles  # noqa: E402

from extract.config import load_config  # noqa: E402
from extract.document import Paragraph, ParsedDoc  # noqa: E402
from extract.ingest.files import discover, read_document  # noqa: E402
from extract.pipeline import Pipeline, split_paragraphs  # noqa: E402
from extract.runner import run_batch  # noqa: E402
from extract.stages.dates import DateStage, simple_parsed_doc  # noqa: E402
from extract.stages.numbers import NumberStage  # noqa: E402

OUT = ROOT / "bench" / "out"
TABLES = ("documents.csv", "mentions.csv", "entities.csv", "facts.csv")


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def words_of(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def ner_only_model(pipeline: Pipeline, name: str) -> Any:
    """The same model with only ``ner`` and the components it listens to enabled."""
    import spacy

    keep = ["ner"]
    for comp_name, component in pipeline.nlp.components:
        if "ner" in (getattr(component, "listening_components", None) or []):
            keep.insert(0, comp_name)
    return spacy.load(name, enable=keep)


def parser_on_figure_sentences(model_name: str, texts: list[str]) -> dict:
    """Seconds the model's tagger and parser (with their tok2vec) take on the sentences that
    hold a digit, and the share of the text those sentences are: what running the parser
    for fact attachment would add to a run (docs/RULES.md: not kept)."""
    import re

    import spacy

    nlp = spacy.load(model_name, exclude=["ner", "attribute_ruler", "lemmatizer"])
    figure = re.compile(r"\d")
    sentences = [
        text[start:end]
        for text in texts
        for start, end in simple_parsed_doc(text).sentences
        if figure.search(text, start, end)
    ]
    started = time.perf_counter()
    for _ in nlp.pipe(sentences, batch_size=64):
        pass
    share = sum(map(len, sentences)) / max(1, sum(map(len, texts)))
    return {"seconds": time.perf_counter() - started, "share_of_text": share}


def throughput(folder: Path, texts: list[str], work: Path, batch_size: int | None) -> dict:
    """Whole run, ``Pipeline.process`` and NER-only ``nlp.pipe``, one process, one core."""
    config = load_config()
    pipeline = Pipeline(config)
    pipeline.n_process = 1
    if batch_size:
        pipeline.batch_size = batch_size
    words = words_of(texts)
    documents = [read_document(item) for item in discover([folder])]
    # Loads what the first document loads (language models, caches) before any timing.
    list(pipeline.process(documents[:4]))

    log(f"NER-only nlp.pipe over {len(texts)} documents")
    model_name = str(config.section("model")["name"])
    nlp = ner_only_model(pipeline, model_name)
    list(nlp.pipe(texts[:4]))
    with CpuMeter() as ner:
        for _ in nlp.pipe(texts, batch_size=pipeline.batch_size):
            pass

    log("Pipeline.process over the same documents")
    with CpuMeter() as process:
        for _ in pipeline.process(documents):
            pass

    log("whole run (read, stages, store, CSV) over the same files, one worker")
    with CpuMeter() as whole:
        report = run_batch([folder], work / "whole", pipeline=pipeline, full=True)
    if report.ok != len(texts):
        raise SystemExit(f"bench: only {report.ok} of {len(texts)} documents ok")
    log("whole run over the same files, one worker per core (the default)")
    pipeline.n_process = 0
    with CpuMeter() as every_core:
        run_batch([folder], work / "whole-all", pipeline=pipeline, full=True)

    def rates(meter: CpuMeter) -> dict:
        return {
            "seconds": meter.wall,
            "cpu_seconds": meter.cpu,
            "words_per_s": words / meter.wall,
            "words_per_cpu_s": words / meter.cpu if meter.cpu else None,
            "machine_idle": meter.idle,
            "other_busy_cores": meter.others,
        }

    result = {
        "batch_size": pipeline.batch_size,
        "ner_only_components": nlp.pipe_names,
        "pipeline_components": pipeline.nlp.pipe_names,
        "ner_only": rates(ner),
        "process_only": rates(process),
        "whole_run": rates(whole),
        "whole_run_all_cores": rates(every_core),
    }
    for key in ("process_only", "whole_run", "whole_run_all_cores"):
        result[key]["ratio_wall"] = result[key]["words_per_s"] / result["ner_only"]["words_per_s"]
        result[key]["ratio_cpu"] = ner.cpu / result[key]["cpu_seconds"]
    return result


def workers(folder: Path, words: int, work: Path, n: int, dask: bool) -> dict:
    """``extract run --full`` with 1 and ``n`` workers (and the Dask engine) in subprocesses."""
    runs: dict[str, Any] = {}
    variants = [("local-1", ["--workers", "1"]), (f"local-{n}", ["--workers", str(n)])]
    if dask:
        variants.append((f"dask-{n}", ["--engine", "dask", "--workers", str(n)]))
    for name, flags in variants:
        log(f"extract run {' '.join(flags)}")
        out = work / f"workers-{name}"
        run = run_extract([str(folder), "--out", str(out), "--full", *flags], work / f"{name}.log")
        runs[name] = {
            "seconds": run.seconds,
            "wall": run.wall,
            "words_per_s": words / run.seconds,
            "cpu_seconds": run.cpu,
            "machine_idle": run.idle,
            "other_busy_cores": run.others,
            "workers": n if name != "local-1" else 1,
        }
    base = runs["local-1"]
    for entry in runs.values():
        entry["speedup"] = entry["words_per_s"] / base["words_per_s"]
        # The speed-up on an idle machine, each worker on a core of its own: the workers
        # times the CPU one worker needs per word over what these need.
        entry["idle_speedup_bound"] = entry["workers"] * base["cpu_seconds"] / entry["cpu_seconds"]
    if dask:
        same = all(
            (work / f"workers-dask-{n}" / t).read_bytes()
            == (work / "workers-local-1" / t).read_bytes()
            for t in TABLES
        )
        runs[f"dask-{n}"]["tables_equal_local"] = same
    return runs


def memory(
    synth: Synthesizer,
    sizes: list[int],
    n_workers: int,
    work: Path,
    result: dict[str, Any],
    save: Callable[[], None],
    rerun_size: int,
) -> None:
    """Peak memory of a full run at each size; an unchanged re-run at ``rerun_size``.

    Fills ``result`` and calls ``save`` after each run.
    """
    result.update({"workers": n_workers, "runs": {}})
    for size in sizes:
        folder = work / f"mem-{size}"
        log(f"writing {size} documents")
        synth.write(folder, size)
        log(f"full run of {size} documents, --workers {n_workers}")
        out = work / f"mem-{size}-out"
        args = [str(folder), "--out", str(out), "--full", "--workers", str(n_workers)]
        run = run_extract(args, work / f"mem-{size}.log")
        result["runs"][str(size)] = {
            "seconds": run.seconds,
            "max_rss_mb": run.max_rss_mb,
            "tree_peak_mb": run.tree_peak_mb,
            "machine_idle": run.idle,
        }
        save()
        if size == rerun_size:
            log(f"unchanged re-run of {size} documents")
            again = run_extract(args[:-3] + args[-2:], work / f"mem-{size}-again.log")
            result["rerun"] = {
                "documents": size,
                "seconds": again.seconds,
                "wall": again.wall,
                "full_seconds": run.seconds,
                "share": again.seconds / run.seconds,
                "summary": again.summary,
            }
            save()
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)
    small, large = str(min(sizes)), str(max(sizes))
    if small != large:
        runs = result["runs"]
        result["growth"] = runs[large]["max_rss_mb"] / runs[small]["max_rss_mb"]
        result["tree_growth"] = runs[large]["tree_peak_mb"] / runs[small]["tree_peak_mb"]


def rule_stage_rate(stage: Any, texts: list[str], min_seconds: float = 1.0) -> dict:
    """MB of text per second (wall and CPU) through one rule-based stage alone.

    Each text gets the paragraphs the pipeline gives it and rule-based sentence splits, so
    no model runs; building them is not timed. Repeats until ``min_seconds`` have passed.
    """
    docs = []
    for n, text in enumerate(texts):
        spans = split_paragraphs(text)
        docs.append(
            ParsedDoc(
                doc_id=str(n),
                text=text,
                sentences=simple_parsed_doc(text).sentences,
                paragraphs=tuple(Paragraph(s, e, "en") for s, e in spans),
            )
        )
    size = sum(len(t.encode("utf-8")) for t in texts)
    done, started, cpu = 0, time.perf_counter(), time.process_time()
    while True:
        for doc in docs:
            stage(doc)
        done += size
        elapsed = time.perf_counter() - started
        if elapsed >= min_seconds:
            return {
                "mb_per_s": done / 1_000_000 / elapsed,
                "mb_per_cpu_s": done / 1_000_000 / (time.process_time() - cpu),
            }


def environment() -> dict:
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return {
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "commit": commit,
        "cores": os.cpu_count(),
        "load_average_at_start": os.getloadavg(),
        "python": platform.python_version(),
    }


def _busy(entry: dict) -> str:
    return f"idle {entry['machine_idle']:.0%}, others {entry['other_busy_cores']:.1f} cores"


def _throughput_rows(t: dict) -> list[tuple[str, str, str]]:
    ner = t["ner_only"]
    rows = [
        (
            f"NER-only nlp.pipe ({'+'.join(t['ner_only_components'])}), batch {t['batch_size']}",
            f"{ner['words_per_s']:,.0f} w/s",
            f"{ner['words_per_cpu_s']:,.0f} w/cpu-s; {_busy(ner)}",
        )
    ]
    for key, label in (
        ("process_only", "Pipeline.process (no read, no store)"),
        ("whole_run", "whole run (read, stages, store, CSV), 1 worker"),
        ("whole_run_all_cores", f"whole run, {os.cpu_count()} workers (default)"),
    ):
        if key not in t:
            continue
        e = t[key]
        rows.append(
            (
                label,
                f"{e['words_per_s']:,.0f} w/s",
                f"{e['ratio_wall']:.2f}x NER wall, {e['ratio_cpu']:.2f}x NER cpu; {_busy(e)}",
            )
        )
    return rows


def _memory_rows(m: dict) -> list[tuple[str, str, str]]:
    rows = [
        (
            f"peak memory, full run of {int(size):,} docs (--workers {m['workers']})",
            f"{e['max_rss_mb']:,.0f} MB",
            f"process tree {e['tree_peak_mb']:,.0f} MB; run {e['seconds']:.0f} s",
        )
        for size, e in m["runs"].items()
    ]
    if "growth" in m:
        growth = (f"{m['growth']:.2f}x", f"tree {m['tree_growth']:.2f}x")
        rows.append(("peak memory, largest / smallest", *growth))
    if "rerun" in m:
        r = m["rerun"]
        rows.append(
            (
                f"unchanged re-run of {r['documents']:,} docs",
                f"{r['share']:.1%} of full",
                f"{r['seconds']:.1f} s vs {r['full_seconds']:.1f} s (wall {r['wall']:.1f} s)",
            )
        )
    return rows


def table(results: dict) -> str:
    """The compact text table of the results measured so far."""
    rows: list[tuple[str, str, str]] = []
    if "throughput" in results:
        rows.extend(_throughput_rows(results["throughput"]))
    for name, e in results.get("workers", {}).items():
        note = f"{e['speedup']:.2f}x of 1 worker; {_busy(e)}"
        if "idle_speedup_bound" in e:
            note += f"; by CPU time {e['idle_speedup_bound']:.2f}x on idle cores"
        if "tables_equal_local" in e:
            note += f"; tables equal local: {'yes' if e['tables_equal_local'] else 'NO'}"
        rows.append((f"extract run {name}", f"{e['words_per_s']:,.0f} w/s", note))
    if results.get("memory", {}).get("runs"):
        rows.extend(_memory_rows(results["memory"]))
    for key, label in (("numbers", "money/percent/quantity stage"), ("dates", "date stage")):
        if key in results.get("stages", {}):
            e = results["stages"][key]
            rate = f"{e['mb_per_s']:.2f} MB/s"
            rows.append((label, rate, f"{e['mb_per_cpu_s']:.2f} MB/cpu-s; stage alone"))
    if not rows:
        return "(nothing measured)"
    width = [max(len(r[i]) for r in rows) for i in range(2)]
    return "\n".join(f"{a:<{width[0]}}  {b:>{width[1]}}  {c}" for a, b, c in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200, help="documents for throughput (200)")
    parser.add_argument(
        "--memory-docs",
        type=int,
        nargs="+",
        default=[300, 1000],
        metavar="N",
        help="corpus sizes of the peak-memory runs (300 1000)",
    )
    parser.add_argument(
        "--rerun-docs",
        type=int,
        help="the memory size re-run unchanged (default: 5000 if measured, else the largest)",
    )
    parser.add_argument("--workers", type=int, default=2, help="workers to compare with 1 (2)")
    parser.add_argument("--batch-size", type=int, help="model batch size (default: config)")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask engine run")
    parser.add_argument("--skip-memory", action="store_true", help="skip the memory runs")
    parser.add_argument(
        "--full-scale",
        action="store_true",
        help="a nightly run's sizes: --docs 300 --memory-docs 1000 5000 10000 (takes far "
        "longer: about 45 min on an idle 2-core machine)",
    )
    parser.add_argument("--out", type=Path, default=OUT / "bench.json", help="JSON file")
    args = parser.parse_args()
    if args.full_scale:
        args.docs, args.memory_docs = 300, [1000, 5000, 10000]
    if args.rerun_docs is None:
        args.rerun_docs = 5000 if 5000 in args.memory_docs else max(args.memory_docs)
    if args.rerun_docs not in args.memory_docs:
        parser.error("--rerun-docs must be one of --memory-docs")

    started = time.perf_counter()
    results: dict[str, Any] = {
        "environment": environment(),
        "args": vars(args) | {"out": str(args.out)},
        "complete": False,
    }

    def save() -> None:
        """Write what is measured so far: an interrupted run leaves its figures."""
        results["seconds"] = time.perf_counter() - started
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")

    synth = Synthesizer(sample_articles())
    work = Path(tempfile.mkdtemp(prefix="extract-bench-"))
    try:
        folder = work / "docs"
        texts = synth.write(folder, args.docs)
        words = words_of(texts)
        megabytes = sum(len(t.encode()) for t in texts) / 1_000_000
        results["corpus"] = {"documents": len(texts), "mb": megabytes, "words": words}
        log(f"{len(texts)} documents, {megabytes:.2f} MB, {words:,} words")

        results["stages"] = {
            "numbers": rule_stage_rate(NumberStage(), texts),
            "dates": rule_stage_rate(DateStage(), texts),
        }
        results["throughput"] = throughput(folder, texts, work, args.batch_size)
        model_name = str(load_config().section("model")["name"])
        results["parser_on_figures"] = parser_on_figure_sentences(model_name, texts)
        log(
            "dependency parser on the sentences holding a figure "
            f"({results['parser_on_figures']['share_of_text']:.0%} of the text): "
            f"{results['parser_on_figures']['seconds']:.2f} s"
        )
        save()
        dask = not args.no_dask and _has_dask()
        results["workers"] = workers(folder, words, work, args.workers, dask)
        save()
        if not args.skip_memory:
            speed = results["workers"][f"local-{args.workers}"]["words_per_s"]
            minutes = sum(args.memory_docs) * words / len(texts) / speed / 60
            log(f"the memory runs will take about {minutes:.0f} min at this speed")
            results["memory"] = {}
            sizes, rerun = args.memory_docs, args.rerun_docs
            memory(synth, sizes, args.workers, work, results["memory"], save, rerun)
        results["complete"] = True
    finally:
        shutil.rmtree(work, ignore_errors=True)
        save()
        corpus = results.get("corpus", {})
        print(
            f"{corpus.get('documents', 0)} documents of 2-5 KB, {corpus.get('mb', 0):.2f} MB, "
            f"{corpus.get('words', 0):,} words; {os.cpu_count()} cores, load average at start "
            f"{results['environment']['load_average_at_start'][0]:.1f}; "
            f"bench took {results['seconds'] / 60:.1f} min"
            + ("" if results["complete"] else " (interrupted: partial figures)")
        )
        print(table(results))
        print(f"written {args.out}")


def _has_dask() -> bool:
    try:
        import distributed  # noqa: F401
    except ImportError:
        log("distributed is not installed: no Dask run (pip install 'extract[dask]')")
        return False
    return True


if __name__ == "__main__":
    main()
