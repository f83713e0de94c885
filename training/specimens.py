"""Clean fluorescence specimens from a deliberately broad, randomised generator (domain randomisation).

The prior behind Deconvolve Image... must know fluorescence, not one simulator: each specimen is a random mix
of structure families at random scales and brightnesses, *before* any optics (no blur, no noise), at the
simulator's sampling. The families:
  filaments  thin and thick curves, straight to tightly curved (microtubules, actin bundles)
  mesh       a dense network of short straight segments (cortical actin, ER)
  puncta     points from sub-resolution (one pixel) to large spots (vesicles, single molecules)
  blobs      irregular bright patches and hollow rings (organelles, vesicle membranes)
  membranes  closed cell outlines: the edges of a jittered Voronoi tiling (epithelia)
  nuclei     large filled ellipses with a smooth texture and a soft edge
  gradient   smooth, low-frequency cytoplasm-like intensity
A specimen draws 1-4 families (sparse fields are the draws with one family of few objects), adds a dim
gradient half of the time, and is scaled so that its brightest pixel is a log-uniform brightness in
[0.25, 1]: values lie in [0, 1], which the prior maps to [-1, 1].

`exclude` leaves whole families out, so a prior can be measured on a family it never saw. Specimens come
from their seeds alone; training sets and test sets use different base seeds (see simulate.image_seed).
"""
import numpy as np
from scipy import ndimage

from simulate import splat

FAMILIES = ("filaments", "mesh", "puncta", "blobs", "membranes", "nuclei", "gradient")


def curve(rng, size, n, step, curl):
    """A persistent random walk: n points `step` px apart whose turning rate drifts with strength `curl`."""
    turn = rng.normal(0, curl) + np.cumsum(rng.normal(0, curl * 0.3, n))
    angle = rng.uniform(0, 2 * np.pi) + np.cumsum(turn * step)
    ys = rng.uniform(-0.1, 1.1) * size + np.cumsum(step * np.sin(angle))
    xs = rng.uniform(-0.1, 1.1) * size + np.cumsum(step * np.cos(angle))
    return ys, xs


def filaments(rng, size):
    canvas = np.zeros((size, size))
    for _ in range(rng.integers(1, 12)):
        width = rng.choice([0.0, 0.0, 0.7, 1.5, 2.5])  # most sub-resolution, some bundles
        n = int(rng.uniform(0.3, 2.0) * size / 0.25)
        ys, xs = curve(rng, size, n, 0.25, 10 ** rng.uniform(-3, -1))
        layer = np.zeros((size, size))
        splat(layer, ys, xs, np.full(n, 0.25))
        if width > 0:
            layer = ndimage.gaussian_filter(layer, width / 2) * width
        canvas += layer * rng.uniform(0.3, 1.0)
    return canvas


def mesh(rng, size):
    canvas = np.zeros((size, size))
    for _ in range(rng.integers(20, 80)):
        length = rng.uniform(3, 15)
        n = int(length / 0.25)
        angle = rng.uniform(0, np.pi)
        t = np.arange(n) * 0.25
        y0, x0 = rng.uniform(0, size, 2)
        splat(canvas, y0 + t * np.sin(angle), x0 + t * np.cos(angle), np.full(n, 0.25 * rng.uniform(0.3, 1.0)))
    return canvas


def puncta(rng, size):
    canvas = np.zeros((size, size))
    for sigma in (0.0, 0.7, 1.5, 3.0):
        if rng.random() < 0.4:
            continue
        n = rng.integers(1, int(size * size / 200 / max(sigma, 0.5) ** 2) + 2)
        layer = np.zeros((size, size))
        splat(layer, rng.uniform(0, size, n), rng.uniform(0, size, n), rng.uniform(0.2, 1.0, n))
        if sigma > 0:
            layer = ndimage.gaussian_filter(layer, sigma) * (2 * np.pi * sigma ** 2)
        canvas += layer
    return canvas


