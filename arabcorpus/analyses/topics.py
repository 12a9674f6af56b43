"""Topic models (latent Dirichlet allocation) on a :class:`~arabcorpus.corpus.Corpus`.

:class:`TopicModel` fits gensim's online variational Bayes LDA (Hoffman, Blei & Bach
2010, "Online learning for latent Dirichlet allocation", NIPS 23) on one layer of a
corpus. The vocabulary is filtered (stopwords, numbers, short types, document
frequency) with NumPy on the corpus's integer arrays, and every filter's effect is
reported in ``filter_report_``. Topics are labelled with the most frequent surface form
of each normalized (or stemmed) type, so readers see words as written. Coherence is
that of gensim's :class:`~gensim.models.coherencemodel.CoherenceModel` (Röder, Both &
Hinneburg 2015, "Exploring the space of topic coherence measures", WSDM):
``c_npmi`` (Aletras & Stevenson 2013), counted on our integer arrays by
:mod:`arabcorpus.analyses.coherence` (equal to gensim's), ``c_v`` and ``u_mass``
(Mimno et al. 2011) by gensim itself.

:func:`choose_k` sweeps the number of topics over several seeds.

gensim is imported lazily: ``import arabcorpus.analyses.topics`` costs nothing.
"""

from __future__ import annotations

import hashlib
import json
import time
import warnings
from numbers import Integral
from pathlib import Path
from typing import Any, Iterable

import numpy as np

from arabcorpus.analyses import query as Q
from arabcorpus.analyses.coherence import npmi_coherence
from arabcorpus.analyses.topic_input import (_STAGES, _chunks, _combine_filtered,
                                             _filter_part, _is_number, _number_kind,
                                             _Prepared, _Segments)
from arabcorpus.util.deprecation import keyword_only, renamed
from arabcorpus.util.progress import NoBar, check_progress, progress_bar
from arabcorpus.util.validate import check_bool, check_choice, check_int, check_number

__all__ = ["TopicModel", "choose_k", "corpus_fingerprint", "COHERENCE_MEASURES", "FILTERS", "FREQS"]

#: Coherence measures accepted by :meth:`TopicModel.coherence` and :func:`choose_k`.
COHERENCE_MEASURES: tuple[str, ...] = ("c_npmi", "c_v", "u_mass")
#: Vocabulary filters, in the order they are applied (rows of ``filter_report_``).
FILTERS: tuple[str, ...] = ("stopwords", "numbers", "min_length", "min_df", "max_df")
#: Period codes accepted by :meth:`TopicModel.over_time` (day, week, month).
FREQS: tuple[str, ...] = ("D", "W", "M")

_FORMAT = "arabcorpus.analyses.topics/1"
#: Format names of earlier releases that :meth:`TopicModel.load` still reads.
_OLD_FORMATS = ("arabcorpus.topics/1",)
_PARAMS = ("k", "layer", "stopwords", "min_df", "max_df", "drop_numbers", "min_length",
           "phrases", "seed", "passes", "iterations", "chunksize", "alpha", "eta",
           "workers", "progress")


def corpus_fingerprint(corpus: Any, layer: str) -> str:
    """SHA-256 of one layer of a corpus: its token ids, vocabulary and document offsets.

    Parameters
    ----------
    corpus : Corpus
    layer : str

    Returns
    -------
    str
        Hex digest; equal corpora give equal digests in any process.

    Examples
    --------
    >>> from arabcorpus.corpus.memory import Corpus
    >>> a = Corpus.build(["وقف إطلاق النار"], progress=False)
    >>> b = Corpus.build(["وقف إطلاق النار"], progress=False)
    >>> corpus_fingerprint(a, "norm") == corpus_fingerprint(b, "norm")
    True
    """
    h = hashlib.sha256()
    h.update(layer.encode("utf-8") + b"\x00")
    for part in corpus.parts():  # the same bytes, part after part
        h.update(np.ascontiguousarray(part.ids(layer), dtype="<i4").data)
    h.update("\x00".join(corpus.vocab(layer)).encode("utf-8") + b"\x00")
    h.update(np.ascontiguousarray(corpus.doc_offsets, dtype="<i8").data)
    return h.hexdigest()


