"""Time per KB of every pass on repeated patterns, to check that each pass is linear; and
the MB/s of the rule stages on benchmark documents.

    python bench/stage_scaling.py [--sizes 10,100,1000] [--timeout 120] [PATTERN ...]
    python bench/stage_scaling.py --rates [--docs 200] [--rounds 5] [--against DIR]

For each pattern and size (KB) the text is the pattern repeated; the model parse, each
stage, overlap resolution, the fact linker and the entity rows are timed separately, in a
worker process that is stopped after ``--timeout`` seconds. Prints ms per KB; a pass is
linear when its figure stays flat as the size grows.

``--rates`` times the money/percent/quantity and date stages alone over ``--docs`` documents
of ``bench/synth.py`` (paragraphs and rule-based sentences as ``make bench`` gives them), in
CPU seconds, each document once per round with the per-process caches emptied first, and
prints the best round's MB/s. ``--against DIR`` loads the stages of another checkout (its
``DIR/extract``) into the same process and times the two alternately, ten documents at a
time, so that their ratio does not depend on how busy the machine is.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from extract.engines.local import WorkerPool
from extract.pipeline import Pipeline
from extract.records import Document

PATTERNS = {
    "Q1": "Q1 ",
    "5%": "5% ",
    "$1.2 billion": "$1.2 billion ",
    "January": "January ",
    "Capitalized": "Acme Globex Initech Umbrella Hooli Vandelay ",
    "digits": "12,345$6%7,8 ",
    "table row": "Revenue 1,234 5.6% 2024 Q1 $7.8 billion\n",
}


def _work(pipeline: Pipeline, job: tuple[str, int, frozenset[str] | None]) -> dict[str, float]:
    pattern, kb, passes = job
    unit = PATTERNS[pattern]
    text = (unit * (kb * 1024 // len(unit) + 1))[: kb * 1024]
    times = pipeline.profile(Document(doc_id="x", source="x", path="", text=text), passes)
    times["total"] = sum(times.values())
    return times


def _stages(root: str | None) -> tuple[dict[str, Callable[[Any], Any]], Callable[[], None], Any]:
    """The number and date stages of the checkout at ``root`` (this one when None), a function
    emptying its caches, and its ``rule_stage_docs`` builder."""
    saved = {k: v for k, v in sys.modules.items() if k == "extract" or k.startswith("extract.")}
    if root is not None:
        for name in saved:
            del sys.modules[name]
        sys.path.insert(0, str(Path(root).resolve()))
    try:
        dates = importlib.import_module("extract.stages.dates")
        numbers = importlib.import_module("extract.stages.numbers")
        pipeline = importlib.import_module("extract.pipeline")
        document = importlib.import_module("extract.document")
        cached = [
            getattr(importlib.import_module(f"extract.normalize.{m}"), f"normalize_{m}")
            for m in ("money", "percent", "quantity")
        ]
    finally:
        if root is not None:
            sys.path.pop(0)
            for name in [k for k in sys.modules if k == "extract" or k.startswith("extract.")]:
                del sys.modules[name]
            sys.modules.update(saved)

    def clear() -> None:
        for function in cached:
            getattr(function, "cache_clear", lambda: None)()

    def docs(texts: list[str]) -> list[Any]:
        return [
            document.ParsedDoc(
                doc_id=str(n),
                text=text,
                sentences=dates.simple_parsed_doc(text).sentences,
                paragraphs=tuple(
                    document.Paragraph(s, e, "en") for s, e in pipeline.split_paragraphs(text)
                ),
            )
            for n, text in enumerate(texts)
        ]

    return {"numbers": numbers.NumberStage(), "dates": dates.DateStage()}, clear, docs


def rates(n_docs: int, rounds: int, against: str | None) -> None:
    from synth import Synthesizer, sample_articles

    texts = list(Synthesizer(sample_articles()).texts(n_docs))
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1_000_000
    trees = {"this checkout": _stages(None)}
    if against:
        trees[against] = _stages(against)
    loaded = [(name, stages, clear, build(texts)) for name, (stages, clear, build) in trees.items()]
    best: dict[tuple[str, str], float] = {}
    for round_ in range(rounds):
        spent = {(name, kind): 0.0 for name, stages, _, _ in loaded for kind in stages}
        for _, _, clear, _ in loaded:
            clear()
        for start in range(0, n_docs, 10):
            order = loaded if (start // 10 + round_) % 2 else loaded[::-1]
            for name, stages, _, docs in order:
                for kind, stage in stages.items():
                    began = time.process_time()
                    for doc in docs[start : start + 10]:
                        stage(doc)
                    spent[(name, kind)] += time.process_time() - began
        for key, seconds in spent.items():
            best[key] = min(best.get(key, seconds), seconds)
    print(f"{n_docs} documents, {megabytes:.2f} MB; best of {rounds} rounds, CPU time")
    for (name, kind), seconds in best.items():
        print(f"{kind:8} {megabytes / seconds:6.2f} MB/s  {name}")
    if against:
        for kind in ("numbers", "dates"):
            ratio = best[(against, kind)] / best[("this checkout", kind)]
            print(f"{kind:8} {ratio:6.2f}x the speed of {against}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("patterns", nargs="*", default=list(PATTERNS))
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument(
        "--passes",
        help="comma-separated stages (numbers, dates, entities) and facts; all by default",
    )
    parser.add_argument("--rates", action="store_true", help="MB/s of the rule stages")
    parser.add_argument("--docs", type=int, default=200, help="documents for --rates (200)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds for --rates (5)")
    parser.add_argument("--against", help="another checkout to time --rates against")
    args = parser.parse_args()
    if args.rates:
        rates(args.docs, args.rounds, args.against)
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    passes = frozenset(args.passes.split(",")) if args.passes else None
    pipeline = Pipeline()
    timed_out: set[str] = set()

    def jobs() -> Iterator[tuple[str, int, frozenset[str] | None]]:
        for pattern in args.patterns:
            for kb in sizes:
                if pattern in timed_out:
                    print(f"{pattern!r:16} {kb:>5} KB  not run: a smaller size timed out")
                    continue
                yield pattern, kb, passes

    pool: WorkerPool[tuple[str, int, frozenset[str] | None], dict[str, float] | str] = WorkerPool(
        _work,
        lambda: pipeline,
        workers=1,
        timeout=args.timeout,
        on_timeout=lambda job, s: timed_out.add(job[0]) or f"timeout after {s:g} s",
        on_crash=lambda job, code: f"crashed ({code})",
    )
    with pool:
        sent: list[tuple[str, int]] = []

        def tracked() -> Iterator[tuple[str, int, frozenset[str] | None]]:
            for job in jobs():
                sent.append(job[:2])
                yield job

        for result in pool.map(tracked()):
            pattern, kb = sent.pop(0)
            if isinstance(result, str):
                print(f"{pattern!r:16} {kb:>5} KB  {result}", flush=True)
                continue
            cells = "  ".join(f"{k} {1000 * v / kb:7.2f}" for k, v in result.items())
            print(f"{pattern!r:16} {kb:>5} KB  ms/KB: {cells}", flush=True)


if __name__ == "__main__":
    main()
