"""Frequency lists, lexical bundles (n-grams) and lexical statistics.

Everything is counted on the integer layers of a :class:`~arabcorpus.corpus.Corpus`
with NumPy (``np.bincount``, sorted position lists, shifted arrays); no Python loop
runs over tokens. Each function returns a :class:`pandas.DataFrame` whose
``attrs["params"]`` records the call.

References
----------
Gries, S. Th. (2008). Dispersions and adjusted frequencies in corpora. *International
Journal of Corpus Linguistics* 13(4), 403-437.

Scott, M. (2004-). *WordSmith Tools* manual, "Standardised type/token ratio".

Covington, M. A. & McFall, J. D. (2010). Cutting the Gordian knot: the moving-average
type-token ratio (MATTR). *Journal of Quantitative Linguistics* 17(2), 94-100.

Biber, D., Johansson, S., Leech, G., Conrad, S. & Finegan, E. (1999). *Longman Grammar
of Spoken and Written English*, ch. 13 (lexical bundles).

Zipf, G. K. (1949). *Human Behavior and the Principle of Least Effort*.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np

from arabcorpus.analyses import measures as M
from arabcorpus.analyses import query as Q
from arabcorpus.analyses.forms import display_forms, form_of
from arabcorpus.corpus.memory import Corpus
from arabcorpus.corpus.stats import TypeDocSums, doc_runs, dp_of_runs
from arabcorpus.util import validate as V
from arabcorpus.util.deprecation import keyword_only, warn

__all__ = ["frequency", "ngrams", "lexical_stats", "FREQUENCY_COLUMNS"]

#: Statistics columns of :func:`frequency` (one block per group with ``by``):
#: ``range`` counts documents, ``range_pct`` is their percentage.
FREQUENCY_COLUMNS = ("frequency", "per_million", "range", "range_pct", "dp")

#: Columns of :func:`ngrams`.
NGRAM_COLUMNS = ("type", "form", "frequency", "per_million", "range", "range_pct")


def _runs_of_table(indptr: np.ndarray, docs: np.ndarray, counts: np.ndarray):
    """``(run_type, run_doc, run_count)`` (int64) of a CSR (type x document) table."""
    run_type = np.repeat(np.arange(len(indptr) - 1, dtype=np.int64), np.diff(indptr))
    return run_type, docs.astype(np.int64), counts.astype(np.int64)


def _type_doc_runs(corpus: Any, layer: str):
    """Per (type, document) counts of an in-memory corpus or part, cached.

    Returns ``(run_type, run_doc, run_count)``: one entry per distinct (type, doc)
    pair, sorted by type then document. One counting sort of the tokens by type
    (:func:`arabcorpus.corpus.stats.doc_runs`), without the position index:
    SaudiNewsNet, 8.8 M tokens, 0.29 s against 4.0 s through the index (2026-12-05).
    """
    store = Q.cache(corpus)
    key = ("type_doc_runs", layer)
    if key not in store:
        ids = corpus.ids(layer)
        if len(ids) == 0:
            z = np.zeros(0, np.int64)
            store[key] = (z, z, z)
            return store[key]
        store[key] = doc_runs(ids, Q.token_doc(corpus), len(corpus.vocab(layer)),
                              len(corpus))
    return store[key]


def _group_stats(counts_tg: np.ndarray, docfreq: np.ndarray, dp: np.ndarray,
                 total: int, n_docs: int) -> dict[str, np.ndarray]:
    with np.errstate(divide="ignore", invalid="ignore"):
        return {
            "frequency": counts_tg,
            "per_million": M.per_million(counts_tg, total) if total else
            np.zeros(len(counts_tg)),
            "range": docfreq,
            "range_pct": 100.0 * docfreq / n_docs if n_docs else
            np.zeros(len(counts_tg)),
            "dp": dp,
        }


def _runs_part(part: Any, layer: str):
    run_type, run_doc, run_count = _type_doc_runs(part, layer)
    return run_type, run_doc, run_count, len(part)


def _concat_runs(a, b):
    """The runs of two consecutive shards, the second's documents shifted."""
    return (np.concatenate([a[0], b[0]]), np.concatenate([a[1], b[1] + a[3]]),
            np.concatenate([a[2], b[2]]), a[3] + b[3])


def _corpus_runs(corpus: Any, layer: str):
    """``(run_type, run_doc, run_count)`` of the whole corpus, sorted by type then
    document (a sharded corpus: its shards' runs, documents numbered corpus-wide)."""
    if corpus.n_parts == 1:
        return _type_doc_runs(corpus, layer)
    if not corpus.n_parts:
        z = np.zeros(0, np.int64)
        return z, z, z
    run_type, run_doc, run_count, n_docs = Q.over_parts(
        corpus, _runs_part, (layer,), combine=_concat_runs)
    # regroup by type: the shards' documents come in order, so each type's
    # documents stay ascending (a counting sort; no pair repeats across shards)
    indptr, docs, counts = Q.group_by_type(run_type, run_doc, len(corpus.vocab(layer)),
                                           max(n_docs, 1), run_count)
    return _runs_of_table(indptr, docs, counts)


