"""Reference numbers for ResidualTestTest, written from the definition with numpy (not from DiffusionJ's Java):
the posterior predictive check of a restoration's samples x_k against the image y.

  noise model   (y - x_k)^2 ~ a + b x_k, least squares over all pixels of all samples (numpy.linalg.lstsq)
  z_k           (y - x_k) / sqrt(max(a + b x_k, 1e-3 mean (y - x_k)^2))
  tiles         floor(L / 128 + 0.5) (at least 1) near-equal tiles along each axis (none for a side under 8 px:
                not tested); in each, z less its mean (a constant residual: that sample is left out there), and
    pixel scale   mean of the horizontal and vertical neighbour products / mean z^2, times sqrt(N)
    scale w       (w^2 mean over whole w x w blocks of (block mean)^2 / mean z^2 - 1) / sqrt(2 / blocks),
                  for w in 2, 4, 8, 16 with at least 16 blocks
    tile score    the largest |mean over samples| of those
  score         the largest tile score and its scale (1 = neighbours); failed: tiles whose score passes 5

Cases: white Gaussian residuals (an exact posterior's), Poisson-like residuals whose variance grows with x,
samples that miss a smooth pattern in y (structure left in the residual), sizes not multiples of the blocks, and a
200 x 192 plane of four tiles with the pattern in two of them. Pixels go to residual.bin (float32, little endian,
in the order of residual.json's cases: y, then each sample).

  /usr/bin/python3 src/test/python/residual_reference.py
"""
import json
import os

import numpy as np

SCALES = (2, 4, 8, 16)


def tiles(length, size=128):
    n = max(1, int(np.floor(length / size + 0.5)))
    return [k * length // n for k in range(n + 1)]


def tile_deviations(z):
    """The standardised deviations from white noise of one tile of z, by scale (1 = neighbours); None for a constant
    residual."""
    z = z - z.mean()
    h, w = z.shape
    zz = np.mean(z * z)
    if not zz > 0:
        return None
    out = {1: (np.mean(z[:, :-1] * z[:, 1:]) + np.mean(z[:-1, :] * z[1:, :])) / 2 / zz * np.sqrt(z.size)}
    for s in SCALES:
        by, bx = h // s, w // s
        if by * bx >= 16:
            blocks = z[:by * s, :bx * s].reshape(by, s, bx, s).mean(axis=(1, 3))
            out[s] = (s * s * np.mean(blocks ** 2) / zz - 1) / np.sqrt(2 / (by * bx))
    return out


def statistics(y, samples, threshold=5.0):
    x = np.stack(samples).astype(np.float64)
    y = y.astype(np.float64)
    r = y[None] - x
    design = np.stack([np.ones(x.size), x.ravel()], axis=1)
    (a, b), *_ = np.linalg.lstsq(design, (r * r).ravel(), rcond=None)
    z = r / np.sqrt(np.maximum(a + b * x, 1e-3 * np.mean(r * r)))
    if min(y.shape) < 8:
        return dict(score=float("nan"), scale=1, failed=0, tiles=0, gain=float(b), readVariance=float(a))
    rows, cols = tiles(y.shape[0]), tiles(y.shape[1])
    best, failed, count = (0.0, 1), 0, 0
    for i in range(len(rows) - 1):
        for j in range(len(cols) - 1):
            per_sample = [tile_deviations(zk[rows[i]:rows[i + 1], cols[j]:cols[j + 1]]) for zk in z]
            per_sample = [d for d in per_sample if d is not None]
            if not per_sample:
                continue
            scores = {s: abs(np.mean([d[s] for d in per_sample])) for s in per_sample[0]}
            tile_best = max((v, s) for s, v in scores.items())
            best = max(best, tile_best)
            failed += tile_best[0] > threshold
            count += 1
    return dict(score=float(best[0]), scale=int(best[1]), failed=int(failed), tiles=count, gain=float(b),
                readVariance=float(a))


def case(name, y, samples, pixels):
    """The case's numbers; its pixels (float32) are added to `pixels`."""
    y = y.astype(np.float32)
    samples = [s.astype(np.float32) for s in samples]
    pixels += [y.ravel()] + [s.ravel() for s in samples]
    return dict(name=name, width=y.shape[1], height=y.shape[0], samples=len(samples), **statistics(y, samples))


def main():
    rng = np.random.default_rng(20261204)
    cases, pixels = [], []
    h, w = 45, 70  # no multiple of the block sizes
    truth = 100 + 50 * rng.random((h, w))
    # an exact posterior's samples: the residual is the noise itself
    y = truth + rng.normal(0, 3, (h, w))
    cases.append(case("white", y, [y - rng.normal(0, 3, (h, w)) for _ in range(3)], pixels))
    # Poisson-Gaussian: variance 9 + 2 (x - 100)
    samples = [truth + rng.normal(0, 0.5, (h, w)) for _ in range(4)]
    y = truth + rng.normal(0, 1, (h, w)) * np.sqrt(9 + 2 * (truth - 100))
    cases.append(case("poisson-gaussian", y, samples, pixels))
    # samples that miss a smooth pattern of y: structure in every residual
    yy, xx = np.mgrid[0:h, 0:w]
    pattern = 4 * np.sin(xx / 5.0) * np.cos(yy / 7.0)
    y = truth + pattern + rng.normal(0, 3, (h, w))
    cases.append(case("structure", y, [truth + rng.normal(0, 1, (h, w)) for _ in range(2)], pixels))
    # four tiles of 96 x 100; the pattern in the left two: half the tiles fail
    h, w = 192, 200
    truth = 100 + 50 * rng.random((h, w))
    yy, xx = np.mgrid[0:h, 0:w]
    pattern = np.where(xx < 100, 4 * np.sin(xx / 5.0) * np.cos(yy / 7.0), 0)
    y = truth + pattern + rng.normal(0, 3, (h, w))
    cases.append(case("half-structure", y, [truth + rng.normal(0, 1, (h, w)) for _ in range(2)], pixels))
    # the same with the pattern in one tile of four: consistent
    pattern = np.where((xx < 100) & (yy < 96), 4 * np.sin(xx / 5.0) * np.cos(yy / 7.0), 0)
    y = truth + pattern + rng.normal(0, 3, (h, w))
    cases.append(case("one-tile-structure", y, [truth + rng.normal(0, 1, (h, w)) for _ in range(2)], pixels))
    out = os.path.join(os.path.dirname(__file__), "..", "resources", "fixtures")
    with open(os.path.join(out, "residual.json"), "w") as f:
        json.dump(dict(cases=cases), f, indent=1)
    np.concatenate(pixels).astype("<f4").tofile(os.path.join(out, "residual.bin"))
    for c in cases:
        print(c["name"], c["score"], c["scale"], c["failed"], c["tiles"], c["gain"], c["readVariance"])


if __name__ == "__main__":
    main()
