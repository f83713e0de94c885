"""Fréchet distance of generated images to the Fashion-MNIST test set, in the classifier's features.

  /usr/bin/python3 training/evaluate.py --samples gen_ddim50.tif gen_ddim20.tif
  /usr/bin/python3 training/evaluate.py --floor            # real train images vs test: the best possible
                                                           # (also class-balanced, as the samples are, 5 draws)
  /usr/bin/python3 training/evaluate.py --floor --floor-sizes 200 1000 10000

Samples are TIFF stacks written by the Java plugin (training/generate_for_fd.ijm), 8-bit 32x32.
"""
import argparse

import numpy as np
import torch
from scipy import linalg

from classifier import Classifier
from data import fashion_mnist


def load_tiff_stack(path):
    from PIL import Image, ImageSequence
    frames = [np.asarray(f, dtype=np.float32) for f in ImageSequence.Iterator(Image.open(path))]
    return (np.stack(frames)[:, None] / 127.5 - 1.0).astype(np.float32)


def features(model, x, batch=500):
    out = []
    with torch.no_grad():
        for i in range(0, len(x), batch):
            out.append(model.features(torch.from_numpy(x[i:i + batch])).numpy())
    return np.concatenate(out).astype(np.float64)


def frechet(f1, f2):
    """||mu1 - mu2||^2 + Tr(S1 + S2 - 2 (S1 S2)^(1/2)) (Heusel et al. 2017)."""
    mu1, mu2 = f1.mean(0), f2.mean(0)
    s1, s2 = np.cov(f1, rowvar=False), np.cov(f2, rowvar=False)
    covmean, _ = linalg.sqrtm(s1 @ s2, disp=False)
    return float(((mu1 - mu2) ** 2).sum() + np.trace(s1 + s2 - 2 * covmean.real))


def classifier_and_test_features(path="training/fd_classifier.pt"):
    """The FD feature network, and its features of the 10 000 test images (what every FD here compares with)."""
    torch.set_num_threads(2)
    model = Classifier()
    model.load_state_dict(torch.load(path))
    model.eval()
    return model, features(model, fashion_mnist("test")[0])


def balanced(labels, n, seed):
    """Indices of n images, n / 10 of each class, drawn without replacement."""
    rng = np.random.default_rng(seed)
    return np.concatenate([rng.choice(np.flatnonzero(labels == c), n // 10, replace=False) for c in range(10)])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--classifier", default="training/fd_classifier.pt")
    p.add_argument("--samples", nargs="*", default=[])
    p.add_argument("--floor", action="store_true")
    p.add_argument("--floor-sizes", type=int, nargs="*", default=[1000],
                   help="how many real train images the floor uses (FD of small sets is biased upwards)")
    p.add_argument("--floor-draws", type=int, default=5,
                   help="class-balanced real sets the floor also scores, for the spread of FD at that size")
    args = p.parse_args()
    if args.floor_draws < 0:
        p.error(f"--floor-draws {args.floor_draws}: it must be 0 (none) or more")
    model, test_f = classifier_and_test_features(args.classifier)
    if args.floor:
        x, labels, _ = fashion_mnist("train")
        for n in args.floor_sizes:
            idx = np.random.default_rng(0).choice(len(x), n, replace=False)
            print(f"floor ({n} real train images vs test): FD {frechet(features(model, x[idx]), test_f):.2f}")
            # generate_for_fd.ijm makes n / 10 images of each class: real sets drawn the same way, several times
            fds = [frechet(features(model, x[balanced(labels, n, seed)]), test_f) for seed in range(args.floor_draws)]
            if len(fds) == 1:  # one draw has no spread (np.std with ddof=1 would print nan)
                print(f"floor ({n} real train images, {n // 10} a class, 1 draw): FD {fds[0]:.2f}")
            elif fds:
                print(f"floor ({n} real train images, {n // 10} a class, {len(fds)} draws): FD mean "
                      f"{np.mean(fds):.2f}, std {np.std(fds, ddof=1):.2f}, range {min(fds):.2f} to {max(fds):.2f}")
    for path in args.samples:
        g = load_tiff_stack(path)
        print(f"{path}: {len(g)} images, FD {frechet(features(model, g), test_f):.2f}", flush=True)


if __name__ == "__main__":
    main()
