"""Saving over a corpus is atomic: a save killed at any moment, or a load running
while another process saves, gives the old corpus, the new one or a clear error,
never a mixture of the two.

The saving child is a fork of the test process (no new interpreter to start, so a
kill costs milliseconds). It stops at a chosen *point* (just before a file is
written, hashed, renamed or removed, counted in the order the save reaches them)
and is killed there with SIGKILL; then the folder is loaded.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import signal
import sys
import time

import numpy as np
import pytest

from arabcorpus.corpus import format as corpus_module
from arabcorpus.corpus import memory as memory_module
from arabcorpus.corpus.memory import Corpus
from arabcorpus.io.readers import Document

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or sys.platform == "win32",
    reason="kills forked processes with SIGKILL (POSIX)")

OLD_DOCS = [Document(f"old/{i}", f"النص القديم رقم {i} عن أسعار النفط في الرياض",
                     {"source": "okaz", "n": i}) for i in range(40)]
NEW_DOCS = [Document(f"new/{i}", f"خبر جديد {i} عن الطقس في جدة والمدينة المنورة اليوم",
                     {"source": "sabq", "n": -i}) for i in range(55)]

# the steps of a save a child can be stopped before (module functions and calls)
_MODULE_POINTS = ["_write_metadata", "_write_vocab", "_digests", "_swap_in", "_exchange",
                  "_clean_leftovers"]


@pytest.fixture(scope="module")
def old() -> Corpus:
    return Corpus.build(OLD_DOCS, progress=False)


@pytest.fixture(scope="module")
def new() -> Corpus:
    return Corpus.build(NEW_DOCS, progress=False)


def _instrument(counter, paused, stop_at: int) -> None:
    """In the child: count each point reached; at point ``stop_at``, signal and
    sleep until killed."""
    def wrap(fn, name):
        def wrapper(*args, **kwargs):
            with counter.get_lock():
                counter.value += 1
                k = counter.value
            if k == stop_at:
                paused.set()
                time.sleep(60)
            return fn(*args, **kwargs)
        wrapper.__name__ = name
        return wrapper

    for module in (corpus_module, memory_module):  # the format's functions, and
        for name in _MODULE_POINTS:                # the names Corpus.save calls them by
            if hasattr(module, name):
                setattr(module, name, wrap(getattr(module, name), name))
    os.rename = wrap(os.rename, "os.rename")
    os.replace = wrap(os.replace, "os.replace")
    shutil.rmtree = wrap(shutil.rmtree, "rmtree")
    np.save = wrap(np.save, "np.save")


def _child(corpus: Corpus, folder, counter, paused, stop_at: int,
           exchange: bool) -> None:
    corpus_module._USE_EXCHANGE = exchange
    _instrument(counter, paused, stop_at)
    corpus.save(folder)
    os._exit(0)


def _ctx():
    return multiprocessing.get_context("fork")


def _check_load(folder, old: Corpus, new: Corpus) -> str:
    """Load ``folder`` with and without verification; return "old", "new" or
    "error" (after checking the error is a clear one)."""
    outcomes = set()
    for verify in (True, False):
        try:
            c = Corpus.load(folder, verify=verify, mmap_mode=None)
        except (ValueError, FileNotFoundError) as exc:
            assert str(folder) in str(exc)
            assert "interrupted" in str(exc), str(exc)
            outcomes.add("error")
            continue
        if c == old:
            outcomes.add("old")
        elif c == new:
            outcomes.add("new")
        else:  # a mixture
            pytest.fail(f"load gave neither the old corpus nor the new one: {c!r}")
    assert len(outcomes) == 1, outcomes
    return outcomes.pop()


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
def test_save_killed_at_every_point_leaves_old_or_new(old, new, tmp_path,
                                                      exchange) -> None:
    if exchange and not sys.platform.startswith("linux"):
        pytest.skip("renameat2(RENAME_EXCHANGE) is Linux only")
    ctx = _ctx()
    folder = tmp_path / "c"
    # a full run, to count the points a save goes through
    old.save(folder)
    counter, paused = ctx.Value("i", 0), ctx.Event()
    p = ctx.Process(target=_child, args=(new, folder, counter, paused, -1, exchange))
    p.start()
    p.join(30)
    assert p.exitcode == 0
    n_points = counter.value
    assert n_points >= 10  # metadata, vocabularies, arrays, digests, swap, cleanup
    assert Corpus.load(folder) == new

    seen = []
    for stop_at in range(1, n_points + 1):
        old.save(folder)
        counter, paused = ctx.Value("i", 0), ctx.Event()
        p = ctx.Process(target=_child,
                        args=(new, folder, counter, paused, stop_at, exchange))
        p.start()
        assert paused.wait(20), f"the child never reached point {stop_at}"
        os.kill(p.pid, signal.SIGKILL)
        p.join(10)
        assert p.exitcode == -signal.SIGKILL
        outcome = _check_load(folder, old, new)
        seen.append(outcome)
        if exchange:  # one atomic rename: the folder is always a whole corpus
            assert outcome in ("old", "new")
        # the next save removes what the killed one left
        new.save(folder)
        assert Corpus.load(folder) == new
        assert not [q.name for q in tmp_path.iterdir() if q.name != "c"]
    assert seen[0] == "old" and seen[-1] == "new"
    if not exchange:  # killed between the two renames: the error says so
        assert "error" in seen


def test_save_killed_at_random_moments(old, new, tmp_path) -> None:
    ctx = _ctx()
    folder = tmp_path / "c"
    rng = random.Random(16)
    outcomes = []
    for _ in range(8):
        old.save(folder)
        counter, paused = ctx.Value("i", 0), ctx.Event()
        p = ctx.Process(target=_child, args=(new, folder, counter, paused, -1,
                                             rng.random() < 0.5))
        p.start()
        time.sleep(rng.uniform(0, 0.05))
        os.kill(p.pid, signal.SIGKILL)
        p.join(10)
        outcomes.append(_check_load(folder, old, new))
    assert set(outcomes) <= {"old", "new", "error"}


def _saver(a: Corpus, b: Corpus, folder, stop, exchange: bool) -> None:
    corpus_module._USE_EXCHANGE = exchange
    i = 0
    while not stop.is_set():
        (a if i % 2 else b).save(folder)
        i += 1
    os._exit(0)


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
def test_load_during_saves_gives_old_or_new(old, new, tmp_path, exchange) -> None:
    if exchange and not sys.platform.startswith("linux"):
        pytest.skip("renameat2(RENAME_EXCHANGE) is Linux only")
    ctx = _ctx()
    folder = tmp_path / "c"
    old.save(folder)
    stop = ctx.Event()
    p = ctx.Process(target=_saver, args=(old, new, folder, stop, exchange))
    p.start()
    loads = {"old": 0, "new": 0, "busy": 0}
    mapped = []
    try:
        deadline = time.monotonic() + 3
        i = 0
        while time.monotonic() < deadline:
            i += 1
            try:
                c = Corpus.load(folder, verify=bool(i % 2))
            except (ValueError, OSError) as exc:
                # a clear error naming the folder is allowed while another process
                # keeps saving (the folder replaced at every retry, or, with two
                # renames, absent between them); a mixture never is
                assert str(folder) in str(exc), str(exc)
                loads["busy"] += 1
                continue
            if c == old:
                loads["old"] += 1
            elif c == new:
                loads["new"] += 1
            else:
                pytest.fail("a load during a save gave a mixture of two corpora")
            if len(mapped) < 5:
                mapped.append(c)
    finally:
        stop.set()
        p.join(30)
    assert p.exitcode == 0
    assert loads["old"] + loads["new"] >= 3, loads
    # memory-mapped corpora keep working after their folder was replaced and removed
    for c in mapped:
        assert c in (old, new)  # reads every array and text again
