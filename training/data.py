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


FOLDER_PERCENTILES = (0.1, 99.9)


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
            lo, hi = np.percentile(img, FOLDER_PERCENTILES)
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


RESTORE_PERCENTILES = (1.0, 99.8)


def percentile_map(image, percentiles=RESTORE_PERCENTILES):
    """(lo, scale) of x = (v - lo) * scale - 1, which sends the image's percentiles to -1 and +1; v = lo + (x + 1) / scale
    maps back."""
    lo, hi = np.percentile(image, percentiles)
    return lo, 2.0 / max(hi - lo, 1e-6)


def normalize_pair(source, target, percentiles=RESTORE_PERCENTILES):
    """Maps a pair to model units by the *source's* percentiles (CARE's normalisation; the Java commands'
    range=percentile does the same to the condition): x = 2 (v - p_lo) / (p_hi - p_lo) - 1. The target
    shares the source's map, so a restored image maps back to the camera's own units."""
    lo, scale = percentile_map(source, percentiles)
    return ((source - lo) * scale - 1).astype(np.float32), ((target - lo) * scale - 1).astype(np.float32)


def pairs_folder(root, percentiles=RESTORE_PERCENTILES):
    """CARE's layout: root/source and root/target hold same-named images of the same size.

    Returns (sources, targets, names): float32 (N, 1, H, W) arrays in model units (normalize_pair), all
    images of one size; any name missing on one side, or a size mismatch, is refused with its name.
    """
    import tifffile  # Debian python3-tifffile: reads 16-bit and float TIFFs as they are
    src_dir, tgt_dir = os.path.join(root, "source"), os.path.join(root, "target")
    for d in (src_dir, tgt_dir):
        if not os.path.isdir(d):
            raise ValueError(f"{root} has no {os.path.basename(d)}/ folder (pairs need source/ and target/)")
    names = sorted(n for n in os.listdir(src_dir) if n.lower().endswith((".tif", ".tiff")))
    if not names:
        raise ValueError(f"no TIFF images in {src_dir}")
    xs, ys = [], []
    for name in names:
        tpath = os.path.join(tgt_dir, name)
        if not os.path.exists(tpath):
            raise ValueError(f"{name} is in source/ but not in target/")
        s = tifffile.imread(os.path.join(src_dir, name)).astype(np.float64)
        t = tifffile.imread(tpath).astype(np.float64)
        if s.shape != t.shape or s.ndim != 2:
            raise ValueError(f"{name}: source {s.shape} and target {t.shape} must be one 2-D image of one size")
        s, t = normalize_pair(s, t, percentiles)
        xs.append(s)
        ys.append(t)
    if len({x.shape for x in xs}) != 1:
        raise ValueError("all pairs must have one size (crop or tile them first)")
    return np.stack(xs)[:, None], np.stack(ys)[:, None], names
