"""The Dask engine: input order, bounded submissions, one pipeline per worker, same tables."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("distributed")

from distributed import Client, LocalCluster

from extract.cli import cli
from extract.engines import EngineError, open_engine
from extract.engines.dask import _PIPELINES, DaskEngine, PipelineSpec
from extract.errors import ConfigError
from extract.ingest.files import discover, read_document
from extract.records import Document, DocumentResult
from extract.runner import run_batch
from extract.store import Store
from extract.tables import TABLE_NAMES, to_tables

BUILDS: list[str] = []
_BUILDS_LOCK = threading.Lock()


class EchoPipeline:
    """Marks each document with the language ``xx`` after a delay that varies by document."""

    def process(self, documents: Iterable[Document]) -> Iterator[DocumentResult]:
        for document in documents:
            time.sleep(0.001 * (int(document.doc_id) % 7))
            yield DocumentResult(document=replace(document, language="xx"))


@dataclass(frozen=True)
class EchoSpec:
    fingerprint: str = "echo"

    def build(self) -> EchoPipeline:
        with _BUILDS_LOCK:
            BUILDS.append(self.fingerprint)
        return EchoPipeline()


@dataclass(frozen=True)
class BrokenSpec:
    fingerprint: str = "broken"

    def build(self) -> EchoPipeline:
        raise ConfigError("models/none: spaCy model 'none' is not installed")


def documents(n: int) -> list[Document]:
    return [
        Document(doc_id=str(i), source=f"{i}.txt", path=f"{i}.txt", text=f"Text number {i}.")
        for i in range(n)
    ]


@pytest.fixture(scope="module")
def threads_client() -> Iterator[Client]:
    """Two single-thread workers in this process: no model, no process start-up."""
    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=False,
            dashboard_address="127.0.0.1:0",
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def test_dask_engine_results_in_input_order_with_texts(threads_client: Client) -> None:
    docs = documents(60)
    with DaskEngine(client=threads_client, spec=EchoSpec(), chunk_size=3) as engine:
        results = list(engine.process(docs))
    assert [r.document.doc_id for r in results] == [d.doc_id for d in docs]
    # Workers send results without the text; the client puts it back.
    assert [r.document.text for r in results] == [d.text for d in docs]
    assert {r.document.language for r in results} == {"xx"}


def test_dask_engine_bounds_documents_in_flight(threads_client: Client) -> None:
    pulled = 0

    def stream() -> Iterator[Document]:
        nonlocal pulled
        for document in documents(200):
            pulled += 1
            yield document

    engine = DaskEngine(client=threads_client, spec=EchoSpec(), chunk_size=4, max_in_flight=3)
    with engine:
        results = engine.process(stream())
        first = next(results)
        assert first.document.doc_id == "0"
        assert pulled == 3 * 4
        assert sum(1 for _ in results) == 199
    assert pulled == 200


def test_dask_engine_builds_the_pipeline_once_per_process(threads_client: Client) -> None:
    spec = EchoSpec(fingerprint="once")
    with DaskEngine(client=threads_client, spec=spec, chunk_size=2) as engine:
        list(engine.process(documents(40)))
        list(engine.process(documents(40)))
    # Both workers run in this process, so they share one pipeline.
    assert BUILDS.count("once") == 1


def test_dask_engine_keeps_the_latest_pipelines_per_process(threads_client: Client) -> None:
    for name in ("first", "second", "third", "first"):
        with DaskEngine(client=threads_client, spec=EchoSpec(fingerprint=name)) as engine:
            list(engine.process(documents(4)))
    # "first" was dropped for "third", so it is built again; "second" was then dropped.
    assert [b for b in BUILDS if b in ("first", "second", "third")] == [
        "first",
        "second",
        "third",
        "first",
    ]
    assert set(_PIPELINES) == {"third", "first"}


def test_dask_engine_worker_config_error_stops_the_run(threads_client: Client) -> None:
    with (
        DaskEngine(client=threads_client, spec=BrokenSpec()) as engine,
        pytest.raises(ConfigError, match="not installed"),
    ):
        list(engine.process(documents(3)))


def test_dask_engine_leaves_a_given_client_open(threads_client: Client) -> None:
    with DaskEngine(client=threads_client, spec=EchoSpec()) as engine:
        list(engine.process(documents(2)))
    assert threads_client.status == "running"


def test_dask_engine_connects_to_a_scheduler_address(threads_client: Client) -> None:
    address = threads_client.scheduler.address
    with DaskEngine(scheduler=address, spec=EchoSpec(), chunk_size=2) as engine:
        assert engine.client is not threads_client
        results = list(engine.process(documents(9)))
    assert [r.document.doc_id for r in results] == [str(i) for i in range(9)]
    assert threads_client.status == "running"


def test_dask_engine_unreachable_scheduler_is_a_one_line_error(monkeypatch) -> None:
    import extract.engines.dask as engine_module

    monkeypatch.setattr(engine_module, "CONNECT_TIMEOUT_S", 1)
    with (
        pytest.raises(
            EngineError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"
        ),
        DaskEngine(scheduler="tcp://127.0.0.1:9", spec=EchoSpec()),
    ):
        pass


def test_dask_engine_process_outside_with_block_is_an_error() -> None:
    engine = DaskEngine(spec=EchoSpec())
    with pytest.raises(EngineError, match="not open"):
        list(engine.process(documents(1)))


@pytest.mark.parametrize(
    ("name", "scheduler", "workers", "message"),
    [
        ("spark", None, None, "unknown engine 'spark'"),
        ("local", "tcp://127.0.0.1:8786", None, "--scheduler needs --engine dask"),
        ("dask", "tcp://127.0.0.1:8786", 2, "--workers sizes a local Dask cluster"),
    ],
)
def test_open_engine_usage_errors(
    name: str, scheduler: str | None, workers: int | None, message: str
) -> None:
    with (
        pytest.raises(EngineError, match=message),
        open_engine(name, pipeline=None, scheduler=scheduler, workers=workers),  # type: ignore[arg-type]
    ):
        pass


@pytest.mark.slow
def test_dask_engine_worker_with_another_fingerprint_refuses(pipeline) -> None:
    spec = replace(PipelineSpec.of(pipeline), fingerprint="0" * 16)
    with pytest.raises(ConfigError, match="differs from the client's"):
        spec.build()


@pytest.fixture(scope="module")
def two_workers(pipeline) -> Iterator[DaskEngine]:
    """A LocalCluster of two worker processes; one document per task spreads the work."""
    with DaskEngine(pipeline, n_workers=2, chunk_size=1) as engine:
        yield engine


@pytest.mark.slow
def test_dask_engine_two_worker_processes_same_tables_as_local(
    pipeline, two_workers: DaskEngine, corpus_dir: Path
) -> None:
    docs = [read_document(item) for item in discover([corpus_dir])]
    assert len(docs) >= 2
    assert len(two_workers.client.nthreads()) == 2
    local = list(pipeline.process(docs))
    remote = list(two_workers.process(docs))
    assert remote == local
    local_tables = to_tables(local, pipeline.fingerprint)
    remote_tables = to_tables(remote, pipeline.fingerprint)
    for table in TABLE_NAMES:
        assert getattr(remote_tables, table).equals(getattr(local_tables, table)), table
    assert len(local_tables.mentions) > 0


@pytest.mark.slow
def test_cli_run_engine_dask_writes_the_local_engine_tables(
    pipeline, two_workers: DaskEngine, corpus_dir: Path, tmp_path: Path
) -> None:
    report = run_batch([corpus_dir], tmp_path / "local", pipeline=pipeline)
    assert report.ok >= 2
    scheduler = two_workers.client.scheduler.address
    args = ["run", str(corpus_dir), "--out", str(tmp_path / "dask"), "--engine", "dask"]
    remote = CliRunner().invoke(cli, [*args, "--scheduler", scheduler])
    assert remote.exit_code == 0, remote.output
    assert f"{report.mentions} mentions, {report.facts} facts" in remote.output
    with Store(tmp_path / "local", read_only=True) as store:
        local_tables = store.read()
    with Store(tmp_path / "dask", read_only=True) as store:
        remote_tables = store.read()
    for table in TABLE_NAMES:
        assert getattr(remote_tables, table).equals(getattr(local_tables, table)), table
    for name in ("documents.csv", "mentions.csv", "entities.csv", "facts.csv"):
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()
