"""A child Python process fed messages by one thread and read by another, answers in
order: the two background processes of a build (the tokenizing process of
:mod:`arabcorpus.corpus.batches` and the layer analyses of
:mod:`arabcorpus.corpus._layer_worker`).

The parent side is :class:`_ChildProcess`: :meth:`~_ChildProcess.send` queues a
message and returns at once (a feeder thread writes it to the child's standard input,
so sending never waits for the child to finish the previous message); a reader thread
reads the answers from the child's standard output, and :meth:`~_ChildProcess.next`
returns them one at a time, in the order of the messages. The child side is
:func:`serve`: it answers each message with a function of it.

A child that stops (exits, raises, is killed) or writes something that is not an
answer is a :class:`RuntimeError` in the parent, with the exit code and the end of the
child's standard error, never a wait without end (a child that stays alive without
answering is waited for, as a slow one would be). :meth:`~_ChildProcess.close` (or
the end of a ``with`` block, or the object's garbage collection, or the end of the
interpreter) ends the child and both threads.

Protocol: a message and an answer are each a *frame*, a list of byte strings (parts):
the 4 bytes ``ACF1``, a ``uint32`` part count, then per part a ``uint64`` byte length
and the bytes (little-endian). The first frame sent is the header the child starts
from. The child writes frames to a copy of its standard output and points its
standard output at its standard error, so that a stray ``print`` in the child (or a
library it calls) cannot break a frame. Kept over the layer worker's former JSON
lines (one per message): any bytes go as they are (NumPy arrays with no copy) and the
end of an answer is known without scanning it; the lemma, base and clitics layers of
2,000 SaudiNewsNet articles built in the same time, 3.50 s (was 3.49 s, best of 8) and
3.20 s of CPU in the children (was 3.19 s); all of SaudiNewsNet in 5.15 s (was 5.01 s,
best of 5 on 2 busy cores), 2.76 s of CPU in the building process and 2.30 s in the
tokenizing process (was 2.78 s and 2.30 s), the same files saved (2026-12-05,
``Corpus.build`` then ``save`` in a new interpreter for each build, alternating with
the code before this module).

Examples
--------
The layer worker, asked for the clitics of two surface types:

>>> import json
>>> header = [json.dumps([["clitics"], None]).encode()]
>>> with _ChildProcess("arabcorpus.corpus._layer_worker", header) as child:
...     child.send([json.dumps(["وبالكتاب", "كتب"]).encode()])
...     json.loads(child.next()[0])
{'clitics': ['وبال+', '∅']}
"""

from __future__ import annotations

import os
import queue
import struct
import subprocess
import sys
import tempfile
import threading
import weakref
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, BinaryIO

__all__: list[str] = []

_MAGIC = b"ACF1"
_HEAD = struct.Struct("<4sI")  # magic, number of parts
_SIZE = struct.Struct("<Q")
#: Parts in one frame, at most (a count above this is not a frame).
_MAX_PARTS = 1 << 16
#: Characters of the child's standard error quoted in an error.
_ERR_CHARS = 2000


class FrameError(ValueError):
    """Bytes that are not a frame."""


def _as_bytes(part: Any) -> memoryview:
    """``part`` (bytes, bytearray, a C-contiguous NumPy array...) as a flat view."""
    return memoryview(part).cast("B")


def write_frame(out: BinaryIO, parts: Sequence[memoryview]) -> None:
    """Write one frame of ``parts`` (flat views, see :func:`_as_bytes`) and flush."""
    out.write(_HEAD.pack(_MAGIC, len(parts)))
    for part in parts:
        out.write(_SIZE.pack(part.nbytes))
        out.write(part)
    out.flush()


def _read_exactly(src: BinaryIO, n: int) -> bytes:
    data = src.read(n)
    if len(data) != n:
        raise EOFError(f"the stream ended after {len(data)} of {n} bytes")
    return data


