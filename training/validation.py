"""Held-out pairs measured at every checkpoint of a restoration model (train.py --pairs): the model's own honest
score while it trains. A few pairs (--val) are kept out of training; at each checkpoint the EMA network restores
them (the mean of a few DDIM samples of the residual, as the shipped models are sampled) and the PSNR of that mean
is set beside the noisy input's and the best Gaussian filter's (the baseline a scientist would otherwise use), all
in the model's units (each pair mapped by its source's percentiles). A model that does not beat the filter says so
in the log, in the exported diffusion.json ("validation") and so in Model Info and in Restore Image...'s Log.
"""
import numpy as np
import torch
from scipy import ndimage

SIGMAS = (0.5, 0.75, 1.0, 1.5, 2.0, 3.0)


def psnr(truth, estimate):
    """PSNR with the truth's own range as the peak, as evaluate_restoration maps images to [0, 1]."""
    span = float(truth.max() - truth.min()) or 1.0
    mse = float(np.mean((truth - estimate) ** 2)) / span ** 2
    return 10 * np.log10(1 / max(mse, 1e-12))


@torch.no_grad()
def ddim_residual_mean(model, cond, alpha_bar, samples=4, steps=20, seed=0):
    """The mean of `samples` DDIM (eta 0) restorations of a residual v-prediction model (train.py's default
    objective): r_T ~ N(0, 1); per step v = net(cat(cond, r_t), t), r0 = sqrt(ab) r_t - sqrt(1 - ab) v,
    eps = sqrt(1 - ab) r_t + sqrt(ab) v, r_t' = sqrt(ab') r0 + sqrt(1 - ab') eps (DDIM eq. 12); x0 = cond + r0."""
    g = torch.Generator().manual_seed(seed)
    ts = torch.linspace(len(alpha_bar) - 1, 0, steps).round().long()
    c = cond.repeat(samples, 1, 1, 1)
    r = torch.randn(c.shape, generator=g)
    r0 = r
    for i, t in enumerate(ts):
        ab = alpha_bar[t]
        v = model(torch.cat([c, r], dim=1), t.repeat(len(c)))
        r0 = ab.sqrt() * r - (1 - ab).sqrt() * v
        eps = (1 - ab).sqrt() * r + ab.sqrt() * v
        ab_next = alpha_bar[ts[i + 1]] if i + 1 < len(ts) else torch.tensor(1.0)
        r = ab_next.sqrt() * r0 + (1 - ab_next).sqrt() * eps
    return (c + r0).reshape(samples, *cond.shape).mean(0)


def measure(model, sources, targets, alpha_bar, step):
    """One row: the step, and the mean PSNR over the held-out pairs of the input, the best Gaussian filter (one
    sigma for all, the best of SIGMAS) and the model's mean of 4 samples."""
    model.eval()
    src = [s[0].numpy().astype(np.float64) for s in sources]
    tgt = [t[0].numpy().astype(np.float64) for t in targets]
    gauss = max((np.mean([psnr(t, ndimage.gaussian_filter(s, sg)) for s, t in zip(src, tgt)]), sg) for sg in SIGMAS)
    means = [ddim_residual_mean(model, s[None], alpha_bar)[0].numpy().astype(np.float64) for s in sources]
    row = {"step": step, "pairs": len(src), "psnr_input": round(float(np.mean([psnr(t, s) for s, t in zip(src, tgt)])), 2),
           "psnr_gaussian": round(float(gauss[0]), 2), "gaussian_sigma": gauss[1],
           "psnr_model": round(float(np.mean([psnr(t, m) for m, t in zip(means, tgt)])), 2)}
    row["beats_gaussian"] = row["psnr_model"] > row["psnr_gaussian"]
    return row
