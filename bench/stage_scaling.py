"""Time per KB of every pass on repeated patterns, to check that each pass is linear.

    python bench/stage_scaling.py [--sizes 10,100,1000] [--timeout 120] [PATTERN ...]

For each pattern and size (KB) the text is the pattern repeated; the model parse, each
stage, overlap resolution, the fact linker and the entity rows are timed separately, in a
worker process that is stopped after ``--timeout`` seconds. Prints ms per KB; a pass is
linear when its figure stays flat as the size grows.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator

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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("patterns", nargs="*", default=list(PATTERNS))
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument(
        "--passes",
        help="comma-separated stages (numbers, dates, entities) and facts; all by default",
    )
    args = parser.parse_args()
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
