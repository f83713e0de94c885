"""README's tables of how close each sampler gets in few model calls on the exact denoisers (no network error):

  /usr/bin/python3 src/test/python/solver_table.py

x0 ~ N(0.3, 0.2^2) per pixel: the std of the samples (truth 0.200); x0 ~ 0.3 N(-0.5, 0.1^2) + 0.7 N(0.5, 0.1^2): the
weight of the low mode (truth 0.300) and the std of the high mode (truth 0.100). numpy of the diffusers classes
(schedulers_np.py), 524 288 samples from N(0, 1) each, seed 0. The exact probability-flow ODE keeps every figure.
"""
import numpy as np

import schedulers_np as s

SAMPLERS = [("DDIM", "ddim"), ("DDPM", "ddpm"), ("DPM++2M", "dpm"), ("DPM++2M-t0", "dpm_t0"),
            ("DPM++2M-Karras", "dpm_karras"), ("DPM++2M-Exp", "dpm_exp"), ("DPM++2M-SDE", "dpm_sde"),
            ("DPM++3M", "dpm3"), ("DPM++3M-SDE", "dpm3_sde"), ("UniPC", "unipc"), ("UniPC-Exp", "unipc_exp")]
CALLS = (10, 20, 50)
N = 524_288
W1, M1, M2, SM = 0.3, -0.5, 0.5, 0.1


def mixture_eps(x, t):
    a = s.AB[t]
    vt = a * SM * SM + 1 - a
    d1, d2 = x - np.sqrt(a) * M1, x - np.sqrt(a) * M2
    r1 = 1 / (1 + np.exp(-((d2 ** 2 - d1 ** 2) / vt * 0.5 + np.log(W1 / (1 - W1)))))
    return np.sqrt(1 - a) * (r1 * d1 + (1 - r1) * d2) / vt


def sample(cls, calls, eps_of):
    rng = np.random.default_rng(0)
    return s.run(cls, calls, eps_of, rng.standard_normal((1, N)), {"clip_sample": False}, 0.0, rng)[0]


def main():
    gauss = s.gaussian_eps(0.3, 0.04)
    print("| sampler | " + " | ".join(f"{c} calls" for c in CALLS) + " |")
    print("|---|" + "---|" * len(CALLS))
    for label, cls in SAMPLERS:
        cells = []
        for c in CALLS:
            std = sample(cls, c, gauss).std()
            cells.append(f"{std:.3f} ({100 * (std - 0.2) / 0.2:+.0f} %)")
        print(f"| {label} | " + " | ".join(cells) + " |", flush=True)
    print()
    print("| sampler | " + " | ".join(f"{c} calls" for c in CALLS) + " |")
    print("|---|" + "---|" * len(CALLS))
    for label, cls in SAMPLERS:
        cells = []
        for c in CALLS:
            x = sample(cls, c, mixture_eps)
            cells.append(f"{np.mean(x < 0):.3f} / {x[x >= 0].std():.3f}")
        print(f"| {label} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