def _counts_and_dp(corpus: Any, layer: str, codes: np.ndarray, n_groups: int, V: int):
    """Frequency, document frequency (range) and Gries' DP per (group, type), each a
    ``(n_groups, V)`` array. DP is :func:`arabcorpus.analyses.measures.dp_of_occurrences`
    (Gries' DP from the (type, document) pairs where a type occurs) of each group, the
    parts being the group's documents weighted by their length."""
    run_type, run_doc, run_count = _corpus_runs(corpus, layer)
    doc_sizes = np.diff(corpus.doc_offsets).astype(np.float64)
    group = codes[run_doc] if n_groups > 1 else np.zeros(len(run_doc), np.int64)
    key = group * V + run_type
    counts = np.bincount(key, weights=run_count, minlength=n_groups * V)
    counts = counts.astype(np.int64).reshape(n_groups, V)
    docfreq = np.bincount(key, minlength=n_groups * V).reshape(n_groups, V)
    dp = np.full((n_groups, V), np.nan)
    if n_groups > 1:  # the runs of each group together, still by type then document
        order = np.argsort(group, kind="stable")
        run_type, run_doc, run_count = run_type[order], run_doc[order], run_count[order]
        bounds = np.searchsorted(group[order], np.arange(n_groups + 1))
        # each document's index among the documents of its group
        by_group = np.argsort(codes, kind="stable")
        group_start = np.searchsorted(codes[by_group], np.arange(n_groups + 1))
        local_of = np.empty(len(codes), dtype=np.int64)
        local_of[by_group] = np.arange(len(codes)) - group_start[codes[by_group]]
    else:
        bounds = np.array([0, len(run_type)])
    for g in range(n_groups):
        docs = by_group[group_start[g]:group_start[g + 1]] if n_groups > 1 \
            else slice(None)
        sizes = doc_sizes[docs]
        if not sizes.size or sizes.sum() == 0:
            continue  # no token in the group: no type occurs, DP stays NaN
        lo, hi = bounds[g], bounds[g + 1]
        local = local_of[run_doc[lo:hi]] if n_groups > 1 else run_doc
        dp[g] = M.dp_of_occurrences(run_type[lo:hi], local, run_count[lo:hi], sizes,
                                    n_terms=V)
    return counts, docfreq, dp


def _corpus_stats(corpus: Any, layer: str, V: int):
    """Frequency, document frequency (range) and Gries' DP of every type over the
    whole corpus: :func:`_counts_and_dp` with one group, without its (group, type)
    keys (the frequency is ``corpus.counts``, counted once per corpus).

    An in-memory corpus keeps the range and DP (:meth:`Corpus.type_doc_stats
    <arabcorpus.corpus.memory.Corpus.type_doc_stats>`, saved with it), computed by
    the same functions as here: the first call after a load reads them instead of
    counting every (type, document) pair (about 0.3 s on SaudiNewsNet, 2026-12-05).
    """
    counts = np.asarray(corpus.counts(layer), dtype=np.int64)
    if isinstance(corpus, Corpus):
        docfreq, dp = corpus.type_doc_stats(layer)
        return counts, docfreq, dp
    sizes = np.diff(corpus.doc_offsets).astype(np.float64)
    if corpus.n_parts > 1:
        return (counts, *_sharded_stats(corpus, layer, counts, sizes))
    run_type, run_doc, run_count = _corpus_runs(corpus, layer)
    docfreq = np.bincount(run_type, minlength=V)
    if not sizes.size or sizes.sum() == 0:
        return counts, docfreq, np.full(V, np.nan)  # no token: no type occurs
    return counts, docfreq, dp_of_runs(run_type, run_doc, run_count, counts, docfreq,
                                       sizes)


def _sharded_stats(corpus: Any, layer: str, counts: np.ndarray, sizes: np.ndarray):
    """Range and DP of every type of a sharded corpus, one shard at a time.

    Each shard's (type, document) runs are added to the corpus-wide sums of
    :class:`~arabcorpus.corpus.stats.TypeDocSums`, in shard order (same numbers as
    over the whole corpus' runs, bit for bit). Only one shard's runs are held at a
    time (all the corpus' runs at once took 4.1 GB on SaudiNewsNet ten times over,
    2026-12-05).
    """
    sums = TypeDocSums(counts, sizes)
    first_doc = 0
    for part in corpus.parts():
        ids = part.ids(layer)
        if len(ids) and not sums.empty:
            sums.add(*doc_runs(ids, part.token_doc(), len(counts), len(part)),
                     first_doc=first_doc)
        first_doc += len(part)
    return sums.result()


_SORT_COLUMNS = ("frequency", "per_million", "range", "range_pct", "dp")


