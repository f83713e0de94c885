"""Restore Image...'s residual test measured: its threshold set on the tune set, its false alarms on the README test
set, its hits on images unlike the training data (training/residual_sets.py makes the three sets).

Each set is restored by the app with the defaults (8 samples), into SET-restored, e.g.
  java -jar target/diffusionj-app.jar -batch macros/batch_folder.ijm "input=[/tmp/residual/tune/source] \
      output=[/tmp/residual/tune-restored] command=[Restore Image...] options=[samples=8]"
The scores are the app's own, read from the manifest's `check` column; for images of one tile the verdicts here apply
THRESHOLD to them, as the app does (so a threshold can be tried without restoring again); images of several tiles
keep the manifest's verdict (a quarter of the tiles over the threshold of that run). Also reported, against the truth: PSNR of
the mean, the best Gaussian filter's PSNR (its best sigma per image: an upper bound), and the coverage of mean +- 2
std, so that a hit can be told from a false alarm.

  /usr/bin/python3 training/evaluate_residual_test.py --sets /tmp/residual
"""
import argparse
import csv
import json
import os
import re

import numpy as np
import tifffile
from scipy import ndimage

THRESHOLD = 5.0  # ResidualTest.THRESHOLD


def psnr(truth, estimate):
    lo, hi = truth.min(), truth.max()
    return 10 * np.log10((hi - lo) ** 2 / np.mean((estimate - truth) ** 2))


def manifest_checks(folder):
    """{input name: the check column} of a batch folder run's manifest."""
    with open(os.path.join(folder, "manifest.csv")) as f:
        rows = list(csv.reader(f))[1:]
    header = rows[0]
    return {r[0]: r[header.index("check")] for r in rows[1:]}


def measure(sets, name):
    folder, restored = os.path.join(sets, name), os.path.join(sets, name + "-restored")
    checks = manifest_checks(restored)
    rows = []
    for n in sorted(checks):
        stem = n[:-4]
        y = tifffile.imread(os.path.join(folder, "source", n)).astype(np.float64)
        t = tifffile.imread(os.path.join(folder, "target", n)).astype(np.float64)
        mean = tifffile.imread(os.path.join(restored, stem + "-restored.tif")).astype(np.float64)
        std = tifffile.imread(os.path.join(restored, stem + "-restored-std.tif")).astype(np.float64)
        found = re.search(r"score ([0-9.]+|Infinity) at ([0-9]+) px", checks[n])
        rows.append(dict(name=n, score=float(found.group(1)), scale=int(found.group(2)), psnr=psnr(t, mean),
                         gaussian=max(psnr(t, ndimage.gaussian_filter(y, g)) for g in np.arange(0.5, 3.01, 0.25)),
                         coverage=float(np.mean(np.abs(t - mean) <= 2 * std)),
                         verdict=(checks[n].split(" (")[0].replace("residual test: ", "") if " tiles over" in checks[n]
                                  else "inconsistent" if float(found.group(1)) > THRESHOLD else "consistent"),
                         tiles=(re.search(r"[0-9]+ of [0-9]+ tiles", checks[n]) or [""])[0]))
    return rows


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sets", required=True)
    p.add_argument("--json", default=None)
    a = p.parse_args()
    result = {}
    for name in ("tune", "test", "ood", "large"):
        if not os.path.exists(os.path.join(a.sets, name + "-restored")):
            continue
        rows = measure(a.sets, name)
        result[name] = rows
        scores = np.array([r["score"] for r in rows])
        print(f"{name}: {sum(r['verdict'] == 'inconsistent' for r in rows)} of {len(rows)} inconsistent; scores median "
              f"{np.median(scores):.1f}, max {scores.max():.1f}; PSNR - best Gaussian "
              f"{np.mean([r['psnr'] - r['gaussian'] for r in rows]):+.2f} dB, coverage of mean +- 2 std "
              f"{100 * np.mean([r['coverage'] for r in rows]):.1f} %")
        for r in rows:
            if name in ("ood", "large") or r["score"] > THRESHOLD - 1:
                print(f"  {r['name']:16s} {r['verdict']:12s} score {r['score']:5.1f} at {r['scale']:2d} px  PSNR "
                      f"{r['psnr']:5.2f} (Gaussian {r['gaussian']:5.2f})  coverage {100 * r['coverage']:.0f} %  {r['tiles']}")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
