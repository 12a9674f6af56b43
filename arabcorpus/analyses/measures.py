"""Association, keyness and dispersion measures as pure, vectorized functions.

Counting lives in the analyses (:mod:`arabcorpus.analyses.collocations`,
:mod:`arabcorpus.analyses.keyness`, :mod:`arabcorpus.analyses.dispersion`); scoring lives here. Every
function takes NumPy arrays (or anything :func:`numpy.asarray` accepts) and returns a
float64 array of the broadcast shape, so one call scores a whole vocabulary.

Three registries map a measure's name to its function. The analyses, the CLI, the
docs and the error messages all use these names:

* :data:`ASSOCIATION_MEASURES`: functions of a 2x2 contingency table
  ``(o11, o12, o21, o22)``;
* :data:`KEYNESS_MEASURES`: functions of ``(a, b, c, d)``, a word's frequency in the
  target (``a``) and reference (``b``) corpus and the two corpus sizes (``c``, ``d``);
* :data:`DISPERSION_MEASURES`: functions of a frequency matrix (terms x parts) and the
  parts' sizes.

The contingency table of association measures (Evert 2008, sec. 3)::

                 v          not v
    u        | O11       | O12        | R1 = O11 + O12
    not u    | O21       | O22        | R2 = O21 + O22
               C1          C2           N = R1 + R2

with expected frequencies under independence ``Eij = Ri * Cj / N``. ``u`` is the node
(first word of a pair), ``v`` the collocate (second word).

Zero counts
-----------
Zero cells are handled by each formula's own convention, never by adding a tiny
constant (NLTK adds ``1e-20`` inside its logarithms): in log-likelihood sums the term
``0 * log 0`` is 0 (its limit); Hardie's log ratio substitutes 0.5 for a zero
frequency, as Hardie (2014) prescribes; a measure that is genuinely undefined or
infinite (MI of a pair never seen, %DIFF against a zero reference frequency) returns
``-inf``/``inf``/``nan`` as IEEE arithmetic gives, without a warning.

Two forms of log-likelihood
---------------------------
:func:`log_likelihood` (association) is **Dunning's (1993) four-cell form**,
``G2 = 2 * sum_ij Oij ln(Oij / Eij)`` over all four cells of the contingency table
(Evert 2008; quanteda, cwb-ccc, Wordless). :func:`keyness_log_likelihood` is
**Rayson and Garside's (2000) two-term form**, ``2 * (a ln(a/E1) + b ln(b/E2))``
(WordSmith, UCREL's log-likelihood calculator, conc). The two differ: the four-cell
form also counts the "all other words" cells.

References
----------
Evert, S. (2008). Corpora and collocations. In A. Lüdeling & M. Kytö (Eds.), *Corpus
Linguistics. An International Handbook*, article 58. Berlin: Mouton de Gruyter.
(Formulas also at http://www.collocations.de/AM/.)

Rychlý, P. (2008). A lexicographer-friendly association score. *Proceedings of RASLAN
2008*, 6-9.

Gries, S. Th. (2013). 50-something years of work on collocations: what is or should be
next. *International Journal of Corpus Linguistics* 18(1), 137-165.

Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
*Computational Linguistics* 19(1), 61-74.

Rayson, P. & Garside, R. (2000). Comparing corpora using frequency profiling. *Proc.
of the Workshop on Comparing Corpora*, ACL 2000, 1-6.

Hardie, A. (2014). Log Ratio: an informal introduction. ESRC Centre for Corpus
Approaches to Social Science (CASS), Lancaster University.

Gabrielatos, C. & Marchi, A. (2012). Keyness: appropriate metrics and practical
issues. CADS International Conference, Bologna.

Wilson, A. (2013). Embracing Bayes factors for key item analysis in corpus linguistics.
In *New Approaches to the Study of Linguistic Variability*, 3-11. Frankfurt: Peter
Lang.

Gries, S. Th. (2008). Dispersions and adjusted frequencies in corpora. *International
Journal of Corpus Linguistics* 13(4), 403-437.

Lijffijt, J. & Gries, S. Th. (2012). Correction to Stefan Th. Gries' "Dispersions and
adjusted frequencies in corpora". *International Journal of Corpus Linguistics* 17(1),
147-149.

Juilland, A. & Chang-Rodríguez, E. (1964). *Frequency Dictionary of Spanish Words*.
The Hague: Mouton.

Examples
--------
>>> from arabcorpus.analyses.measures import ASSOCIATION_MEASURES, association
>>> round(float(association("mi", 10, 90, 40, 9860)), 4)
4.3219
>>> sorted(ASSOCIATION_MEASURES)[:4]
['chi2', 'delta_p_12', 'delta_p_21', 'dice']
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from arabcorpus.util import deprecation, validate
from arabcorpus.util.deprecation import keyword_only

__all__ = [
    "ASSOCIATION_MEASURES",
    "KEYNESS_MEASURES",
    "DISPERSION_MEASURES",
    "association",
    "keyness_measure",
    "dispersion_measure",
    "check_measures",
    "check_sort",
    "FIRST_MEASURE",
    "DEPRECATED_MEASURES",
    "expected",
    "observed",
    "expected_frequency",
    "mi",
    "mi3",
    "local_mi",
    "t_score",
    "z_score",
    "log_likelihood",
    "chi2",
    "dice",
    "log_dice",
    "jaccard",
    "phi",
    "delta_p_21",
    "delta_p_12",
    "assoc_log_ratio",
    "odds_ratio",
    "log_odds_ratio",
    "poisson_stirling",
    "keyness_log_likelihood",
    "keyness_p_value",
    "p_value_of_log_likelihood",
    "log_ratio",
    "perc_diff",
    "keyness_chi2",
    "bic",
    "per_million",
    "range_",
    "dp",
    "dp_norm",
    "dp_of_occurrences",
    "juilland_d",
]

ArrayLike = "np.ndarray | float | int"


# --------------------------------------------------------------------------- helpers
def _f(x) -> np.ndarray:
    return np.asarray(x, dtype=np.float64)


def _cells(o11, o12, o21, o22):
    o11, o12, o21, o22 = np.broadcast_arrays(_f(o11), _f(o12), _f(o21), _f(o22))
    return o11, o12, o21, o22


def _xlogx_over(o: np.ndarray, e: np.ndarray) -> np.ndarray:
    """``o * ln(o / e)`` with the convention ``0 * ln(0 / e) = 0``."""
    with np.errstate(divide="ignore", invalid="ignore"):
        out = o * np.log(o / e)
    return np.where(o == 0, 0.0, out)


def _expected_cells(o11, o12, o21, o22):
    n = o11 + o12 + o21 + o22
    r1, r2 = o11 + o12, o21 + o22
    c1, c2 = o11 + o21, o12 + o22
    with np.errstate(divide="ignore", invalid="ignore"):
        return r1 * c1 / n, r1 * c2 / n, r2 * c1 / n, r2 * c2 / n


def expected_frequency(o11, o12, o21, o22) -> np.ndarray:
    """Expected frequency ``E11 = R1 * C1 / N`` of the pair under independence.

    Examples
    --------
    >>> float(expected_frequency(10, 90, 40, 9860))   # 100 * 50 / 10000
    0.5
    """
    o11, o12, o21, o22 = _cells(o11, o12, o21, o22)
    return _expected_cells(o11, o12, o21, o22)[0]


def observed(o11, o12, o21, o22) -> np.ndarray:
    """Observed frequency ``O11`` of the pair (as float64).

    Examples
    --------
    >>> float(observed(10, 90, 40, 9860))
    10.0
    """
    return _cells(o11, o12, o21, o22)[0].copy()


expected = expected_frequency


# ----------------------------------------------------------- association measures
def mi(o11, o12, o21, o22) -> np.ndarray:
    """Pointwise mutual information ``log2(O11 / E11)`` (Church & Hanks 1990; Evert 2008).

    ``-inf`` when ``O11 = 0``. Equals NLTK's ``BigramAssocMeasures.pmi``.

    Examples
    --------
    >>> round(float(mi(10, 90, 40, 9860)), 6)   # log2(10 / 0.5)
    4.321928
    """
    o11, o12, o21, o22 = _cells(o11, o12, o21, o22)
    e11 = _expected_cells(o11, o12, o21, o22)[0]
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log2(o11 / e11)


def mi3(o11, o12, o21, o22) -> np.ndarray:
    """MI3 ``log2(O11**3 / E11)`` (Daille 1994; Evert 2008). Not NLTK's ``mi_like``,
    which is ``O11**3 / (R1 * C1)`` without a logarithm.

    Examples
    --------
    >>> round(float(mi3(10, 90, 40, 9860)), 6)   # log2(1000 / 0.5)
    10.965784
    """
    o11, o12, o21, o22 = _cells(o11, o12, o21, o22)
    e11 = _expected_cells(o11, o12, o21, o22)[0]
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log2(o11 ** 3 / e11)


def local_mi(o11, o12, o21, o22) -> np.ndarray:
    """Local MI ``O11 * log2(O11 / E11)`` (Evert 2008), 0 when ``O11 = 0``.

    Examples
    --------
    >>> round(float(local_mi(10, 90, 40, 9860)), 6)   # 10 * log2(20)
    43.219281
    """
    o11, o12, o21, o22 = _cells(o11, o12, o21, o22)
    e11 = _expected_cells(o11, o12, o21, o22)[0]
    return _xlogx_over(o11, e11) / np.log(2.0)


def t_score(o11, o12, o21, o22) -> np.ndarray:
    """t-score ``(O11 - E11) / sqrt(O11)`` (Church et al. 1991; Evert 2008).

    ``-inf`` when ``O11 = 0`` and ``E11 > 0``. Equals NLTK's ``student_t``.

    Examples
    --------
    >>> round(float(t_score(10, 90, 40, 9860)), 6)   # 9.5 / sqrt(10)
    3.004164
    """
    o11, o12, o21, o22 = _cells(o11, o12, o21, o22)
    e11 = _expected_cells(o11, o12, o21, o22)[0]
    with np.errstate(divide="ignore", invalid="ignore"):
        return (o11 - e11) / np.sqrt(o11)


def z_score(o11, o12, o21, o22) -> np.ndarray:
    """z-score ``(O11 - E11) / sqrt(E11)`` (Dennis 1965; Evert 2008).

    Examples
    --------
    >>> round(float(z_score(10, 90, 40, 9860)), 6)   # 9.5 / sqrt(0.5)
    13.435029
    """
    o11, o12, o21, o22 = _cells(o11, o12, o21, o22)
    e11 = _expected_cells(o11, o12, o21, o22)[0]
    with np.errstate(divide="ignore", invalid="ignore"):
        return (o11 - e11) / np.sqrt(e11)


@keyword_only("o11", "o12", "o21", "o22", old=("signed",))
def log_likelihood(o11, o12, o21, o22, *, signed: bool = True) -> np.ndarray:
    """Log-likelihood ratio G2, **Dunning's four-cell form** (Dunning 1993; Evert 2008).

    ``G2 = 2 * sum_ij Oij * ln(Oij / Eij)`` over the four cells, with ``0 * ln 0 = 0``.
    With ``signed=True`` (the default) the value is negated when ``O11 < E11``
    (negative association), as Evert (2008) recommends; ``signed=False`` gives the
    unsigned statistic that NLTK's ``likelihood_ratio`` computes.

    Examples
    --------
    >>> round(float(log_likelihood(10, 90, 40, 9860)), 4)
    43.8137
    >>> round(float(log_likelihood(0, 100, 50, 9850)), 4)   # negative association
    -1.0076
    """
    o11, o12, o21, o22 = _cells(o11, o12, o21, o22)
    e = _expected_cells(o11, o12, o21, o22)
    g2 = 2.0 * (_xlogx_over(o11, e[0]) + _xlogx_over(o12, e[1])
                + _xlogx_over(o21, e[2]) + _xlogx_over(o22, e[3]))
    g2 = np.maximum(g2, 0.0)  # rounding can leave -1e-13 for O = E
    if signed:
        g2 = np.where(o11 < e[0], -g2, g2)
    return g2


def chi2(o11, o12, o21, o22) -> np.ndarray:
    """Pearson's chi-square without Yates' correction (Evert 2008):
    ``N (O11 O22 - O12 O21)**2 / (R1 R2 C1 C2)``. Equals NLTK's bigram ``chi_sq``.

    Examples
    --------
    >>> round(float(chi2(10, 90, 40, 9860)), 4)
    183.2394
    """
    o11, o12, o21, o22 = _cells(o11, o12, o21, o22)
    n = o11 + o12 + o21 + o22
    den = (o11 + o12) * (o21 + o22) * (o11 + o21) * (o12 + o22)
    with np.errstate(divide="ignore", invalid="ignore"):
        return n * (o11 * o22 - o12 * o21) ** 2 / den


def phi(o11, o12, o21, o22) -> np.ndarray:
    """Phi coefficient ``(O11 O22 - O12 O21) / sqrt(R1 R2 C1 C2)`` (signed; Evert 2008).
    Its square is NLTK's ``phi_sq``.

    Examples
    --------
    >>> round(float(phi(10, 90, 40, 9860)), 6)
    0.135366
    """
    o11, o12, o21, o22 = _cells(o11, o12, o21, o22)
    den = (o11 + o12) * (o21 + o22) * (o11 + o21) * (o12 + o22)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (o11 * o22 - o12 * o21) / np.sqrt(den)


def dice(o11, o12, o21, o22) -> np.ndarray:
    """Dice coefficient ``2 O11 / (R1 + C1)`` (Smadja et al. 1996; Evert 2008).
    Equals NLTK's ``dice``.

    Examples
    --------
    >>> float(dice(10, 90, 40, 9860))
    0.13333333333333333
    """
    o11, o12, o21, o22 = _cells(o11, o12, o21, o22)
    with np.errstate(divide="ignore", invalid="ignore"):
        return 2.0 * o11 / ((o11 + o12) + (o11 + o21))


def log_dice(o11, o12, o21, o22) -> np.ndarray:
    """logDice ``14 + log2(2 O11 / (R1 + C1))`` (Rychlý 2008). Maximum 14; ``-inf``
    when ``O11 = 0``.

    Rychlý defines it on the frequencies ``14 + log2(2 f_xy / (f_x + f_y))``; for
    window collocates :mod:`arabcorpus.analyses.collocations` passes the table ``(f_xy, f_x -
    f_xy, f_y - f_xy, .)`` (``R1 = f_x``, ``C1 = f_y``), not the window table whose
    ``R1`` grows with the window, as Sketch Engine and #LancsBox compute it.

    Examples
    --------
    >>> round(float(log_dice(10, 90, 40, 9860)), 6)
    11.093109
    """
    with np.errstate(divide="ignore"):
        return 14.0 + np.log2(dice(o11, o12, o21, o22))


def jaccard(o11, o12, o21, o22) -> np.ndarray:
    """Jaccard coefficient ``O11 / (O11 + O12 + O21)`` (Evert 2008). Equals NLTK's
    ``jaccard``.

    Examples
    --------
    >>> float(jaccard(10, 90, 40, 9860))
    0.07142857142857142
    """
    o11, o12, o21, o22 = _cells(o11, o12, o21, o22)
    with np.errstate(divide="ignore", invalid="ignore"):
        return o11 / (o11 + o12 + o21)


def delta_p_21(o11, o12, o21, o22) -> np.ndarray:
    """Delta P of the collocate given the node, ``P(v|u) - P(v|not u) = O11/R1 - O21/R2``
    (Gries 2013: how much the node ``u`` attracts the collocate ``v``).

    Examples
    --------
    >>> round(float(delta_p_21(10, 90, 40, 9860)), 6)
    0.09596
    """
    o11, o12, o21, o22 = _cells(o11, o12, o21, o22)
    with np.errstate(divide="ignore", invalid="ignore"):
        return o11 / (o11 + o12) - o21 / (o21 + o22)


def delta_p_12(o11, o12, o21, o22) -> np.ndarray:
    """Delta P of the node given the collocate, ``P(u|v) - P(u|not v) = O11/C1 - O12/C2``
    (Gries 2013: how much the collocate ``v`` attracts the node ``u``).

    Examples
    --------
    >>> round(float(delta_p_12(10, 90, 40, 9860)), 6)
    0.190955
    """
    o11, o12, o21, o22 = _cells(o11, o12, o21, o22)
    with np.errstate(divide="ignore", invalid="ignore"):
        return o11 / (o11 + o21) - o12 / (o12 + o22)


def assoc_log_ratio(o11, o12, o21, o22) -> np.ndarray:
    """Log ratio of a collocate: ``log2((O11 / R1) / (O21 / R2))``, the binary log of
    how much more frequent ``v`` is near the node than elsewhere (Hardie 2014, as used
    for collocation in #LancsBox). A zero ``O11`` or ``O21`` is replaced by 0.5
    (Hardie 2014).

    Examples
    --------
    >>> round(float(assoc_log_ratio(10, 90, 40, 9860)), 6)
    4.629357
    """
    o11, o12, o21, o22 = _cells(o11, o12, o21, o22)
    r1, r2 = o11 + o12, o21 + o22
    a = np.where(o11 == 0, 0.5, o11)
    b = np.where(o21 == 0, 0.5, o21)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log2((a / r1) / (b / r2))


def odds_ratio(o11, o12, o21, o22) -> np.ndarray:
    """Odds ratio ``(O11 O22) / (O12 O21)`` (Evert 2008), unsmoothed: ``inf`` when
    ``O12 O21 = 0`` and ``O11 O22 > 0``. See :func:`log_odds_ratio` for the
    discounted form.

    Examples
    --------
    >>> round(float(odds_ratio(10, 90, 40, 9860)), 4)
    27.3889
    """
    o11, o12, o21, o22 = _cells(o11, o12, o21, o22)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (o11 * o22) / (o12 * o21)


def log_odds_ratio(o11, o12, o21, o22) -> np.ndarray:
    """Discounted log odds ratio ``ln(((O11+.5)(O22+.5)) / ((O12+.5)(O21+.5)))``
    (Evert 2008, "odds-ratio.disc"; the Haldane-Anscombe 0.5 correction), finite for
    every table.

    Examples
    --------
    >>> round(float(log_odds_ratio(0, 100, 50, 9850)), 4)
    -0.03
    """
    o11, o12, o21, o22 = _cells(o11, o12, o21, o22)
    return np.log(((o11 + 0.5) * (o22 + 0.5)) / ((o12 + 0.5) * (o21 + 0.5)))


def poisson_stirling(o11, o12, o21, o22) -> np.ndarray:
    """Poisson-Stirling ``O11 * (ln O11 - ln E11 - 1)`` (Quasthoff & Wolff 2002;
    Evert 2008), natural logarithm; 0 when ``O11 = 0``.

    NLTK's ``poisson_stirling`` uses ``log2`` instead, i.e. it equals
    ``local_mi - O11`` in our terms.

    Examples
    --------
    >>> round(float(poisson_stirling(10, 90, 40, 9860)), 4)   # 10 * (ln 20 - 1)
    19.9573
    """
    o11, o12, o21, o22 = _cells(o11, o12, o21, o22)
    e11 = _expected_cells(o11, o12, o21, o22)[0]
    return _xlogx_over(o11, e11) - o11


#: name -> function(o11, o12, o21, o22) of a 2x2 contingency table.
ASSOCIATION_MEASURES: dict[str, Callable[..., np.ndarray]] = {
    "observed": observed,
    "expected": expected_frequency,
    "mi": mi,
    "mi3": mi3,
    "local_mi": local_mi,
    "t_score": t_score,
    "z_score": z_score,
    "log_likelihood": log_likelihood,
    "chi2": chi2,
    "phi": phi,
    "dice": dice,
    "log_dice": log_dice,
    "jaccard": jaccard,
    "delta_p_21": delta_p_21,
    "delta_p_12": delta_p_12,
    "log_ratio": assoc_log_ratio,
    "odds_ratio": odds_ratio,
    "log_odds_ratio": log_odds_ratio,
    "poisson_stirling": poisson_stirling,
}


# --------------------------------------------------------------- keyness measures
def _kw(a, b, c, d):
    a, b, c, d = np.broadcast_arrays(_f(a), _f(b), _f(c), _f(d))
    return a, b, c, d


def per_million(freq, size) -> np.ndarray:
    """Normalized frequency per million tokens, ``freq / size * 1e6``.

    Examples
    --------
    >>> float(per_million(5, 2_000_000))
    2.5
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        return _f(freq) / _f(size) * 1e6


@keyword_only("a", "b", "c", "d", old=("signed",))
def keyness_log_likelihood(a, b, c, d, *, signed: bool = True) -> np.ndarray:
    """Log-likelihood keyness, **Rayson & Garside's (2000) two-term form**.

    ``E1 = c (a + b) / (c + d)``, ``E2 = d (a + b) / (c + d)``,
    ``LL = 2 (a ln(a / E1) + b ln(b / E2))`` with ``0 ln 0 = 0``. ``a``, ``b``: the
    word's frequency in target and reference; ``c``, ``d``: their sizes in tokens.
    With ``signed=True`` the value is negative when the word is relatively less
    frequent in the target (under-use).

    Examples
    --------
    10 in 10,000 tokens vs 5 in 15,000 (E1 = 6, E2 = 9):

    >>> round(float(keyness_log_likelihood(10, 5, 10_000, 15_000)), 2)
    4.34
    >>> float(keyness_log_likelihood(0, 0, 100, 100))
    0.0
    """
    a, b, c, d = _kw(a, b, c, d)
    n = c + d
    e1 = c * (a + b) / n
    e2 = d * (a + b) / n
    ll = 2.0 * (_xlogx_over(a, e1) + _xlogx_over(b, e2))
    ll = np.maximum(ll, 0.0)
    if signed:
        ll = np.where(a * d < b * c, -ll, ll)
    return ll


def p_value_of_log_likelihood(ll) -> np.ndarray:
    """p-value of a log-likelihood statistic, chi-square with 1 degree of freedom
    (the sign of a signed statistic is ignored). Needs SciPy.

    Examples
    --------
    >>> round(float(p_value_of_log_likelihood(3.841459)), 4)
    0.05
    """
    from scipy.special import erfc  # noqa: PLC0415 (heavy import, lazily)

    # survival function of chi-square with 1 df: erfc(sqrt(x / 2)); the same value
    # as scipy.stats.chi2.sf(x, 1), without its per-call overhead
    return erfc(np.sqrt(np.abs(_f(ll)) / 2.0))


def keyness_p_value(a, b, c, d) -> np.ndarray:
    """p-value of the log-likelihood keyness statistic, chi-square with 1 degree of
    freedom (Rayson & Garside 2000). Needs SciPy.

    Examples
    --------
    >>> round(float(keyness_p_value(10, 5, 10_000, 15_000)), 4)
    0.0373
    """
    return p_value_of_log_likelihood(keyness_log_likelihood(a, b, c, d))


def log_ratio(a, b, c, d) -> np.ndarray:
    """Hardie's (2014) log ratio ``log2((a / c) / (b / d))``; a zero frequency is
    replaced by 0.5 (Hardie 2014), so the value is always finite. 1 means twice as
    frequent in the target.

    Examples
    --------
    >>> float(log_ratio(20, 10, 1000, 1000))
    1.0
    >>> float(log_ratio(4, 0, 1000, 1000))   # 4 vs 0.5
    3.0
    """
    a, b, c, d = _kw(a, b, c, d)
    a = np.where(a == 0, 0.5, a)
    b = np.where(b == 0, 0.5, b)
    with np.errstate(divide="ignore", invalid="ignore"):  # empty corpora: inf/nan
        return np.log2((a / c) / (b / d))


def perc_diff(a, b, c, d) -> np.ndarray:
    """%DIFF of Gabrielatos & Marchi (2012): ``100 (NF_t - NF_r) / NF_r`` on
    normalized frequencies (per million). ``inf`` when the word is absent from the
    reference (the formula's value; no tiny constant substituted), ``nan`` when it is
    absent from both.

    Examples
    --------
    >>> float(perc_diff(30, 10, 1000, 1000))
    200.0
    >>> float(perc_diff(3, 0, 1000, 1000))
    inf
    """
    a, b, c, d = _kw(a, b, c, d)
    with np.errstate(divide="ignore", invalid="ignore"):
        nt, nr = a / c * 1e6, b / d * 1e6
        return 100.0 * (nt - nr) / nr


def keyness_chi2(a, b, c, d) -> np.ndarray:
    """Pearson's chi-square of the 2x2 table ``[[a, c - a], [b, d - b]]`` without
    Yates' correction (Rayson, Berridge & Francis 2004). Unsigned.

    Examples
    --------
    >>> round(float(keyness_chi2(10, 5, 10_000, 15_000)), 4)
    4.4471
    """
    a, b, c, d = _kw(a, b, c, d)
    return chi2(a, c - a, b, d - b)


def bic(a, b, c, d) -> np.ndarray:
    """BIC approximation of the Bayes factor (Wilson 2013): ``LL - ln(N)`` with
    ``df = 1`` and ``N = c + d``, on Rayson's two-term log-likelihood (unsigned).
    Above 2 is positive, above 6 strong, above 10 very strong evidence.

    Examples
    --------
    >>> round(float(bic(10, 5, 10_000, 15_000)), 4)
    -5.788
    """
    a, b, c, d = _kw(a, b, c, d)
    return np.abs(keyness_log_likelihood(a, b, c, d)) - np.log(c + d)


#: name -> function(a, b, c, d): target freq, reference freq, target size, ref. size.
KEYNESS_MEASURES: dict[str, Callable[..., np.ndarray]] = {
    "log_likelihood": keyness_log_likelihood,
    "p_value": keyness_p_value,
    "log_ratio": log_ratio,
    "perc_diff": perc_diff,
    "chi2": keyness_chi2,
    "bic": bic,
}


# ------------------------------------------------------------ dispersion measures
def _dispersion_inputs(counts, sizes):
    """Return (dense matrix or CSR, sizes float64, totals float64) of the non-empty
    parts.

    A part of size 0 (a document with no indexed token) is left out: its expected
    share ``s_i = size_i / N`` is 0 and it holds no occurrence, so it adds nothing
    to DP (Gries 2008), while the relative frequency ``v_i / size_i`` of Juilland's
    D would be ``0 / 0`` and ``min(s_i)`` of DPnorm would be 0. If every part is
    empty, they are all kept (and every score is ``nan``).
    """
    sizes = _f(sizes)
    if sizes.ndim != 1 or sizes.size == 0:
        raise ValueError("sizes must be a non-empty 1-D array of part sizes")
    if (sizes < 0).any() or not np.isfinite(sizes).all():
        raise ValueError("part sizes must be finite and >= 0")
    if hasattr(counts, "tocsr"):  # scipy.sparse
        m = counts.tocsr().astype(np.float64)
        if m.shape[1] != sizes.size:
            raise ValueError(f"counts has {m.shape[1]} parts but sizes has {sizes.size}")
    else:
        m = _f(counts)
        if m.ndim == 1:
            m = m[None, :]
        if m.shape[-1] != sizes.size:
            raise ValueError(f"counts has {m.shape[-1]} parts but sizes has {sizes.size}")
    empty = sizes == 0
    if empty.any() and not empty.all():
        in_part = np.asarray(abs(m).sum(axis=0)).ravel()
        bad = np.flatnonzero(empty & (in_part != 0))
        if bad.size:
            raise ValueError(f"part {int(bad[0])} has size 0 but holds "
                             f"{in_part[bad[0]]:g} occurrences")
        keep = np.flatnonzero(~empty)
        m = m[:, keep]
        sizes = sizes[keep]
    if hasattr(m, "tocsr"):
        return m, sizes, np.asarray(m.sum(axis=1)).ravel()
    return m, sizes, m.sum(axis=-1)


def _row_of_nonzeros(m) -> np.ndarray:
    return np.repeat(np.arange(m.shape[0]), np.diff(m.indptr))


def range_(counts, sizes) -> np.ndarray:
    """Range: the number of parts in which the term occurs.

    Examples
    --------
    >>> range_([[3, 0, 1], [0, 0, 2]], [10, 10, 10]).tolist()
    [2.0, 1.0]
    """
    m, sizes, _ = _dispersion_inputs(counts, sizes)
    if hasattr(m, "indptr"):
        m.eliminate_zeros()
        return np.diff(m.indptr).astype(np.float64)
    return (m > 0).sum(axis=-1).astype(np.float64)


def dp(counts, sizes) -> np.ndarray:
    """Gries' (2008) deviation of proportions: ``0.5 * sum_i |v_i / f - s_i|``, where
    ``v_i`` is the term's frequency in part ``i``, ``f`` its total and ``s_i`` the
    part's share of the corpus. 0 = spread exactly like the parts, towards 1 =
    concentrated. ``nan`` for a term that never occurs.

    ``counts`` is terms x parts (dense or ``scipy.sparse``; the sparse path uses
    ``sum_i |...| = sum_{v_i>0} |v_i/f - s_i| + (1 - sum_{v_i>0} s_i)``).

    An empty part (size 0) has the expected share ``s_i = 0`` and no occurrence, so
    its term ``|0 - 0|`` is 0: DP is the same with or without it (it is left out).

    Examples
    --------
    Gries' (2008) worked example (parts of sizes 9, 10, 10, 10, 11; frequencies
    1, 2, 3, 4, 5):

    >>> round(float(dp([1, 2, 3, 4, 5], [9, 10, 10, 10, 11])[0]), 4)
    0.18
    """
    m, sizes, totals = _dispersion_inputs(counts, sizes)
    if hasattr(m, "indptr"):
        m.eliminate_zeros()
        return dp_of_occurrences(_row_of_nonzeros(m), m.indices, m.data, sizes,
                                 n_terms=m.shape[0])
    s = sizes / sizes.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        out = 0.5 * np.abs(m / totals[..., None] - s).sum(axis=-1)
    return np.where(totals > 0, np.clip(out, 0.0, 1.0), np.nan)


def dp_of_occurrences(terms, parts, counts, sizes, *, n_terms: int) -> np.ndarray:
    """Gries' (2008) DP (:func:`dp`) from the (term, part) pairs where a term occurs:
    ``0.5 * (sum_{v_i>0} |v_i/f - s_i| + 1 - sum_{v_i>0} s_i)``, the same number as
    :func:`dp` on the terms x parts table, without building the table.

    ``terms``, ``parts`` and ``counts`` are aligned arrays, one entry per pair with a
    positive count (each pair once); ``sizes`` are the parts' sizes; ``n_terms`` the
    length of the result (terms that never occur are ``nan``).

    Examples
    --------
    >>> round(float(dp_of_occurrences([0] * 5, [0, 1, 2, 3, 4], [1, 2, 3, 4, 5],
    ...                               [9, 10, 10, 10, 11], n_terms=1)[0]), 4)
    0.18
    """
    terms = np.asarray(terms, dtype=np.int64)
    parts = np.asarray(parts, dtype=np.int64)
    counts = np.asarray(counts, dtype=np.float64)
    sizes = np.asarray(sizes, dtype=np.float64)
    s = sizes / sizes.sum()
    totals = np.bincount(terms, weights=counts, minlength=n_terms)
    s_of = s[parts]  # each pair's expected share, gathered once
    with np.errstate(divide="ignore", invalid="ignore"):
        dev = counts / totals[terms]
        dev -= s_of
        np.abs(dev, out=dev)
        covered = np.bincount(terms, weights=s_of, minlength=n_terms)
        absdev = np.bincount(terms, weights=dev, minlength=n_terms)
        out = 0.5 * (absdev + (1.0 - covered))
    return np.where(totals > 0, np.clip(out, 0.0, 1.0), np.nan)


def dp_norm(counts, sizes) -> np.ndarray:
    """DPnorm, Gries' DP divided by its maximum ``1 - min(s_i)`` (Lijffijt & Gries
    2012), so that it reaches 1 for a term found only in the smallest part.

    ``min(s_i)`` is taken over the non-empty parts: an empty part (size 0), where no
    term can occur, is left out, as in :func:`dp`; otherwise its ``s_i = 0`` would
    make the maximum 1, which no term can reach.

    Examples
    --------
    >>> round(float(dp_norm([1, 2, 3, 4, 5], [9, 10, 10, 10, 11])[0]), 4)
    0.2195
    >>> float(dp_norm([[0, 0, 4]], [10, 20, 10])[0])
    1.0
    """
    m, sizes, _ = _dispersion_inputs(counts, sizes)
    s = sizes / sizes.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        return dp(m, sizes) / (1.0 - s.min())


def juilland_d(counts, sizes) -> np.ndarray:
    """Juilland's D (Juilland & Chang-Rodríguez 1964): ``1 - V / sqrt(n - 1)``, where
    ``V`` is the coefficient of variation (population standard deviation / mean) of
    the term's relative frequencies ``v_i / size_i`` in the ``n`` parts (normalizing
    by size handles unequal parts, Gries 2008). 1 = perfectly even, 0 = all in one
    part; ``nan`` for one part or a term that never occurs.

    Empty parts (size 0, e.g. a document with no indexed token) are left out, so
    ``n`` is the number of non-empty parts: a part of size 0 has no relative
    frequency (``0 / 0``), and its expected share of every term is 0 (Gries 2008;
    Lijffijt & Gries 2012), so it says nothing about the spread of a term.

    Examples
    --------
    >>> round(float(juilland_d([1, 2, 3, 4, 5], [10, 10, 10, 10, 10])[0]), 4)
    0.7643
    >>> round(float(juilland_d([[2, 2, 2]], [5, 5, 5])[0]), 12)
    1.0
    >>> round(float(juilland_d([[2, 0, 1]], [3, 0, 2])[0]), 6)   # 1 - (1/7) / 1
    0.857143
    """
    m, sizes, totals = _dispersion_inputs(counts, sizes)
    n = sizes.size
    with np.errstate(divide="ignore", invalid="ignore"):
        if hasattr(m, "indptr"):
            m.eliminate_zeros()
            rows = _row_of_nonzeros(m)
            p = m.data / sizes[m.indices]
            s1 = np.bincount(rows, weights=p, minlength=m.shape[0])
            s2 = np.bincount(rows, weights=p * p, minlength=m.shape[0])
            mean = s1 / n
            var = np.maximum(s2 / n - mean * mean, 0.0)
        else:
            p = m / sizes
            mean = p.mean(axis=-1)
            var = p.var(axis=-1)
        d = 1.0 - (np.sqrt(var) / mean) / np.sqrt(n - 1)
    return np.where(totals > 0, d, np.nan)


#: name -> function(counts (terms x parts), sizes (parts)).
DISPERSION_MEASURES: dict[str, Callable[..., np.ndarray]] = {
    "range": range_,
    "dp": dp,
    "dp_norm": dp_norm,
    "juilland_d": juilland_d,
}


# ---------------------------------------------------------------- lookup by name
#: Old measure names still accepted in ``measures=`` for one release, with a
#: DeprecationWarning: registry name -> {old name: new name}.
DEPRECATED_MEASURES: dict[str, dict[str, str]] = {
    "keyness": {"ll": "log_likelihood"},
}


def check_measures(names: Any, registry: dict, kind: str) -> tuple[str, ...]:
    """Validate measure names against a registry; return them as a tuple.

    A single string is one name; repeated names are kept once. Unknown names raise
    ValueError listing the valid ones; a non-string raises TypeError (both through
    :func:`arabcorpus.util.validate.check_names`). An old name of
    :data:`DEPRECATED_MEASURES` (keyness ``ll``) is replaced by its new name with a
    DeprecationWarning.

    Examples
    --------
    >>> check_measures("mi", ASSOCIATION_MEASURES, "association")
    ('mi',)
    >>> check_measures(["pmi"], ASSOCIATION_MEASURES, "association")
    Traceback (most recent call last):
    ...
    ValueError: unknown association measure 'pmi'; valid: observed, expected, mi, ...
    """
    old = DEPRECATED_MEASURES.get(kind, {})
    if old:
        seq = (names,) if isinstance(names, str) else names
        try:
            seq = tuple(seq)
        except TypeError:
            pass  # check_names raises the TypeError
        else:
            if any(isinstance(v, str) and v in old for v in seq):
                for v in seq:
                    if isinstance(v, str) and v in old:
                        deprecation.warn(f"the {kind} measure {v!r} is now called "
                                         f"{old[v]!r}", stacklevel=4)
                names = tuple(old.get(v, v) if isinstance(v, str) else v for v in seq)
    return validate.check_names(names, f"{kind} measures", registry)


class _FirstMeasure:
    """The default of ``sort=``: the first of ``measures``."""

    def __repr__(self) -> str:
        return "<first of measures>"


#: Default of ``sort=`` in collocates, collocations and keyness: sort by the first
#: of ``measures``.
FIRST_MEASURE = _FirstMeasure()


def check_sort(sort: Any, measures: tuple[str, ...], columns: tuple[str, ...] = (),
               *, function: str) -> str | None:
    """The column a ranked table is sorted by (descending), or None.

    ``sort`` is :data:`FIRST_MEASURE` (the first of ``measures``), None (no sorting:
    type-id order), or one of ``measures`` and ``columns`` (the result's count
    columns that may be sorted on). The old ``sort=True`` (the first measure) and
    ``sort=False`` (None) work with a DeprecationWarning.

    Examples
    --------
    >>> check_sort(FIRST_MEASURE, ("mi", "t_score"), function="collocations")
    'mi'
    >>> check_sort("frequency", ("mi",), ("frequency",), function="collocations")
    'frequency'
    >>> print(check_sort(None, ("mi",), function="collocations"))
    None
    """
    if sort is FIRST_MEASURE:
        return measures[0]
    if sort is None:
        return None
    if isinstance(sort, (bool, np.bool_)):
        new = repr(measures[0]) if sort else "None"
        deprecation.warn(f"{function}(sort={bool(sort)}) is deprecated; sort takes a "
                         f"column name or None: use sort={new}", stacklevel=4)
        return measures[0] if sort else None
    old = DEPRECATED_MEASURES.get("keyness", {}) if function == "keyness" else {}
    if isinstance(sort, str) and sort in old:
        deprecation.warn(f"the keyness column {sort!r} is now called {old[sort]!r}",
                         stacklevel=4)
        sort = old[sort]
    return validate.check_choice(sort, "sort column",
                                 tuple(dict.fromkeys(measures + tuple(columns))))


def association(name: str, o11, o12, o21, o22, **kwargs) -> np.ndarray:
    """Score contingency tables with the association measure called ``name``.

    Examples
    --------
    >>> association("log_dice", [10, 0], [90, 100], [40, 50], [9860, 9850]).round(3)
    array([11.093,   -inf])
    """
    (name,) = check_measures(name, ASSOCIATION_MEASURES, "association")
    return ASSOCIATION_MEASURES[name](o11, o12, o21, o22, **kwargs)


def keyness_measure(name: str, a, b, c, d) -> np.ndarray:
    """Score frequencies with the keyness measure called ``name``.

    Examples
    --------
    >>> float(keyness_measure("log_ratio", 20, 10, 1000, 1000))
    1.0
    """
    (name,) = check_measures(name, KEYNESS_MEASURES, "keyness")
    return KEYNESS_MEASURES[name](a, b, c, d)


def dispersion_measure(name: str, counts, sizes) -> np.ndarray:
    """Score a terms x parts frequency matrix with the dispersion measure ``name``.

    Examples
    --------
    >>> float(dispersion_measure("dp", [[5, 0]], [10, 10])[0])
    0.5
    """
    (name,) = check_measures(name, DISPERSION_MEASURES, "dispersion")
    return DISPERSION_MEASURES[name](counts, sizes)
