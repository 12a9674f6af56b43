"""arabcorpus: Arabic corpus linguistics in Python.

Clean and normalize Arabic news, strip diacritics, tokenize, build an indexed corpus,
and read concordances, collocations, keyness, dispersion and topic models from it.

The public API is re-exported here; see ``__all__``.
"""

from arabcorpus._version import __version__
from arabcorpus import chars

__all__ = ["__version__", "chars"]
