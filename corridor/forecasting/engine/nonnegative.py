"""Non-negative (ridge) least squares in numpy.

Method: the active-set algorithm of Lawson & Hanson, *Solving Least Squares Problems* (Prentice-Hall,
1974; SIAM 1995), chapter 23, algorithm NNLS. It solves

    minimise ‖A w − b‖²  subject to  w ≥ 0

exactly in finitely many steps: variables enter the passive (free) set one at a time in the direction of
steepest descent of the gradient w = Aᵀ(b − A x), and an inner loop steps back along the segment to the
last feasible point whenever an unconstrained least-squares solution on the passive set turns negative.

Ridge: `nonnegative_ridge` solves  minimise ‖X w − y‖² + λ‖w‖²,  w ≥ 0  as NNLS on the augmented system
A = [X; √λ·I], b = [y; 0] (Hoerl & Kennard, Technometrics 12(1), 1970, for the penalty).
"""

from __future__ import annotations

import numpy as np


def nonnegative_least_squares(
    a: np.ndarray, b: np.ndarray, *, max_iterations: int | None = None
) -> np.ndarray:
    """Return w ≥ 0 minimising ‖a w − b‖² (Lawson–Hanson active set)."""
    if a.ndim != 2 or b.ndim != 1 or a.shape[0] != b.shape[0]:
        raise ValueError(f"a must be (n, p) and b (n,); got {a.shape} and {b.shape}")
    if not (np.isfinite(a).all() and np.isfinite(b).all()):
        raise ValueError("a and b must be finite (drop rows with missing values first)")
    n_features = a.shape[1]
    limit = max_iterations if max_iterations is not None else 3 * n_features + 10
    x = np.zeros(n_features)
    passive = np.zeros(n_features, dtype=bool)
    tolerance = 10 * np.finfo(float).eps * np.linalg.norm(a, 1) * max(a.shape)
    gradient = a.T @ (b - a @ x)
    for _ in range(limit):
        candidates = ~passive & (gradient > tolerance)
        if not candidates.any():
            break
        passive[np.argmax(np.where(candidates, gradient, -np.inf))] = True
        while True:
            trial = np.zeros(n_features)
            trial[passive] = np.linalg.lstsq(a[:, passive], b, rcond=None)[0]
            if (trial[passive] > tolerance).all():
                break
            blocking = np.flatnonzero(passive & (trial <= tolerance))
            gap = x[blocking] - trial[blocking]
            steps = np.divide(x[blocking], gap, out=np.zeros_like(gap), where=gap > 0)
            x = x + float(steps.min()) * (trial - x)
            passive &= x > tolerance
            passive[blocking[np.argmin(steps)]] = False  # guarantees progress against round-off
            x[~passive] = 0.0
        x = trial
        gradient = a.T @ (b - a @ x)
    return x


def nonnegative_ridge(features: np.ndarray, target: np.ndarray, ridge: float) -> np.ndarray:
    """Return w ≥ 0 minimising ‖X w − y‖² + λ‖w‖² (NNLS on the augmented system [X; √λ I], [y; 0])."""
    if ridge < 0:
        raise ValueError(f"ridge must be >= 0, got {ridge}")
    n_features = features.shape[1]
    augmented = np.vstack([features, np.sqrt(ridge) * np.eye(n_features)])
    return nonnegative_least_squares(augmented, np.concatenate([target, np.zeros(n_features)]))
