"""The residual test's figure: input | mean of 8 | residual (input - mean, what residual=true outputs) | the residual
smoothed (Gaussian, sigma 3 px: the scale where the noise averages out and structure stays, as the test's block means
see it), for a test image the test passes and crops of the real `cell` image and of a photograph it flags, from the
restorations evaluate_residual_test.py reads; the verdict applies its THRESHOLD to the app's score.

  /usr/bin/python3 training/residual_figure.py --sets /tmp/residual --out docs/residual-test.png
"""
import argparse
import csv
import os

import numpy as np
import tifffile
from PIL import Image, ImageDraw
from scipy import ndimage

from evaluate_residual_test import THRESHOLD


def panel(image, lo, hi, size=192):
    v = np.clip((image - lo) / (hi - lo), 0, 1) * 255
    return Image.fromarray(v.astype(np.uint8)).resize((size, size), Image.NEAREST)


def check(folder, name):
    with open(os.path.join(folder, "manifest.csv")) as f:
        rows = list(csv.reader(f))[1:]
    return {r[0]: r[rows[0].index("check")] for r in rows[1:]}[name]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sets", required=True)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    cases = [("test", "00020.tif"), ("ood", "cell-1.tif"), ("ood", "camera-3.tif")]
    size, pad = 192, 8
    sheet = Image.new("L", (4 * size + 5 * pad, len(cases) * (size + 28) + pad), 255)
    draw = ImageDraw.Draw(sheet)
    for row, (kind, name) in enumerate(cases):
        y = tifffile.imread(os.path.join(a.sets, kind, "source", name)).astype(np.float64)
        restored = os.path.join(a.sets, kind + "-restored")
        mean = tifffile.imread(os.path.join(restored, name[:-4] + "-restored.tif")).astype(np.float64)
        lo, hi = np.percentile(mean, [0.5, 99.8])
        r = y - mean
        bound = 3 * np.std(r)
        smooth = ndimage.gaussian_filter(r, 3)
        top = row * (size + 28) + pad
        panels = (panel(y, lo, hi), panel(mean, lo, hi), panel(r, -bound, bound), panel(smooth, -bound / 8, bound / 8))
        for col, image in enumerate(panels):
            sheet.paste(image, (pad + col * (size + pad), top))
        score = float(check(restored, name).split("score ")[1].split(" ")[0])
        verdict = "inconsistent" if score > THRESHOLD else "consistent"
        draw.text((pad, top + size + 4), f"{kind} {name}: {verdict}, score {score} (threshold {THRESHOLD})", fill=0)
    sheet.save(a.out)


if __name__ == "__main__":
    main()
