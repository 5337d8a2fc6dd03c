"""bench/bench_solutions.py still runs (`make bench` is not part of `make test`): on a few hundred
rows, inside the test's transaction, its pages answer and it reports."""

import os
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
pytestmark = pytest.mark.django_db


@pytest.fixture
def bench_solutions(monkeypatch):
    saved = dict(os.environ)
    monkeypatch.syspath_prepend(str(BENCH))
    import bench_solutions

    os.environ.clear()
    os.environ.update(saved)
    yield bench_solutions
    sys.modules.pop("bench_solutions", None)
    sys.modules.pop("bench_portal", None)


def test_bench_solutions_runs_on_a_few_hundred_rows(bench_solutions, settings, capsys):
    settings.ALLOWED_HOSTS = ["testserver"]
    assert bench_solutions.main(["--rows", "300", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert "seeded 316 solutions" in out and "p95 of the selector/page" in out
