"""Property: no pass takes more than linear time in the length of the text.

Hypothesis builds a short unit from tokens that have made passes slow in the past
(quarters, percentages, amounts, month names, runs of capitalized words, digits and
separators, rows without sentence punctuation) and repeats it to a small and a ten times
larger text. The larger text must take at most ``SLACK`` times ten the small one's time
(plus a fixed allowance for timer noise). The larger run goes to a worker process whose
deadline is that bound, so a quadratic pass fails the example instead of hanging the
suite. The fast test uses a blank spaCy pipeline at 2 KB / 20 KB; the slow one the real
model at 10 KB / 100 KB.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from extract.engines.local import WorkerPool
from extract.pipeline import Pipeline
from extract.records import Document

TOKENS = [
    "Q1",
    "Q3 2025",
    "5%",
    "-3.5%",
    "$1.2 billion",
    "€40m",
    "January",
    "March 3, 2024",
    "fiscal 2024",
    "Acme",
    "Globex Corp",
    "Initech",
    "Chief Executive Jane Doe",
    "revenue rose",
    "profit",
    "12,345",
    "6",
    "7.8",
    ",",
    "$",
    "%",
    "(",
    "-",
    "the",
    "and",
    "to",
    ".",
    "\n",
    "|",
]
# Each pass and the passes it needs run before it.
PASSES = {
    "numbers": {"numbers"},
    "dates": {"dates"},
    "entities": {"entities"},
    "overlaps": {"numbers"},
    "facts": {"numbers", "facts"},
}
SLACK = 3.0
NOISE_S = 0.25

units = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=8).map(" ".join)


def _text(unit: str, size: int) -> str:
    unit = unit + " "
    return (unit * (size // len(unit) + 1))[:size]


def _work(pipeline: Pipeline, job: tuple[str, str]) -> dict[str, float]:
    name, text = job
    return pipeline.profile(Document(doc_id="x", source="x", path="", text=text), PASSES[name])


def _check(pipeline: Pipeline, name: str, unit: str, small: int) -> None:
    # Warm-up: lazy loads (language detector, lexicon indexes) do not count.
    _work(pipeline, (name, _text(unit, 200)))
    runs = [_work(pipeline, (name, _text(unit, small))) for _ in range(2)]
    checked = sorted(({name} | PASSES[name]) & set(runs[0]))
    bounds = {n: SLACK * 10 * min(run[n] for run in runs) + NOISE_S for n in checked}
    # The worker also runs the model and the passes this one needs: its deadline is the
    # same bound over the whole job.
    deadline = SLACK * 10 * min(sum(run.values()) for run in runs) + NOISE_S + 1.0
    pool: WorkerPool[tuple[str, str], dict[str, float] | None] = WorkerPool(
        _work,
        lambda: pipeline,
        workers=1,
        timeout=deadline,
        on_timeout=lambda job, s: None,
        on_crash=lambda job, code: None,
    )
    with pool:
        (large,) = pool.map([(name, _text(unit, 10 * small))])
    assert large is not None, f"{name}: {10 * small} chars of {unit!r} passed the deadline"
    for n, bound in bounds.items():
        assert large[n] <= bound, f"{n}: {10 * small} chars of {unit!r} passed {bound:.2f} s"


@pytest.fixture(scope="module")
def blank_pipeline() -> Pipeline:
    """The default stages over a blank spaCy pipeline that only splits sentences."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return Pipeline(nlp=nlp)


_FAST = settings(
    max_examples=6,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    database=None,
)


@pytest.mark.parametrize("name", list(PASSES))
@_FAST
@given(unit=units)
def test_linear_time_each_pass_small(blank_pipeline: Pipeline, name: str, unit: str) -> None:
    _check(blank_pipeline, name, unit, 2_000)


@pytest.mark.slow
# With the model, one job per pass group: overlaps also checks numbers.
@pytest.mark.parametrize("name", ["overlaps", "dates", "entities", "facts"])
@settings(_FAST, max_examples=1)
@given(unit=units)
def test_linear_time_each_pass_real_model(pipeline: Pipeline, name: str, unit: str) -> None:
    _check(pipeline, name, unit, 10_000)


def test_linear_time_check_catches_a_quadratic_pass(
    blank_pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    stage = next(s for s in blank_pipeline.stages if s.name == "numbers")
    original = type(stage).__call__

    def quadratic(self, doc):
        for i in range(len(doc.text)):
            for _ in range(i // 2):
                pass
        return original(self, doc)

    monkeypatch.setattr(type(stage), "__call__", quadratic)
    started = time.monotonic()
    with pytest.raises(AssertionError, match="numbers: 20000 chars"):
        _check(blank_pipeline, "numbers", "Acme said", 2_000)
    assert time.monotonic() - started < 30
