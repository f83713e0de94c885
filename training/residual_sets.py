"""The image sets on which Restore Image...'s residual test is tuned and measured, in train.py's pairs layout.

  tune    40 pairs of simulate.py with the calibration set's seeds (2 000 000): the threshold is set here
  test    the 50-image README test set (simulate.py, seed 1 000 000): the false-alarm rate is measured here
  ood     images unlike fluo-restore's training data, each 128 x 128, degraded by simulate.py's camera (gain 2,
          offset 100, read noise 3, a background of 5 % of the peak) at 15 photons at the brightest blurred
          structures, through simulate.py's PSF (sigma 0.91 px) unless said:
            cell      4 crops of scikit-image's real `cell` micrograph
            hubble    4 crops of scikit-image's Hubble deep field (grey), not blurred: point sources sharper than
                      any PSF the model saw
            camera    4 crops of scikit-image's `camera` photograph
            wide-psf  4 simulate.py specimens through a 3-pixel PSF (NA 0.5 at 700 nm), photons 2-50
          (the check must fire on these).
  large   256 x 256 images, four tiles of the test each: 4 simulate.py specimens (seed 6 000 000: the test must stay
          quiet) and the centres of `cell` and `camera` degraded as in ood (it must fire).

  /usr/bin/python3 training/residual_sets.py --out /tmp/residual
"""
import argparse
import json
import os

import numpy as np
import tifffile
from scipy import ndimage

from simulate import DEFAULTS, image_seed, psf_sigma_px, simulate

SIGMA = psf_sigma_px(DEFAULTS["wavelength_nm"], DEFAULTS["na"], DEFAULTS["pixel_nm"])
CROPS = ((0, 0), (0, 1), (1, 0), (1, 1))


def write(folder, name, source, target):
    for sub, image in (("source", source), ("target", target)):
        os.makedirs(os.path.join(folder, sub), exist_ok=True)
        tifffile.imwrite(os.path.join(folder, sub, name), image)


def degrade(clean, photons, rng, sigma=SIGMA):
    """simulate.py's optics (a Gaussian PSF of `sigma` px, 0: none) and camera applied to an object given as an image."""
    blurred = ndimage.gaussian_filter(clean.astype(np.float64), sigma, mode="reflect") if sigma else clean
    blurred = (blurred - blurred.min()) / (np.percentile(blurred, 99.9) - blurred.min())
    expected = photons * (np.clip(blurred, 0, None) + 0.05)
    counts = rng.poisson(expected)
    camera = DEFAULTS["offset"] + DEFAULTS["gain"] * counts + rng.normal(0, DEFAULTS["read_noise"], counts.shape)
    source = np.clip(np.round(camera), 0, 65535).astype(np.uint16)
    return source, (DEFAULTS["offset"] + DEFAULTS["gain"] * expected).astype(np.float32)


def crops(image, size=128):
    """Four size x size crops from the quarters' centres of an image."""
    h, w = image.shape
    for qy, qx in CROPS:
        y, x = (qy * 2 + 1) * h // 4 - size // 2, (qx * 2 + 1) * w // 4 - size // 2
        yield image[y:y + size, x:x + size]


def simulated(folder, base, count, **kw):
    for i in range(count):
        source, target, _ = simulate(image_seed(base, i), **kw)
        write(folder, f"{i:05d}.tif", source, target)


def main():
    from skimage import data
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    simulated(os.path.join(a.out, "tune"), 2000000, 40)
    simulated(os.path.join(a.out, "test"), 1000000, 50)
    ood = os.path.join(a.out, "ood")
    rng = np.random.default_rng(5000000)
    sources = {"cell": data.cell(), "hubble": data.hubble_deep_field().mean(axis=2), "camera": data.camera()}
    kinds = {}
    for kind, image in sources.items():
        for k, crop in enumerate(crops(image.astype(np.float64))):
            name = f"{kind}-{k}.tif"
            write(ood, name, *degrade(crop, 15.0, rng, 0 if kind == "hubble" else SIGMA))
            kinds[name] = kind
    for i in range(4):
        source, target, _ = simulate(image_seed(4000000, i), na=0.5, wavelength_nm=700.0)
        name = f"wide-psf-{i}.tif"
        write(ood, name, source, target)
        kinds[name] = "wide-psf"
    with open(os.path.join(ood, "kinds.json"), "w") as f:
        json.dump(kinds, f, indent=1)
    large = os.path.join(a.out, "large")
    simulated(large, 6000000, 4, size=256)
    for kind in ("cell", "camera"):
        image = sources[kind].astype(np.float64)
        h, w = image.shape
        crop = image[h // 2 - 128:h // 2 + 128, w // 2 - 128:w // 2 + 128]
        write(large, f"{kind}-256.tif", *degrade(crop, 15.0, rng))
    print("tune, test and ood sets in", a.out)


if __name__ == "__main__":
    main()
