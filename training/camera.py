"""Camera pairs from randomised specimens: the training data of a restoration model that must generalise.

The pairs simulate.py writes come from one structure generator, one PSF and a narrow range of cameras; a
network trained on them learns that simulator. Here every pair is drawn afresh from specimens.py (many
structure families, `exclude` leaves whole families out) seen through randomised optics and cameras:
  PSF       Gaussian, sigma log-uniform in [0.7, 2.5] px (NA, wavelength and pixel size of many microscopes)
  photons   at the brightest structures (the blurred specimen's 99.9th percentile), log-uniform in [1, 100]
  background  a tilted plane, 0-30 % of the peak signal
  camera    gain log-uniform in [0.5, 5] ADU/photon, Gaussian read noise 0-5 ADU, offset 50-500 ADU,
            rounded and clipped to 16 bits
The target is what the camera gives on average (offset + gain x expected photons), as in simulate.py, so
source and target share units and the restoration model denoises without deblurring. Both are mapped to model
units by the source's percentiles (data.normalize_pair), as Restore Image... maps the image it is given.
"""
import numpy as np
from scipy import ndimage

from data import normalize_pair
from specimens import specimen


def camera_pair(seed, size=64, exclude=()):
    """(source, target) float32 (size, size) in model units, and the photon count, from a seed (list of ints)."""
    rng = np.random.default_rng(list(seed) + [1])
    clean, _ = specimen(list(seed) + [0], size, exclude)
    sigma = float(np.exp(rng.uniform(np.log(0.7), np.log(2.5))))
    blurred = ndimage.gaussian_filter(clean.astype(np.float64), sigma, mode="reflect")
    peak = np.percentile(blurred, 99.9)
    blurred = blurred / peak if peak > 0 else blurred
    photons = float(np.exp(rng.uniform(0, np.log(100))))
    y, x = np.mgrid[0:size, 0:size] / size
    gy, gx = rng.normal(0, 0.5, 2)
    background = rng.uniform(0, 0.3) * np.clip(1 + gy * (y - 0.5) + gx * (x - 0.5), 0.2, None)
    expected = photons * (blurred + background)
    gain = float(np.exp(rng.uniform(np.log(0.5), np.log(5))))
    offset, read = rng.uniform(50, 500), rng.uniform(0, 5)
    camera = offset + gain * rng.poisson(expected) + rng.normal(0, read, expected.shape)
    source = np.clip(np.round(camera), 0, 65535)
    target = offset + gain * expected
    s, t = normalize_pair(source, target)
    return s, t, photons
