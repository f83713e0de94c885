"""Training data: the real Fashion-MNIST (Debian's dataset-fashion-mnist) or a folder of images.

Every loader returns (images, labels, class_names): images float32 (N, 1, S, S) in [-1, 1],
labels int64 (N,) or None for an unconditional set.
"""
import gzip
import os

import numpy as np

FASHION_DIR = "/usr/share/datasets/fashion-mnist"
FASHION_CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                   "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]


def _read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def fashion_mnist(split="train", size=32, root=FASHION_DIR):
    """Fashion-MNIST split, zero-padded from 28x28 to size x size (padding is background, -1)."""
    prefix = "train" if split == "train" else "t10k"
    images = _read_idx(os.path.join(root, f"{prefix}-images-idx3-ubyte.gz"))
    labels = _read_idx(os.path.join(root, f"{prefix}-labels-idx1-ubyte.gz")).astype(np.int64)
    pad = (size - images.shape[1]) // 2
    images = np.pad(images, ((0, 0), (pad, size - 28 - pad), (pad, size - 28 - pad)))
    x = images.astype(np.float32)[:, None] / 127.5 - 1.0
    return x, labels, list(FASHION_CLASSES)


def image_folder(root, size, channel=0, crops_per_image=64, seed=0):
    """Random size x size crops from every TIFF/PNG/JPEG under root (grey, or one channel).

    With sub-folders, each sub-folder name is a class; images directly under root make
    the set unconditional. Each image is mapped to [-1, 1] by its own 0.1/99.9 percentiles.
    """
    from PIL import Image  # Debian python3-pil; only needed for folders
    rng = np.random.default_rng(seed)
    subdirs = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
    sources = [(os.path.join(root, d), i) for i, d in enumerate(subdirs)] or [(root, None)]
    xs, ys = [], []
    for folder, label in sources:
        for name in sorted(os.listdir(folder)):
            if not name.lower().endswith((".tif", ".tiff", ".png", ".jpg", ".jpeg")):
                continue
            img = np.asarray(Image.open(os.path.join(folder, name)), dtype=np.float32)
            if img.ndim == 3:
                img = img[..., channel]
            if img.shape[0] < size or img.shape[1] < size:
                raise ValueError(f"{name} is {img.shape[1]}x{img.shape[0]}, smaller than the crop size {size}")
            lo, hi = np.percentile(img, [0.1, 99.9])
            img = np.clip(2 * (img - lo) / max(hi - lo, 1e-6) - 1, -1, 1)
            for _ in range(crops_per_image):
                r = rng.integers(0, img.shape[0] - size + 1)
                c = rng.integers(0, img.shape[1] - size + 1)
                xs.append(img[r:r + size, c:c + size])
                ys.append(label)
    if not xs:
        raise ValueError(f"no TIFF/PNG/JPEG images under {root}")
    labels = None if sources[0][1] is None else np.asarray(ys, dtype=np.int64)
    return np.stack(xs)[:, None].astype(np.float32), labels, subdirs