def blobs(rng, size):
    y, x = np.mgrid[0:size, 0:size].astype(np.float64)
    canvas = np.zeros((size, size))
    for _ in range(rng.integers(1, 8)):
        cy, cx = rng.uniform(0, size, 2)
        r = rng.uniform(2, 10)
        d = np.hypot(y - cy, x - cx) / r
        shape = 1 + 0.3 * ndimage.gaussian_filter(rng.normal(0, 1, (size, size)), 2) * 4
        if rng.random() < 0.5:  # a hollow ring: vesicle or organelle membrane
            prof = np.exp(-((d * np.clip(shape, 0.5, None) - 1) * r) ** 2 / (2 * rng.uniform(0.4, 1.2) ** 2))
        else:
            prof = 1 / (1 + np.exp((d * np.clip(shape, 0.5, None) - 1) * r / rng.uniform(0.5, 2)))
        canvas += prof * rng.uniform(0.3, 1.0)
    return canvas


def membranes(rng, size):
    """Edges of a Voronoi tiling of jittered seed points, drawn as thin lines of varying brightness."""
    cells = rng.integers(3, 16)
    pts = rng.uniform(-0.2, 1.2, (cells, 2)) * size
    y, x = np.mgrid[0:size, 0:size].astype(np.float64)
    warp = 3 * ndimage.gaussian_filter(rng.normal(0, 1, (2, size, size)), (0, 6, 6)) * 6
    d = np.hypot((y + warp[0])[..., None] - pts[:, 0], (x + warp[1])[..., None] - pts[:, 1])
    d.sort(axis=2)
    gap = d[..., 1] - d[..., 0]  # zero on a boundary between two cells
    width = rng.uniform(0.5, 1.5)
    canvas = np.exp(-gap ** 2 / (2 * width ** 2))
    return canvas * np.clip(1 + 0.5 * ndimage.gaussian_filter(rng.normal(0, 1, (size, size)), 4) * 4, 0.2, None)


def nuclei(rng, size):
    canvas = np.zeros((size, size))
    y, x = np.mgrid[0:size, 0:size].astype(np.float64)
    for _ in range(rng.integers(1, 4)):
        cy, cx = rng.uniform(0, size, 2)
        a, b = rng.uniform(0.1, 0.35, 2) * size
        th = rng.uniform(0, np.pi)
        u = ((x - cx) * np.cos(th) + (y - cy) * np.sin(th)) / a
        v = (-(x - cx) * np.sin(th) + (y - cy) * np.cos(th)) / b
        inside = ndimage.gaussian_filter((u * u + v * v <= 1).astype(np.float64), rng.uniform(0.5, 2))
        texture = 1 + rng.uniform(0.1, 0.6) * ndimage.gaussian_filter(rng.normal(0, 1, (size, size)),
                                                                     rng.uniform(1, 4)) * 3
        canvas += inside * rng.uniform(0.3, 1.0) * np.clip(texture, 0.1, None)
    return canvas


def gradient(rng, size):
    field = ndimage.gaussian_filter(rng.normal(0, 1, (size, size)), rng.uniform(6, 20), mode="wrap")
    field = (field - field.min()) / (np.ptp(field) + 1e-12)
    return 0.2 + 0.8 * field


DRAW = dict(filaments=filaments, mesh=mesh, puncta=puncta, blobs=blobs, membranes=membranes, nuclei=nuclei,
            gradient=gradient)


def specimen(seed, size=96, exclude=(), families=None):
    """One clean specimen in [0, 1] (float32, size x size) from its seed, and the families it holds."""
    rng = np.random.default_rng(seed)
    allowed = [f for f in FAMILIES if f not in exclude and f != "gradient"]
    if families is None:
        k = int(rng.integers(1, 5))
        families = list(rng.choice(allowed, size=min(k, len(allowed)), replace=False))
    canvas = np.zeros((size, size))
    for f in families:
        layer = DRAW[f](rng, size)
        peak = layer.max()
        if peak > 0:
            canvas += layer / peak * rng.uniform(0.3, 1.0)
    if "gradient" not in exclude and rng.random() < 0.5:
        canvas += gradient(rng, size) * rng.uniform(0.02, 0.3)
        families = list(families) + ["gradient"]
    peak = canvas.max()
    brightness = np.exp(rng.uniform(np.log(0.25), 0))
    return (canvas / peak * brightness).astype(np.float32) if peak > 0 else canvas.astype(np.float32), families


def bank(base_seed, count, size=96, exclude=()):
    """`count` specimens (count, 1, size, size) in model units [-1, 1], from seeds (base_seed, i)."""
    out = np.empty((count, 1, size, size), np.float32)
    for i in range(count):
        out[i, 0] = specimen([int(base_seed), i], size, exclude)[0] * 2 - 1
    return out
