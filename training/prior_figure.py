"""docs/fluo-prior-sdedit-inpaint.png: the shipped fluorescence prior with Noise and Denoise and Inpaint Selection.

A clean in-family specimen that no model was trained on (of the evaluation's ten 10-photon objects, specimens.py
with the two-number seeds 9100010, i, the one whose mean is the largest share of its peak), scaled to [0, 1]; the
app jar runs the two macro lines of docs/models.md on it.
Panels: the specimen | Noise and Denoise at strength 0.3 | the 40 x 40 hole | Inpaint Selection's fill.

  /usr/bin/python3 training/prior_figure.py --jar target/diffusionj-app.jar --out /tmp/prior-figure \
      --figure docs/fluo-prior-sdedit-inpaint.png
"""
import argparse
import os

import numpy as np
import tifffile
from PIL import Image

from evaluate_deconvolution import nonempty, run_macro, tile

HOLE = (40, 40, 40, 40)  # x, y, width, height


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--jar", default="target/diffusionj-app.jar")
    p.add_argument("--out", required=True)
    p.add_argument("--figure", required=True)
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    clean = max(nonempty(9100010, 10, exclude=("membranes",)), key=lambda c: c.mean() / c.max()).astype(np.float32)
    clean /= clean.max()
    path = os.path.abspath(os.path.join(a.out, "specimen"))
    tifffile.imwrite(path + ".tif", clean)
    macro = os.path.abspath(os.path.join(a.out, "figure.ijm"))
    with open(macro, "w") as f:
        f.write(f'setBatchMode(true);\nopen("{path}.tif");\n'
                'run("Noise and Denoise...", "model=fluo-prior strength=0.3 range=image seed=1");\n'
                f'saveAs("Tiff", "{path}-sdedit.tif");\nclose("*");\nopen("{path}.tif");\n'
                f'makeRectangle({", ".join(map(str, HOLE))}); '
                'run("Inpaint Selection...", "model=fluo-prior range=image seed=1");\n'
                f'saveAs("Tiff", "{path}-inpainted.tif");\nclose("*");\n')
    run_macro(a.jar, macro)
    x, y, w, h = HOLE
    hole = clean.copy()
    hole[y:y + h, x:x + w] = 0
    panels = [clean, tifffile.imread(path + "-sdedit.tif"), hole, tifffile.imread(path + "-inpainted.tif")]
    tiles = [tile(img, 0, 1, 256, 4) for img in panels]
    Image.fromarray(np.concatenate(tiles, 1)).save(a.figure)


if __name__ == "__main__":
    main()
