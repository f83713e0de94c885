"""Deconvolve Image... against the deconvolutions a scientist would otherwise run, on images no model was trained on.

Test images: clean specimens from specimens.py with two-number seeds (training draws three-number seeds), 128 x 128,
seen through a Gaussian PSF (sigma 1.4 px) by a camera with gain 2, offset 100 and read noise 3 counts, at 2, 10 and
50 photons at the brightest blurred structures (simulate.py's convention); in-family specimens (every family but the
held-out membranes), membrane-only specimens (the family the prior never saw), and scikit-image's real `cell` image
(a 256 x 256 crop taken as the object). Truth = offset + gain x the object's photons, the units of every output.

Baselines, each at its best setting chosen on the truth (an upper bound of what a user would get): Richardson-Lucy
with the true PSF (best iteration of 200), a Wiener filter with the true PSF (best regularisation on a log grid), a
Gaussian filter (best sigma). Deconvolve runs through the app jar with its defaults (8 samples, 24 sweeps).

  /usr/bin/python3 training/evaluate_deconvolution.py --jar target/diffusionj-app.jar --out /tmp/deconv-eval \
      --count 10 --membranes 4 --figure docs/deconvolve.png
"""
import argparse
import json
import os
import subprocess
import time

import numpy as np
import tifffile
from scipy import ndimage
from skimage.metrics import structural_similarity

from specimens import specimen

SIGMA, GAIN, OFFSET, READ = 1.4, 2.0, 100.0, 3.0


def camera(obj_photons, rng):
    blurred = ndimage.gaussian_filter(obj_photons, SIGMA, mode="reflect")
    counts = OFFSET + GAIN * rng.poisson(np.maximum(blurred, 0)) + rng.normal(0, READ, blurred.shape)
    return np.clip(np.round(counts), 0, 65535).astype(np.uint16)


def scaled(clean, photons):
    """The object in photons, so that its blurred 99.9th percentile gets `photons` photons (a sparse field's 99.9th
    percentile may be background: then a twentieth of its brightest blurred pixel)."""
    blurred = ndimage.gaussian_filter(clean.astype(np.float64), SIGMA, mode="reflect")
    return clean / max(np.percentile(blurred, 99.9), 0.05 * blurred.max()) * photons


def nonempty(base, count, size=128, **kw):
    """The first `count` specimens of seeds (base, 0), (base, 1), ... that hold any light (a draw can be empty)."""
    found, i = [], 0
    while len(found) < count:
        clean = specimen([base, i], size, **kw)[0]
        if clean.max() > 0:
            found.append(clean)
        i += 1
    return found


def test_set(out, count, membranes, levels=(2, 10, 50)):
    from skimage import data
    cases = []
    for photons in levels:
        cases += [("in-family", photons, c) for c in nonempty(9100000 + photons, count, exclude=("membranes",))]
        cases += [("membranes", photons, c) for c in nonempty(9200000 + photons, membranes, families=["membranes"])]
        cell = data.cell().astype(np.float64)[100:356, 150:406]
        cases.append(("cell", photons, (cell - cell.min()) / np.ptp(cell)))
    os.makedirs(out, exist_ok=True)
    rows = []
    for k, (kind, photons, clean) in enumerate(cases):
        obj = scaled(clean, photons)
        rng = np.random.default_rng([9300000, k])
        name = f"{k:03d}"
        tifffile.imwrite(os.path.join(out, name + ".tif"), camera(obj, rng))
        tifffile.imwrite(os.path.join(out, name + "-truth.tif"), (OFFSET + GAIN * obj).astype(np.float32))
        rows.append(dict(name=name, kind=kind, photons=photons))
    return rows


