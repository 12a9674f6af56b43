"""The background process of a corpus build that analyses surface types.

Run (its :func:`main`) by :class:`arabcorpus.corpus.builder._Worker`
(a plain subprocess, not :mod:`multiprocessing`, so that a user's script is never
imported again in the child). Protocol: frames of :mod:`arabcorpus.corpus.pipes`, each
of one JSON document in UTF-8. The first frame is ``[layers, backend]``; each further
frame is a list of surface types, answered by one object mapping each layer to the
list of its types for them, in order.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable


def _analyser(header: list[bytes]) -> Callable[[list[bytes]], list[bytes]]:
    """The answer to each frame of surface types, given the header frame."""
    from arabcorpus.corpus.layers import analyse_surface_types

    layers, backend = json.loads(header[0])
    layers = tuple(layers)

    def answer(parts: list[bytes]) -> list[bytes]:
        out = analyse_surface_types(json.loads(parts[0]), layers, backend)
        return [json.dumps(out, ensure_ascii=False).encode("utf-8", "surrogatepass")]

    return answer


def main() -> int:
    from arabcorpus.corpus.pipes import serve

    return serve(_analyser)


if __name__ == "__main__":
    sys.exit(main())
