"""A seeded fluorescence-microscopy simulator: noise-free ground truth and the camera image of it.

Each image is drawn from its own seed (base seed and index), so a test set made from other seeds is
never seen in training. The specimen holds
  - filaments: smooth random curves (a persistent random walk in direction, like microtubules / actin),
  - vesicles: point-like blobs of 0.6-2.5 px,
  - nuclei: 0-2 large dim ellipses with a soft edge and a smooth texture,
  - a dim, smoothly varying background (out-of-focus light).
The optics blur it with a PSF: a Gaussian (sigma = 0.21 lambda / NA, the Zhang et al. 2007 fit of the
widefield Airy pattern) or the Airy pattern itself, for a wavelength, NA and pixel size. The camera counts
photons with Poisson shot noise (the brightest structures, the image's 99.9th percentile of the blurred
specimen, get `photons` photons, drawn log-uniform from --photons per image), multiplies by a gain, adds
Gaussian read noise and an offset, rounds and clips to 16 bits.

Ground truth (target) = what the camera gives on average: offset + gain * expected photons, as float32;
so source and target are in the same units and the source is an unbiased noisy copy of the target.

  /usr/bin/python3 training/simulate.py --out data/fluo-train --count 2000 --seed 1
  /usr/bin/python3 training/simulate.py --out data/fluo-test --count 50 --seed 1000000

writes OUT/source/NNNNN.tif (uint16 camera image), OUT/target/NNNNN.tif (float32 truth) and OUT/params.json:
the layout CARE and `train.py --pairs` read.
"""
import argparse
import json
import os

import numpy as np
from scipy import ndimage, special

DEFAULTS = dict(size=128, psf="gaussian", wavelength_nm=520.0, na=1.2, pixel_nm=100.0, photons=(2.0, 50.0),
                background=(0.02, 0.12), gain=2.0, read_noise=3.0, offset=100.0)


def psf_sigma_px(wavelength_nm, na, pixel_nm):
    """Gaussian approximation of the widefield PSF: sigma = 0.21 lambda / NA (Zhang, Zerubia, Olivo-Marin 2007)."""
    return 0.21 * wavelength_nm / na / pixel_nm


def airy_kernel(wavelength_nm, na, pixel_nm):
    """Intensity of the Airy pattern, I(r) = (2 J1(v) / v)^2 with v = 2 pi NA r / lambda, normalised to sum 1."""
    first_zero = 0.61 * wavelength_nm / na / pixel_nm
    half = int(np.ceil(4 * first_zero)) + 1
    y, x = np.mgrid[-half:half + 1, -half:half + 1].astype(np.float64)
    # 4x4 supersampling of each pixel so that a PSF of 1-2 px is integrated, not point-sampled
    sub = (np.arange(4) + 0.5) / 4 - 0.5
    acc = np.zeros_like(x)
    for dy in sub:
        for dx in sub:
            v = 2 * np.pi * na * np.hypot(x + dx, y + dy) * pixel_nm / wavelength_nm
            v = np.where(v == 0, 1e-9, v)
            acc += (2 * special.j1(v) / v) ** 2
    return acc / acc.sum()


def splat(canvas, ys, xs, weights):
    """Adds each weight at a sub-pixel position, shared bilinearly between the four nearest pixels."""
    h, w = canvas.shape
    y0, x0 = np.floor(ys).astype(int), np.floor(xs).astype(int)
    fy, fx = ys - y0, xs - x0
    for oy, wy in ((0, 1 - fy), (1, fy)):
        for ox, wx in ((0, 1 - fx), (1, fx)):
            yy, xx = y0 + oy, x0 + ox
            ok = (yy >= 0) & (yy < h) & (xx >= 0) & (xx < w)
            np.add.at(canvas, (yy[ok], xx[ok]), (weights * wy * wx)[ok])


def filaments(rng, size):
    canvas = np.zeros((size, size))
    for _ in range(rng.integers(1, 9)):
        n = int(rng.uniform(0.6, 2.5) * size / 0.25)  # points 0.25 px apart
        turn = rng.normal(0, 0.01) + np.cumsum(rng.normal(0, 0.003, n))  # curvature drifts: smooth curves
        angle = rng.uniform(0, 2 * np.pi) + np.cumsum(turn * 0.25)
        ys = rng.uniform(-0.2, 1.2) * size + np.cumsum(0.25 * np.sin(angle))
        xs = rng.uniform(-0.2, 1.2) * size + np.cumsum(0.25 * np.cos(angle))
        splat(canvas, ys, xs, np.full(n, 0.25 * rng.uniform(0.6, 1.5)))
    return canvas


def vesicles(rng, size):
    canvas = np.zeros((size, size))
    for sigma in (0.6, 1.2, 2.5):  # three size classes, each blurred to its own radius
        layer = np.zeros((size, size))
        n = rng.integers(0, int(40 / sigma))
        splat(layer, rng.uniform(0, size, n), rng.uniform(0, size, n), rng.uniform(0.3, 1.0, n))
        canvas += ndimage.gaussian_filter(layer, sigma) * (2 * np.pi * sigma ** 2) * 0.5
    return canvas


