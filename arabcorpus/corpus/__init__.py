"""The indexed corpus: documents as integer-encoded tokens in NumPy arrays, one layer per
way of counting a word, with metadata; kept in memory or in shards on disk."""

from arabcorpus.corpus.memory import LAYERS, NO_CLITICS, Corpus
from arabcorpus.corpus.sharded import ShardedCorpus

__all__ = ["Corpus", "ShardedCorpus", "LAYERS", "NO_CLITICS"]
