#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The metrics suite in numpy / scikit-image, timed, for comparison with
`neurocipher-cli bench --metrics` (run both in one session):
    /usr/bin/python3 tests/oracle/bench_metrics.py [SIDE ...]
Compute only: the images are made before the clock starts."""
import sys
import time

import numpy as np
from skimage.metrics import peak_signal_noise_ratio, structural_similarity


def entropy(p):
    counts = np.bincount(p.ravel(), minlength=256)
    q = counts[counts > 0] / p.size
    return -(q * np.log2(q)).sum()


def suite(a, b, rng):
    for c in range(a.shape[2]):
        p = a[:, :, c]
        np.bincount(p.ravel(), minlength=256)
        entropy(p)
        tiles = [(y, x) for y in range(0, p.shape[0] - 43, 44) for x in range(0, p.shape[1] - 43, 44)]
        for i in rng.choice(len(tiles), 30, replace=False):
            y, x = tiles[i]
            entropy(p[y:y + 44, x:x + 44])
        f = p.astype(np.float64)
        np.corrcoef(f[:, :-1].ravel(), f[:, 1:].ravel())
        np.corrcoef(f[:-1, :].ravel(), f[1:, :].ravel())
        np.corrcoef(f[:-1, :-1].ravel(), f[1:, 1:].ravel())
    (a != b).mean()
    (np.abs(a.astype(np.float64) - b) / 255).mean()
    structural_similarity(a, b, gaussian_weights=True, sigma=1.5, use_sample_covariance=False,
                          data_range=255, channel_axis=-1)
    peak_signal_noise_ratio(a, b, data_range=255)


for side in [int(s) for s in sys.argv[1:]] or [512, 4096]:
    rng = np.random.default_rng(2)
    a = rng.integers(0, 256, (side, side, 3), dtype=np.uint8)
    b = rng.integers(0, 256, (side, side, 3), dtype=np.uint8)
    runs = 5 if side <= 1024 else 1
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        suite(a, b, rng)
        times.append(time.perf_counter() - start)
    print(f"{side}x{side}x3  numpy/scikit-image suite {1000 * sorted(times)[len(times) // 2]:.1f} ms")