def _str_column(values: np.ndarray):
    """A new object array whose items are all str (types, forms) as a pandas column
    of the default str dtype (pandas 3), taking the array without copying it; as it
    is on pandas 2, which keeps text in object arrays.

    With pandas' own Python storage, the array becomes the column's data as it is,
    without pandas checking each item again (its documented constructor does,
    touching each string in row order: 5.3 ms for two SaudiNewsNet columns,
    2026-12-05); with pyarrow storage, pandas converts it.
    """
    import pandas as pd

    dtype, template = _default_str_dtype()
    if dtype is None:
        return values
    if template is not None:
        return template._from_backing_data(values)
    return pd.array(values, dtype=dtype, copy=False)


@functools.cache
def _default_str_dtype():
    """pandas 3's "str" dtype, which it infers for text, and a one-item array of it
    when its storage is Python's (:class:`pandas.arrays.StringArray`, whose arrays
    are made from its ``_from_backing_data``); (None, None) on pandas 2."""
    import pandas as pd

    if int(pd.__version__.split(".")[0]) < 3:
        return None, None
    dtype = pd.Series(["a"]).dtype
    template = pd.array(np.array(["a"], dtype=object), dtype=dtype)
    if type(template) is not pd.arrays.StringArray or not hasattr(
            template, "_from_backing_data"):
        template = None
    return dtype, template


def _check_sort(sort: Any, choices: tuple[str, ...], stacklevel: int) -> str | None:
    """A ``sort`` column name, or None; old ``True``/``False`` mean ``"frequency"``
    and None, with a DeprecationWarning."""
    if isinstance(sort, (bool, np.bool_)):
        new = "'frequency'" if sort else "None"
        warn(f"sort={bool(sort)} is deprecated; use sort={new}", stacklevel=stacklevel)
        return "frequency" if sort else None
    if sort is None:
        return None
    return V.check_choice(sort, "sort", choices)


def _sorted_rows(values: np.ndarray | None, n_rows: int) -> np.ndarray:
    """Row order by ``values`` descending (stable: ties keep the current order)."""
    if values is None:
        return np.arange(n_rows)
    return Q.argsort_desc(np.asarray(values, dtype=np.float64))


