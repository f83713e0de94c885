"""What the image itself can show about a restoration of the star field: three checks with the camera known.

The residual test (ResidualTest.java) fits the noise's variance to the residuals, so a variance that is too large
everywhere is absorbed. Here the camera is the one residual_sets.py simulated (gain 2, read noise 3, offset 100),
so each statistic is compared with what that camera predicts, an advantage no user's check has:

  residual variance ratio  mean (y - x_k)^2 over the samples x_k, divided by the mean of the camera's variance
                           read^2 + gain (x_k - offset) (+ 1/12: kept samples are rounded to whole counts).
                           A correct posterior sample gives, in expectation, the same ratio as the truth (1).
  the same with the truth  y against the truth: the noise alone, which the ratio cannot go below in expectation.
  high-frequency power     the input's power at spatial frequencies above 0.35 a pixel over the camera's noise
                           power there (white: its mean variance). Blurred specimens carry none of their own there;
                           unblurred point sources do.

Sets as evaluate_residual_test.py reads them (training/residual_sets.py makes them), each restored into SET-restored
with the defaults and keep=true, so that the samples are there:
  java -jar target/diffusionj-app.jar -batch macros/batch_folder.ijm "input=[/tmp/residual/test/source] \
      output=[/tmp/residual/test-restored] command=[Restore Image...] options=[samples=8 keep=true]"
  /usr/bin/python3 training/star_field_limits.py --sets /tmp/residual/tune /tmp/residual/test /tmp/residual/ood
"""
import argparse
import json
import os

import numpy as np
import tifffile

GAIN, READ, OFFSET = 2.0, 3.0, 100.0  # residual_sets.py's camera (simulate.py's defaults)


def camera_variance(x):
    return READ ** 2 + GAIN * np.maximum(x - OFFSET, 0) + 1 / 12


def statistics(y, samples, truth):
    residual = np.mean((y[None] - samples) ** 2) / np.mean(camera_variance(samples))
    noise = np.mean((y - truth) ** 2) / np.mean(camera_variance(truth))
    f = np.hypot(*np.meshgrid(np.fft.fftfreq(y.shape[0]), np.fft.fftfreq(y.shape[1]), indexing="ij"))
    power = np.abs(np.fft.fft2(y - y.mean())) ** 2 / y.size
    high = np.mean(power[f > 0.35]) / np.mean(camera_variance(y))
    return residual, noise, high


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sets", nargs="+", required=True,
                   help="set folders with source/ and target/, each beside its SET-restored/ (kept samples)")
    a = p.parse_args()
    print("set / kind, n: residual variance ratio | with the truth | high-frequency power (min - max)")
    for folder in a.sets:
        kinds_file = os.path.join(folder, "kinds.json")
        kinds = json.load(open(kinds_file)) if os.path.exists(kinds_file) else {}
        groups = {}
        for name in sorted(os.listdir(os.path.join(folder, "source"))):
            read = lambda *parts: tifffile.imread(os.path.join(*parts)).astype(np.float64)
            samples = read(folder.rstrip("/") + "-restored", name[:-4] + "-restored-samples.tif")
            stats = statistics(read(folder, "source", name), samples, read(folder, "target", name))
            groups.setdefault(kinds.get(name, os.path.basename(folder.rstrip("/"))), []).append(stats)
        for kind, rows in groups.items():
            rows = np.array(rows)
            print(f"{kind:12s} {len(rows):3d}: " + " | ".join(f"{c.min():.3f} - {c.max():.3f}" for c in rows.T))


if __name__ == "__main__":
    main()
