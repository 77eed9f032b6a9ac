"""The mixed workload's hit counter (bench/counts.py): each worker counts its page-cache answers in a file."""

from django.http import HttpResponse

from bench.counts import PageCacheCounter, read


def _answer(label):
    response = HttpResponse("x")
    if label:
        response["X-Page-Cache"] = label
    return response


def test_hits_and_misses_are_counted_per_worker_and_added_up(tmp_path, monkeypatch, rf):
    monkeypatch.setenv("BENCH_COUNTS_DIR", str(tmp_path))
    labels = iter(["hit", "hit", "miss", None, "hit"])
    counter = PageCacheCounter(lambda request: _answer(next(labels)))
    for _ in range(5):
        counter(rf.get("/"))
    assert read(tmp_path) == (3, 1)  # an answer without the header (a form, a signed-in page) is not counted
    (tmp_path / "other-worker").write_bytes((2).to_bytes(8, "little") + (5).to_bytes(8, "little"))
    assert read(tmp_path) == (5, 6)


def test_without_a_folder_nothing_is_written(tmp_path, monkeypatch, rf):
    monkeypatch.delenv("BENCH_COUNTS_DIR", raising=False)
    counter = PageCacheCounter(lambda request: _answer("hit"))
    assert counter(rf.get("/"))["X-Page-Cache"] == "hit"
    assert list(tmp_path.iterdir()) == []