@keyword_only("corpus", old=("layer", "by", "min_freq"))
def frequency(corpus: Any, *, layer: str = "norm", by: str | None = None,
              min_freq: int = 1, sort: str | None = "frequency",
              n: int | None = None):
    """Frequency list of a layer, optionally one block of columns per metadata group.

    Parameters
    ----------
    corpus : Corpus
    layer : str, default "norm"
        A layer of the corpus (``"surface"``, ``"norm"``, ``"stem"``...).
    by : str, optional
        A metadata column (e.g. ``"source"``). Then the result has one block of
        columns per value of that column (see Returns).
    min_freq : int, default 1
        Keep types whose frequency in the whole corpus is at least this.
    sort : str or None, default "frequency"
        The column the rows are ordered by, descending (ties keep the frequency
        order): ``"frequency"``, ``"per_million"``, ``"range"``, ``"range_pct"`` or
        ``"dp"`` (with ``by``, the column of the ``"all"`` block); None: type-id
        order (the order of first occurrence in the corpus).
    n : int, optional
        Return the first ``n`` rows (after sorting); None: all.

    Returns
    -------
    pandas.DataFrame
        Without ``by``: columns ``type``, ``form`` (the type's most frequent written
        form in the corpus, as a reader spells it, see
        :func:`arabcorpus.analyses.forms.display_forms`), ``frequency``,
        ``per_million`` (per million tokens), ``range`` (the number of documents
        containing the type), ``range_pct`` (the same as a percentage of the
        documents) and ``dp`` (Gries' 2008 deviation of proportions over documents,
        weighted by document length, :func:`arabcorpus.analyses.measures.dp`: 0 =
        even, 1 = concentrated); by default sorted by frequency (descending; ties in
        first-occurrence order).

        With ``by``: the index is the type (named ``type``) and the columns are a
        two-level :class:`pandas.MultiIndex` ``(group, statistic)``: first
        ``("form", "")``, the display form (``df["form"]`` is a Series), then the group
        ``"all"`` (the whole corpus), then each value of ``by`` in order of first
        appearance (missing values as ``"(missing)"``), each with the five statistics
        above computed within that group's documents. ``df["okaz"]`` is one block.

        ``attrs["params"]`` records the call (``layer``, ``by``, ``min_freq``,
        ``sort``, ``n``) and the corpus. The result is a new frame: editing it
        changes no later result.

    Raises
    ------
    TypeError
        For an argument of the wrong type.
    ValueError
        For an unknown layer, metadata column or sort column (listing the valid
        ones), or a ``by`` column with a value ``"form"`` (the name of the form
        column).

    Examples
    --------
    >>> from arabcorpus.corpus.memory import Corpus
    >>> c = Corpus.build(["ذهب الولد إلى المدرسة", "المدرسة كبيرة", "كبيرة كبيرة"],
    ...                  progress=False)
    >>> df = frequency(c)
    >>> df.head(2)[["type", "form", "frequency", "range"]].to_string(index=False)
    '   type    form  frequency  range\\n  كبيره   كبيرة          3      2\\nالمدرسه المدرسة          2      2'
    >>> df.attrs["params"]["layer"]
    'norm'
    >>> frequency(c, sort=None, n=2)["type"].tolist()    # first seen first
    ['ذهب', 'الولد']
    """
    import pandas as pd

    layer = Q.check_layer(corpus, layer)
    min_freq = Q.check_int(min_freq, "min_freq", 0)
    if by is not None:
        by = Q.check_column(corpus, by)
    sort = _check_sort(sort, _SORT_COLUMNS, stacklevel=5)
    if n is not None:
        n = Q.check_int(n, "n", 0)
    vocab_n = len(corpus.vocab(layer))
    doc_sizes = np.diff(corpus.doc_offsets).astype(np.float64)
    n_docs = len(corpus)
    total = corpus.n_tokens
    params = {"function": "frequency", "layer": layer, "by": by, "min_freq": min_freq,
              "sort": sort, "n": n, "corpus": Q.describe(corpus)}
    store = Q.cache(corpus)
    key = ("frequency_all", layer)
    if key not in store:
        store[key] = _corpus_stats(corpus, layer, vocab_n)
    counts, docfreq, dp = store[key]
    key = ("frequency_order", layer)
    if key not in store:
        order = Q.argsort_counts_desc(counts)
        store[key] = order[: int(np.count_nonzero(counts))]  # types that occur
    ordered = store[key]  # types by descending frequency
    keep = ordered[: int(np.count_nonzero(counts >= max(min_freq, 1)))]
    vocab = Q.vocab_array(corpus, layer)
    if by is None:
        # The whole list, display forms included, is built once per (corpus, layer)
        # and cached; a call takes its first rows (those with frequency >= min_freq),
        # reorders them if asked, and returns a copy, so that editing the result
        # cannot change the cached frame. The first call returns the frame it
        # built, which nothing else holds, without copying it, and the second
        # keeps the one it builds (kept: the first call after a load 20 ms faster
        # on SaudiNewsNet, 2026-12-05).
        key = ("frequency_frame", layer)
        df = store.get(key)
        fresh = df is None
        if fresh:
            stats = _group_stats(counts[ordered], docfreq[ordered], dp[ordered],
                                 total, n_docs)
            # every column is a new array: the frame takes them without a copy
            # (kept: with the forms of these types only and the str columns made
            # without a second check, the first call after a load 38 ms against
            # 80 ms on SaudiNewsNet, 2026-12-05)
            df = pd.DataFrame({"type": _str_column(vocab[ordered]),
                               "form": _str_column(form_of(corpus, ordered,
                                                           layer=layer)),
                               **stats}, copy=False)
            built = ("frequency_frame_built", layer)
            if built in store:
                store[key] = df
                fresh = False
            store[built] = True
        df = df.iloc[: len(keep)]
        if sort is None:
            rows = np.argsort(keep, kind="stable")
        elif sort == "frequency":
            rows = None
        else:
            rows = _sorted_rows(df[sort].to_numpy(), len(df))
        if rows is not None:
            df = df.iloc[rows[:n] if n is not None else rows]
        elif n is not None:
            df = df.iloc[:n]
        # a deep copy (10-30 ms on SaudiNewsNet's 261,726 rows, nearly all of it the
        # two str columns): under pandas 3's copy-on-write a shallow copy protects
        # the numeric columns but not the str ones, whose to_numpy() is a writable
        # view of the cached array (2026-12-05, pandas 3.1)
        df = df.reset_index(drop=True)
        if not fresh:
            df = df.copy()
        df.attrs = {"params": params}
        return df

    groups = corpus.metadata[by]
    codes, uniques = pd.factorize(groups, use_na_sentinel=True)
    labels = [str(u) for u in uniques]
    if "form" in labels:
        raise ValueError(f"the {by!r} column has a value 'form', the name of the "
                         f"display form column of the result; rename that value")
    if (codes < 0).any():
        codes = np.where(codes < 0, len(labels), codes)
        labels.append("(missing)")
    codes = np.asarray(codes, dtype=np.int64)
    n_groups = len(labels)
    blocks = {"all": _group_stats(counts[keep], docfreq[keep], dp[keep], total, n_docs)}
    group_tokens = np.bincount(codes, weights=doc_sizes, minlength=n_groups)
    group_docs = np.bincount(codes, minlength=n_groups)
    counts_g, docfreq_g, dp_g = _counts_and_dp(corpus, layer, codes, max(n_groups, 1),
                                               vocab_n)
    for g, label in enumerate(labels):
        blocks[label] = _group_stats(counts_g[g, keep].astype(np.int64),
                                     docfreq_g[g, keep], dp_g[g, keep],
                                     int(group_tokens[g]), int(group_docs[g]))
    columns = pd.MultiIndex.from_tuples(
        [("form", "")] + [(g, stat) for g in blocks for stat in FREQUENCY_COLUMNS],
        names=[by, "statistic"])
    data = {("form", ""): form_of(corpus, keep, layer=layer)}
    data.update({col: blocks[col[0]][col[1]] for col in columns[1:]})
    df = pd.DataFrame(data, index=pd.Index(vocab[keep], name="type"))
    df.columns = columns
    if sort is None:
        rows = np.argsort(keep, kind="stable")
    elif sort == "frequency":
        rows = np.arange(len(keep))
    else:
        rows = _sorted_rows(blocks["all"][sort], len(keep))
    if n is not None:
        rows = rows[:n]
    if len(rows) != len(df) or (rows != np.arange(len(df))).any():
        df = df.iloc[rows]
    df.attrs["params"] = params
    return df


