"""The tokens of a batch of documents and the hashes of their types, made in the
building process or in a tokenizing process beside it.

:func:`tokenize_batch` is one step of a build (:mod:`arabcorpus.corpus.builder`): the
token spans of a batch of texts (:func:`arabcorpus.text.tokenize.token_spans_many`)
and two 64-bit hashes of each token (:func:`arabcorpus.corpus.encoder._span_hashes`),
from which the building process gives the tokens their type ids
(:class:`~arabcorpus.corpus.encoder.TypeEncoder`, no string made per token). It is a
function of the texts alone, so a large build runs it in a second process,
:class:`TokenizingProcess`, while the building process reads the next documents and
encodes the batches tokenized before: the result is the same as running it in the
building process (the same function of the same texts, received exactly).

Protocol between the two processes: frames of arrays, each frame a ``uint32`` count
then, per array, a ``uint64`` byte length and the raw bytes (native byte order: one
machine). The first frame sent holds one ``uint8``, 1 to keep punctuation tokens. Each
further frame is a batch: the length of each text (``int64``) and the texts joined, in
UTF-32-LE with ``surrogatepass`` (every code point, lone surrogates included, comes back
as it went). The answer to a batch is a frame of the six :class:`TokenBatch` arrays.

Examples
--------
>>> tb = tokenize_batch(["كتب قلم", "كتب."], punctuation=False)
>>> tb.starts.tolist(), tb.ends.tolist(), tb.counts.tolist()
([0, 4, 0], [3, 7, 3], [2, 1])
>>> bool(tb.h1[0] == tb.h1[2]), bool(tb.h1[0] == tb.h1[1])
(True, False)
"""

from __future__ import annotations

import queue
import struct
import subprocess
import sys
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

import numpy as np

from arabcorpus.corpus import encoder

__all__ = ["TokenBatch", "tokenize_batch", "joined_spans", "TokenizingProcess",
           "child_command"]


class TokenBatch(NamedTuple):
    """The tokens of a batch of texts, in order: ``texts[d][starts[i]:ends[i]]`` for the
    ``counts[d]`` tokens of text ``d``, with the two hashes of each token
    (:func:`arabcorpus.corpus.encoder._span_hashes`)."""

    starts: np.ndarray  # int32, relative to the token's text
    ends: np.ndarray    # int32
    kinds: np.ndarray   # uint8, index into arabcorpus.text.tokenize.KINDS
    counts: np.ndarray  # int64, tokens per text
    h1: np.ndarray      # uint64, one per token
    h2: np.ndarray      # uint64, one per token


def joined_spans(lengths: np.ndarray, tb: TokenBatch, tokens: np.ndarray | None = None
                 ) -> tuple[np.ndarray, np.ndarray]:
    """The spans (int64) of the batch's tokens ``tokens`` (all by default) in the texts
    joined without a separator; ``lengths`` are those of the texts."""
    base = np.zeros(len(lengths), dtype=np.int64)
    np.cumsum(lengths[:-1], out=base[1:])
    if tokens is None:
        shift = np.repeat(base, tb.counts)
        return tb.starts + shift, tb.ends + shift
    bounds = np.cumsum(tb.counts)
    shift = base[np.searchsorted(bounds, tokens, side="right")]
    return tb.starts[tokens] + shift, tb.ends[tokens] + shift


def tokenize_batch(texts: Sequence[str], punctuation: bool, *,
                   cps: np.ndarray | None = None, scratch: Any = None
                   ) -> TokenBatch:
    """The :class:`TokenBatch` of ``texts`` (a non-empty sequence).

    ``cps`` are the code points of the texts joined, if already at hand (UTF-32);
    ``scratch`` a work buffer reused from batch to batch.
    """
    from arabcorpus.text.tokenize import KINDS, token_spans_many

    spans = token_spans_many(texts, punctuation=punctuation)
    counts = np.fromiter((len(k) for _, _, k in spans), dtype=np.int64,
                         count=len(spans))
    starts = np.concatenate([s for s, _, _ in spans]).astype(np.int32)
    ends = np.concatenate([e for _, e, _ in spans]).astype(np.int32)
    kinds = np.concatenate([k for _, _, k in spans]).astype(np.uint8, copy=False)
    del spans
    if not punctuation and len(kinds):
        keep = kinds != KINDS.index("punct")
        if not keep.all():  # the tokenizer leaves them out already; make sure
            starts, ends, kinds = starts[keep], ends[keep], kinds[keep]
            kept = np.zeros(len(keep) + 1, dtype=np.int64)
            np.cumsum(keep, out=kept[1:])
            bounds = np.zeros(len(counts) + 1, dtype=np.int64)
            np.cumsum(counts, out=bounds[1:])
            counts = np.diff(kept[bounds])
    if cps is None:
        cps = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"),
                            dtype=np.uint32)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    tb = TokenBatch(starts, ends, kinds, counts, _EMPTY_HASHES, _EMPTY_HASHES)
    h1, h2 = encoder._span_hashes(cps, *joined_spans(lengths, tb), scratch)
    return tb._replace(h1=h1, h2=h2)


_EMPTY_HASHES = np.zeros(0, dtype=np.uint64)


# ------------------------------------------------------------------------ frames
_COUNT = struct.Struct("<I")
_SIZE = struct.Struct("<Q")
#: The dtypes of the arrays of an answer frame: those of TokenBatch, in order.
_ANSWER_DTYPES = (np.int32, np.int32, np.uint8, np.int64, np.uint64, np.uint64)


