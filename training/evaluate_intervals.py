"""Calibrated intervals measured on a held-out test set: what Restore Image... wrote with a calibrated model
(NAME-restored.tif, -std, -lower, -upper, e.g. by macros/batch_folder.ijm with command=[Restore Image...]; Deconvolve
Image... with a calibrated prior: --suffix=-deconvolved) against
the truth: PSNR and SSIM of the mean (evaluate_restoration.scores), the share of true pixels inside [lower, upper]
(averaged per image, then over images, as the calibration's loss is), the same for mean +- 2 std, and the mean width
of the interval as a share of each truth's range. A folder without -std (samples=0: the posterior mean in one call)
gets PSNR and SSIM alone.

  /usr/bin/python3 training/evaluate_intervals.py --test data/fluo-test --restored data/fluo-restored
"""
import argparse
import os

import numpy as np

from evaluate_restoration import load_pairs, scores


def main():
    import tifffile
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--test", required=True)
    p.add_argument("--restored", required=True)
    p.add_argument("--suffix", default="-restored", help="what follows a name's stem in the results: -restored, "
                   "-deconvolved")
    a = p.parse_args()
    names, _, truths = load_pairs(a.test)
    if not os.path.exists(os.path.join(a.restored, os.path.splitext(names[0])[0] + a.suffix + "-std.tif")):
        r = np.array([scores(t, tifffile.imread(os.path.join(a.restored, os.path.splitext(n)[0] + a.suffix + ".tif"))
                             .astype(np.float64)) for n, t in zip(names, truths)])
        print(f"images {len(r)}: PSNR {r[:, 0].mean():.2f} dB, SSIM {r[:, 1].mean():.3f} (no std)")
        return
    rows = []
    for n, t in zip(names, truths):
        stem = os.path.join(a.restored, os.path.splitext(n)[0] + a.suffix)
        m, s, lo, hi = (tifffile.imread(stem + e + ".tif").astype(np.float64) for e in ("", "-std", "-lower", "-upper"))
        psnr, ssim = scores(t, m)
        span = t.max() - t.min()
        rows.append((psnr, ssim, np.mean((t >= lo) & (t <= hi)), np.mean(np.abs(t - m) <= 2 * s),
                     np.mean(hi - lo) / span))
    r = np.array(rows)
    print(f"images {len(rows)}: PSNR {r[:, 0].mean():.2f} dB, SSIM {r[:, 1].mean():.3f}, "
          f"coverage of [lower, upper] {100 * r[:, 2].mean():.1f} % (lowest image {100 * r[:, 2].min():.1f} %), "
          f"of mean +- 2 std {100 * r[:, 3].mean():.1f} %, mean width {100 * r[:, 4].mean():.1f} % of the truth's range")


if __name__ == "__main__":
    main()
