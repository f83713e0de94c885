"""Pairs for Calibrate Uncertainty... with a prior, in the physics of evaluate_deconvolution.py: clean specimens
(specimens.py, two-number seeds: training draws three-number ones) of every family but the held-out membranes,
seen through a Gaussian PSF (sigma 1.4 px) by a camera of gain 2, offset 100 and read noise 3 counts, at 2, 10 and
50 photons at the brightest blurred structures, in equal shares. source/NAME.tif: the camera's 16-bit image;
target/NAME.tif: the truth in its units, offset + gain x the object's photons (32-bit), what Deconvolve's mean
estimates. Seed bases 9200000 (calibration), 9300000 and 9400000 (test sets) are disjoint from the evaluation's
9100000.

  /usr/bin/python3 training/deconvolve_pairs.py --out /tmp/prior-cal150 --base 9200000 --per-level 50 --size 64
"""
import argparse
import os

import numpy as np
import tifffile

from evaluate_deconvolution import GAIN, OFFSET, camera, nonempty, scaled


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True)
    p.add_argument("--base", type=int, required=True, help="seed base: 9200000 calibration, 9300000 and 9400000 test")
    p.add_argument("--per-level", type=int, default=20,
                   help="pairs at each of 2, 10 and 50 photons (the shipped calibration: 50)")
    p.add_argument("--size", type=int, default=64)
    a = p.parse_args()
    for d in ("source", "target"):
        os.makedirs(os.path.join(a.out, d), exist_ok=True)
    for photons in (2, 10, 50):
        rng = np.random.default_rng(a.base + photons)
        for i, clean in enumerate(nonempty(a.base + photons, a.per_level, size=a.size, exclude=("membranes",))):
            obj = scaled(clean, photons)
            name = f"{photons:02d}ph-{i:03d}.tif"
            tifffile.imwrite(os.path.join(a.out, "source", name), camera(obj, rng))
            tifffile.imwrite(os.path.join(a.out, "target", name), (OFFSET + GAIN * obj).astype(np.float32))


if __name__ == "__main__":
    main()
