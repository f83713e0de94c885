"""Reference numbers for DeconvolutionCoreTest, from numpy/scipy (not from DiffusionJ's Java): scipy's Bessel J1,
the PSFs as training/simulate.py draws them (the Airy pattern with scipy's J1, 4 x 4 supersampled; a Gaussian out to
4 sigma), and the linear-Gaussian posterior on a periodic grid written from the Wiener filter: for y = k * x + n,
n ~ N(0, s2), x ~ N(z, r2): mean = ifft2((conj(K) Y / s2 + Z / r2) / (|K|^2 / s2 + 1 / r2)), pixel variance =
mean over frequencies of 1 / (|K|^2 / s2 + 1 / r2); checked here against the dense matrix formula on a small grid.

  /usr/bin/python3 src/test/python/deconvolution_reference.py
"""
import json
import os
import sys

import numpy as np
from scipy import special

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "training"))
from simulate import airy_kernel  # noqa: E402


def gaussian_kernel(sigma):
    half = int(np.ceil(4 * sigma))
    y, x = np.mgrid[-half:half + 1, -half:half + 1]
    k = np.exp(-(x * x + y * y) / (2 * sigma * sigma))
    return k / k.sum()


def otf(kernel, h, w):
    pad = np.zeros((h, w))
    half = kernel.shape[0] // 2
    for dy in range(kernel.shape[0]):
        for dx in range(kernel.shape[1]):
            pad[(dy - half) % h, (dx - half) % w] += kernel[dy, dx]
    return np.fft.fft2(pad)


def posterior(kernel, y, z, s2, r2):
    K = otf(kernel, *y.shape)
    P = np.abs(K) ** 2 / s2 + 1 / r2
    mean = np.real(np.fft.ifft2((np.conj(K) * np.fft.fft2(y) / s2 + np.fft.fft2(z) / r2) / P))
    return mean, float(np.mean(1 / P)), K


def dense_check(kernel, y, z, s2, r2):
    """The same posterior from the dense matrices: A x = circular convolution; Sigma = (A^T A / s2 + I / r2)^-1."""
    h, w = y.shape
    n = h * w
    A = np.zeros((n, n))
    for i in range(n):
        e = np.zeros(n); e[i] = 1
        A[:, i] = np.real(np.fft.ifft2(otf(kernel, h, w) * np.fft.fft2(e.reshape(h, w)))).ravel()
    S = np.linalg.inv(A.T @ A / s2 + np.eye(n) / r2)
    m = S @ (A.T @ y.ravel() / s2 + z.ravel() / r2)
    return m.reshape(h, w), float(np.mean(np.diag(S)))


def main():
    xs = [0.0, 0.5, 1.0, 2.0, 2.9, 3.0, 3.1, 4.0, 7.0, 10.0, 20.0, -1.5, -5.0]
    rng = np.random.default_rng(35)
    g = gaussian_kernel(1.3)
    y = rng.normal(0, 1, (16, 32)); z = rng.normal(0.5, 0.2, (16, 32))
    mean, var, _ = posterior(g, y, z, 0.01, 0.04)
    small_y, small_z = y[:8, :8], z[:8, :8]
    m_fft, v_fft, _ = posterior(gaussian_kernel(0.9), small_y, small_z, 0.05, 0.2)
    m_dense, v_dense = dense_check(gaussian_kernel(0.9), small_y, small_z, 0.05, 0.2)
    assert np.allclose(m_fft, m_dense, atol=1e-10) and abs(v_fft - v_dense) < 1e-10
    out = {"j1": {"x": xs, "value": [float(special.j1(x)) for x in xs]},
           "gaussian": {"sigma": 1.3, "kernel": g.ravel().tolist(), "size": g.shape[0]},
           "airy": {"wavelength": 520.0, "na": 1.2, "pixel": 100.0, "kernel": airy_kernel(520.0, 1.2, 100.0).ravel().tolist(),
                    "size": airy_kernel(520.0, 1.2, 100.0).shape[0]},
           "posterior": {"h": 16, "w": 32, "noise_var": 0.01, "rho2": 0.04, "y": y.ravel().tolist(), "z": z.ravel().tolist(),
                         "mean": mean.ravel().tolist(), "variance": var},
           "split_gibbs": split_gibbs_reference(), "deconvolve": deconvolve_reference()}
    path = os.path.join(os.path.dirname(__file__), "..", "resources", "fixtures", "deconvolution.json")
    with open(path, "w") as f:
        json.dump(out, f)
    dc = out["deconvolve"]
    print("Deconvolve: scale", dc["scale"], "sampler std / posterior std", np.sqrt(np.mean(dc["variance"]) /
                                                                           np.mean(dc["posterior_variance"])))
    sg = out["split_gibbs"]
    gap = np.abs(np.array(sg["mean"]) - np.array(sg["posterior_mean"]))
    print("posterior variance", var, "dense check passed; split Gibbs: variance", sg["variance"], "exact posterior",
          sg["posterior_variance"], "mean gap to the exact posterior: max", gap.max(), "rms", np.sqrt(np.mean(gap ** 2)))



