"""The pinned values of NoiseAndSeedsPinnedTest, computed from the algorithms' published definitions, not from
DiffusionJ's Java: a seed's first N(0, 1) draws (SplitMix64 stream seeding, java.util.SplittableRandom's nextDouble,
Marsaglia's polar method) and a batch file's seed (FNV-1a of its path, xor the run's seed, SplitMix64).

  /usr/bin/python3 src/test/python/pinned_noise.py
"""
import math

M = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15


def mix64(z):
    """SplitMix64's finaliser (Steele, Lea, Flood 2014), as java.util.SplittableRandom.mix64."""
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    return z ^ (z >> 31)


class SplittableRandom:
    """java.util.SplittableRandom(seed): nextLong = mix64(seed += GOLDEN_GAMMA); nextDouble = (nextLong >>> 11) 2^-53."""

    def __init__(self, seed):
        self.seed = seed & M

    def next_double(self):
        self.seed = (self.seed + GOLDEN) & M
        return (mix64(self.seed) >> 11) * 2.0 ** -53


def draws(seed, image, n):
    """A run's noise stream for one image: SplittableRandom(mix64(seed * golden + image + 0x632BE59BD9B4E019)), then
    Marsaglia's polar method, u's draw first, v's as the spare."""
    rng = SplittableRandom(mix64((seed * GOLDEN + image + 0x632BE59BD9B4E019) & M))
    out = []
    while len(out) < n:
        while True:
            u = 2 * rng.next_double() - 1
            v = 2 * rng.next_double() - 1
            s = u * u + v * v
            if 0 < s < 1:
                break
        f = math.sqrt(-2 * math.log(s) / s)
        out += [u * f, v * f]
    return out[:n]


def file_seed(seed, path):
    """A batch file's seed: SplitMix64 of the run's seed xor the FNV-1a (64-bit) hash of its path, as a long >= 0."""
    h = 0xCBF29CE484222325
    for b in path.replace("\\", "/").encode("utf-8"):
        h = ((h ^ b) * 0x100000001B3) & M
    return mix64((seed & M) ^ h) & ((1 << 63) - 1)


if __name__ == "__main__":
    print("seed 42 image 0:", [repr(x) for x in draws(42, 0, 6)])
    print("seed 7 image 3:", [repr(x) for x in draws(7, 3, 4)])
    print("file seed 42 a.tif:", file_seed(42, "a.tif"))
    print("file seed 5 sub/cell 01.tif:", file_seed(5, "sub/cell 01.tif"))
