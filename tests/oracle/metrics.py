#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Expected values for tests/test-metrics.c, from numpy and scikit-image.

Run from the project root with Debian's python3-skimage:
    /usr/bin/python3 tests/oracle/metrics.py
It (re)makes the test images in tests/data (seeded, so they repeat) and
writes tests/oracle/expected-metrics.json. Local entropy's blocks are
drawn with a copy of Neurocipher's generator (xoshiro256** seeded by
splitmix64, rejection sampling), so both sides pick the same blocks.
"""
import json
import math

import numpy as np
from skimage import io
from skimage.metrics import (mean_squared_error, peak_signal_noise_ratio,
                             structural_similarity)

MASK = (1 << 64) - 1


class Rng:
    def __init__(self, seed):
        self.s = []
        state = seed
        for _ in range(4):
            state = (state + 0x9E3779B97F4A7C15) & MASK
            z = state
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
            self.s.append(z ^ (z >> 31))

    def next(self):
        s = self.s
        rotl = lambda x, k: ((x << k) | (x >> (64 - k))) & MASK
        result = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def below(self, bound):
        limit = MASK - (MASK % bound)
        while True:
            x = self.next()
            if x < limit:
                return x % bound


def entropy(values):
    counts = np.bincount(values.ravel(), minlength=256).astype(np.float64)
    p = counts[counts > 0] / values.size
    return float(-(p * np.log2(p)).sum())


def chi_square(values):
    counts = np.bincount(values.ravel(), minlength=256).astype(np.float64)
    e = values.size / 256.0
    return float(((counts - e) ** 2).sum() / e)


def correlation(plane, direction):
    if direction == "horizontal":
        a, b = plane[:, :-1], plane[:, 1:]
    elif direction == "vertical":
        a, b = plane[:-1, :], plane[1:, :]
    else:
        a, b = plane[:-1, :-1], plane[1:, 1:]
    r = np.corrcoef(a.ravel().astype(np.float64), b.ravel().astype(np.float64))[0, 1]
    return None if math.isnan(r) else float(r)


def local_entropy(plane, seed):
    side, k = 44, 30
    across, down = plane.shape[1] // side, plane.shape[0] // side
    n = across * down
    if n < k:
        return None
    tiles = list(range(n))
    rng = Rng(seed)
    total = 0.0
    for i in range(k):
        j = i + rng.below(n - i)
        tiles[i], tiles[j] = tiles[j], tiles[i]
        x0, y0 = (tiles[i] % across) * side, (tiles[i] // across) * side
        total += entropy(plane[y0:y0 + side, x0:x0 + side])
    return total / k


def planes(image):
    return [image] if image.ndim == 2 else [image[:, :, c] for c in range(image.shape[2])]


def single(image):
    ps = planes(image)
    return {
        "entropy": [entropy(p) for p in ps],
        "entropy_all": entropy(image),
        "chi_square": [chi_square(p) for p in ps],
        "correlation": {d: [correlation(p, d) for p in ps]
                        for d in ("horizontal", "vertical", "diagonal")},
        "local_entropy_seed_1": [local_entropy(p, 1) for p in ps],
    }


def pair(a, b):
    a64, b64 = a.astype(np.float64), b.astype(np.float64)
    kw = dict(gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=255)
    if a.ndim == 3:
        kw["channel_axis"] = -1
    mse = float(mean_squared_error(a, b))
    return {
        "npcr_all": float((a != b).mean() * 100.0),
        "uaci_all": float((np.abs(a64 - b64) / 255.0).mean() * 100.0),
        "npcr": [float((pa != pb).mean() * 100.0) for pa, pb in zip(planes(a), planes(b))],
        "uaci": [float((np.abs(pa.astype(np.float64) - pb) / 255.0).mean() * 100.0)
                 for pa, pb in zip(planes(a), planes(b))],
        "mse": mse,
        "psnr": float(peak_signal_noise_ratio(a, b, data_range=255)) if mse > 0 else None,
        "ssim": float(structural_similarity(a, b, **kw)),
    }


def make_data():
    rng = np.random.default_rng(20251125)
    images = {
        "noise-rgb.png": rng.integers(0, 256, (192, 256, 3), dtype=np.uint8),
        "noise-gray.png": rng.integers(0, 256, (256, 320), dtype=np.uint8),
        "constant.png": np.full((48, 64), 77, dtype=np.uint8),
        "two-level.png": ((np.indices((64, 64)).sum(axis=0) % 2) * 255).astype(np.uint8),
    }
    camera = io.imread("data/samples/camera.png")
    astronaut = io.imread("data/samples/astronaut.png")
    noise = rng.normal(0, 12, camera.shape)
    images["camera-noisy.png"] = np.clip(camera + noise, 0, 255).astype(np.uint8)
    noise = rng.normal(0, 12, astronaut.shape)
    images["astronaut-noisy.png"] = np.clip(astronaut + noise, 0, 255).astype(np.uint8)
    images["noise-rgb-2.png"] = rng.integers(0, 256, (192, 256, 3), dtype=np.uint8)
    for name, image in images.items():
        io.imsave("tests/data/" + name, image, check_contrast=False)


def load(name):
    path = ("data/samples/" if name in ("camera.png", "astronaut.png") else "tests/data/") + name
    return io.imread(path)


def main():
    make_data()
    singles = ["camera.png", "astronaut.png", "noise-rgb.png", "noise-gray.png",
               "constant.png", "two-level.png"]
    pairs = [("camera.png", "camera-noisy.png"), ("astronaut.png", "astronaut-noisy.png"),
             ("noise-rgb.png", "noise-rgb-2.png"), ("camera.png", "camera.png")]
    out = {"single": {n: single(load(n)) for n in singles},
           "pair": {a + "|" + b: pair(load(a), load(b)) for a, b in pairs}}
    with open("tests/oracle/expected-metrics.json", "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


main()
