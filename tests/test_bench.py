"""The benchmarks still run (`make bench` is not part of `make test`): each one, on a few rows, inside
the test's transaction, answers every page with 200 and keeps its queries constant."""

import os
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
pytestmark = pytest.mark.django_db


@pytest.fixture
def bench_modules(monkeypatch):
    """Import the benchmark modules as `make bench` runs them, without keeping their environment
    changes (DEBUG=0 and friends) for the rest of the suite."""
    saved = dict(os.environ)
    monkeypatch.syspath_prepend(str(BENCH))
    import bench_consultancy
    import bench_portal

    os.environ.clear()
    os.environ.update(saved)
    yield bench_portal, bench_consultancy
    sys.modules.pop("bench_portal", None)
    sys.modules.pop("bench_consultancy", None)


def test_bench_portal_runs_on_a_few_hundred_tickets(bench_modules, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    bench_portal, _ = bench_modules
    assert bench_portal.main(["--tickets", "300", "--skip-sweeps", "--repeat", "1", "--warmup", "0"]) == 0


def test_bench_consultancy_runs_on_a_few_sessions(bench_modules, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    _, bench_consultancy = bench_modules
    arguments = ["--sessions", "40", "--consultancies", "10", "--analysts", "3", "--repeat", "1"]
    assert bench_consultancy.main(arguments) == 0


@pytest.fixture
def bench_knowledge(monkeypatch):
    """bench/bench_knowledge.py imported as `make bench` runs it (its environment changes undone)."""
    saved = dict(os.environ)
    monkeypatch.syspath_prepend(str(BENCH))
    import bench_knowledge

    os.environ.clear()
    os.environ.update(saved)
    yield bench_knowledge
    sys.modules.pop("bench_knowledge", None)
    sys.modules.pop("bench_portal", None)


def test_bench_knowledge_runs_on_a_few_hundred_articles(bench_knowledge, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    assert bench_knowledge.main(["--articles", "200", "--repeat", "1"]) == 0