def nuclei(rng, size):
    canvas = np.zeros((size, size))
    y, x = np.mgrid[0:size, 0:size].astype(np.float64)
    for _ in range(rng.integers(0, 3)):
        cy, cx = rng.uniform(0, size, 2)
        a, b = rng.uniform(0.08, 0.25, 2) * size
        th = rng.uniform(0, np.pi)
        u = ((x - cx) * np.cos(th) + (y - cy) * np.sin(th)) / a
        v = (-(x - cx) * np.sin(th) + (y - cy) * np.cos(th)) / b
        inside = (u * u + v * v <= 1).astype(np.float64)
        texture = 1 + 0.4 * ndimage.gaussian_filter(rng.normal(0, 1, (size, size)), 3) * 3
        canvas += ndimage.gaussian_filter(inside, 1.5) * rng.uniform(0.1, 0.3) * np.clip(texture, 0.3, None)
    return canvas


def background(rng, size, level):
    y, x = np.mgrid[0:size, 0:size].astype(np.float64) / size
    gy, gx = rng.normal(0, 0.5, 2)
    return level * np.clip(1 + gy * (y - 0.5) + gx * (x - 0.5), 0.2, None)


def simulate(seed, size=128, psf="gaussian", wavelength_nm=520.0, na=1.2, pixel_nm=100.0, photons=(2.0, 50.0),
             background_level=(0.02, 0.12), gain=2.0, read_noise=3.0, offset=100.0):
    """One (source, target, photons) triple from one seed: the camera image (uint16) and its expectation."""
    rng = np.random.default_rng(seed)
    specimen = filaments(rng, size) + vesicles(rng, size) + nuclei(rng, size)
    if psf == "airy":
        blurred = ndimage.convolve(specimen, airy_kernel(wavelength_nm, na, pixel_nm), mode="constant")
    else:
        blurred = ndimage.gaussian_filter(specimen, psf_sigma_px(wavelength_nm, na, pixel_nm), mode="constant")
    peak = np.percentile(blurred, 99.9)
    blurred = blurred / peak if peak > 0 else blurred
    n_photons = float(np.exp(rng.uniform(np.log(photons[0]), np.log(photons[1]))))
    expected = n_photons * (blurred + background(rng, size, rng.uniform(*background_level)))
    counts = rng.poisson(expected)
    camera = offset + gain * counts + rng.normal(0, read_noise, counts.shape)
    source = np.clip(np.round(camera), 0, 65535).astype(np.uint16)
    target = (offset + gain * expected).astype(np.float32)
    return source, target, n_photons


def image_seed(base_seed, index):
    """The seed of image `index` of a set: distinct sets (base seeds) share no image."""
    return [int(base_seed), int(index)]


def main():
    import tifffile
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True)
    p.add_argument("--count", type=int, default=1000)
    p.add_argument("--seed", type=int, default=1, help="base seed: training and test sets need different ones")
    p.add_argument("--size", type=int, default=DEFAULTS["size"])
    p.add_argument("--psf", choices=("gaussian", "airy"), default=DEFAULTS["psf"])
    p.add_argument("--wavelength-nm", type=float, default=DEFAULTS["wavelength_nm"])
    p.add_argument("--na", type=float, default=DEFAULTS["na"])
    p.add_argument("--pixel-nm", type=float, default=DEFAULTS["pixel_nm"])
    p.add_argument("--photons", default="2,50", help="range of photons at the brightest structures, log-uniform")
    p.add_argument("--background", default="0.02,0.12", help="background as a fraction of the peak signal")
    p.add_argument("--gain", type=float, default=DEFAULTS["gain"], help="ADU per photon")
    p.add_argument("--read-noise", type=float, default=DEFAULTS["read_noise"], help="ADU, standard deviation")
    p.add_argument("--offset", type=float, default=DEFAULTS["offset"], help="camera offset, ADU")
    a = p.parse_args()
    params = dict(size=a.size, psf=a.psf, wavelength_nm=a.wavelength_nm, na=a.na, pixel_nm=a.pixel_nm,
                  photons=tuple(float(v) for v in a.photons.split(",")),
                  background_level=tuple(float(v) for v in a.background.split(",")),
                  gain=a.gain, read_noise=a.read_noise, offset=a.offset)
    for sub in ("source", "target"):
        os.makedirs(os.path.join(a.out, sub), exist_ok=True)
    photons = []
    for i in range(a.count):
        source, target, n = simulate(image_seed(a.seed, i), **params)
        name = f"{i:05d}.tif"
        res = (1e7 / a.pixel_nm, 1e7 / a.pixel_nm)  # pixels per cm, TIFF's unit
        tifffile.imwrite(os.path.join(a.out, "source", name), source, resolution=res, resolutionunit="CENTIMETER")
        tifffile.imwrite(os.path.join(a.out, "target", name), target, resolution=res, resolutionunit="CENTIMETER")
        photons.append(n)
    with open(os.path.join(a.out, "params.json"), "w") as f:
        json.dump(dict(params, count=a.count, seed=a.seed, photons_per_image=photons), f, indent=1)
    print(f"{a.count} pairs in {a.out}")


if __name__ == "__main__":
    main()