def run_macro(jar, macro):
    """The app jar runs a macro headless, models/ found from this repository; returns what it printed."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return subprocess.run(["java", "-Ddiffusionj.root=" + root, "-jar", os.path.abspath(jar), "-batch", macro],
                          capture_output=True, text=True, check=True, cwd=root).stdout


def deconvolve(jar, out, rows, model=None):
    macro = os.path.join(out, "run.ijm")
    with open(macro, "w") as f:
        f.write("setBatchMode(true);\n")
        for r in rows:
            p = os.path.join(out, r["name"])
            f.write(f'open("{p}.tif"); t0 = getTime();\n'
                    f'run("Deconvolve Image...", "psf=gaussian sigma={SIGMA} noise=poisson gain={GAIN} offset={OFFSET} '
                    f'read={READ}{f" model=[{model}]" if model else ""}");\n'
                    f'print("{r["name"]} " + (getTime() - t0) / 1000);\n')
            for suffix in ("deconvolved", "deconvolved-std", "denoised"):
                f.write(f'selectImage("{r["name"]}-{suffix}"); saveAs("Tiff", "{p}-{suffix}.tif"); close();\n')
            f.write("close(\"*\");\n")
    log = run_macro(jar, macro)
    seconds = {}
    for line in log.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in {r["name"] for r in rows}:
            seconds[parts[0]] = float(parts[1])
    return seconds


def restore(jar, out, rows, model, tag):
    """Restore Image... (its defaults: 8 samples) with `model` on every test image: OUT/NAME-TAG.tif."""
    macro = os.path.join(out, f"restore-{tag}.ijm")
    with open(macro, "w") as f:
        f.write("setBatchMode(true);\n")
        for r in rows:
            p = os.path.join(out, r["name"])
            f.write(f'open("{p}.tif"); run("Restore Image...", "model=[{model}]");\n'
                    f'selectImage("{r["name"]}-restored"); saveAs("Tiff", "{p}-{tag}.tif"); close("*");\n')
    run_macro(jar, macro)


def seen(truth):
    """What the camera records on average: the truth (offset + gain x photons) seen through the PSF."""
    return OFFSET + GAIN * ndimage.gaussian_filter((truth - OFFSET) / GAIN, SIGMA, mode="reflect")


def denoising(out, table, tags):
    """PSNR against the truth seen through the PSF: Deconvolve's -denoised, Restore's models, the best Gaussian filter."""
    for t in table:
        p = os.path.join(out, t["name"])
        y = tifffile.imread(p + ".tif").astype(np.float64)
        target = seen(tifffile.imread(p + "-truth.tif").astype(np.float64))
        t["denoised_psnr"] = psnr(tifffile.imread(p + "-denoised.tif").astype(np.float64), target)
        t["gaussian_seen_psnr"] = psnr(gaussian_best(y, target), target)
        for tag in tags:
            t[tag + "_psnr"] = psnr(tifffile.imread(f"{p}-{tag}.tif").astype(np.float64), target)


def psnr(x, t):
    rng = t.max() - t.min()
    return float(10 * np.log10(rng * rng / np.mean((x - t) ** 2)))


def ssim(x, t):
    return float(structural_similarity(x, t, data_range=t.max() - t.min()))


def richardson_lucy(y, truth, iterations=200):
    photons = np.maximum((y - OFFSET) / GAIN, 0)
    est, best = np.full_like(photons, photons.mean()), (-np.inf, None)
    for _ in range(iterations):
        ratio = photons / np.maximum(ndimage.gaussian_filter(est, SIGMA, mode="reflect"), 1e-6)
        est = est * ndimage.gaussian_filter(ratio, SIGMA, mode="reflect")
        img = OFFSET + GAIN * est
        best = max(best, (psnr(img, truth), img), key=lambda b: b[0])
    return best[1]


def wiener(y, truth):
    h, w = y.shape
    pad = np.pad(y - OFFSET, 16, mode="reflect")
    delta = np.zeros(pad.shape); delta[0, 0] = 1
    K = np.fft.fft2(ndimage.gaussian_filter(delta, SIGMA, mode="wrap"))
    Y = np.fft.fft2(pad)
    best = (-np.inf, None)
    for lam in np.logspace(-4, 0, 25):
        img = OFFSET + np.real(np.fft.ifft2(np.conj(K) * Y / (np.abs(K) ** 2 + lam)))[16:16 + h, 16:16 + w]
        best = max(best, (psnr(img, truth), img), key=lambda b: b[0])
    return best[1]


def gaussian_best(y, truth):
    return max((ndimage.gaussian_filter(y, s) for s in np.linspace(0.3, 4, 25)), key=lambda img: psnr(img, truth))


def measure(out, rows, seconds):
    table = []
    for r in rows:
        p = os.path.join(out, r["name"])
        y = tifffile.imread(p + ".tif").astype(np.float64)
        truth = tifffile.imread(p + "-truth.tif").astype(np.float64)
        mean = tifffile.imread(p + "-deconvolved.tif").astype(np.float64)
        std = tifffile.imread(p + "-deconvolved-std.tif").astype(np.float64)
        err = np.abs(mean - truth)
        row = dict(r, seconds=seconds.get(r["name"]), coverage=float(np.mean(err <= 2 * std)),
                   std_error_corr=float(np.corrcoef(std.ravel(), err.ravel())[0, 1]))
        for label, img in (("input", y), ("deconvolve", mean), ("rl", richardson_lucy(y, truth)),
                           ("wiener", wiener(y, truth)), ("gaussian", gaussian_best(y, truth))):
            row[label + "_psnr"], row[label + "_ssim"] = psnr(img, truth), ssim(img, truth)
        table.append(row)
    return table


def tile(img, lo, hi, size, border):
    """img scaled so that [lo, hi] spans black to white, resized to size x size, framed in white."""
    from PIL import Image
    grey = np.clip((np.asarray(img, np.float64) - lo) / max(hi - lo, 1e-9), 0, 1)
    grey = np.asarray(Image.fromarray((grey * 255).astype(np.uint8)).resize((size, size), Image.BILINEAR))
    return np.pad(grey, border, constant_values=255)


def figure(out, table, path):
    """input | Richardson-Lucy (best) | Deconvolve's mean | its std | truth, for one image of each set at 10 photons."""
    from PIL import Image
    rows = []
    for kind in ("in-family", "membranes", "cell"):
        r = next((t for t in table if t["kind"] == kind and t["photons"] == 10), None)
        if r is None:  # e.g. --membranes 0
            continue
        p = os.path.join(out, r["name"])
        y = tifffile.imread(p + ".tif").astype(np.float64)
        truth = tifffile.imread(p + "-truth.tif").astype(np.float64)
        mean = tifffile.imread(p + "-deconvolved.tif").astype(np.float64)
        std = tifffile.imread(p + "-deconvolved-std.tif").astype(np.float64)
        lo, hi = np.percentile(truth, (0.5, 99.8))
        tiles = [y, richardson_lucy(y, truth), mean, std, truth]
        ranges = [np.percentile(img, (0.5, 99.8)) if k in (0, 3) else (lo, hi) for k, img in enumerate(tiles)]
        rows.append(np.concatenate([tile(img, a, b, 192, 2) for img, (a, b) in zip(tiles, ranges)], 1))
    Image.fromarray(np.concatenate(rows, 0)).save(path)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--jar", default="target/diffusionj-app.jar")
    p.add_argument("--out", required=True)
    p.add_argument("--count", type=int, default=30, help="in-family test images per photon level")
    p.add_argument("--membranes", type=int, default=5, help="held-out-family test images per photon level")
    p.add_argument("--figure", default=None, help="also draw input | RL | mean | std | truth into this PNG")
    p.add_argument("--photons", default="2,10,50", help="the photon levels of the test set")
    p.add_argument("--model", default=None, help="Deconvolve with this prior (a name in models/ or a folder)")
    p.add_argument("--table-only", action="store_true", help="print and draw from OUT/table.json of an earlier run")
    p.add_argument("--restore", action="append", default=[], metavar="TAG=MODEL",
                   help="also restore the images with Restore Image... and this model; compare with -denoised")
    p.add_argument("--restore-photons", default="2,10,50", help="the photon levels --restore runs on")
    a = p.parse_args()
    if a.figure and "10" not in a.photons.split(","):
        p.error("--figure draws images at 10 photons: --photons must include 10")
    if a.table_only:
        with open(os.path.join(a.out, "table.json")) as f:
            table = json.load(f)
    else:
        rows = test_set(a.out, a.count, a.membranes, [int(v) for v in a.photons.split(",")])
        start = time.time()
        seconds = deconvolve(a.jar, a.out, rows, a.model)
        print(f"deconvolved {len(rows)} images in {time.time() - start:.0f} s", flush=True)
        table = measure(a.out, rows, seconds)
        with open(os.path.join(a.out, "table.json"), "w") as f:
            json.dump(table, f, indent=1)
    if a.restore:
        tags, levels = [], [int(v) for v in a.restore_photons.split(",")]
        chosen = [t for t in table if t["photons"] in levels]
        for spec in a.restore:
            tag, model = spec.split("=", 1)
            restore(a.jar, a.out, chosen, model, tag)
            tags.append(tag)
        denoising(a.out, chosen, tags)
        with open(os.path.join(a.out, "table.json"), "w") as f:
            json.dump(table, f, indent=1)
        print("against the truth seen through the PSF (PSNR): set, photons, best Gaussian, Deconvolve -denoised, " +
              ", ".join(tags))
        for kind in ("in-family", "membranes", "cell"):
            for photons in (2, 10, 50):
                sel = [t for t in chosen if t["kind"] == kind and t["photons"] == photons]
                if sel:
                    print(f"{kind:10} {photons:3d}  " + "  ".join(f"{np.mean([t[k] for t in sel]):6.2f}" for k in
                          ["gaussian_seen_psnr", "denoised_psnr"] + [g + "_psnr" for g in tags]))
    if a.figure:
        figure(a.out, table, a.figure)
    keys = ("input", "gaussian", "wiener", "rl", "deconvolve")
    print("set        photons  n  " + "  ".join(f"{k:>16}" for k in keys) + "  coverage  corr  s/image")
    for kind in ("in-family", "membranes", "cell"):
        for photons in (2, 10, 50):
            sel = [t for t in table if t["kind"] == kind and t["photons"] == photons]
            if not sel:
                continue
            cells = "  ".join(f"{np.mean([t[k + '_psnr'] for t in sel]):6.2f} / {np.mean([t[k + '_ssim'] for t in sel]):.3f}"
                              for k in keys)
            secs = [t["seconds"] for t in sel if t["seconds"] is not None]
            print(f"{kind:10} {photons:7d} {len(sel):2d}  {cells}  {np.mean([t['coverage'] for t in sel]):8.3f}  "
                  f"{np.mean([t['std_error_corr'] for t in sel]):4.2f}  {np.mean(secs) if secs else float('nan'):7.1f}")


if __name__ == "__main__":
    main()
