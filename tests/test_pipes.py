"""The child process of arabcorpus.corpus.pipes: answers in order, large frames both
ways, a child that stops or sends garbage is an error (never a wait without end), and
no process or thread is left behind.

The children are small modules written to a temporary folder on the child's
``PYTHONPATH``; every wait in these tests has a time limit (:func:`within`).
"""

from __future__ import annotations

import contextlib
import gc
import io
import os
import signal
import sys
import textwrap
import threading
import time

import numpy as np
import pytest

from arabcorpus.corpus import pipes
from arabcorpus.corpus.pipes import _ChildProcess

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes and kill")

#: A child answering each message with its number and the parts reversed; the header
#: says how it misbehaves at message 3 (if it does).
CHILD = textwrap.dedent('''
    import os, sys, time
    from arabcorpus.corpus.pipes import serve

    def start(header):
        mode = header[0].decode()
        seen = [0]

        def answer(parts):
            seen[0] += 1
            if seen[0] == 3:
                if mode == "raise":
                    raise ValueError("message 3 is bad")
                if mode == "exit":
                    os._exit(3)
                if mode == "sleep":
                    time.sleep(120)
            if mode == "print":  # stray output must not break the frames
                print("noise from the child")
                os.write(1, b"noise on the descriptor")
            return [str(seen[0]).encode(), *parts[::-1]]

        return answer

    sys.exit(serve(start))
''')

#: A child that writes bytes that are not a frame, then waits for its input to end.
GARBAGE = textwrap.dedent('''
    import sys
    sys.stdin.buffer.read(1)
    sys.stdout.buffer.write(b"this is not a frame at all")
    sys.stdout.buffer.flush()
    sys.stdin.buffer.read()
''')


@pytest.fixture
def children(tmp_path, monkeypatch):
    (tmp_path / "pipe_child.py").write_text(CHILD, encoding="utf-8")
    (tmp_path / "pipe_garbage.py").write_text(GARBAGE, encoding="utf-8")
    path = os.environ.get("PYTHONPATH")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        [str(tmp_path), *([path] if path else [])]))
    before = set(threading.enumerate())
    yield
    gc.collect()
    left = [t for t in threading.enumerate() if t not in before and t.is_alive()]
    for t in left:
        t.join(timeout=10)
    assert not [t for t in left if t.is_alive()], "threads left running"


def within(seconds: float, fn, *args):
    """``fn(*args)``, which must return (or raise) within ``seconds``."""
    out: list = []

    def run() -> None:
        try:
            out.append((True, fn(*args)))
        except BaseException as exc:  # noqa: BLE001 - given back to the test
            out.append((False, exc))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if not out:
        pytest.fail(f"{getattr(fn, '__name__', fn)} still waiting after {seconds} s")
    ok, value = out[0]
    if not ok:
        raise value
    return value


def child(mode: str = "echo", module: str = "pipe_child") -> _ChildProcess:
    return _ChildProcess(module, [mode.encode()])


@contextlib.contextmanager
def checked(make=lambda: child()):
    """The child process ``make()``, closed on leaving the block, then checked ended:
    its process and both of its threads."""
    before = set(threading.enumerate())
    c = make()
    threads = new_threads(before)
    try:
        yield c
    finally:
        within(40, c.close)
    assert_ended(c.proc, threads)


def assert_ended(proc, threads) -> None:
    assert within(10, proc.wait) is not None
    assert proc.poll() is not None
    for t in threads:
        t.join(timeout=10)
        assert not t.is_alive(), t.name


def new_threads(before: set) -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t not in before]


def test_answers_come_in_order(children) -> None:
    before = set(threading.enumerate())
    with child() as c:
        threads = new_threads(before)
        assert len(threads) == 2
        got = []
        for i in range(2000):  # many messages, up to 50 in flight
            c.send([b"a%d" % i, np.array([i], dtype=np.int64)])
            if c.in_flight > 50:
                got.append(within(10, c.next))
        while c.in_flight:
            got.append(within(10, c.next))
    assert [int(a[0]) for a in got] == list(range(1, 2001))
    assert [np.frombuffer(a[1], dtype=np.int64)[0] for a in got] == list(range(2000))
    assert [a[2] for a in got] == [b"a%d" % i for i in range(2000)]
    assert_ended(c.proc, threads)
    assert c.proc.returncode == 0  # ended by its input, not killed


def test_large_frames_both_ways(children) -> None:
    """Frames far above a pipe's buffer (64 KiB), several sent before any is read:
    the feeder thread writes while the reader thread reads, no deadlock."""
    rng = np.random.default_rng(0)
    big = [rng.integers(0, 2**63, size=n, dtype=np.uint64) for n in
           (1 << 13, 1 << 17, 3 << 18, 1 << 20)]  # 64 KiB to 8 MiB
    with child() as c:
        for a in big:
            c.send([a, a[::2].copy(), b""])
        answers = [within(30, c.next) for _ in big]
    for a, (n, empty, half, whole) in zip(big, answers):
        assert empty == b""
        assert np.array_equal(np.frombuffer(whole, dtype=np.uint64), a)
        assert np.array_equal(np.frombuffer(half, dtype=np.uint64), a[::2])


