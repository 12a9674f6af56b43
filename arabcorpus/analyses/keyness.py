"""Keyness: which words are over- or under-used in a target corpus against a reference.

Frequencies are counted with ``np.bincount`` on the integer layer of each corpus
(cached on the corpus, so repeated comparisons do not count again); only the types
passing ``min_freq`` are scored and put in the result.
Subcorpora of one corpus share its vocabularies, so their counts line up by type id;
two corpora built separately are aligned by type string. Scores come from
:data:`arabcorpus.analyses.measures.KEYNESS_MEASURES`, all functions of ``(a, b, c, d)``: the
word's frequency in target and reference and the two corpus sizes in tokens.

The log-likelihood is **Rayson & Garside's (2000) two-term form** (as WordSmith,
UCREL's calculator and conc compute it), not Dunning's four-cell form.

References
----------
Rayson, P. & Garside, R. (2000). Comparing corpora using frequency profiling.
*Workshop on Comparing Corpora*, ACL 2000, 1-6.

Hardie, A. (2014). Log Ratio: an informal introduction. CASS, Lancaster University.

Gabrielatos, C. & Marchi, A. (2012). Keyness: appropriate metrics and practical
issues. CADS International Conference, Bologna.

Wilson, A. (2013). Embracing Bayes factors for key item analysis in corpus
linguistics. In *New Approaches to the Study of Linguistic Variability*, 3-11.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from arabcorpus.analyses import query as Q
from arabcorpus.analyses import measures as M
from arabcorpus.util import validate
from arabcorpus.util.deprecation import keyword_only

__all__ = ["keyness", "DEFAULT_KEYNESS_MEASURES"]

#: Measures computed when none are named.
DEFAULT_KEYNESS_MEASURES = ("log_likelihood", "log_ratio", "perc_diff", "chi2")


def _aligned_counts(target: Any, reference: Any, layer: str):
    """Return (type strings, target counts, reference counts) over a common type list."""
    vt, vr = target.vocab(layer), reference.vocab(layer)
    ct = Q.type_counts(target, layer)  # np.bincount of the ids, cached per corpus
    cr = Q.type_counts(reference, layer)
    if vt is vr or (len(vt) == len(vr) and vt == vr):
        return Q.vocab_array(target, layer), ct, cr, True
    import pandas as pd

    # different vocabularies: align by type string
    it = pd.Index(vt, dtype=object)
    ir = pd.Index(vr, dtype=object)
    union = it.append(ir[~ir.isin(it)])
    a = np.zeros(len(union), dtype=np.int64)
    b = np.zeros(len(union), dtype=np.int64)
    a[:len(vt)] = ct
    b[union.get_indexer(ir)] = cr
    return union.to_numpy(dtype=object), a, b, False


_COUNT_COLUMNS = ("freq_target", "freq_reference", "pm_target", "pm_reference")


@keyword_only("target", "reference", old=("measures", "min_freq", "layer", "sort"))
def keyness(target: Any, reference: Any, *,
            measures: str | tuple[str, ...] | list[str] = DEFAULT_KEYNESS_MEASURES,
            min_freq: int = 3, sort: str | None = M.FIRST_MEASURE,
            n: int | None = None, layer: str = "norm"):
    """Key words of ``target`` against ``reference``.

    Parameters
    ----------
    target, reference : Corpus
        Two corpora or subcorpora, e.g. ``corpus.subcorpus(source="okaz")`` and
        ``corpus.subcorpus(query="source != 'okaz'")``.
    measures : str or sequence of str
        Names in :data:`arabcorpus.analyses.measures.KEYNESS_MEASURES`:
        ``log_likelihood`` (Rayson's log-likelihood, signed: negative = under-use;
        its ``p_value``, chi-square with 1 df, is added next to it), ``log_ratio``
        (Hardie; 0.5 for a zero frequency), ``perc_diff`` (%DIFF, Gabrielatos &
        Marchi; ``inf`` when absent from the reference), ``chi2`` (Pearson, no Yates
        correction), ``bic`` (Wilson's BIC approximation of the Bayes factor),
        ``p_value``. The old name ``ll`` works with a DeprecationWarning.
    min_freq : int, default 3
        Keep types whose frequency in target and reference together is at least this.
    sort : str or None, default: the first of ``measures``
        The column the rows are sorted by, descending (strongest over-use first for
        a signed measure; ties in type order, NaN last): one of ``measures``
        (``p_value`` too) or a count column (``freq_target``, ``freq_reference``,
        ``pm_target``, ``pm_reference``). None keeps type-id order.
    n : int, optional
        Return the first ``n`` rows after sorting (None: all).
    layer : str, default "norm"

    Returns
    -------
    pandas.DataFrame
        ``type``, ``form`` (its most frequent written form in target and reference
        together, see :func:`arabcorpus.analyses.forms.combined_forms`), ``freq_target``,
        ``freq_reference``, ``pm_target``,
        ``pm_reference`` (per million tokens), ``use`` (``"over"`` or ``"under"``:
        relatively more or less frequent in the target; ``"equal"`` if neither), then
        one column per measure. ``attrs["params"]`` holds the arguments, ``target``
        and ``reference`` (short descriptions of the two corpora) and ``corpus``
        (the target's).

    Raises
    ------
    ValueError
        For an unknown measure or layer (listing the valid ones).

    Notes
    -----
    Renamed in 0.1: the measure and column ``ll`` -> ``log_likelihood`` (``"ll"`` in
    ``measures=`` or ``sort=`` works with a DeprecationWarning until 0.2); ``sort``
    takes a column name or None (``sort=True``/``False`` deprecated); the options
    are keyword-only.

    Examples
    --------
    >>> from arabcorpus.corpus.memory import Corpus
    >>> from arabcorpus.io.readers import Document
    >>> docs = [Document("1", "الهلال فاز الهلال فاز اليوم", {"source": "riyadi"}),
    ...         Document("2", "النفط ارتفع اليوم النفط", {"source": "eqt"}),
    ...         Document("3", "النفط والاسهم اليوم", {"source": "eqt"})]
    >>> c = Corpus.build(docs, progress=False)
    >>> k = keyness(c.subcorpus(source="riyadi"), c.subcorpus(source="eqt"),
    ...             measures=["log_likelihood", "log_ratio"], min_freq=2)
    >>> k[["type", "freq_target", "freq_reference", "use"]]
         type  freq_target  freq_reference   use
    0   الهلال            2               0  over
    1      فاز            2               0  over
    2    اليوم            1               2  under
    3    النفط            0               3  under
    """
    import pandas as pd

    for name, corp in (("target", target), ("reference", reference)):
        if not all(hasattr(corp, a) for a in ("ids", "vocab", "n_tokens")):
            raise TypeError(f"{name} must be a Corpus, got {type(corp).__name__}")
    layer = Q.check_layer(target, layer)
    Q.check_layer(reference, layer)
    measures = M.check_measures(measures, M.KEYNESS_MEASURES, "keyness")
    min_freq = validate.check_int(min_freq, "min_freq", minimum=0)
    cols = list(measures)
    if "log_likelihood" in cols and "p_value" not in cols:
        cols.insert(cols.index("log_likelihood") + 1, "p_value")
    sort = M.check_sort(sort, tuple(cols), _COUNT_COLUMNS, function="keyness")
    n = validate.check_int(n, "n", minimum=0) if n is not None else None
    for name, corp in (("target", target), ("reference", reference)):
        if corp.n_tokens == 0:
            raise ValueError(f"the {name} corpus has no tokens; keyness compares "
                             f"relative frequencies and needs both non-empty")
    types, a, b, shared = _aligned_counts(target, reference, layer)
    c, d = float(target.n_tokens), float(reference.n_tokens)
    keep = np.flatnonzero((a + b) >= max(min_freq, 1))
    a, b = a[keep], b[keep]
    # every column once, on the kept types; then sorted and cut together
    data: dict[str, Any] = {
        "freq_target": a,
        "freq_reference": b,
        "pm_target": M.per_million(a, c),
        "pm_reference": M.per_million(b, d),
    }
    rel = a * d - b * c
    data["use"] = np.where(rel > 0, "over", np.where(rel < 0, "under", "equal"))
    ll = None
    for name in cols:
        if name == "p_value":
            if ll is None:
                ll = M.keyness_log_likelihood(a, b, c, d)
            data[name] = M.p_value_of_log_likelihood(ll)
        else:
            data[name] = M.KEYNESS_MEASURES[name](a, b, c, d)
            if name == "log_likelihood":
                ll = data[name]
    if sort is not None and len(keep):
        order = Q.argsort_desc(data[sort])
        if n is not None:
            order = order[:n]
        keep = keep[order]
        data = {k: v[order] for k, v in data.items()}
    elif n is not None:
        keep = keep[:n]
        data = {k: v[:n] for k, v in data.items()}
    from arabcorpus.analyses.forms import combined_forms

    if shared:
        forms = combined_forms([target, reference], layer=layer)[keep]
    else:
        forms = combined_forms([target, reference], layer=layer, types=types[keep])
    df = pd.DataFrame({"type": types[keep], "form": forms, **data})
    df.attrs["params"] = {"function": "keyness", "measures": tuple(cols),
                          "min_freq": min_freq, "sort": sort, "n": n, "layer": layer,
                          "corpus": Q.describe(target),
                          "target": Q.describe(target),
                          "reference": Q.describe(reference),
                          "shared_vocabulary": shared,
                          "log_likelihood": "Rayson & Garside (2000) two-term form"}
    return df