def _old_n_is_length(fn):
    """``ngrams(corpus, n=k)`` without ``length=`` is an old call: ``n`` was the
    n-gram length. It keeps that meaning for one release, with a warning."""

    @functools.wraps(fn)
    def inner(*args: Any, **kwargs: Any) -> Any:
        if (kwargs.get("n") is not None and "length" not in kwargs
                and len(args) < 2):
            warn("ngrams(n=...) as the n-gram length is deprecated; use length=... "
                 "(n= is the number of rows to return when length= is given)")
            kwargs["length"] = kwargs.pop("n")
        return fn(*args, **kwargs)

    return inner


@_old_n_is_length
@keyword_only("corpus", old=("length", "min_freq", "min_range", "layer"))
def ngrams(corpus: Any, *, length: int = 3, min_freq: int = 3, min_range: int = 1,
           layer: str = "norm", sort: str | None = "frequency",
           n: int | None = None):
    """Lexical bundles: n-grams of consecutive tokens that never cross a document
    boundary (Biber et al. 1999 count bundles by frequency and range).

    Counting is vectorized: the shifted id arrays are folded into one int64 code
    ``code * V + next_id`` (replaced by its dense rank when the next step would
    overflow), counted by sorting; only the n-grams frequent enough get their
    documents counted and their strings built.

    Parameters
    ----------
    corpus : Corpus
    length : int, default 3
        Length of the n-grams in tokens (>= 1).
    min_freq : int, default 3
        Minimum frequency.
    min_range : int, default 1
        Minimum number of documents the n-gram occurs in.
    layer : str, default "norm"
    sort : str or None, default "frequency"
        The column the rows are ordered by, descending (ties: the n-grams' type ids
        in lexicographic order): ``"frequency"``, ``"per_million"``, ``"range"`` or
        ``"range_pct"``; None: lexicographic order of the type ids.
    n : int, optional
        Return the first ``n`` rows (after sorting); None: all. (In this release,
        ``n=`` without ``length=`` is still the n-gram length, deprecated.)

    Returns
    -------
    pandas.DataFrame
        ``type`` (the n-gram's types joined by a space), ``form`` (the display forms
        of its words, see :func:`arabcorpus.analyses.forms.display_forms`, joined by a
        space), ``frequency``, ``per_million`` (per million tokens), ``range``
        (number of documents), ``range_pct`` (their percentage).
        ``attrs["params"]`` records the call and the corpus.

    Examples
    --------
    >>> from arabcorpus.corpus.memory import Corpus
    >>> c = Corpus.build(["في إطار العمل", "في إطار الخطة", "العمل في إطار"],
    ...                  progress=False)
    >>> ngrams(c, length=2, min_freq=2, min_range=2)[["type", "form", "frequency", "range"]]
          type     form  frequency  range
    0  في اطار  في إطار          3      3
    """
    return _ngrams(corpus, length=length, min_freq=min_freq, min_range=min_range,
                   layer=layer, sort=sort, n=n)


def _ngrams(corpus: Any, *, length: int, min_freq: int, min_range: int, layer: str,
            sort: Any, n: Any):
    import pandas as pd

    layer = Q.check_layer(corpus, layer)
    length = Q.check_int(length, "length", 1)
    min_freq = Q.check_int(min_freq, "min_freq", 0)
    min_range = Q.check_int(min_range, "min_range", 0)
    sort = _check_sort(sort, _SORT_COLUMNS[:4], stacklevel=7)
    if n is not None:
        n = Q.check_int(n, "n", 0)
    params = {"function": "ngrams", "length": length, "min_freq": min_freq,
              "min_range": min_range, "layer": layer, "sort": sort, "n": n,
              "corpus": Q.describe(corpus)}
    if corpus.n_parts > 1:
        df = _ngrams_sharded(corpus, layer, length, min_freq, min_range)
    else:
        df = _ngrams_memory(corpus, layer, length, min_freq, min_range)
    if sort not in (None, "frequency"):  # rows are by frequency, then by id tuple
        df = df.iloc[_sorted_rows(df[sort].to_numpy(), len(df))]
    elif sort is None:
        df = df.iloc[np.argsort(df.attrs.pop("_lex"), kind="stable")]
    df.attrs.pop("_lex", None)
    if n is not None:
        df = df.iloc[:n]
    df = df.reset_index(drop=True)
    df.attrs = {"params": params}
    return df


