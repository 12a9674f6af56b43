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

Protocol between the two processes: frames of arrays (:mod:`arabcorpus.corpus.pipes`,
raw bytes in native byte order: one machine). The first frame sent holds one
``uint8``, 1 to keep punctuation tokens. Each further frame is a batch: the length of
each text (``int64``) and the texts joined, in UTF-32-LE with ``surrogatepass`` (every
code point, lone surrogates included, comes back as it went). The answer to a batch is
a frame of the six :class:`TokenBatch` arrays.

Examples
--------
>>> tb = tokenize_batch(["كتب قلم", "كتب."], punctuation=False)
>>> tb.starts.tolist(), tb.ends.tolist(), tb.counts.tolist()
([0, 4, 0], [3, 7, 3], [2, 1])
>>> bool(tb.h1[0] == tb.h1[2]), bool(tb.h1[0] == tb.h1[1])
(True, False)
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import numpy as np

from arabcorpus.corpus import encoder
from arabcorpus.corpus.pipes import _ChildProcess, serve

__all__ = ["TokenBatch", "tokenize_batch", "joined_spans", "TokenizingProcess"]


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


# ------------------------------------------------------------------------ process
#: The dtypes of the arrays of an answer: those of TokenBatch, in order.
_ANSWER_DTYPES = (np.int32, np.int32, np.uint8, np.int64, np.uint64, np.uint64)


def _answer_parts(tb: TokenBatch) -> list[np.ndarray]:
    return [np.ascontiguousarray(a, dtype=t) for a, t in zip(tb, _ANSWER_DTYPES)]


def _answer_from(parts: list[bytes]) -> TokenBatch:
    if len(parts) != len(_ANSWER_DTYPES):
        raise ValueError(f"{len(parts)} arrays, not {len(_ANSWER_DTYPES)}")
    return TokenBatch(*(np.frombuffer(p, dtype=t)
                        for p, t in zip(parts, _ANSWER_DTYPES)))


class TokenizingProcess(_ChildProcess):
    """:func:`tokenize_batch` in a second process (this module's :func:`main`), fed
    and read by two threads so that sending a batch
    never waits for the previous one to be tokenized
    (:class:`~arabcorpus.corpus.pipes._ChildProcess`). Answers come in the order of
    the batches sent (:meth:`next`).
    """

    what = "the process tokenizing the documents"

    def __init__(self, punctuation: bool) -> None:
        super().__init__("arabcorpus.corpus.batches",
                         [np.array([punctuation], dtype=np.uint8)])

    def submit(self, texts: Sequence[str], joined: str) -> None:
        """Send a batch: ``texts`` and ``"".join(texts)``."""
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        self.send([lengths, joined.encode("utf-32-le", "surrogatepass")])

    @staticmethod
    def _decode(parts: list[bytes]) -> TokenBatch:
        return _answer_from(parts)


def _tokenizer(header: list[bytes]) -> Callable[[list[bytes]], list[np.ndarray]]:
    """The tokenizing process's answer to each batch, given the header frame."""
    punctuation = bool(header[0][0])
    scratch = encoder._Scratch()

    def answer(parts: list[bytes]) -> list[np.ndarray]:
        lengths = np.frombuffer(parts[0], dtype=np.int64)
        data = parts[1]
        joined = data.decode("utf-32-le", "surrogatepass")
        ends = np.cumsum(lengths).tolist()
        texts = [joined[a:b] for a, b in zip([0, *ends[:-1]], ends)]
        cps = np.frombuffer(data, dtype=np.uint32)
        return _answer_parts(tokenize_batch(texts, punctuation, cps=cps,
                                            scratch=scratch))

    return answer


def main() -> int:
    """The tokenizing process: answer each batch frame of standard input."""
    return serve(_tokenizer)


if __name__ == "__main__":
    sys.exit(main())