def read_frame(src: BinaryIO) -> list[bytes] | None:
    """The parts of the next frame, or None at the end of the stream.

    Raises :class:`EOFError` if the stream ends inside a frame and :class:`FrameError`
    if the bytes are not a frame.
    """
    head = src.read(_HEAD.size)
    if not head:
        return None
    if len(head) < _HEAD.size:
        raise EOFError("the stream ended inside a frame header")
    magic, count = _HEAD.unpack(head)
    if magic != _MAGIC or count > _MAX_PARTS:
        raise FrameError(f"not a frame: it starts with {head!r}")
    return [_read_exactly(src, _SIZE.unpack(_read_exactly(src, _SIZE.size))[0])
            for _ in range(count)]


# ------------------------------------------------------------------------ parent side
def child_command(module: str) -> list[str]:
    """The command that runs ``module``'s ``main()`` in a new interpreter (this one,
    :data:`sys.executable`) and exits with its value, importing the ``arabcorpus``
    package this process imported (``python -m`` would put the current folder first
    on ``sys.path``, where another copy may be). The module is imported, not run as
    ``__main__``: the package imports it first, and running it again as a script
    would make two copies of it (and a RuntimeWarning in the child's output)."""
    root = str(Path(__file__).resolve().parents[2])  # the folder of this package
    code = (f"import importlib, sys; sys.path.insert(0, {root!r}); "
            f"sys.exit(importlib.import_module({module!r}).main())")
    return [sys.executable, "-c", code]


class _Stopped:
    """What the reader thread puts after the last answer: why there are no more."""

    def __init__(self, reason: str = "") -> None:
        self.reason = reason  # empty: the child closed its output (it ended)


def _feed(stdin: BinaryIO, pending: queue.SimpleQueue, answers: queue.SimpleQueue,
          proc: subprocess.Popen) -> None:
    """The feeder thread: write each frame of ``pending`` until None, then close the
    child's input (the child ends when its input does)."""
    try:
        while (parts := pending.get()) is not None:
            write_frame(stdin, parts)
    except OSError:  # the child stopped: the reader thread finds its output ended
        pass
    except BaseException as exc:  # noqa: BLE001 - never leave the reader waiting
        answers.put(_Stopped(f"a message could not be sent ({exc!r})"))
        proc.kill()
    finally:
        try:
            stdin.close()
        except OSError:  # the pipe is broken: nothing left to flush
            pass


def _read_answers(stdout: BinaryIO, answers: queue.SimpleQueue,
                  proc: subprocess.Popen, decode: Callable[[list[bytes]], Any]) -> None:
    """The reader thread: put each answer (``decode`` of each frame of the child's
    output), then a :class:`_Stopped`."""
    stopped = _Stopped()
    try:
        while (parts := read_frame(stdout)) is not None:
            answers.put(decode(parts))
    except EOFError:  # the child stopped inside a frame
        pass
    except Exception as exc:  # noqa: BLE001 - garbage, or the pipe closed under us
        stopped = _Stopped(f"it sent a malformed answer ({exc!r})")
        proc.kill()
    finally:
        answers.put(stopped)


def _stop(proc: subprocess.Popen, pending: queue.SimpleQueue,
          threads: tuple[threading.Thread, ...], stderr: BinaryIO, kill: bool) -> None:
    """End the child (killed, or by closing its input and waiting for it) and join
    both threads."""
    pending.put(None)  # the feeder closes the child's input
    if kill:
        proc.kill()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:  # never leave the process behind
        proc.kill()
        proc.wait()
    for thread in threads:
        if thread is not threading.current_thread():
            thread.join(timeout=5)
    proc.stdout.close()
    stderr.close()


