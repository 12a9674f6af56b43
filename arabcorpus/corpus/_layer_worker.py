"""The background process of a corpus build that analyses surface types.

Run as ``python -m arabcorpus.corpus._layer_worker`` by :class:`arabcorpus.corpus.builder._SurfaceAnalyses`
(a plain subprocess, not :mod:`multiprocessing`, so that a user's script is never
imported again in the child). Protocol, one JSON document per line, UTF-8: the first
line of standard input is ``[layers, backend]``; each further line is a list of
surface types, answered on standard output by one object mapping each layer to the
list of its types for them, in order.
"""

from __future__ import annotations

import json
import sys


def main() -> int:
    from arabcorpus.corpus.layers import analyse_surface_types

    stdin = sys.stdin.buffer
    stdout = sys.stdout.buffer
    header = stdin.readline()
    if not header:
        return 0
    layers, backend = json.loads(header)
    layers = tuple(layers)
    for line in stdin:
        types = json.loads(line)
        out = analyse_surface_types(types, layers, backend)
        stdout.write(json.dumps(out, ensure_ascii=False).encode("utf-8", "surrogatepass")
                     + b"\n")
        stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
