"""Benchmark: the whole pipeline against plain ``nlp.pipe`` of the same model, in one run.

Builds a corpus of about ``--mb`` megabytes by repeating the articles of ``corpus/``,
runs ``extract`` over it (reading, all stages, facts, DuckDB and CSV output), then
times the spaCy model alone (all its default components, ``nlp.pipe``) over the same
texts. Prints words/second of both and their ratio, the throughput of the rule-based
money/percent and date stages alone, the cost of the dependency parser on the sentences
holding a figure, and peak memory.

    python bench/bench.py [--mb 2] [--workers 1]
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.config import load_config  # noqa: E402
from extract.document import Paragraph, ParsedDoc  # noqa: E402
from extract.pipeline import Pipeline, split_paragraphs  # noqa: E402
from extract.runner import run_batch  # noqa: E402
from extract.stages.dates import DateStage, simple_parsed_doc  # noqa: E402
from extract.stages.numbers import NumberStage  # noqa: E402


def build_corpus(target: Path, megabytes: float) -> list[str]:
    """Copy the sample articles into ``target`` until about ``megabytes`` MB; return texts."""
    sources = sorted((ROOT / "corpus").glob("*.txt"))
    if not sources:
        raise SystemExit("bench: corpus/ holds no .txt articles")
    texts: list[str] = []
    size = 0
    i = 0
    while size < megabytes * 1_000_000:
        src = sources[i % len(sources)]
        text = src.read_text(encoding="utf-8")
        (target / f"{i:04d}-{src.name}").write_text(text, encoding="utf-8")
        texts.append(text)
        size += len(text.encode("utf-8"))
        i += 1
    return texts


def rule_stage_rate(stage: object, texts: list[str], repeats: int = 1) -> float:
    """MB of text per second through one rule-based stage alone.

    Each text gets the paragraphs the pipeline gives it and rule-based sentence splits, so
    no model runs; building them is not timed.
    """
    docs = []
    for n, text in enumerate(texts):
        spans = split_paragraphs(text)
        sentences = simple_parsed_doc(text).sentences
        docs.append(
            ParsedDoc(
                doc_id=str(n),
                text=text,
                sentences=sentences,
                paragraphs=tuple(Paragraph(s, e, "en") for s, e in spans),
            )
        )
    size = sum(len(t.encode("utf-8")) for t in texts) * repeats
    started = time.perf_counter()
    for _ in range(repeats):
        for doc in docs:
            stage(doc)  # type: ignore[operator]
    return size / 1_000_000 / (time.perf_counter() - started)


def parser_on_figure_sentences(model_name: str, texts: list[str]) -> tuple[float, float]:
    """Seconds the model's tagger and parser (with their tok2vec) take on the sentences that
    hold a digit, and the share of the text those sentences are: what running the parser
    for fact attachment would add to a run."""
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
    return time.perf_counter() - started, share


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=2.0, help="corpus size in MB (default 2)")
    parser.add_argument("--workers", type=int, default=1, help="spaCy processes (default 1)")
    args = parser.parse_args()

    import spacy

    work = Path(tempfile.mkdtemp(prefix="extract-bench-"))
    try:
        corpus = work / "corpus"
        corpus.mkdir()
        texts = build_corpus(corpus, args.mb)
        words = sum(len(t.split()) for t in texts)
        megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1_000_000
        print(f"corpus: {len(texts)} documents, {megabytes:.2f} MB, {words} words")

        config = load_config()
        pipeline = Pipeline(config)
        pipeline.n_process = args.workers
        pipeline.batch_size = 4 if args.workers > 1 else pipeline.batch_size
        started = time.perf_counter()
        report = run_batch([corpus], work / "out", pipeline=pipeline, full=True)
        pipeline_s = time.perf_counter() - started
        if report.ok != len(texts):
            raise SystemExit(f"bench: only {report.ok} of {len(texts)} documents ok")

        model_name = config.section("model")["name"]
        nlp = spacy.load(model_name)
        started = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=pipeline.batch_size, n_process=args.workers):
            pass
        baseline_s = time.perf_counter() - started

        parser_s, share = parser_on_figure_sentences(model_name, texts)

        numbers = rule_stage_rate(NumberStage(), texts)
        dates = rule_stage_rate(DateStage(), texts)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        children_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

        pipe_wps = words / pipeline_s
        base_wps = words / baseline_s
        print(
            f"extract pipeline : {pipeline_s:7.2f} s  {pipe_wps:9.0f} words/s "
            f"({report.mentions} mentions, {report.facts} facts)"
        )
        print(
            f"nlp.pipe ({model_name}, {', '.join(nlp.pipe_names)}): "
            f"{baseline_s:7.2f} s  {base_wps:9.0f} words/s"
        )
        print(f"ratio pipeline / nlp.pipe: {pipe_wps / base_wps:.2f}x")
        print(
            f"dependency parser on the sentences holding a figure ({share:.0%} of the text): "
            f"{parser_s:7.2f} s, +{parser_s / pipeline_s:.0%} of the pipeline's time"
        )
        print(f"money/percent/quantity stage alone: {numbers:.2f} MB/s")
        print(f"date stage alone: {dates:.2f} MB/s")
        print(f"peak memory: {peak_mb:.0f} MB (worker processes: {children_mb:.0f} MB)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