class _ChildProcess:
    """``module`` run in a child process (:func:`child_command`) that answers each
    message sent with one frame (:func:`serve`), fed and read by two threads.

    Parameters
    ----------
    module : str
        The module whose ``main()`` the child runs.
    header : sequence of bytes-like
        The first frame the child reads (its settings).

    Messages are sequences of bytes-like parts; answers come back in the order of the
    messages, as lists of ``bytes`` given to :meth:`_decode` by the reader thread (a
    subclass gives its answers their type there, in a static method: the threads must
    not refer to the object). Use it from one thread. :attr:`what` names the child
    in the errors ("the process tokenizing the documents stopped (exit 1): ...").
    """

    #: The child, in the errors.
    what = "the child process"

    def __init__(self, module: str, header: Sequence[Any]) -> None:
        if getattr(self._decode, "__self__", None) is self:
            raise TypeError("_decode must be a static method (the reader thread must "
                            "not refer to the object)")
        first = [_as_bytes(p) for p in header]  # a bad part fails before the start
        self._stderr = tempfile.TemporaryFile()
        try:
            self.proc = subprocess.Popen(child_command(module), stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=self._stderr)
        except BaseException:
            self._stderr.close()
            raise
        #: Messages sent whose answer :meth:`next` has not returned yet.
        self.in_flight = 0
        self._error: str | None = None  # once set, every next() raises it
        self._pending: queue.SimpleQueue = queue.SimpleQueue()
        self._answers: queue.SimpleQueue = queue.SimpleQueue()
        self._pending.put(first)
        threads = (
            threading.Thread(target=_feed, name=f"{module} feeder", daemon=True,
                             args=(self.proc.stdin, self._pending, self._answers,
                                   self.proc)),
            threading.Thread(target=_read_answers, name=f"{module} reader",
                             daemon=True,
                             args=(self.proc.stdout, self._answers, self.proc,
                                   self._decode)))
        for thread in threads:
            thread.start()
        # the threads do not refer to self, so an object dropped without close() is
        # collected, and this ends the child (at the latest when the interpreter ends)
        self._finalizer = weakref.finalize(self, _stop, self.proc, self._pending,
                                           threads, self._stderr, kill=True)

    def send(self, parts: Sequence[Any]) -> None:
        """Queue a message (returns at once; the parts must not change until it is
        answered)."""
        views = [_as_bytes(p) for p in parts]  # a bad part fails here, not in a thread
        self._pending.put(views)
        self.in_flight += 1

    def next(self) -> Any:
        """The answer to the oldest message not yet answered (waits for it)."""
        if self._error is not None:
            raise RuntimeError(self._error)
        if not self.in_flight:
            raise RuntimeError("no message was sent")
        out = self._answers.get()
        if isinstance(out, _Stopped):
            self._fail(out.reason)
        self.in_flight -= 1
        return out

    @staticmethod
    def _decode(parts: list[bytes]) -> Any:
        """The answer of the frame ``parts`` (raises if it is not one). Kept in the
        reader thread, as the two users did before sharing this class: the answers
        are decoded while the building process works."""
        return parts

    def _fail(self, reason: str) -> None:
        """Raise (now and at every later :meth:`next`) that the child stopped."""
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:  # the message says what is known
            pass
        self._stderr.seek(0, os.SEEK_END)
        size = self._stderr.tell()
        self._stderr.seek(max(0, size - 4 * _ERR_CHARS))
        err = self._stderr.read().decode("utf-8", "replace")[-_ERR_CHARS:]
        lead = f"{self.what} stopped (exit {self.proc.poll()})"
        self._error = f"{lead}: {reason}:\n{err}" if reason else f"{lead}:\n{err}"
        raise RuntimeError(self._error)

    def close(self) -> None:
        """End the child and both threads: the child ends when its input does, or is
        killed if answers are still due (work abandoned) or it failed."""
        if not self._finalizer.alive:
            return
        _, func, args, _ = self._finalizer.detach()
        func(*args, kill=bool(self.in_flight or self._error))

    def __enter__(self) -> "_ChildProcess":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


# ------------------------------------------------------------------------ child side
def serve(start: Callable[[list[bytes]], Callable[[list[bytes]], Sequence[Any]]]
          ) -> int:
    """The child's loop: ``answer = start(header)`` from the first frame of standard
    input, then ``answer(parts)`` (a sequence of bytes-like parts) written for each
    further frame, until the input ends. Returns the exit code."""
    stdin = sys.stdin.buffer
    sys.stdout.flush()
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # stray output goes to stderr
    header = read_frame(stdin)
    if header is None:
        return 0
    answer = start(header)
    del header
    while (parts := read_frame(stdin)) is not None:
        # the last answer is kept until this one is made, as the tokenizing process
        # did before this loop served both children: kept, 21,000 page faults on
        # SaudiNewsNet instead of 40,000 to 77,000 when freed after writing, the same
        # CPU time (2026-12-05, the batches of a build piped through the child)
        reply = [_as_bytes(p) for p in answer(parts)]
        del parts  # not held while the answer is written
        write_frame(out, reply)
    out.close()
    return 0
