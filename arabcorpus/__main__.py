"""``python -m arabcorpus``: the same as the ``arabcorpus`` command."""

import sys

from arabcorpus.app.cli import main

if __name__ == "__main__":
    sys.exit(main())
