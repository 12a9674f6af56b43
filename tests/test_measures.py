"""Tests of arabcorpus.analyses.measures against contingency tables worked by hand, SciPy and
the published examples."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arabcorpus.analyses import measures as M

# A table worked by hand: O11=10, O12=90, O21=40, O22=9860
# R1=100, R2=9900, C1=50, C2=9950, N=10000, E11=0.5
T = (10, 90, 40, 9860)


def test_hand_worked_table():
    e11 = 100 * 50 / 10000
    assert M.expected_frequency(*T) == pytest.approx(e11)
    assert M.mi(*T) == pytest.approx(math.log2(10 / e11))
    assert M.mi3(*T) == pytest.approx(math.log2(1000 / e11))
    assert M.local_mi(*T) == pytest.approx(10 * math.log2(10 / e11))
    assert M.t_score(*T) == pytest.approx((10 - e11) / math.sqrt(10))
    assert M.z_score(*T) == pytest.approx((10 - e11) / math.sqrt(e11))
    assert M.dice(*T) == pytest.approx(2 * 10 / (100 + 50))
    assert M.log_dice(*T) == pytest.approx(14 + math.log2(20 / 150))
    assert M.jaccard(*T) == pytest.approx(10 / 140)
    assert M.delta_p_21(*T) == pytest.approx(10 / 100 - 40 / 9900)
    assert M.delta_p_12(*T) == pytest.approx(10 / 50 - 90 / 9950)
    assert M.assoc_log_ratio(*T) == pytest.approx(math.log2((10 / 100) / (40 / 9900)))
    assert M.odds_ratio(*T) == pytest.approx(10 * 9860 / (90 * 40))
    assert M.log_odds_ratio(*T) == pytest.approx(
        math.log(10.5 * 9860.5 / (90.5 * 40.5)))
    assert M.poisson_stirling(*T) == pytest.approx(10 * (math.log(10 / e11) - 1))
    assert M.phi(*T) == pytest.approx(
        (10 * 9860 - 90 * 40) / math.sqrt(100 * 9900 * 50 * 9950))


def test_log_likelihood_and_chi2_equal_scipy():
    from scipy.stats import chi2_contingency

    rng = np.random.default_rng(1)
    tables = rng.integers(1, 500, size=(50, 4))
    for t in tables:
        table = t.reshape(2, 2)
        g2 = chi2_contingency(table, correction=False, lambda_="log-likelihood")[0]
        x2 = chi2_contingency(table, correction=False)[0]
        assert abs(M.log_likelihood(*t)) == pytest.approx(g2, rel=1e-10)
        assert M.chi2(*t) == pytest.approx(x2, rel=1e-10)
    # vectorized call gives the same as row by row
    vec = M.log_likelihood(*tables.T)
    rows = [float(M.log_likelihood(*t)) for t in tables]
    np.testing.assert_allclose(vec, rows, rtol=1e-12)


def test_log_likelihood_zero_cells_follow_0log0_convention():
    # O11 = 0: only the other three cells contribute, computed by hand
    o = np.array([0.0, 100, 50, 9850])
    n = o.sum()
    e = np.array([100 * 50, 100 * 9950, 9900 * 50, 9900 * 9950]) / n
    expected = 2 * sum(oi * math.log(oi / ei) for oi, ei in zip(o, e) if oi > 0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no divide-by-zero RuntimeWarning leaks
        got = M.log_likelihood(*o)
    assert got == pytest.approx(-expected)  # negative association: O11 < E11
    assert M.log_likelihood(*o, signed=False) == pytest.approx(expected)
    assert M.local_mi(0, 10, 10, 100) == 0.0
    assert M.poisson_stirling(0, 10, 10, 100) == 0.0
    assert M.mi(0, 10, 10, 100) == -np.inf


def test_signed_log_likelihood_sign_follows_association():
    assert M.log_likelihood(30, 70, 70, 9830) > 0
    assert M.log_likelihood(1, 999, 999, 8001) < 0


def test_keyness_log_likelihood_is_rayson_two_term_form():
    a, b, c, d = 10, 5, 10_000, 15_000
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    ll = 2 * (a * math.log(a / e1) + b * math.log(b / e2))
    assert M.keyness_log_likelihood(a, b, c, d) == pytest.approx(ll)
    # it differs from Dunning's four-cell form of the same 2x2 table
    four_cell = abs(float(M.log_likelihood(a, c - a, b, d - b)))
    assert four_cell != pytest.approx(ll, rel=1e-6)
    # under-use is negative; absent from both is 0
    assert M.keyness_log_likelihood(5, 10, 15_000, 10_000) < 0
    assert M.keyness_log_likelihood(0, 0, 100, 100) == 0
    assert M.keyness_log_likelihood(0, 7, 100, 100) < 0


def test_keyness_p_value_matches_scipy_chi2():
    from scipy.stats import chi2

    ll = M.keyness_log_likelihood(10, 5, 10_000, 15_000)
    assert M.keyness_p_value(10, 5, 10_000, 15_000) == pytest.approx(
        chi2.sf(ll, 1), rel=1e-12)


def test_log_ratio_hardie_zero_substitution():
    assert M.log_ratio(20, 10, 1000, 1000) == pytest.approx(1.0)
    assert M.log_ratio(10, 20, 1000, 2000) == pytest.approx(0.0)
    assert M.log_ratio(4, 0, 1000, 1000) == pytest.approx(math.log2(4 / 0.5))
    assert M.log_ratio(0, 4, 1000, 1000) == pytest.approx(-math.log2(4 / 0.5))
    assert np.isfinite(M.log_ratio(0, 0, 10, 10))


def test_perc_diff_and_chi2_and_bic():
    assert M.perc_diff(30, 10, 1000, 1000) == pytest.approx(200.0)
    assert M.perc_diff(5, 10, 1000, 1000) == pytest.approx(-50.0)
    assert M.perc_diff(3, 0, 1000, 1000) == np.inf
    assert np.isnan(M.perc_diff(0, 0, 1000, 1000))
    from scipy.stats import chi2_contingency

    x2 = chi2_contingency([[10, 9990], [5, 14995]], correction=False)[0]
    assert M.keyness_chi2(10, 5, 10_000, 15_000) == pytest.approx(x2)
    ll = M.keyness_log_likelihood(10, 5, 10_000, 15_000)
    assert M.bic(10, 5, 10_000, 15_000) == pytest.approx(ll - math.log(25_000))


def test_dispersion_gries_example_and_extremes():
    # Gries (2008): parts of 9, 10, 10, 10, 11 words, frequencies 1..5 -> DP 0.18
    v, s = [1, 2, 3, 4, 5], [9, 10, 10, 10, 11]
    assert M.dp(v, s)[0] == pytest.approx(0.18)
    assert M.dp_norm(v, s)[0] == pytest.approx(0.18 / (1 - 9 / 50))
    # proportional to part sizes: perfectly even
    assert M.dp([[2, 4, 6]], [1, 2, 3])[0] == pytest.approx(0.0)
    assert M.juilland_d([[2, 4, 6]], [1, 2, 3])[0] == pytest.approx(1.0)
    # all in one of n equal parts: D = 0, DPnorm = 1
    assert M.juilland_d([[0, 0, 9, 0]], [5, 5, 5, 5])[0] == pytest.approx(0.0)
    assert M.dp_norm([[0, 0, 9, 0]], [5, 5, 5, 5])[0] == pytest.approx(1.0)
    assert M.range_([[0, 3, 0, 1]], [1, 1, 1, 1])[0] == 2
    assert np.isnan(M.dp([[0, 0]], [1, 1])[0])
    # Juilland's D by hand: V = sd/mean of 1..5 (population sd)
    x = np.arange(1, 6)
    assert M.juilland_d([x], [10] * 5)[0] == pytest.approx(
        1 - (x.std() / x.mean()) / math.sqrt(4))


def test_dispersion_leaves_out_empty_parts():
    # a part of size 0 has expected share 0 and no occurrence (Gries 2008): every
    # measure equals its value over the non-empty parts, dense and sparse alike
    import scipy.sparse as sp

    counts = np.array([[2, 0, 1, 0], [0, 0, 3, 0], [1, 0, 1, 0]])
    sizes = [3, 0, 4, 0]
    for name, fn in M.DISPERSION_MEASURES.items():
        want = fn(counts[:, [0, 2]], [3, 4])
        assert np.isfinite(want).all(), name
        np.testing.assert_allclose(fn(counts, sizes), want, rtol=1e-12, err_msg=name)
        np.testing.assert_allclose(fn(sp.csr_matrix(counts), sizes), want,
                                   rtol=1e-12, err_msg=name)
    with pytest.raises(ValueError, match="part 1 has size 0"):
        M.dp([[1, 1]], [2, 0])
    with pytest.raises(ValueError, match=">= 0"):
        M.dp([[1, 1]], [2, -1])


def test_dispersion_sparse_equals_dense():
    import scipy.sparse as sp

    rng = np.random.default_rng(3)
    dense = rng.poisson(0.4, size=(40, 25)).astype(float)
    dense[5] = 0
    sizes = rng.integers(5, 50, size=25)
    for name, fn in M.DISPERSION_MEASURES.items():
        np.testing.assert_allclose(fn(sp.csr_matrix(dense), sizes), fn(dense, sizes),
                                   rtol=1e-12, equal_nan=True, err_msg=name)


def test_registries_name_functions_and_errors_list_them():
    assert set(M.ASSOCIATION_MEASURES) >= {
        "observed", "expected", "mi", "mi3", "local_mi", "t_score", "z_score",
        "log_likelihood", "chi2", "dice", "log_dice", "delta_p_21", "delta_p_12",
        "log_ratio", "odds_ratio"}
    assert set(M.KEYNESS_MEASURES) == {"log_likelihood", "p_value", "log_ratio",
                                       "perc_diff", "chi2", "bic"}
    assert set(M.DISPERSION_MEASURES) == {"range", "dp", "dp_norm", "juilland_d"}
    with pytest.raises(ValueError) as err:
        M.association("pmi", *T)
    for name in M.ASSOCIATION_MEASURES:
        assert name in str(err.value)
    with pytest.raises(ValueError, match="log_likelihood, p_value"):
        M.keyness_measure("G2", 1, 2, 3, 4)
    with pytest.raises(ValueError, match="juilland_d"):
        M.dispersion_measure("gini", [[1]], [1])
    with pytest.raises(TypeError, match="int"):
        M.check_measures([3], M.ASSOCIATION_MEASURES, "association")


def test_every_association_measure_is_vectorized():
    tables = np.array([[10, 90, 40, 9860], [0, 100, 50, 9850], [5, 0, 0, 5]]).T
    for name, fn in M.ASSOCIATION_MEASURES.items():
        out = fn(*tables)
        assert out.shape == (3,), name
        assert out.dtype == np.float64, name
        single = [float(fn(*t)) for t in tables.T]
        np.testing.assert_allclose(out, single, equal_nan=True, err_msg=name)


counts = st.integers(min_value=0, max_value=10**6)


@given(counts, counts, counts, counts)
def test_properties_of_log_likelihood(o11, o12, o21, o22):
    if o11 + o12 + o21 + o22 == 0 or min(o11 + o12, o21 + o22, o11 + o21,
                                         o12 + o22) == 0:
        return  # degenerate margins: E = 0
    g2 = float(M.log_likelihood(o11, o12, o21, o22))
    assert np.isfinite(g2)
    e11 = (o11 + o12) * (o11 + o21) / (o11 + o12 + o21 + o22)
    if o11 > e11 + 1e-9:
        assert g2 >= 0
    if o11 < e11 - 1e-9:
        assert g2 <= 0
    # symmetric in swapping node and collocate (transposed table)
    assert abs(g2) == pytest.approx(abs(float(M.log_likelihood(o11, o21, o12, o22))),
                                    rel=1e-9, abs=1e-9)


@given(counts, counts, st.integers(1, 10**7), st.integers(1, 10**7))
def test_properties_of_keyness(a, b, c, d):
    if a > c or b > d:
        return
    lr = float(M.log_ratio(a, b, c, d))
    assert np.isfinite(lr)
    assert lr == pytest.approx(-float(M.log_ratio(b, a, d, c)), abs=1e-9)
    ll = float(M.keyness_log_likelihood(a, b, c, d))
    assert np.sign(ll) in (np.sign(a * d - b * c), 0)


def test_old_keyness_measure_name_warns():
    with pytest.warns(DeprecationWarning, match="'ll' is now called 'log_likelihood'"):
        names = M.check_measures(["ll", "log_ratio"], M.KEYNESS_MEASURES, "keyness")
    assert names == ("log_likelihood", "log_ratio")
    with pytest.warns(DeprecationWarning, match="'ll'"):
        value = M.keyness_measure("ll", 10, 5, 10_000, 15_000)
    assert value == M.keyness_log_likelihood(10, 5, 10_000, 15_000)
    # not an association measure name, old or new
    with pytest.raises(ValueError, match="unknown association measure 'll'"):
        M.check_measures("ll", M.ASSOCIATION_MEASURES, "association")


def test_check_measures_validates_through_util():
    assert M.check_measures(("mi", "mi", "t_score"), M.ASSOCIATION_MEASURES,
                            "association") == ("mi", "t_score")
    with pytest.raises(TypeError, match="must be a name or a sequence"):
        M.check_measures(3, M.ASSOCIATION_MEASURES, "association")
    with pytest.raises(ValueError, match="empty"):
        M.check_measures([], M.KEYNESS_MEASURES, "keyness")
    with pytest.raises(ValueError, match="unknown dispersion measure 'gini'; valid: "
                                         "range, dp, dp_norm, juilland_d"):
        M.check_measures("gini", M.DISPERSION_MEASURES, "dispersion")


def test_check_sort():
    ms = ("mi", "t_score")
    assert M.check_sort(M.FIRST_MEASURE, ms, function="f") == "mi"
    assert M.check_sort(None, ms, function="f") is None
    assert M.check_sort("t_score", ms, ("frequency",), function="f") == "t_score"
    assert M.check_sort("frequency", ms, ("frequency",), function="f") == "frequency"
    with pytest.warns(DeprecationWarning, match=r"f\(sort=True\).*sort='mi'"):
        assert M.check_sort(True, ms, function="f") == "mi"
    with pytest.warns(DeprecationWarning, match="sort=None"):
        assert M.check_sort(False, ms, function="f") is None
    with pytest.raises(ValueError, match="unknown sort column 'dice'; valid: mi, "
                                         "t_score, frequency"):
        M.check_sort("dice", ms, ("frequency",), function="f")
    with pytest.raises(TypeError, match="sort column must be a str"):
        M.check_sort(1, ms, function="f")
    assert repr(M.FIRST_MEASURE) == "<first of measures>"


def test_signed_is_keyword_only():
    with pytest.warns(DeprecationWarning, match="signed"):
        old = M.log_likelihood(0, 100, 50, 9850, False)
    assert old == M.log_likelihood(0, 100, 50, 9850, signed=False) > 0
    with pytest.warns(DeprecationWarning, match="signed"):
        old = M.keyness_log_likelihood(1, 10, 100, 100, False)
    assert old == M.keyness_log_likelihood(1, 10, 100, 100, signed=False) > 0


def test_p_value_of_log_likelihood_equals_scipy():
    from scipy.stats import chi2

    ll = np.array([0.0, 0.5, 3.841459, -10.83, 50.0])
    np.testing.assert_allclose(M.p_value_of_log_likelihood(ll), chi2.sf(np.abs(ll), 1),
                               rtol=1e-10)
    a, b, c, d = 10, 5, 10_000, 15_000
    assert M.keyness_p_value(a, b, c, d) == M.p_value_of_log_likelihood(
        M.keyness_log_likelihood(a, b, c, d))


@settings(max_examples=50, deadline=None)
@given(st.lists(st.lists(st.integers(0, 6), min_size=4, max_size=4), min_size=1,
                max_size=6),
       st.lists(st.integers(1, 20), min_size=4, max_size=4))
def test_dp_of_occurrences_equals_dp_on_the_table(table, sizes):
    """Gries' DP from the (term, part) pairs equals DP on the terms x parts table."""
    m = np.array(table)
    terms, parts = np.nonzero(m)
    got = M.dp_of_occurrences(terms, parts, m[terms, parts], sizes, n_terms=len(m))
    np.testing.assert_allclose(got, M.dp(m, sizes), atol=1e-12, equal_nan=True)