# -- split Gibbs on the exact Gaussian prior (the `gaussian` fixture: x0 ~ N(0.3, 0.2^2) per pixel) --

MU, S = 0.3, 0.2


def alpha_bar():
    betas = np.linspace(1e-4, 0.02, 1000, dtype=np.float32)
    return np.cumprod((1 - betas).astype(np.float64)).astype(np.float32).astype(np.float64)


def ddpm_affine(ab, ts):
    """DDPM (diffusers' DDPMScheduler step, fixed_large: variance beta_t; no clipping) over the timesteps ts from x_ts[0], with the
    exact x0-hat of the Gaussian prior, x0 = MU + g (x_t - sqrt(ab) MU), g = S^2 sqrt(ab) / (ab S^2 + 1 - ab): the
    output is a x_start + b + N(0, v)."""
    a, b, v = 1.0, 0.0, 0.0
    for i, t in enumerate(ts):
        abt = ab[t]
        abp = ab[ts[i + 1]] if i + 1 < len(ts) else 1.0
        alpha = abt / abp
        beta = 1 - alpha
        g = S * S * np.sqrt(abt) / (abt * S * S + 1 - abt)
        c0 = np.sqrt(abp) * beta / (1 - abt)
        ct = np.sqrt(alpha) * (1 - abp) / (1 - abt)
        lin = c0 * g + ct
        a, b = lin * a, lin * b + c0 * (MU - g * np.sqrt(abt) * MU)
        v = lin * lin * v + (beta if t > 0 else 0.0)
    return a, b, v


def prior_timesteps(sig, rho, prior_steps, single_step_rho):
    """The prior step's DDPM timesteps at rho: t* (sigma-bar nearest rho) alone at or above single_step_rho, else up to
    prior_steps of them, evenly from t* down to 0."""
    t_star = int(np.argmin(np.abs(sig - rho)))
    n = min(1 if rho >= single_step_rho else prior_steps, t_star + 1)
    return t_star, ([t_star] if n == 1 else [int(round(t_star * (1 - i / (n - 1)))) for i in range(n)])


def split_gibbs_moments(y, kernel, s2, rhos, prior_steps, single_step_rho):
    """The exact mean image and per-pixel variance of SplitGibbs's output after its sweeps, started from x = y:
    every step is affine-Gaussian and diagonal in Fourier space, so the mean is propagated as an image and the
    covariance as a spectrum (per-pixel variance = its mean over frequencies)."""
    ab = alpha_bar()
    sig = np.sqrt((1 - ab) / ab)
    K = otf(kernel, *y.shape)
    Y = np.fft.fft2(y)
    mean, spec = y.copy(), np.zeros(y.shape)
    for rho in rhos:
        P = np.abs(K) ** 2 / s2 + 1 / rho ** 2
        mean = np.real(np.fft.ifft2((np.conj(K) * Y / s2 + np.fft.fft2(mean) / rho ** 2) / P))
        spec = spec / (rho ** 2 * P) ** 2 + 1 / P
        t_star, ts = prior_timesteps(sig, rho, prior_steps, single_step_rho)
        a, b, v = ddpm_affine(ab, ts)
        a = a * np.sqrt(ab[t_star])
        mean = a * mean + b
        spec = a * a * spec + v
    return mean, float(np.mean(spec))


def split_gibbs_reference():
    rng = np.random.default_rng(351)
    h = w = 16
    kernel = gaussian_kernel(1.0)
    s2 = 0.01
    truth = MU + S * rng.normal(size=(h, w))
    y = np.real(np.fft.ifft2(otf(kernel, h, w) * np.fft.fft2(truth))) + np.sqrt(s2) * rng.normal(size=(h, w))
    iterations, rho_max, rho_min, prior_steps, single_step_rho = 12, 0.5, 0.05, 10, 0.2
    rhos = [rho_max * (rho_min / rho_max) ** (k / (iterations - 1)) for k in range(iterations)]
    mean, var = split_gibbs_moments(y, kernel, s2, rhos, prior_steps, single_step_rho)
    exact_mean, exact_var, _ = posterior(kernel, y, np.full_like(y, MU), s2, S * S)
    return {"h": h, "w": w, "sigma": 1.0, "noise_var": s2, "iterations": iterations, "rho_max": rho_max,
            "rho_min": rho_min, "prior_steps": prior_steps, "single_step_rho": single_step_rho, "y": y.ravel().tolist(),
            "mean": mean.ravel().tolist(),
            "variance": var, "posterior_mean": exact_mean.ravel().tolist(), "posterior_variance": exact_var}




