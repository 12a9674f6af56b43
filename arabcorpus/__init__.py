"""arabcorpus: Arabic corpus linguistics in Python.

Clean and normalize Arabic news, strip diacritics, tokenize, build an indexed corpus,
and read concordances, collocations, keyness, dispersion and topic models from it.

The public API is re-exported here (see ``__all__``). The package has parts that follow
the data flow, each importing only the parts before it: ``arabcorpus.text`` (characters,
normalization, diacritics, tokens, clitics, stems, lemmas), ``arabcorpus.io`` (readers,
news cleaning, datasets), ``arabcorpus.corpus`` (the indexed corpus, in memory or
sharded), ``arabcorpus.analyses`` (frequency, KWIC, collocations, keyness, dispersion,
topics), ``arabcorpus.plot`` (figures) and ``arabcorpus.app`` (command line, report).
The docs' design page shows them and the rules between them.

Examples
--------
>>> import arabcorpus as ac
>>> ac.normalize("أيضاً", profile="search")
'ايضا'
>>> [t.text for t in ac.tokenize('قال لـ"روزنة" إن')]
['قال', 'ل', '"', 'روزنة', '"', 'إن']
"""

from arabcorpus._version import __version__
from arabcorpus.text import chars
from arabcorpus.analyses import measures
from arabcorpus import plot
from arabcorpus.text.normalize import PROFILES, RULES, Normalizer, normalize
from arabcorpus.text.diacritics import diacritic_density, is_diacritized, strip_diacritics
from arabcorpus.text.tokenize import (KINDS, Token, Tokens, token_spans, token_spans_many,
                                      tokenize, tokenize_many)
from arabcorpus.text.sentences import sentence_spans, split_sentences
from arabcorpus.text.light_clitics import segment_clitics
from arabcorpus.text.stem import STEMMERS, Stemmer, is_stopword, stem, stopwords
from arabcorpus.text.clitics import base_form, split_clitics
from arabcorpus.text.lemma import Lemmatizer, lemmatize
from arabcorpus.io.readers import (Document, DocumentStream, LoadReport, ReadError,
                                   as_documents, read, read_csv, read_dataframe,
                                   read_html, read_iterable, read_json, read_jsonl,
                                   read_saudinewsnet, read_texts, read_warc, read_zip)
from arabcorpus.io.news import (DEFAULT_RULES, SAUDINEWSNET_RULES, clean_documents,
                                parse_article, parse_date)
from arabcorpus.io.duplicates import near_duplicates
from arabcorpus.io.datasets import (DatasetError, citation, fetch_dataset, list_datasets,
                                    load_dataset)
from arabcorpus.corpus import Corpus, ShardedCorpus
from arabcorpus.analyses.forms import display_forms
from arabcorpus.analyses.frequency import frequency, lexical_stats, ngrams
from arabcorpus.analyses.kwic import Concordance, kwic
from arabcorpus.analyses.collocations import collocates, collocations
from arabcorpus.analyses.keyness import keyness
from arabcorpus.analyses.dispersion import dispersion, dispersion_positions
from arabcorpus.analyses.topics import TopicModel, choose_k
from arabcorpus import _moved

_moved.install(__import__("sys").modules[__name__])

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
    "read_saudinewsnet", "read_html", "read_warc", "as_documents",
    "parse_article", "parse_date", "clean_documents", "DEFAULT_RULES", "SAUDINEWSNET_RULES",
    "load_dataset", "fetch_dataset", "list_datasets", "citation", "DatasetError",
    "near_duplicates",
    # corpus and analyses
    "Corpus", "ShardedCorpus", "display_forms",
    "frequency", "ngrams", "lexical_stats",
    "kwic", "Concordance",
    "collocates", "collocations",
    "keyness",
    "dispersion", "dispersion_positions",
    "TopicModel", "choose_k",
]