def _write_frame(out: BinaryIO, parts: Sequence[bytes | memoryview]) -> None:
    out.write(_COUNT.pack(len(parts)))
    for part in parts:
        out.write(_SIZE.pack(memoryview(part).nbytes))
        out.write(part)
    out.flush()


def _read_exactly(src: BinaryIO, n: int) -> bytes:
    data = src.read(n)
    if len(data) != n:
        raise EOFError(f"the stream ended after {len(data)} of {n} bytes")
    return data


def _read_frame(src: BinaryIO) -> list[bytes] | None:
    """The parts of the next frame, or None at the end of the stream."""
    head = src.read(_COUNT.size)
    if not head:
        return None
    if len(head) < _COUNT.size:
        raise EOFError("the stream ended inside a frame header")
    (count,) = _COUNT.unpack(head)
    return [_read_exactly(src, _SIZE.unpack(_read_exactly(src, _SIZE.size))[0])
            for _ in range(count)]


def _answer_parts(tb: TokenBatch) -> list[memoryview]:
    return [memoryview(np.ascontiguousarray(a, dtype=t)).cast("B")
            for a, t in zip(tb, _ANSWER_DTYPES)]


def _answer_from(parts: list[bytes]) -> TokenBatch:
    return TokenBatch(*(np.frombuffer(p, dtype=t)
                        for p, t in zip(parts, _ANSWER_DTYPES)))


# ------------------------------------------------------------------------ processes
def child_command(module: str) -> list[str]:
    """The command that runs ``module`` as ``__main__`` in a new interpreter, importing
    the ``arabcorpus`` package this process imported (``python -m`` would put the
    current folder first on ``sys.path``, where another copy may be)."""
    root = str(Path(__file__).resolve().parents[2])  # the folder of this package
    code = (f"import runpy, sys; sys.path.insert(0, {root!r}); "
            f"runpy.run_module({module!r}, run_name='__main__', alter_sys=True)")
    return [sys.executable, "-c", code]


class TokenizingProcess:
    """:func:`tokenize_batch` in a second process (``python -m
    arabcorpus.corpus.batches``), fed and read by two threads so that sending a batch
    never waits for the previous one to be tokenized. Answers come in the order of the
    batches sent (:meth:`next`).
    """

    def __init__(self, punctuation: bool) -> None:
        self.stderr = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            child_command("arabcorpus.corpus.batches"), stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=self.stderr)
        self.pending: queue.Queue[list | None] = queue.Queue()
        self.answers: queue.Queue[TokenBatch | None] = queue.Queue()
        self.in_flight = 0
        self.pending.put([np.array([punctuation], dtype=np.uint8)])
        self.writer = threading.Thread(target=self._write, daemon=True)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.writer.start()
        self.reader.start()

    def _write(self) -> None:
        stdin = self.proc.stdin
        try:
            while (parts := self.pending.get()) is not None:
                _write_frame(stdin, parts)
        except (BrokenPipeError, OSError):
            pass
        finally:
            try:
                stdin.close()
            except OSError:  # pragma: no cover
                pass

    def _read(self) -> None:
        try:
            while (parts := _read_frame(self.proc.stdout)) is not None:
                self.answers.put(_answer_from(parts))
        except (EOFError, OSError):
            pass
        finally:
            self.answers.put(None)  # the process stopped

    def submit(self, texts: Sequence[str], joined: str) -> None:
        """Send a batch: ``texts`` and ``"".join(texts)``."""
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        self.pending.put([lengths, joined.encode("utf-32-le", "surrogatepass")])
        self.in_flight += 1

    def next(self) -> TokenBatch:
        """The answer to the oldest batch not yet returned (waits for it)."""
        if not self.in_flight:
            raise RuntimeError("no batch was sent")
        out = self.answers.get()
        if out is None:
            self.answers.put(None)  # stays stopped for any later call
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:  # pragma: no cover
                pass
            self.stderr.seek(0)
            err = self.stderr.read().decode("utf-8", "replace")[-2000:]
            raise RuntimeError(f"the process tokenizing the documents stopped "
                               f"(exit {self.proc.poll()}):\n{err}")
        self.in_flight -= 1
        return out

    def close(self) -> None:
        """Stop the process (it ends when its input does)."""
        self.pending.put(None)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:  # never leave the process behind
            self.proc.kill()
            self.proc.wait()
        self.reader.join(timeout=5)
        self.proc.stdout.close()
        self.stderr.close()


def main() -> int:
    """The tokenizing process: answer each batch frame of standard input."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    header = _read_frame(stdin)
    if header is None:
        return 0
    punctuation = bool(header[0][0])
    scratch = encoder._Scratch()
    while (parts := _read_frame(stdin)) is not None:
        lengths = np.frombuffer(parts[0], dtype=np.int64)
        data = parts[1]
        joined = data.decode("utf-32-le", "surrogatepass")
        ends = np.cumsum(lengths).tolist()
        texts = [joined[a:b] for a, b in zip([0, *ends[:-1]], ends)]
        cps = np.frombuffer(data, dtype=np.uint32)
        tb = tokenize_batch(texts, punctuation, cps=cps, scratch=scratch)
        del texts, joined, cps, data, parts
        _write_frame(stdout, _answer_parts(tb))
    return 0


if __name__ == "__main__":
    sys.exit(main())