# -- Deconvolve Image... end to end on the exact Gaussian prior: a 16 x 16 image in camera units, Gaussian noise --
# Written from the command's documented steps (docs/deconvolution.md), not from its Java: object scale
# S = 2 x the 99.9th percentile (the lower order statistic) of the image smoothed by a Gaussian of 2 px (mirrored
# edges, 4 sigma); x = 2 y / S - 1; the image inside a data-free margin of half the PSF + 8 px, started from the
# image mirrored into it; every sweep the exact Gaussian likelihood step on image + margin (linear convolution,
# data weight S^2 / (4 sigma^2) on the image, 0 on the margin), then DDPM from t*. All affine-Gaussian, so mean
# and full covariance are carried exactly (dense matrices).

def conv_matrix(kernel, h, w):
    half = kernel.shape[0] // 2
    A = np.zeros((h * w, h * w))
    for r in range(h):
        for c in range(w):
            for dy in range(-half, half + 1):
                for dx in range(-half, half + 1):
                    rr, cc = r - dy, c - dx
                    if 0 <= rr < h and 0 <= cc < w:
                        A[r * w + c, rr * w + cc] += kernel[dy + half, dx + half]
    return A


def deconvolve_reference():
    from scipy import ndimage
    rng = np.random.default_rng(352)
    size, sigma_psf, noise_std = 16, 1.0, 5.0
    kernel = gaussian_kernel(sigma_psf)
    truth = 60 + 40 * ndimage.gaussian_filter(rng.normal(size=(size, size)), 1.5) * 4
    y = ndimage.convolve(truth, kernel, mode="mirror") + noise_std * rng.normal(size=(size, size))
    smooth = ndimage.gaussian_filter(y, 2.0, mode="mirror", truncate=4.0)
    srt = np.sort(smooth.ravel())
    scale = 2 * srt[int(np.floor(0.999 * (srt.size - 1)))]
    margin = kernel.shape[0] // 2 + 8
    n = size + 2 * margin
    ym = 2 * y / scale - 1
    start = np.pad(ym, margin, mode="reflect")
    A = conv_matrix(kernel, n, n)
    data = np.zeros((n, n), bool)
    data[margin:margin + size, margin:margin + size] = True
    W = np.where(data.ravel(), scale * scale / (4 * noise_std ** 2), 0.0)
    yfull = np.zeros((n, n)); yfull[margin:margin + size, margin:margin + size] = ym
    AtWA, AtWy = A.T @ (W[:, None] * A), A.T @ (W * yfull.ravel())
    ab = alpha_bar()
    sig = np.sqrt((1 - ab) / ab)
    iterations, rho_max, rho_min, prior_steps, single_step_rho = 12, 0.5, 0.05, 10, 0.2
    rhos = [rho_max * (rho_min / rho_max) ** (k / (iterations - 1)) for k in range(iterations)]
    m, C = start.ravel().copy(), np.zeros((n * n, n * n))
    for rho in rhos:
        Pinv = np.linalg.inv(AtWA + np.eye(n * n) / rho ** 2)
        m = Pinv @ (AtWy + m / rho ** 2)
        C = Pinv @ C @ Pinv / rho ** 4 + Pinv
        t_star, ts = prior_timesteps(sig, rho, prior_steps, single_step_rho)
        a, b, v = ddpm_affine(ab, ts)
        a = a * np.sqrt(ab[t_star])
        m = a * m + b
        C = a * a * C + v * np.eye(n * n)
    inside = data.ravel()
    mean = scale * (m[inside] + 1) / 2
    var = (scale / 2) ** 2 * np.diag(C)[inside]
    # the true posterior: x ~ N(MU, S^2) per pixel of image + margin, data on the image
    Post = np.linalg.inv(AtWA + np.eye(n * n) / S ** 2)
    pmean = scale * (Post @ (AtWy + MU / S ** 2) + 1)[inside] / 2
    pvar = (scale / 2) ** 2 * np.diag(Post)[inside]
    return {"size": size, "sigma": sigma_psf, "noise_std": noise_std, "iterations": iterations, "rho_max": rho_max,
            "rho_min": rho_min, "prior_steps": prior_steps, "single_step_rho": single_step_rho, "scale": float(scale),
            "y": y.ravel().tolist(),
            "mean": mean.tolist(), "variance": var.tolist(), "posterior_mean": pmean.tolist(),
            "posterior_variance": pvar.tolist()}


if __name__ == "__main__":
    main()
