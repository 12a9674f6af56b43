"""arabcorpus: Arabic corpus linguistics in Python.

Clean and normalize Arabic news, strip diacritics, tokenize, build an indexed corpus,
and read concordances, collocations, keyness, dispersion and topic models from it.

The public API is re-exported here (see ``__all__``); the modules follow the data flow
of the library: text core (``chars``, ``normalize``, ``diacritics``, ``tokenize``,
``stem``, ``clitics``, ``lemma``), then ``readers``, ``news``, ``datasets`` and ``corpus``, then the analyses
(``frequency``, ``kwic``, ``collocations``, ``keyness``, ``dispersion``, ``topics``),
then ``plot``.

Eight modules share their name with their main function (``normalize``, ``tokenize``,
``stem``, ``frequency``, ``kwic``, ``collocations``, ``keyness``, ``dispersion``). They
stay modules (so ``from arabcorpus import normalize`` and
``from arabcorpus.normalize import Normalizer`` both work) and are also callable:
``arabcorpus.normalize(text)`` calls ``arabcorpus.normalize.normalize(text)``.

Examples
--------
>>> import arabcorpus as ac
>>> ac.normalize("أيضاً", profile="search")
'ايضا'
>>> [t.text for t in ac.tokenize('قال لـ"روزنة" إن')]
['قال', 'ل', '"', 'روزنة', '"', 'إن']
"""

import types as _types

from arabcorpus._version import __version__
from arabcorpus import chars, measures, plot
from arabcorpus import (collocations, dispersion, frequency, keyness, kwic, normalize,
                        stem, tokenize)
from arabcorpus.diacritics import diacritic_density, is_diacritized, strip_diacritics
from arabcorpus.normalize import PROFILES, RULES, Normalizer
from arabcorpus.tokenize import (KINDS, Token, Tokens, segment_clitics, sentence_spans,
                                 split_sentences, token_spans, token_spans_many,
                                 tokenize_many)
from arabcorpus.stem import STEMMERS, Stemmer, is_stopword, stopwords
from arabcorpus.clitics import base_form, split_clitics
from arabcorpus.lemma import Lemmatizer, lemmatize
from arabcorpus.readers import (Document, DocumentStream, LoadReport, ReadError,
                                as_documents, read, read_csv, read_dataframe,
                                read_iterable, read_json, read_jsonl, read_saudinewsnet,
                                read_texts, read_zip)
from arabcorpus.news import (DEFAULT_RULES, SAUDINEWSNET_RULES, clean_documents,
                             parse_article, parse_date)
from arabcorpus.datasets import (DatasetError, citation, fetch_dataset, list_datasets,
                                 load_dataset)
from arabcorpus.corpus import Corpus
from arabcorpus.forms import display_forms
from arabcorpus.shards import ShardedCorpus
from arabcorpus.frequency import lexical_stats, ngrams
from arabcorpus.kwic import Concordance
from arabcorpus.collocations import collocates
from arabcorpus.dispersion import dispersion_positions
from arabcorpus.topics import TopicModel, choose_k


class _CallableModule(_types.ModuleType):
    """A module that, called, calls its function of the same name."""

    def __call__(self, *args, **kwargs):
        return getattr(self, self.__name__.rpartition(".")[2])(*args, **kwargs)


for _module in (collocations, dispersion, frequency, keyness, kwic, normalize, stem,
                tokenize):
    _module.__class__ = _CallableModule
del _module

__all__ = [
    "__version__",
    # modules
    "chars", "measures", "plot",
    # text core
    "Normalizer", "normalize", "RULES", "PROFILES",
    "strip_diacritics", "diacritic_density", "is_diacritized",
    "Token", "Tokens", "KINDS", "tokenize", "token_spans", "tokenize_many", "token_spans_many",
    "split_sentences", "sentence_spans",
    "segment_clitics", "split_clitics", "base_form",
    "Lemmatizer", "lemmatize",
    "STEMMERS", "Stemmer", "stem", "stopwords", "is_stopword",
    # reading
    "Document", "DocumentStream", "LoadReport", "ReadError", "read", "read_texts",
    "read_json", "read_jsonl", "read_csv", "read_zip", "read_dataframe", "read_iterable",
    "read_saudinewsnet", "as_documents",
    "parse_article", "parse_date", "clean_documents", "DEFAULT_RULES", "SAUDINEWSNET_RULES",
    "load_dataset", "fetch_dataset", "list_datasets", "citation", "DatasetError",
    # corpus and analyses
    "Corpus", "ShardedCorpus", "display_forms",
    "frequency", "ngrams", "lexical_stats",
    "kwic", "Concordance",
    "collocates", "collocations",
    "keyness",
    "dispersion", "dispersion_positions",
    "TopicModel", "choose_k",
]