def _ngram_frame(corpus: Any, layer: str, members: np.ndarray, freq: np.ndarray,
                 rng: np.ndarray, n_tokens: int):
    """The n-gram table of the selected n-grams (``members``: their type ids, one row
    each), in both storages."""
    import pandas as pd

    text, form = _ngram_strings(corpus, layer, members)
    return pd.DataFrame({
        "type": text,
        "form": form,
        "frequency": freq.astype(np.int64),
        "per_million": M.per_million(freq, n_tokens),
        "range": rng.astype(np.int64),
        "range_pct": 100.0 * rng / len(corpus),
    }, columns=list(NGRAM_COLUMNS))


def _ngrams_memory(corpus: Any, layer: str, n: int, min_freq: int, min_range: int):
    """The n-grams of an in-memory corpus, by frequency (ties in lexicographic id
    order); ``attrs["_lex"]`` is each row's rank in lexicographic id order."""
    import pandas as pd

    ids = corpus.ids(layer)
    N = len(ids)
    V = len(corpus.vocab(layer))
    if N < n:
        df = pd.DataFrame({c: [] for c in NGRAM_COLUMNS})
        df.attrs["_lex"] = np.zeros(0, np.int64)
        return df
    tdoc, starts, code = _ngram_codes(corpus, ids, n, V)
    uniq, freq = Q.sorted_unique(code.copy())
    cand = np.flatnonzero(freq >= max(min_freq, 1))
    cu, cf = uniq[cand], freq[cand]
    del uniq, freq
    # occurrences of the candidate n-grams only: their documents give the range
    j = np.minimum(np.searchsorted(cu, code), max(len(cu) - 1, 0))
    hit = np.flatnonzero(cu[j] == code) if len(cu) else np.zeros(0, np.int64)
    occ = j[hit]
    n_docs = max(len(corpus), 1)
    udk, _ = Q.sorted_unique(occ * n_docs + tdoc[starts[hit]])
    rng = np.bincount(udk // n_docs, minlength=len(cu))
    sel = np.flatnonzero(rng >= min_range)
    sel = sel[np.argsort(-cf[sel], kind="stable")]
    # the first occurrence of each n-gram gives its type ids
    by_cand = Q.stable_argsort(occ)
    first_of = np.searchsorted(occ[by_cand], np.arange(len(cu)))
    first_pos = starts[hit[by_cand[np.minimum(first_of[sel], max(len(by_cand) - 1, 0))]]]
    freq = cf
    members = np.stack([ids[first_pos + k] for k in range(n)], axis=1)
    df = _ngram_frame(corpus, layer, members, freq[sel], rng[sel], N)
    df.attrs["_lex"] = sel  # candidates are in code (lexicographic id) order
    return df


def _ngram_strings(corpus: Any, layer: str, members: np.ndarray):
    """The ``ngram`` and ``form`` strings of n-grams given by their member type ids
    (one row per n-gram): the types, and their display forms, joined by a space."""
    if not len(members):
        return np.zeros(0, dtype=object), np.zeros(0, dtype=object)
    out = []
    for table in (Q.vocab_array(corpus, layer), display_forms(corpus, layer=layer)):
        text = table[members[:, 0]].astype(object)
        for k in range(1, members.shape[1]):
            text = text + " " + table[members[:, k]]
        out.append(text)
    return out[0], out[1]


def _ngram_codes(part: Any, ids: np.ndarray, n: int, V: int):
    """Start positions of the n-grams that stay inside one document, and one int64
    code per n-gram, ordered as the n-grams' id tuples (``code * V + next_id``,
    replaced by its dense rank when the next step would overflow). Returns
    ``(token_doc, starts, code)``."""
    tdoc = Q.token_doc(part)
    starts = np.flatnonzero(tdoc[: len(ids) - n + 1] == tdoc[n - 1:])
    code = ids[starts].astype(np.int64)
    for k in range(1, n):
        if V > 1 and (k + 1) * np.log2(V) >= 62:  # would overflow: use dense ranks
            code = np.searchsorted(Q.sorted_unique(code.copy())[0], code)
        code = code * V + ids[starts + k]
    return tdoc, starts, code


def _ngram_counts_part(part: Any, layer: str, n: int):
    """Every n-gram of one shard: its type ids (rows sorted lexicographically), its
    frequency and its range (documents); ranges add up over shards, whose documents
    are disjoint."""
    ids = part.ids(layer)
    N = len(ids)
    V = len(part.vocab(layer))
    if N < n:
        return (np.zeros((0, n), np.int32), np.zeros(0, np.int64), np.zeros(0, np.int64))
    tdoc, starts, code = _ngram_codes(part, ids, n, V)
    uniq, freq = Q.sorted_unique(code.copy())
    occ = np.searchsorted(uniq, code)
    n_docs = max(len(part), 1)
    udk, _ = Q.sorted_unique(occ * n_docs + tdoc[starts])
    rng = np.bincount(udk // n_docs, minlength=len(uniq))
    first = np.empty(len(uniq), dtype=np.int64)
    first[occ[::-1]] = starts[::-1]  # the earliest occurrence is written last
    rows = np.stack([ids[first + k] for k in range(n)], axis=1).astype(np.int32)
    return rows, freq.astype(np.int64), rng.astype(np.int64)


def _merge_ngram_counts(a, b):
    """Add the n-gram counts of two shards (rows in lexicographic order)."""
    rows = np.concatenate([a[0], b[0]])
    freq = np.concatenate([a[1], b[1]])
    rng = np.concatenate([a[2], b[2]])
    if not len(rows):
        return rows, freq, rng
    order = np.lexsort(rows.T[::-1])
    rows, freq, rng = rows[order], freq[order], rng[order]
    start = np.flatnonzero(np.concatenate([[True], (rows[1:] != rows[:-1]).any(axis=1)]))
    return rows[start], np.add.reduceat(freq, start), np.add.reduceat(rng, start)


def _ngrams_sharded(corpus: Any, layer: str, n: int, min_freq: int, min_range: int):
    """:func:`ngrams` of a sharded corpus: every shard's n-grams counted, added up,
    then filtered and sorted as in memory (ties in lexicographic id order)."""
    rows, freq, rng = Q.over_parts(corpus, _ngram_counts_part, (layer, n),
                                   combine=_merge_ngram_counts)
    sel = np.flatnonzero((freq >= max(min_freq, 1)) & (rng >= min_range))
    sel = sel[np.argsort(-freq[sel], kind="stable")]
    df = _ngram_frame(corpus, layer, rows[sel], freq[sel], rng[sel], corpus.n_tokens)
    df.attrs["_lex"] = sel  # merged rows are in lexicographic id order
    return df


def _distinct_per_chunk(ids: np.ndarray, chunk: int) -> np.ndarray:
    """Number of distinct ids in each complete chunk of ``chunk`` consecutive tokens."""
    n_chunks = len(ids) // chunk
    if n_chunks == 0:
        return np.zeros(0)
    a = ids[: n_chunks * chunk]
    order = Q.stable_argsort(a)  # within a type, positions ascending
    sa = a[order]
    ch = order // chunk
    new = np.empty(len(a), dtype=bool)
    new[0] = True
    new[1:] = (sa[1:] != sa[:-1]) | (ch[1:] != ch[:-1])
    return np.bincount(ch[new], minlength=n_chunks).astype(np.float64)


#: Positions per block of the MATTR sum.
_MATTR_BLOCK = 1 << 20


def _mattr(ids: np.ndarray, window: int) -> float:
    """Moving-average TTR (Covington & McFall 2010) in O(n), without sliding loops.

    A token at position ``i`` whose previous occurrence of the same type is at
    ``p[i]`` adds one distinct type to every window ``[s, s + W)`` with
    ``max(p[i] + 1, i - W + 1, 0) <= s <= min(i, n - W)``; summing those counts over
    positions gives the sum of the distinct counts of all windows.
    """
    n = len(ids)
    order = Q.stable_argsort(ids)
    sa = ids[order]
    prev = np.full(n, -1, dtype=np.int64)
    same = sa[1:] == sa[:-1]
    del sa
    prev[order[1:][same]] = order[:-1][same]
    del order, same
    # the sum in blocks of positions: the same integer, without five more arrays of
    # n int64 (kept: the report's peak during lexical_stats on SaudiNewsNet 1.14 GB
    # -> 0.91 GB, 2026-12-05)
    total = 0
    for a in range(0, n, _MATTR_BLOCK):
        i = np.arange(a, min(a + _MATTR_BLOCK, n), dtype=np.int64)
        lo = np.maximum(np.maximum(prev[a:a + len(i)] + 1, i - window + 1), 0)
        hi = np.minimum(i, n - window)
        total += int(np.clip(hi - lo + 1, 0, None).sum())
    return float(total / ((n - window + 1) * window))


@keyword_only("corpus", old=("layer", "sttr_chunk", "mattr_window", "zipf_min_freq",
                             "words_only"))
def lexical_stats(corpus: Any, *, layer: str = "norm", sttr_chunk: int = 1000,
                  mattr_window: int = 500, zipf_min_freq: int = 5,
                  words_only: bool = False):
    """Lexical statistics: size, type-token ratios, hapaxes and Zipf's exponent.

    By default every token the corpus indexes is counted, so ``tokens`` equals
    ``corpus.n_tokens`` and ``frequency(corpus)["frequency"].sum()``, the ``N`` of
    every other statistic: words, numbers, Latin words and the symbols the corpus
    indexes by default (``$``, ``+``, ``>``, bullets...), and punctuation if the
    corpus was built with ``punctuation=True``. ``words_only=True`` leaves out the
    tokens of kind ``punct`` and ``symbol`` (the kinds of
    :data:`arabcorpus.text.tokenize.KINDS`).

    Parameters
    ----------
    corpus : Corpus
    layer : str, default "norm"
    sttr_chunk : int, default 1000
        Chunk size of the standardized TTR.
    mattr_window : int, default 500
        Window of the moving-average TTR.
    zipf_min_freq : int, default 5
        The Zipf exponent is fitted over the ranks of the types with at least this
        frequency (the long flat steps of the hapax tail are left out).
    words_only : bool, default False
        Leave out the tokens of kind ``punct`` and ``symbol``; then ``tokens`` (and
        every statistic here) counts fewer tokens than ``corpus.n_tokens``.

    Returns
    -------
    pandas.DataFrame
        Indexed by statistic, one column ``value`` (``attrs["params"]`` records the
        call and the corpus):

        - ``tokens`` (the tokens counted, see above), ``types``, ``ttr`` (types /
          tokens);
        - ``sttr``: standardized TTR, the mean TTR of consecutive ``sttr_chunk``-token
          chunks of the running text (documents concatenated in order; the last
          incomplete chunk is left out), as WordSmith computes it (Scott); ``nan`` if
          there are fewer tokens than one chunk;
        - ``mattr``: moving-average TTR over all windows of ``mattr_window`` tokens
          (Covington & McFall 2010), over the running text; equals ``ttr`` when the
          text is shorter than the window;
        - ``hapax_legomena``, ``dis_legomena``: types occurring once and twice;
        - ``zipf_exponent`` ``s`` and ``zipf_r2``: least-squares fit of
          ``log10(frequency) = c - s * log10(rank)`` over ranks 1 .. R, where R is the
          number of types with frequency >= ``zipf_min_freq`` (``zipf_ranks`` = R).

    Examples
    --------
    >>> from arabcorpus.corpus.memory import Corpus
    >>> c = Corpus.build(["قال قال قال الوزير إن الوزير"], progress=False)
    >>> s = lexical_stats(c, sttr_chunk=2, mattr_window=2, zipf_min_freq=1)["value"]
    >>> int(s["tokens"]), int(s["types"]), float(s["ttr"]), int(s["hapax_legomena"])
    (6, 3, 0.5, 1)
    >>> round(float(s["sttr"]), 3), round(float(s["mattr"]), 3)
    (0.833, 0.8)

    (STTR: chunks of 2 have 1, 2, 2 types, mean 5/6; MATTR: the five windows of 2
    have 1, 1, 2, 2, 2 types, mean 8/10.)
    """
    import pandas as pd

    layer = Q.check_layer(corpus, layer)
    sttr_chunk = Q.check_int(sttr_chunk, "sttr_chunk", 1)
    mattr_window = Q.check_int(mattr_window, "mattr_window", 1)
    zipf_min_freq = Q.check_int(zipf_min_freq, "zipf_min_freq", 1)
    words_only = V.check_bool(words_only, "words_only")
    params = {"function": "lexical_stats", "layer": layer, "sttr_chunk": sttr_chunk,
              "mattr_window": mattr_window, "zipf_min_freq": zipf_min_freq,
              "words_only": words_only, "corpus": Q.describe(corpus)}
    ids = np.asarray(corpus.ids(layer))
    if words_only and len(ids):
        from arabcorpus.text.tokenize import KINDS

        drop = np.array([KINDS.index("punct"), KINDS.index("symbol")], dtype=np.uint8)
        keep = ~np.isin(corpus.kinds, drop)
        if not keep.all():
            ids = ids[keep]
    n = len(ids)
    counts = np.bincount(ids, minlength=len(corpus.vocab(layer)))
    types = int(np.count_nonzero(counts))
    ttr = types / n if n else float("nan")
    chunk_types = _distinct_per_chunk(ids, sttr_chunk)
    sttr = float(chunk_types.mean() / sttr_chunk) if chunk_types.size else float("nan")
    if n == 0:
        mattr = float("nan")
    elif n <= mattr_window:
        mattr = ttr
    else:
        mattr = _mattr(ids, mattr_window)
    freqs = np.sort(counts[counts > 0])[::-1]
    fit = freqs[freqs >= zipf_min_freq].astype(np.float64)
    if fit.size >= 2:
        x = np.log10(np.arange(1, fit.size + 1))
        y = np.log10(fit)
        slope, intercept = np.polyfit(x, y, 1)
        resid = y - (slope * x + intercept)
        ss_tot = ((y - y.mean()) ** 2).sum()
        r2 = 1.0 - (resid ** 2).sum() / ss_tot if ss_tot > 0 else float("nan")
        zipf = -float(slope)
    else:
        zipf, r2 = float("nan"), float("nan")
    values = {
        "tokens": n, "types": types, "ttr": ttr, "sttr": sttr, "mattr": mattr,
        "hapax_legomena": int((counts == 1).sum()),
        "dis_legomena": int((counts == 2).sum()),
        "zipf_exponent": zipf, "zipf_r2": float(r2), "zipf_ranks": int(fit.size),
    }
    df = pd.DataFrame({"value": pd.Series(values, dtype=float)})
    df.index.name = "statistic"
    df.attrs["params"] = params
    return df
