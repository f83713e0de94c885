"""Restoration measured on a held-out simulated test set (training/simulate.py with a seed never trained on).

PSNR and SSIM (scikit-image, Debian's python3-skimage) against the noise-free truth, every image first mapped by
its truth's min and max to [0, 1] (data_range 1), of
  (a) the noisy input, (b) the best Gaussian filter (one sigma for the whole set, the best of a sweep),
  (c) the CARE-style regression network (train.py --pairs --regression), run here in PyTorch,
  (d) DiffusionJ: the mean of the first 1, 8 and all samples that Restore Image... kept (samples stacks written by
      macros/batch_folder.ijm with command=[Restore Image...] options=[... keep=true]),
and the uncertainty's calibration: the fraction of true pixels within mean +- 2 std (std: DiffusionJ's own
NAME-restored-std image, n - 1) and the correlation between std and the absolute error.

  /usr/bin/python3 training/evaluate_restoration.py --test data/fluo-test --care training/checkpoint/fluo-care.pt \
      --diffusion data/fluo-restored --figure docs/restoration.png --json data/restoration.json
"""
import argparse
import json
import os

import numpy as np
from scipy import ndimage


def load_pairs(folder):
    import tifffile
    names = sorted(n for n in os.listdir(os.path.join(folder, "source")) if n.endswith(".tif"))
    src = [tifffile.imread(os.path.join(folder, "source", n)).astype(np.float64) for n in names]
    tgt = [tifffile.imread(os.path.join(folder, "target", n)).astype(np.float64) for n in names]
    return names, src, tgt


def scores(truth, estimate):
    """PSNR and SSIM with the truth's own range mapped to [0, 1]."""
    from skimage.metrics import peak_signal_noise_ratio, structural_similarity
    lo, hi = truth.min(), truth.max()
    t, e = (truth - lo) / (hi - lo), (estimate - lo) / (hi - lo)
    return peak_signal_noise_ratio(t, e, data_range=1.0), structural_similarity(t, e, data_range=1.0)


def mean_scores(truths, estimates):
    s = np.array([scores(t, e) for t, e in zip(truths, estimates)])
    return float(s[:, 0].mean()), float(s[:, 1].mean())


def best_gaussian(sources, truths):
    best = None
    for sigma in np.arange(0.5, 4.01, 0.25):
        psnr, ssim = mean_scores(truths, [ndimage.gaussian_filter(s, sigma) for s in sources])
        if best is None or psnr > best[1]:
            best = (float(sigma), psnr, ssim)
    return best


def regression(ckpt, sources):
    import torch
    from data import normalize_pair, percentile_map
    from unet import ConditionalUNet
    ck = torch.load(ckpt, map_location="cpu")
    model = ConditionalUNet(**dict({"residual": "output"}, **ck["arch"])).eval()
    model.load_state_dict(ck["ema"])
    out = []
    with torch.no_grad():
        for s in sources:
            x, _ = normalize_pair(s, s)
            y = model(torch.from_numpy(x)[None, None], torch.zeros(1, dtype=torch.int64))[0, 0].numpy()
            lo, scale = percentile_map(s)  # the map back: normalize_pair's, inverted
            out.append(lo + (y.astype(np.float64) + 1) / scale)
    seconds = ck["seconds"] if "seconds" in ck else ck["log"][-1]["seconds"]  # a snapshot, or a checkpoint
    return out, {"steps": ck["step"], "seconds": round(seconds)}


def diffusion(folder, names):
    import tifffile
    samples, stds = [], []
    for n in names:
        stem = os.path.splitext(n)[0]
        samples.append(tifffile.imread(os.path.join(folder, stem + "-restored-samples.tif")).astype(np.float64))
        stds.append(tifffile.imread(os.path.join(folder, stem + "-restored-std.tif")).astype(np.float64))
    return samples, stds


def calibration(truths, means, stds):
    err = np.concatenate([np.abs(t - m).ravel() for t, m in zip(truths, means)])
    sd = np.concatenate([s.ravel() for s in stds])
    return float(np.mean(err <= 2 * sd)), float(np.corrcoef(sd, err)[0, 1])


def figure(path, rows, sources, care, means, stds, truths):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    cols = ["input", "regression (CARE-style)", "DiffusionJ mean", "DiffusionJ std", "truth"]
    fig, ax = plt.subplots(len(rows), 5, figsize=(12.5, 2.6 * len(rows)))
    for r, i in enumerate(rows):
        lo, hi = np.percentile(truths[i], (0.5, 99.9))
        for c, img in enumerate([sources[i], care[i], means[i], stds[i], truths[i]]):
            a = ax[r, c]
            if c == 3:
                a.imshow(img, cmap="magma")
            else:
                a.imshow(img, cmap="gray", vmin=lo, vmax=hi)
            a.set_xticks([]); a.set_yticks([])
            if r == 0:
                a.set_title(cols[c], fontsize=10)
    plt.tight_layout()
    plt.savefig(path, dpi=80)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--test", required=True)
    p.add_argument("--care", required=True, help="checkpoint of train.py --pairs --regression")
    p.add_argument("--diffusion", required=True, help="folder of NAME-restored-samples.tif and NAME-restored-std.tif")
    p.add_argument("--figure", default=None)
    p.add_argument("--json", default=None)
    a = p.parse_args()
    names, sources, truths = load_pairs(a.test)
    res = {"images": len(names)}
    res["input"] = mean_scores(truths, sources)
    sigma, *gs = best_gaussian(sources, truths)
    res["gaussian"] = gs + [sigma]
    care, res["care_training"] = regression(a.care, sources)
    res["regression"] = mean_scores(truths, care)
    samples, stds = diffusion(a.diffusion, names)
    k = samples[0].shape[0]
    for n in sorted({1, 8, k}):
        res[f"mean_of_{n}"] = mean_scores(truths, [s[:n].mean(axis=0) for s in samples])
    means = [s.mean(axis=0) for s in samples]
    res["coverage_2std"], res["corr_std_abs_error"] = calibration(truths, means, stds)
    rows = [
        ("noisy input", res["input"]), (f"Gaussian filter (best sigma {sigma} px)", res["gaussian"][:2]),
        ("CARE-style regression, same U-Net", res["regression"])] + [
        (f"DiffusionJ, mean of {n}", res[f"mean_of_{n}"]) for n in sorted({1, 8, k})]
    print("| estimate | PSNR (dB) | SSIM |\n|---|---|---|")
    for label, (ps, ss) in rows:
        print(f"| {label} | {ps:.2f} | {ss:.3f} |")
    print(f"coverage of mean +- 2 std ({k} samples): {100 * res['coverage_2std']:.1f} %; "
          f"corr(std, |error|) = {res['corr_std_abs_error']:.3f}")
    if a.figure:
        figure(a.figure, list(range(min(3, len(names)))), sources, care, means, stds, truths)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
