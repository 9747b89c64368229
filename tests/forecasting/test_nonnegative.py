from __future__ import annotations

import itertools

import numpy as np
import pytest

from corridor.forecasting.engine.nonnegative import nonnegative_least_squares, nonnegative_ridge


def brute_force(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Best feasible least-squares solution over every choice of free variables."""
    best, best_value = np.zeros(a.shape[1]), float(np.sum(b**2))
    for size in range(1, a.shape[1] + 1):
        for subset in itertools.combinations(range(a.shape[1]), size):
            w = np.zeros(a.shape[1])
            w[list(subset)] = np.linalg.lstsq(a[:, list(subset)], b, rcond=None)[0]
            value = float(np.sum((a @ w - b) ** 2))
            if (w >= -1e-12).all() and value < best_value - 1e-12:
                best, best_value = w, value
    return best


def test_nnls_finds_the_same_optimum_as_enumerating_every_active_set() -> None:
    rng = np.random.default_rng(1)
    for _ in range(50):
        a, b = rng.normal(size=(10, 4)), rng.normal(size=10)

        w = nonnegative_least_squares(a, b)

        assert (w >= 0).all()
        np.testing.assert_allclose(w, brute_force(a, b), atol=1e-8)


def test_nnls_recovers_exact_non_negative_weights() -> None:
    rng = np.random.default_rng(2)
    a = rng.uniform(size=(30, 5))
    truth = np.array([0.0, 0.5, 0.0, 1.5, 0.2])

    np.testing.assert_allclose(nonnegative_least_squares(a, a @ truth), truth, atol=1e-10)


def test_ridge_shrinks_the_weights_towards_zero() -> None:
    rng = np.random.default_rng(3)
    x = rng.uniform(size=(40, 3))
    y = x @ np.array([1.0, 2.0, 0.5])

    small, large = nonnegative_ridge(x, y, 0.01), nonnegative_ridge(x, y, 10.0)

    assert np.linalg.norm(large) < np.linalg.norm(small)


def test_nnls_refuses_missing_values() -> None:
    with pytest.raises(ValueError, match="must be finite"):
        nonnegative_least_squares(np.array([[np.nan]]), np.array([1.0]))