# --------------------------------------------------------------------------- model
class TopicModel:
    """Latent Dirichlet allocation on one layer of a corpus, with gensim.

    Follows the scikit-learn estimator contract: the constructor only stores its
    parameters; :meth:`fit` validates them, builds the vocabulary, trains, and sets the
    learned attributes (names ending in ``_``); it returns ``self``.

    Parameters
    ----------
    k : int
        Number of topics (at least 2).
    layer : str
        Corpus layer to model: ``"norm"`` (default), ``"surface"`` or ``"stem"``.
    stopwords : bool or iterable of str
        ``True`` drops ``stopwords(kind="extended")`` (:func:`arabcorpus.text.stem.stopwords`:
        the arabic-stopwords list plus the conjugations of كان and its sisters and
        of the modal verbs) for the corpus's profile;
        an iterable gives your own list (normalized with the corpus's normalizer);
        ``False`` keeps everything. A token is dropped when its *normalized* form is
        a stopword, whatever the layer.
    min_df, max_df : int or float
        Drop types found in fewer than ``min_df`` / more than ``max_df`` documents;
        an int is a count, a float a proportion of documents (scikit-learn's rule).
    drop_numbers : bool
        Drop number tokens (kind ``"number"`` from :data:`arabcorpus.text.tokenize.KINDS`,
        or types made of digits of any script).
    min_length : int
        Drop types shorter than this many characters.
    phrases : bool or dict
        ``True`` joins frequent multiword expressions first (gensim ``Phrases``,
        e.g. ``الامم_المتحده``), learned on runs of kept tokens, so a phrase never
        spans a dropped stopword or a document boundary; a dict passes options to
        ``Phrases`` (defaults ``min_count=20, threshold=10``).
    seed : int
        Random seed of the model (``random_state``) and of document inference.
    passes, iterations, chunksize : int
        gensim's training schedule: passes over the corpus, maximum variational
        iterations per document, documents per online update.
    alpha, eta : str, float or array
        Dirichlet priors, as gensim takes them (``"symmetric"``, ``"asymmetric"``,
        ``"auto"``, a number or an array).
    workers : int
        1 trains gensim ``LdaModel``; more trains ``LdaMulticore`` with that many
        worker processes.
    progress : bool, optional
        A progress bar over training (documents read x passes):
        :func:`arabcorpus.util.progress.progress_bar`, shown by default only in a
        notebook or a terminal and after a second of work; ``True``/``False`` force it.
        It follows gensim's reading of the corpus, so it changes no logging and no
        result.

    Notes
    -----
    Every parameter is keyword-only: ``TopicModel(k=20)``. A positional call of an
    earlier release (``TopicModel(20, "stem")``) still works, with a
    DeprecationWarning.

    Reproducibility: with ``workers=1`` the same corpus, parameters and seed give
    identical :meth:`topics` and :meth:`doc_topics` in any fresh process (gensim
    ``LdaModel`` is deterministic given ``random_state``). With ``workers > 1``
    gensim's ``LdaMulticore`` gives *different topics on every run*, even with the
    same seed, because its workers return their statistics in a nondeterministic
    order; only the vocabulary and ``filter_report_`` are reproducible then.

    Defaults (``passes=5, iterations=50, chunksize=2000, alpha="auto", eta=None``
    (gensim's 1/k), ``min_df=5, max_df=0.5``): on SaudiNewsNet (31,030 articles, k=20)
    one gensim pass takes about 10 s, so five passes stay within the time tomotopy
    needs for 200 Gibbs iterations on one core (about 60 s); more passes and a learned
    asymmetric ``alpha`` raised mean c_npmi in our trials (1 pass, symmetric: 0.104;
    2 passes, ``"auto"``: 0.112). ``benchmarks/topics.py`` measures the defaults
    against tomotopy and a crude baseline in one run.

    Saved models use gensim's format, which is pickle-based: load only folders you
    trust.

    Attributes
    ----------
    model_ : gensim.models.LdaModel
    dictionary_ : gensim.corpora.Dictionary
        The kept vocabulary (ids match ``model_``).
    filter_report_ : pandas.DataFrame
        One row per filter (:data:`FILTERS`): types and tokens it removed; totals in
        ``.attrs``.
    n_documents_ : int
        Documents the model was trained on.
    n_tokens_ : int
        Kept tokens the model was trained on.
    n_types_ : int
        Kept types the model was trained on.
    fit_seconds_ : float
        Training time (vocabulary building excluded).
    corpus_fingerprint_ : str

    Examples
    --------
    >>> from arabcorpus.corpus.memory import Corpus
    >>> texts = ["الأمم المتحدة تدعو إلى وقف إطلاق النار في سوريا",
    ...          "مجلس الأمن يناقش وقف إطلاق النار",
    ...          "الهلال يفوز على النصر في الدوري السعودي",
    ...          "النصر والهلال في نهائي كأس الملك"] * 5
    >>> corpus = Corpus.build(texts, progress=False)
    >>> tm = TopicModel(k=2, min_df=2, seed=1, progress=False).fit(corpus)
    >>> tm.topics(n=3).columns.tolist()
    ['topic', 'rank', 'type', 'form', 'weight']
    >>> tm.doc_topics().shape[0] == len(corpus)
    True
    >>> tm.topics(n=3).attrs["params"]["corpus"]
    '20 documents, 140 tokens'
    """

    @keyword_only("self", old=_PARAMS)
    def __init__(self, *, k: int = 20, layer: str = "norm",
                 stopwords: bool | Iterable[str] = True, min_df: int | float = 5,
                 max_df: int | float = 0.5, drop_numbers: bool = True, min_length: int = 2,
                 phrases: bool | dict = False, seed: int = 0, passes: int = 5,
                 iterations: int = 50, chunksize: int = 2000, alpha: Any = "auto",
                 eta: Any = None, workers: int = 1, progress: bool | None = None) -> None:
        self.k = k
        self.layer = layer
        self.stopwords = stopwords
        self.min_df = min_df
        self.max_df = max_df
        self.drop_numbers = drop_numbers
        self.min_length = min_length
        self.phrases = phrases
        self.seed = seed
        self.passes = passes
        self.iterations = iterations
        self.chunksize = chunksize
        self.alpha = alpha
        self.eta = eta
        self.workers = workers
        self.progress = progress

    # ------------------------------------------------------------------ params
    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The constructor parameters, as given (scikit-learn contract)."""
        return {name: getattr(self, name) for name in _PARAMS}

    def set_params(self, **params: Any) -> "TopicModel":
        """Set constructor parameters; unknown names raise ValueError."""
        for name, value in params.items():
            if name not in _PARAMS:
                raise ValueError(f"unknown parameter {name!r}; valid: {', '.join(_PARAMS)}")
            setattr(self, name, value)
        return self

    def __repr__(self) -> str:
        args = ", ".join(f"{n}={getattr(self, n)!r}" for n in _PARAMS)
        return f"TopicModel({args})"

    def _validate(self, corpus: Any) -> None:
        check_int(self.k, "k", minimum=2)
        for name in ("passes", "iterations", "chunksize", "workers"):
            check_int(getattr(self, name), name, minimum=1)
        check_int(self.min_length, "min_length", minimum=0)
        check_int(self.seed, "seed", minimum=0)
        Q.check_layer(corpus, self.layer)
        for name in ("min_df", "max_df"):
            v = getattr(self, name)
            if isinstance(v, (Integral, np.integer)) and not isinstance(v, (bool, np.bool_)):
                check_int(v, name, minimum=0)  # a count of documents
            elif isinstance(v, (float, np.floating)):
                check_number(v, f"{name} (a proportion of documents)", minimum=0.0,
                             maximum=1.0)
            else:
                raise TypeError(f"{name} must be an int or a float, got {type(v).__name__}")
        if isinstance(self.stopwords, str):
            raise TypeError("stopwords must be True, False or an iterable of words, got str")
        check_bool(self.drop_numbers, "drop_numbers")
        if not isinstance(self.phrases, (bool, dict)):
            raise TypeError(f"phrases must be a bool or a dict, got {type(self.phrases).__name__}")
        check_progress(self.progress)
        if self.workers > 1 and isinstance(self.alpha, str) and self.alpha == "auto":
            raise ValueError("alpha='auto' is not available with workers > 1 (gensim's "
                             "LdaMulticore cannot learn alpha); set alpha='symmetric' or "
                             "'asymmetric', or workers=1")

    # ------------------------------------------------------------------ vocabulary
    def _stopword_set(self, corpus: Any) -> frozenset[str]:
        if self.stopwords is True:
            from arabcorpus.text.stem import stopwords

            return frozenset(stopwords(profile=corpus.normalizer, kind="extended"))
        if self.stopwords is False or self.stopwords is None:
            return frozenset()
        words = list(self.stopwords)
        for w in words:
            if not isinstance(w, str):
                raise TypeError(f"stopwords must be strings, got {type(w).__name__}")
        return frozenset(corpus.normalizer.normalize_many(words))

    def _prepare(self, corpus: Any) -> _Prepared:
        """Filter the chosen layer and encode the kept tokens (see ``filter_report_``)."""
        import pandas as pd

        self._validate(corpus)
        layer = self.layer
        vocab = corpus.vocab(layer)
        offsets = np.asarray(corpus.doc_offsets, dtype=np.int64)
        n_docs = len(offsets) - 1
        V = len(vocab)
        vocab_arr = np.array(vocab, dtype=object)
        rows: dict[str, list[int]] = {}

        # token-level filters, in order: stopwords (on the normalized form), numbers,
        # length; counted shard by shard on a sharded corpus
        masks: dict[str, np.ndarray] = {}
        sw = self._stopword_set(corpus)
        if sw:
            norm_vocab = corpus.vocab("norm")
            masks["stopwords"] = np.fromiter((t in sw for t in norm_vocab), dtype=bool,
                                             count=len(norm_vocab))
        if self.drop_numbers:
            masks["numbers"] = np.fromiter((_is_number(t) for t in vocab), dtype=bool,
                                           count=V)
        if self.min_length > 0:
            masks["min_length"] = np.fromiter((len(t) < self.min_length for t in vocab),
                                              dtype=bool, count=V)
        keep = None
        if self.phrases:  # phrases need the kept positions of the running text
            stage_counts, removed, kept_ids, kept_doc, _, keep = _filter_part(
                corpus, layer, masks, _number_kind(), V, with_mask=True)
        else:
            stage_counts, removed, kept_ids, kept_doc, _ = Q.over_parts(
                corpus, _filter_part, (layer, masks, _number_kind(), V),
                combine=_combine_filtered)
        for i, name in enumerate(_STAGES):
            before, after = stage_counts[i] > 0, stage_counts[i + 1] > 0
            rows[name] = [int((before & ~after).sum()), int(removed[i])]
        present0 = stage_counts[0] > 0
        n_tokens_before = int(stage_counts[0].sum())
        del stage_counts

        from arabcorpus.analyses.forms import display_forms

        labels_all = display_forms(corpus, layer=layer)
        if keep is not None:
            del kept_ids, kept_doc
            ids = np.asarray(corpus.ids(layer))
            doc_of = np.repeat(np.arange(n_docs, dtype=np.int64), np.diff(offsets))
            tok, doc_tok, type_strs, labels = self._phrase(vocab_arr, labels_all, ids, keep,
                                                           doc_of)
        else:
            tok, doc_tok = kept_ids, kept_doc
            type_strs, labels = vocab_arr, labels_all
        Vt = len(type_strs)

        # document-frequency filters
        # not np.unique(keys): numpy 2.3+ takes a hash-table path for it that is 20x
        # slower here (kept: 9.0 s -> 0.5 s CPU on SaudiNewsNet, 2026-12-05)
        pairs = Q.sorted_unique(doc_tok * Vt + tok)[0]
        df = np.bincount(pairs % Vt, minlength=Vt) if Vt else np.zeros(0, np.int64)
        cf = np.bincount(tok, minlength=Vt)
        alive = cf > 0
        lo = self.min_df if isinstance(self.min_df, Integral) else self.min_df * n_docs
        hi = self.max_df if isinstance(self.max_df, Integral) else self.max_df * n_docs
        for name, drop in (("min_df", df < lo), ("max_df", df > hi)):
            gone = alive & drop
            rows[name] = [int(gone.sum()), int(cf[gone].sum())]
            alive &= ~drop

        report = pd.DataFrame.from_dict(rows, orient="index",
                                        columns=["types_removed", "tokens_removed"])
        report = report.loc[list(FILTERS)]
        report.index.name = "filter"
        n_kept_types = int(alive.sum())
        report.attrs.update(types_before=int(present0.sum()), tokens_before=n_tokens_before,
                            types_kept=n_kept_types, tokens_kept=int(cf[alive].sum()),
                            documents=n_docs)
        if n_kept_types == 0 or report.attrs["tokens_kept"] == 0:
            raise ValueError(
                f"no words left to model after filtering the {layer!r} layer of "
                f"{n_docs} documents ({report.attrs['types_before']} types before; removed: "
                + ", ".join(f"{n} {r.types_removed}" for n, r in report.iterrows())
                + "); lower min_df, raise max_df, lower min_length, set stopwords=False "
                "or give more documents")
        remap = np.full(Vt, -1, dtype=np.int64)
        remap[alive] = np.arange(n_kept_types)
        new = remap[tok]
        sel = new >= 0
        kept_tokens = new[sel].astype(np.int32)
        new_offsets = np.concatenate(
            ([0], np.cumsum(np.bincount(doc_tok[sel], minlength=n_docs)))).astype(np.int64)
        report.attrs["empty_documents"] = int((np.diff(new_offsets) == 0).sum())
        return _Prepared(types=[str(t) for t in type_strs[alive]],
                         labels=[str(t) for t in labels[alive]],
                         tokens=kept_tokens, offsets=new_offsets, report=report,
                         fingerprint=corpus_fingerprint(corpus, layer))

    def _phrase(self, vocab_arr: np.ndarray, labels_all: np.ndarray, ids: np.ndarray,
                keep: np.ndarray, doc_of: np.ndarray):
        """Join frequent multiword expressions among runs of kept tokens."""
        from gensim.models.phrases import Phrases

        opts = {"min_count": 20, "threshold": 10.0, "delimiter": "_"}
        if isinstance(self.phrases, dict):
            opts.update(self.phrases)
        delim = opts["delimiter"]
        pos = np.flatnonzero(keep)
        # a run breaks where positions are not consecutive or the document changes
        brk = np.ones(len(pos), dtype=bool)
        brk[1:] = (np.diff(pos) != 1) | (doc_of[pos[1:]] != doc_of[pos[:-1]])
        starts = np.flatnonzero(brk)
        ends = np.append(starts[1:], len(pos))
        kept_ids = ids[pos]
        segs = _Segments(vocab_arr, kept_ids, starts, ends)
        frozen = Phrases(segs, **opts).freeze()
        t2i: dict[str, int] = {}
        out_ids: list[int] = []
        out_doc: list[int] = []
        seg_doc = doc_of[pos[starts]].tolist()
        for seg, d in zip(segs, seg_doc):
            words = frozen[seg]
            out_ids.extend(t2i.setdefault(w, len(t2i)) for w in words)
            out_doc.extend([d] * len(words))
        types = np.array(list(t2i), dtype=object)
        base = {t: i for i, t in enumerate(vocab_arr.tolist())}
        labels = np.empty(len(types), dtype=object)
        for i, t in enumerate(types):
            if t in base:
                labels[i] = labels_all[base[t]]
            else:
                labels[i] = " ".join(labels_all[base[p]] if p in base else p
                                     for p in t.split(delim))
        return (np.asarray(out_ids, dtype=np.int64), np.asarray(out_doc, dtype=np.int64),
                types, labels)

    # ------------------------------------------------------------------ training
    def fit(self, corpus: Any) -> "TopicModel":
        """Build the vocabulary from ``corpus`` and train the model.

        Parameters
        ----------
        corpus : Corpus

        Returns
        -------
        TopicModel
            ``self``.

        Raises
        ------
        ValueError
            ``k < 2``, a layer the corpus lacks, or no words left after filtering.
        """
        prep = self._prepare(corpus)
        self._train(prep)
        self._set_prepared(prep, corpus)
        return self

    def _set_prepared(self, prep: _Prepared, corpus: Any) -> None:
        self.filter_report_ = prep.report
        self.dictionary_ = prep.dictionary
        self.n_documents_ = prep.n_docs
        self.n_tokens_ = int(len(prep.tokens))
        self.n_types_ = len(prep.types)
        self.corpus_fingerprint_ = prep.fingerprint
        self._prep = prep
        self._corpus = corpus
        self._theta = None

    def _train(self, prep: _Prepared) -> None:
        from gensim.models import LdaModel, LdaMulticore

        common = dict(num_topics=self.k, id2word=prep.dictionary, chunksize=self.chunksize,
                      passes=self.passes, iterations=self.iterations, eta=self.eta,
                      random_state=self.seed, eval_every=None, dtype=np.float32)
        t0 = time.perf_counter()
        with progress_bar(self.progress, total=prep.n_docs * self.passes, desc="LDA",
                          unit="doc") as bar:
            bow = prep.bow(None if isinstance(bar, NoBar) else bar, self.passes)
            if self.workers > 1:
                model = LdaMulticore(bow, workers=self.workers, alpha=self.alpha, **common)
            else:
                model = LdaModel(bow, alpha=self.alpha, **common)
        self.fit_seconds_ = time.perf_counter() - t0
        self.model_ = model

    def _check_fitted(self) -> None:
        if not hasattr(self, "model_"):
            raise ValueError("this TopicModel is not fitted yet: call fit(corpus) first")

    # ------------------------------------------------------------------ results
    def _params(self, **call: Any) -> dict[str, Any]:
        """``attrs["params"]`` of a result: the model's parameters, the call's
        arguments and the corpus it was fitted on."""
        return {**self.get_params(), **call, "corpus": Q.describe(self._corpus)}

    @keyword_only("self", old=("n",))
    def topics(self, *, n: int | None = 10):
        """Top ``n`` words of every topic.

        Parameters
        ----------
        n : int or None
            Words per topic; ``None`` gives the whole vocabulary.

        Returns
        -------
        pandas.DataFrame
            Columns ``topic``, ``rank`` (1 = most probable), ``type`` (the modelled
            type), ``form`` (its most frequent surface form, see
            :func:`arabcorpus.analyses.forms.display_forms`) and ``weight``
            (p(word | topic)). ``.attrs["params"]`` holds the model's parameters,
            ``n`` and ``corpus``.

        Examples
        --------
        >>> from arabcorpus.corpus.memory import Corpus
        >>> corpus = Corpus.build(["النفط والأسعار في السوق", "الهلال والنصر في الدوري"] * 4,
        ...                       progress=False)
        >>> tm = TopicModel(k=2, min_df=2, max_df=1.0, seed=1, progress=False).fit(corpus)
        >>> t = tm.topics(n=2)
        >>> t.columns.tolist(), len(t)
        (['topic', 'rank', 'type', 'form', 'weight'], 4)
        """
        import pandas as pd

        self._check_fitted()
        if n is not None:
            check_int(n, "n", minimum=1)
        topn = self.n_types_ if n is None else n
        rows = []
        for t in range(self.k):
            for r, (i, w) in enumerate(self.model_.get_topic_terms(t, topn=topn), start=1):
                rows.append((t, r, self._prep.types[i], self._prep.labels[i], float(w)))
        frame = pd.DataFrame(rows, columns=["topic", "rank", "type", "form", "weight"])
        frame.attrs["params"] = self._params(n=n)
        return frame

    def _doc_theta(self) -> np.ndarray:
        """Document-topic proportions (n_docs x k), inferred with a fixed seed."""
        if self._theta is None:
            m = self.model_
            saved = m.random_state
            m.random_state = np.random.RandomState(self.seed)
            try:
                parts = []
                # one chunk of bags of words at a time (the same chunks, so the same
                # random draws), not the whole corpus as lists of tuples at once
                for chunk in _chunks(self._prep.bow(), self.chunksize):
                    gamma, _ = m.inference(chunk)
                    parts.append(gamma / gamma.sum(axis=1, keepdims=True))
            finally:
                m.random_state = saved
            self._theta = (np.vstack(parts) if parts
                           else np.zeros((0, self.k))).astype(np.float64)
        return self._theta

    def doc_topics(self):
        """Topic proportions of every document, joined with the corpus metadata.

        Returns
        -------
        pandas.DataFrame
            The corpus metadata columns, then ``n_tokens`` (kept tokens; 0 means the
            proportions are only the prior), ``dominant_topic``, and one column per
            topic (named by the topic number) whose values sum to 1 in each row.
            ``.attrs["params"]`` holds the model's parameters and ``corpus``.
        """
        import pandas as pd

        self._check_fitted()
        theta = self._doc_theta()
        meta = self._metadata()
        topics = pd.DataFrame(theta, columns=list(range(self.k)), index=meta.index)
        extra = pd.DataFrame({"n_tokens": np.diff(self._prep.offsets),
                              "dominant_topic": theta.argmax(axis=1)}, index=meta.index)
        frame = pd.concat([meta, extra, topics], axis=1)
        frame.attrs["params"] = self._params()
        return frame

    def _metadata(self):
        import pandas as pd

        meta = getattr(self._corpus, "metadata", None)
        if meta is None:
            return pd.DataFrame(index=pd.RangeIndex(self.n_documents_))
        return meta.reset_index(drop=True)

    @renamed(topn="n")
    @keyword_only("self", old=("measure", "n", "window_size"))
    def coherence(self, *, measure: str = "c_npmi", n: int = 10,
                  window_size: int | None = None):
        """Topic coherence of the top ``n`` words, per topic.

        Computed on the same filtered documents the model was trained on (texts for
        ``c_npmi`` and ``c_v``, bags of words for ``u_mass``), as gensim's
        ``CoherenceModel`` computes it: ``c_npmi`` by
        :func:`arabcorpus.analyses.coherence.npmi_coherence` (the same values, from
        the integer token arrays: 0.3 s instead of gensim's 18 s on 10,000
        SaudiNewsNet articles), ``c_v`` and ``u_mass`` by gensim.

        Parameters
        ----------
        measure : {"c_npmi", "c_v", "u_mass"}
        n : int
            Words per topic (``topn=`` of earlier releases, deprecated).
        window_size : int, optional
            Sliding window for ``c_npmi``/``c_v`` (gensim's defaults 10 and 110).

        Returns
        -------
        pandas.DataFrame
            Columns ``topic``, ``coherence``, ``words``; ``.attrs["overall"]`` is the
            mean over topics (gensim's ``get_coherence``), ``.attrs["measure"]`` the
            measure, ``.attrs["params"]`` the model's parameters, ``measure``, ``n``,
            ``window_size`` and ``corpus``.

        Examples
        --------
        >>> from arabcorpus.corpus.memory import Corpus
        >>> corpus = Corpus.build(["النفط والأسعار في السوق", "الهلال والنصر في الدوري"] * 4,
        ...                       progress=False)
        >>> tm = TopicModel(k=2, min_df=2, max_df=1.0, seed=1, progress=False).fit(corpus)
        >>> c = tm.coherence(measure="u_mass", n=3)
        >>> c.columns.tolist(), c.attrs["params"]["n"]
        (['topic', 'coherence', 'words'], 3)
        """
        self._check_fitted()
        check_choice(measure, "measure", COHERENCE_MEASURES)
        check_int(n, "n", minimum=1)
        if window_size is not None:
            check_int(window_size, "window_size", minimum=1)
        topics = [[self._prep.types[i] for i, _ in self.model_.get_topic_terms(t, topn=n)]
                  for t in range(self.k)]
        frame = _coherence_frame(topics, self._prep, measure, n, window_size,
                                 labels=[[self._prep.labels[self._prep.dictionary.token2id[w]]
                                          for w in ws] for ws in topics])
        frame.attrs["params"] = self._params(measure=measure, n=n, window_size=window_size)
        return frame

    @keyword_only("self", old=("freq", "by"))
    def over_time(self, *, freq: str = "D", by: str | None = None):
        """Mean topic proportion per period (and per group), from the ``date`` metadata.

        Parameters
        ----------
        freq : {"D", "W", "M"}
            Day, week (Monday to Sunday) or calendar month.
        by : str, optional
            A metadata column to split by, e.g. ``"source"``.

        Returns
        -------
        pandas.DataFrame
            Long format: ``period`` (start timestamp), ``by`` column if given, ``topic``,
            ``prevalence`` (mean proportion over the period's documents) and
            ``n_docs``. Documents without a date are left out and counted in
            ``.attrs["undated_documents"]`` (with a warning). ``.attrs["params"]``
            holds the model's parameters, ``freq``, ``by`` and ``corpus``.

        Examples
        --------
        >>> from arabcorpus.corpus.memory import Corpus
        >>> docs = [{"text": t, "date": d} for t, d in
        ...         [("النفط والأسعار في السوق", "2024-03-01"),
        ...          ("الهلال والنصر في الدوري", "2024-03-01"),
        ...          ("أسعار النفط في السوق", "2024-04-02"),
        ...          ("النصر يفوز في الدوري", "2024-04-03")] * 2]
        >>> corpus = Corpus.build(docs, progress=False)
        >>> tm = TopicModel(k=2, min_df=2, max_df=1.0, seed=1, progress=False).fit(corpus)
        >>> o = tm.over_time(freq="M")
        >>> o.columns.tolist()
        ['period', 'topic', 'prevalence', 'n_docs']
        >>> o["n_docs"].tolist()
        [4, 4, 4, 4]
        """
        import pandas as pd

        self._check_fitted()
        check_choice(freq, "freq", FREQS)
        meta = self._metadata()
        if "date" not in meta.columns:
            raise ValueError("over_time needs a 'date' column in the corpus metadata; build "
                             "the corpus from documents with a date (e.g. SaudiNewsNet, or "
                             "dicts with a 'date' key)")
        dates = pd.to_datetime(meta["date"], errors="coerce")
        if by is not None:
            Q.check_column(self._corpus, by)
            if by == "date":
                raise ValueError("by='date' splits by the periods themselves; choose "
                                 "another metadata column, or give freq= alone")
        dated = dates.notna().to_numpy()
        if not dated.any():
            raise ValueError("over_time needs dates, but every document's 'date' is missing "
                             "or unparsable; fix the 'date' metadata")
        theta = self._doc_theta()[dated]
        frame = pd.DataFrame(theta, columns=list(range(self.k)))
        frame["period"] = dates[dated].dt.to_period(freq).dt.start_time.to_numpy()
        keys = ["period"]
        if by is not None:
            frame[by] = meta.loc[dated, by].to_numpy()
            keys.append(by)
        grouped = frame.groupby(keys, sort=True, dropna=False)
        sizes = grouped.size().rename("n_docs")
        means = grouped[list(range(self.k))].mean()
        long = means.stack().rename("prevalence").reset_index()
        long = long.rename(columns={f"level_{len(keys)}": "topic"})
        long.columns = keys + ["topic", "prevalence"]
        long = long.merge(sizes.reset_index(), on=keys)
        long["topic"] = long["topic"].astype(int)
        n_undated = int((~dated).sum())
        long.attrs.update(freq=freq, by=by, undated_documents=n_undated,
                          params=self._params(freq=freq, by=by))
        if n_undated:
            warnings.warn(f"{n_undated} documents have no date and are left out of over_time",
                          stacklevel=3)
        return long

    # ------------------------------------------------------------------ persistence
    def save(self, path: str | Path) -> Path:
        """Save the fitted model to a folder.

        Writes ``params.json`` (parameters, corpus fingerprint, filter report),
        ``vocab.json`` (types and their surface labels), ``tokens.npz`` (the filtered
        token ids and document offsets) and gensim's model files (``lda.model*``,
        pickle-based). Existing files of these names are overwritten.

        Returns
        -------
        pathlib.Path
        """
        import gensim

        self._check_fitted()
        if not isinstance(path, (str, Path)):
            raise TypeError(f"path must be a str or Path, got {type(path).__name__}")
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        params = self.get_params()
        if not isinstance(params["stopwords"], bool):
            params["stopwords"] = sorted(params["stopwords"])
        for key in ("alpha", "eta"):
            if isinstance(params[key], np.ndarray):
                params[key] = params[key].tolist()
        rep = self.filter_report_
        info = {"format": _FORMAT, "params": params,
                "corpus_fingerprint": self.corpus_fingerprint_,
                "filter_report": {"rows": rep.reset_index().to_dict(orient="list"),
                                  "attrs": dict(rep.attrs)},
                "fit_seconds": self.fit_seconds_, "gensim": gensim.__version__}
        (folder / "params.json").write_text(json.dumps(info, ensure_ascii=False, indent=1),
                                            encoding="utf-8")
        (folder / "vocab.json").write_text(
            json.dumps({"types": self._prep.types, "labels": self._prep.labels},
                       ensure_ascii=False), encoding="utf-8")
        np.savez(folder / "tokens.npz", tokens=self._prep.tokens, offsets=self._prep.offsets)
        self.model_.save(str(folder / "lda.model"))
        return folder

    @classmethod
    def load(cls, path: str | Path, corpus: Any) -> "TopicModel":
        """Load a model saved with :meth:`save`, for the corpus it was fitted on.

        gensim's model format is pickle-based: **load only folders you trust**.

        Raises
        ------
        ValueError
            The folder is not a saved TopicModel, or ``corpus`` is not the corpus the
            model was fitted on (its fingerprint differs).
        """
        import pandas as pd
        from gensim.models import LdaModel

        if not isinstance(path, (str, Path)):
            raise TypeError(f"path must be a str or Path, got {type(path).__name__}")
        folder = Path(path)
        pfile = folder / "params.json"
        if not pfile.is_file():
            raise ValueError(f"{folder} is not a saved TopicModel (no params.json)")
        info = json.loads(pfile.read_text(encoding="utf-8"))
        if info.get("format") not in (_FORMAT, *_OLD_FORMATS):
            raise ValueError(f"{pfile}: unknown format {info.get('format')!r}, "
                             f"expected {_FORMAT!r}")
        tm = cls(**info["params"])
        layer = tm.layer
        if layer not in corpus.layers:
            raise ValueError(f"the model was fitted on layer {layer!r}, which this corpus lacks "
                             f"(layers: {', '.join(corpus.layers)})")
        fp = corpus_fingerprint(corpus, layer)
        if fp != info["corpus_fingerprint"]:
            raise ValueError(f"{folder} was fitted on a different corpus (fingerprint "
                             f"{info['corpus_fingerprint'][:12]}..., this corpus "
                             f"{fp[:12]}...); load it with the corpus it was fitted on, "
                             "or fit a new model")
        vocab = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
        with np.load(folder / "tokens.npz") as z:
            tokens, offsets = z["tokens"], z["offsets"]
        rep = pd.DataFrame(info["filter_report"]["rows"]).set_index("filter")
        rep.attrs.update(info["filter_report"]["attrs"])
        prep = _Prepared(vocab["types"], vocab["labels"], tokens, offsets, rep, fp)
        tm.model_ = LdaModel.load(str(folder / "lda.model"))
        tm.fit_seconds_ = info.get("fit_seconds", float("nan"))
        tm._set_prepared(prep, corpus)
        return tm


def _coherence_frame(topics: list[list[str]], prep: _Prepared, measure: str, n: int,
                     window_size: int | None, labels: list[list[str]] | None = None,
                     texts: list[list[str]] | None = None):
    """Per-topic coherence; mean in ``.attrs``.

    c_npmi is counted on the integer token arrays by
    :func:`arabcorpus.analyses.coherence.npmi_coherence` (equal to gensim's
    ``CoherenceModel`` to 1e-6, tested; kept: 18 s -> 0.3 s on the report's sample of
    10,000 SaudiNewsNet articles, ``benchmarks/report.py``, 2026-12-05); c_v and u_mass
    use gensim's ``CoherenceModel``.
    """
    import pandas as pd

    if measure == "c_npmi":
        ids = [[prep.dictionary.token2id[w] for w in ws[:n]] for ws in topics]
        per_topic = npmi_coherence(prep.tokens, prep.offsets, ids,
                                   window_size=10 if window_size is None else window_size)
    else:
        per_topic = _gensim_coherence(topics, prep, measure, n, window_size, texts)
    shown = labels if labels is not None else topics
    frame = pd.DataFrame({"topic": range(len(topics)),
                          "coherence": np.asarray(per_topic, dtype=float),
                          "words": [" ".join(ws) for ws in shown]})
    frame.attrs.update(measure=measure, n=n, overall=float(np.nanmean(frame["coherence"])))
    return frame


def _gensim_coherence(topics: list[list[str]], prep: _Prepared, measure: str, n: int,
                      window_size: int | None, texts: list[list[str]] | None) -> list[float]:
    """Per-topic coherence with gensim's ``CoherenceModel`` (the reference for c_npmi)."""
    from gensim.models.coherencemodel import CoherenceModel

    kwargs: dict[str, Any] = dict(topics=topics, dictionary=prep.dictionary,
                                  coherence=measure, topn=n, processes=1)
    if measure == "u_mass":
        kwargs["corpus"] = prep.bow()
    else:
        kwargs["texts"] = texts if texts is not None else prep.texts()
        if window_size is not None:
            kwargs["window_size"] = window_size
    return CoherenceModel(**kwargs).get_coherence_per_topic()


@renamed(topn="n")
@keyword_only("corpus", old=("ks", "measure", "seeds", "n", "progress"))
def choose_k(corpus: Any, *, ks: Iterable[int] = range(5, 41, 5), measure: str = "c_npmi",
             seeds: Iterable[int] = (1, 2, 3), n: int = 10, progress: bool | None = None,
             **model_params: Any):
    """Sweep the number of topics: coherence (over seeds) and training time per k.

    The vocabulary is built once and shared by every model of the sweep.

    Parameters
    ----------
    corpus : Corpus
    ks : iterable of int
        Numbers of topics to try (each at least 2).
    measure : {"c_npmi", "c_v", "u_mass"}
    seeds : iterable of int
    n : int
        Words per topic for coherence (``topn=`` of earlier releases, deprecated).
    progress : bool, optional
        One progress bar over the sweep's fits
        (:func:`arabcorpus.util.progress.progress_bar`: by default only in a notebook
        or a terminal, after a second of work).
    **model_params
        Other :class:`TopicModel` parameters (``layer``, ``min_df``, ``passes``...).

    Returns
    -------
    pandas.DataFrame
        One row per k: ``k``, ``coherence_mean``, ``coherence_std`` (sample standard
        deviation over seeds, NaN for one seed), ``coherence_min``, ``coherence_max``,
        ``fit_seconds`` (mean training time) and ``n_seeds``; ``.attrs`` holds the
        measure, ``n``, the seeds and the vocabulary building time, and
        ``.attrs["params"]`` the models' parameters (``k`` and ``seed`` excepted),
        ``ks``, ``measure``, ``seeds``, ``n`` and ``corpus``.

    Examples
    --------
    >>> from arabcorpus.corpus.memory import Corpus
    >>> texts = ["الأمم المتحدة تدعو إلى وقف إطلاق النار في سوريا",
    ...          "الهلال يفوز على النصر في الدوري السعودي"] * 10
    >>> corpus = Corpus.build(texts, progress=False)
    >>> table = choose_k(corpus, ks=[2, 3], seeds=[1, 2], min_df=2, passes=1,
    ...                  progress=False)
    >>> table["k"].tolist()
    [2, 3]
    >>> table.attrs["params"]["ks"]
    [2, 3]
    """
    import pandas as pd

    if "k" in model_params or "seed" in model_params:
        raise ValueError("give k through ks and seed through seeds, not as model parameters")
    if isinstance(ks, (str, bytes)) or isinstance(seeds, (str, bytes)):
        raise TypeError("ks and seeds must be iterables of int")
    ks = [check_int(kk, "ks", minimum=2) for kk in ks]
    seeds = [check_int(s, "seeds", minimum=0) for s in seeds]
    if not ks or not seeds:
        raise ValueError("ks and seeds must each hold at least one value")
    check_choice(measure, "measure", COHERENCE_MEASURES)
    check_int(n, "n", minimum=1)
    check_progress(progress)
    model_params["progress"] = False
    t0 = time.perf_counter()
    template = TopicModel(k=min(ks), seed=seeds[0], **model_params)
    template._validate(corpus)
    prep = template._prepare(corpus)
    prep_seconds = time.perf_counter() - t0
    texts = prep.texts() if measure == "c_v" else None
    rows = []
    with progress_bar(progress, total=len(ks) * len(seeds), desc="choose_k",
                      unit="fit") as bar:
        for kk in ks:
            scores, times = [], []
            for s in seeds:
                tm = TopicModel(k=kk, seed=s, **model_params)
                tm._train(prep)
                topics = [[prep.types[i] for i, _ in tm.model_.get_topic_terms(t, topn=n)]
                          for t in range(kk)]
                frame = _coherence_frame(topics, prep, measure, n, None, texts=texts)
                scores.append(frame.attrs["overall"])
                times.append(tm.fit_seconds_)
                bar.update(1)
            sc = pd.Series(scores, dtype=float)
            rows.append({"k": kk, "coherence_mean": sc.mean(),
                         "coherence_std": sc.std(ddof=1), "coherence_min": sc.min(),
                         "coherence_max": sc.max(), "fit_seconds": float(np.mean(times)),
                         "n_seeds": len(seeds)})
    table = pd.DataFrame(rows)
    params = {k: v for k, v in template.get_params().items() if k not in ("k", "seed")}
    params.update(progress=progress, ks=ks, measure=measure, seeds=seeds, n=n,
                  corpus=Q.describe(corpus))
    table.attrs.update(measure=measure, n=n, prepare_seconds=prep_seconds, seeds=seeds,
                       params=params)
    return table
