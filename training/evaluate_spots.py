"""Recall of dim spots: how many of the faint sub-resolution puncta of a simulate.py set survive restoration.

simulate.py does not write where it put its spots, but they come from its seeded generator: this script replays it
(filaments first, then the smallest vesicle class, sigma 0.6 px) and checks each replayed set against the target it
made. A dim spot is a vesicle of that class with a weight in the lower half of its range (0.3-0.65) and no other such
vesicle within 4 px. Its contrast in an image is the difference of Gaussians (1 px - 3 px) at its position (the
highest within 1 px); a spot is recalled when its contrast passes the level that 1 % of the image's empty pixels
pass (those where the truth's contrast is under 2 % of its highest within 4 px): the same false-alarm rate for a
restoration and for a smoothed input. Also printed: the median share of the truth's contrast an image keeps.

  /usr/bin/python3 training/evaluate_spots.py --test /tmp/lin5 --seed 4000000 --restored A B ... [--gaussian 1]
"""
import argparse
import json
import os

import numpy as np
import tifffile
from scipy import ndimage

import simulate


def dim_spots(seed, size):
    """(y, x) of the dim, isolated spots of image `seed`, replaying simulate.simulate's generator."""
    rng = np.random.default_rng(seed)
    simulate.filaments(rng, size)
    n = rng.integers(0, int(40 / 0.6))
    ys, xs, w = rng.uniform(0, size, n), rng.uniform(0, size, n), rng.uniform(0.3, 1.0, n)
    keep = []
    for i in range(n):
        d = np.hypot(ys - ys[i], xs - xs[i])
        d[i] = np.inf
        if w[i] < 0.65 and d.min() > 4 and 3 <= ys[i] < size - 4 and 3 <= xs[i] < size - 4:
            keep.append((ys[i], xs[i]))
    return keep


def dog(image):
    return ndimage.gaussian_filter(image, 1.0) - ndimage.gaussian_filter(image, 3.0)


def contrast(image, spots):
    near = ndimage.maximum_filter(dog(image), size=3)  # the highest within one pixel
    return np.array([near[int(round(y)), int(round(x))] for y, x in spots])


def empty(truth):
    """Pixels with nothing to find: the truth's difference of Gaussians small there and around."""
    d = np.abs(dog(truth))
    return ndimage.maximum_filter(d, size=9) < 0.02 * max(d.max(), 1e-12)


def detected(image, spots, nothing):
    """Spots whose contrast passes the level that 1 % of the image's empty pixels pass (a false-alarm rate)."""
    level = np.percentile(dog(image)[nothing], 99)
    return contrast(image, spots) > level


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--test", required=True, help="a simulate.py folder (source/, target/, params.json)")
    p.add_argument("--seed", type=int, required=True, help="its base seed")
    p.add_argument("--restored", nargs="+", required=True, help="folders of <name>-restored.tif")
    p.add_argument("--gaussian", type=float, default=0, help="also the input filtered by a Gaussian of this sigma (px)")
    a = p.parse_args()
    rows = list(a.restored) + ([f"gaussian-{a.gaussian:g}"] if a.gaussian > 0 else [])
    params = json.load(open(os.path.join(a.test, "params.json")))
    names = sorted(os.listdir(os.path.join(a.test, "target")))
    kept = {r: [] for r in rows}
    found = {r: [] for r in rows}
    per_image = {r: [] for r in rows}
    count = 0
    for i, name in enumerate(names):
        seed = simulate.image_seed(a.seed, int(name[:-4]))
        truth = tifffile.imread(os.path.join(a.test, "target", name)).astype(np.float64)
        args = {k: tuple(v) if isinstance(v, list) else v for k, v in params.items()
                if k in ("size", "psf", "wavelength_nm", "na", "pixel_nm", "photons", "background_level", "gain",
                         "read_noise", "offset")}
        assert np.array_equal(simulate.simulate(seed, **args)[1], truth.astype(np.float32)), name + ": not this seed"
        spots = dim_spots(seed, truth.shape[0])
        if not spots:
            continue
        count += len(spots)
        true_c = contrast(truth, spots)
        nothing = empty(truth)
        for r in rows:
            if r in a.restored:
                mean = tifffile.imread(os.path.join(r, name[:-4] + "-restored.tif")).astype(np.float64)
            else:
                source = tifffile.imread(os.path.join(a.test, "source", name)).astype(np.float64)
                mean = ndimage.gaussian_filter(source, a.gaussian)
            kept[r].extend(contrast(mean, spots) / true_c)
            hit = detected(mean, spots, nothing)
            found[r].extend(hit)
            per_image[r].append(np.mean(hit))
    print(f"{count} dim spots in {len(names)} images")
    base = np.array(per_image[rows[0]])
    for r in rows:
        d = np.array(per_image[r]) - base
        se = d.std(ddof=1) / np.sqrt(len(d)) if len(d) > 1 else 0
        print(f"{os.path.basename(r.rstrip('/')):40s} recall, mean of images {np.mean(per_image[r]):6.1%} (pooled "
              f"{np.mean(found[r]):6.1%})  median contrast kept {np.median(kept[r]):.2f}  vs first {100 * d.mean():+.1f} "
              f"+- {100 * se:.1f} points (standard error)")


if __name__ == "__main__":
    main()