def test_stray_output_in_the_child_does_not_break_frames(children) -> None:
    with child("print") as c:
        for i in range(5):
            c.send([b"x"])
        assert [within(10, c.next)[0] for _ in range(5)] == [b"1", b"2", b"3", b"4",
                                                            b"5"]


@pytest.mark.parametrize("mode, exit_code, message", [
    ("raise", 1, "ValueError: message 3 is bad"),
    ("exit", 3, ""),
])
def test_a_child_that_stops_is_an_error(children, mode, exit_code, message) -> None:
    with checked(lambda: child(mode)) as c:
        for _ in range(6):
            c.send([b"m"])
        assert within(10, c.next)[0] == b"1"
        assert within(10, c.next)[0] == b"2"
        with pytest.raises(RuntimeError,
                           match=f"the child process stopped \\(exit {exit_code}\\)"
                           ) as err:
            within(10, c.next)
        assert message in str(err.value)
        with pytest.raises(RuntimeError, match="stopped"):  # and at every later call
            within(10, c.next)


def test_a_child_killed_mid_stream_is_an_error(children) -> None:
    with checked(lambda: child("sleep")) as c:
        for _ in range(10):
            c.send([b"m" * 100_000])
        assert within(10, c.next)[0] == b"1"
        c.proc.kill()
        with pytest.raises(RuntimeError, match=r"stopped \(exit -9\)"):
            within(10, c.next)  # the second answer may have come first
            within(10, c.next)


def test_garbage_from_the_child_is_an_error(children) -> None:
    with checked(lambda: child(module="pipe_garbage")) as c:
        c.send([b"m"])
        with pytest.raises(RuntimeError, match="malformed answer .*not a frame"):
            within(10, c.next)


def test_an_answer_the_subclass_cannot_read_is_an_error(children) -> None:
    class Numbers(_ChildProcess):
        what = "the numbers process"

        @staticmethod
        def _decode(parts):
            return int(parts[1])

    with checked(lambda: Numbers("pipe_child", [b"echo"])) as c:
        c.send([b"12"])
        assert within(10, c.next) == 12
        c.send([b"twelve"])
        with pytest.raises(RuntimeError, match="the numbers process stopped .*"
                                               "malformed answer .*ValueError"):
            within(10, c.next)


def test_a_bad_part_fails_in_the_caller(children) -> None:
    with child() as c:
        with pytest.raises(TypeError):
            c.send(["a str is not bytes"])
        assert c.in_flight == 0
        c.send([b"still works"])
        assert within(10, c.next)[1] == b"still works"


def test_close_with_answers_due_kills_the_child(children) -> None:
    """Work abandoned (an error or an interrupt in the building process): the child
    is killed at once, not waited for."""
    before = set(threading.enumerate())
    c = child("sleep")
    threads = new_threads(before)
    for _ in range(4):
        c.send([b"m"])
    t0 = time.perf_counter()
    within(20, c.close)
    assert time.perf_counter() - t0 < 10
    assert c.proc.returncode == -9
    assert_ended(c.proc, threads)
    c.close()  # twice is fine


def test_keyboard_interrupt_while_waiting(children) -> None:
    """Ctrl-C while the building process waits for an answer: the wait ends with
    KeyboardInterrupt, and closing leaves nothing behind."""
    before = set(threading.enumerate())
    c = child("sleep")
    threads = new_threads(before)
    for _ in range(4):
        c.send([b"m"])
    timer = threading.Timer(1.0, signal.pthread_kill,
                            (threading.main_thread().ident, signal.SIGINT))
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            for _ in range(4):
                c.next()  # the third answer never comes
    finally:
        timer.cancel()
        within(20, c.close)
    assert_ended(c.proc, threads)


def test_garbage_collection_ends_the_child(children) -> None:
    before = set(threading.enumerate())
    c = child("sleep")
    proc, threads = c.proc, new_threads(before)
    for _ in range(4):
        c.send([b"m"])
    del c
    gc.collect()
    assert_ended(proc, threads)
    assert proc.returncode == -9


def test_frames_read_back_as_written() -> None:
    buf = io.BytesIO()
    parts = [b"", b"abc", np.arange(5, dtype=np.int32)]
    pipes.write_frame(buf, [pipes._as_bytes(p) for p in parts])
    pipes.write_frame(buf, [])
    data = buf.getvalue()
    first = data[:-8]
    src = io.BytesIO(data)
    assert pipes.read_frame(src) == [b"", b"abc", parts[2].tobytes()]
    assert pipes.read_frame(src) == []
    assert pipes.read_frame(src) is None
    with pytest.raises(EOFError):
        pipes.read_frame(io.BytesIO(first[:-3]))
    with pytest.raises(EOFError):
        pipes.read_frame(io.BytesIO(data[:5]))
    with pytest.raises(pipes.FrameError):
        pipes.read_frame(io.BytesIO(b"XXXX" + data[4:]))


def test_decode_must_be_a_static_method(children) -> None:
    """A bound method in the reader thread would keep the object (and the child)
    alive after its last reference goes."""
    class Bound(_ChildProcess):
        def _decode(self, parts):
            return parts

    before = set(threading.enumerate())
    with pytest.raises(TypeError, match="static method"):
        Bound("pipe_child", [b"echo"])
    assert new_threads(before) == []
