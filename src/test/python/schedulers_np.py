"""diffusers' DDPMScheduler, DDIMScheduler and DPMSolverMultistepScheduler in numpy, written from
shared/reference/diffusers-schedulers.md (sections 1-3), for the expected numbers of the Java tests.

Independent of the Java code: each class's own set_timesteps, its own previous-timestep rule, its own
clipping/thresholding, and its step. Samples are rows of `x` (items, pixels); thresholding works per row.
"""
import numpy as np

T = 1000
AB = np.cumprod(1 - np.linspace(1e-4, 0.02, T, dtype=np.float64))
BETA = np.linspace(1e-4, 0.02, T, dtype=np.float64)

CLASS_DEFAULT_SPACING = {"ddpm": "leading", "ddim": "leading", "dpm": "linspace"}


def set_timesteps(cls, n, spacing=None, steps_offset=0):
    """Section 1 (DDPM, DDIM: n points) and section 3 (DPM: n + 1 points with the last dropped)."""
    spacing = spacing or CLASS_DEFAULT_SPACING[cls]
    m = n + 1 if cls == "dpm" and spacing != "trailing" else n
    if spacing == "linspace":
        ts = np.linspace(0, T - 1, m).round()[::-1].copy().astype(np.int64)
    elif spacing == "leading":
        r = T // m
        ts = (np.arange(0, m) * r).round()[::-1].copy().astype(np.int64) + steps_offset
    elif spacing == "trailing":
        ts = (np.round(np.arange(T, 0, -T / n)) - 1).astype(np.int64)
    else:
        raise ValueError(spacing)
    return ts[:n] if m != n else ts


def karras(n):
    """Section 3, use_karras_sigmas: n sigmas (rho 7) between the schedule's largest and smallest, timesteps
    round(_sigma_to_t(sigma)); the sigmas then get a final 0."""
    sigmas_all = np.sqrt((1 - AB.astype(np.float32)) / AB.astype(np.float32)).astype(np.float32)
    log_sigmas = np.log(sigmas_all)
    s = np.flip(sigmas_all)
    smax, smin = float(s[0]), float(s[-1])
    ramp = np.linspace(0, 1, n)
    sig = (smax ** (1 / 7) + ramp * (smin ** (1 / 7) - smax ** (1 / 7))) ** 7

    def sigma_to_t(sigma):
        ls = np.log(max(sigma, 1e-10))
        lo = int(np.clip(np.sum(log_sigmas <= ls) - 1, 0, T - 2))
        hi = lo + 1
        w = np.clip((log_sigmas[lo] - ls) / (log_sigmas[lo] - log_sigmas[hi]), 0, 1)
        return (1 - w) * lo + w * hi

    ts = np.array([sigma_to_t(x) for x in sig]).round().astype(np.int64)
    return ts, np.concatenate([sig, [0.0]]).astype(np.float32).astype(np.float64)


def previous(cls, ts, i, n):
    """The timestep step i ends at (-1: after the last). DDIM: t - T // n whatever the spacing."""
    if cls == "ddim":
        p = ts[i] - T // n
        return p if p >= 0 else -1
    return ts[i + 1] if i + 1 < len(ts) else -1


def threshold(x0, cfg):
    s = np.quantile(np.abs(x0), cfg.get("dynamic_thresholding_ratio", 0.995), axis=1, keepdims=True)
    s = np.clip(s, 1, cfg.get("sample_max_value", 1.0))
    return np.clip(x0, -s, s) / s


def predict_x0(x, eps, t, cfg, cls):
    """Epsilon prediction to x0, then thresholding, else clip_sample (DPM: thresholding only)."""
    a = AB[t]
    x0 = (x - np.sqrt(1 - a) * eps) / np.sqrt(a)
    if cfg.get("thresholding", False):
        x0 = threshold(x0, cfg)
    elif cls != "dpm" and cfg.get("clip_sample", True):
        r = cfg.get("clip_sample_range", 1.0)
        x0 = np.clip(x0, -r, r)
    return x0


def ddpm_step(x, eps, pv, t, tp, cfg, rng):
    a_t = AB[t]; a_p = AB[tp] if tp >= 0 else 1.0
    cur_beta = 1 - a_t / a_p
    x0 = predict_x0(x, eps, t, cfg, "ddpm")
    mean = (np.sqrt(a_p) * cur_beta / (1 - a_t)) * x0 + (np.sqrt(a_t / a_p) * (1 - a_p) / (1 - a_t)) * x
    if t > 0:
        var = max((1 - a_p) / (1 - a_t) * cur_beta, 1e-20)
        vt = cfg.get("variance_type", "fixed_small")
        if vt == "fixed_small":
            std = np.sqrt(var)
        elif vt == "fixed_large":
            std = np.sqrt(cur_beta)
        elif vt == "learned":
            std = np.sqrt(pv)
        elif vt == "learned_range":
            frac = (pv + 1) / 2
            std = np.exp(0.5 * (frac * np.log(cur_beta) + (1 - frac) * np.log(var)))
        else:
            raise ValueError(vt)
        mean = mean + std * rng.standard_normal(x.shape)
    return mean


def ddim_step(x, eps, t, tp, cfg, eta, rng):
    a_t = AB[t]
    a_p = AB[tp] if tp >= 0 else (1.0 if cfg.get("set_alpha_to_one", True) else AB[0])
    x0 = predict_x0(x, eps, t, cfg, "ddim")
    variance = (1 - a_p) / (1 - a_t) * (1 - a_t / a_p)
    std = eta * np.sqrt(variance)
    if cfg.get("use_clipped_model_output", False):  # the step argument of that name: eps from the clipped x0
        eps = (x - np.sqrt(a_t) * x0) / np.sqrt(1 - a_t)
    prev = np.sqrt(a_p) * x0 + np.sqrt(max(0.0, 1 - a_p - std ** 2)) * eps
    if eta > 0:
        prev = prev + std * rng.standard_normal(x.shape)
    return prev


class Dpm2M:
    """Section 3: dpmsolver++ (or sde-dpmsolver++), solver_order 2, midpoint, lower_order_final, final_sigmas_type
    zero. With sigmas (Karras), alpha and sigma come from them: alpha = 1/sqrt(s^2 + 1), sigma = s alpha."""

    def __init__(self, n, sigmas=None, sde=False, rng=None):
        self.n, self.m1, self.lam1, self.i = n, None, None, 0
        self.sigmas, self.sde, self.rng = sigmas, sde, rng

    def alpha_sigma(self, i, t):
        if self.sigmas is not None:
            a = 1 / np.sqrt(self.sigmas[i] ** 2 + 1)
            return a, self.sigmas[i] * a
        if t < 0:
            return 1.0, 0.0
        return np.sqrt(AB[t]), np.sqrt(1 - AB[t])

    def step(self, x, eps, t, tp, cfg):
        a_s, s_s = self.alpha_sigma(self.i, t)
        # convert_model_output with the plan's own sigma
        x0 = (x - s_s * eps) / a_s
        if cfg.get("thresholding", False):
            x0 = threshold(x0, cfg)
        m0 = x0
        lam_s = np.log(a_s) - np.log(s_s)
        last = self.i == self.n - 1
        a_t, s_t = self.alpha_sigma(self.i + 1, tp)
        if s_t == 0:
            out = m0  # sigma_t = 0: e^-h = 0, the first-order update returns D0 (with or without sde)
        else:
            h = (np.log(a_t) - np.log(s_t)) - lam_s
            if self.m1 is None or last:
                d = m0
            else:
                r0 = (lam_s - self.lam1) / h
                d = m0 + 0.5 * (m0 - self.m1) / r0
            if self.sde:
                out = (s_t / s_s) * np.exp(-h) * x + a_t * (1 - np.exp(-2 * h)) * d + \
                    s_t * np.sqrt(1 - np.exp(-2 * h)) * self.rng.standard_normal(x.shape)
            else:
                out = (s_t / s_s) * x - a_t * (np.exp(-h) - 1) * d
        self.m1, self.lam1, self.i = m0, lam_s, self.i + 1
        return out


def run(cls, n, eps_of, x, cfg, eta=0.0, rng=None, strength=None, x0=None, pv_of=None):
    """Samples from x (pure noise rows), or img2img: noise x0 to the first of the last int(n strength) steps.
    cls "dpm_t0": DPMSolverMultistepScheduler given DDPMScheduler's timesteps as custom `timesteps`; "dpm_karras":
    with use_karras_sigmas; "dpm_sde": algorithm_type sde-dpmsolver++."""
    rng = rng or np.random.default_rng(0)
    sigmas = None
    if cls == "dpm_karras":
        ts, sigmas = karras(n)
    else:
        ts = set_timesteps({"dpm_t0": "ddpm", "dpm_sde": "dpm"}.get(cls, cls), n, cfg.get("timestep_spacing"),
                           cfg.get("steps_offset", 0))
    sde = cls == "dpm_sde"
    cls = "dpm" if cls.startswith("dpm") else cls
    start = 0
    if strength is not None:
        start = len(ts) - min(int(n * strength), n)
        t0 = ts[start]
        ab0 = AB[t0] if sigmas is None else 1 / (1 + sigmas[start] ** 2)
        x = np.sqrt(ab0) * x0 + np.sqrt(1 - ab0) * rng.standard_normal(x.shape)
    solver = Dpm2M(len(ts), sigmas, sde, rng) if cls == "dpm" else None
    if solver:
        solver.i = start
    for i in range(start, len(ts)):
        t, tp = ts[i], previous(cls, ts, i, n)
        eps = eps_of(x, t)
        if cls == "ddpm":
            x = ddpm_step(x, eps, pv_of(t) if pv_of else None, t, tp, cfg, rng)
        elif cls == "ddim":
            x = ddim_step(x, eps, t, tp, cfg, eta, rng)
        else:
            x = solver.step(x, eps, t, tp, cfg)
    return x


def gaussian_eps(mu, v):
    """The exact eps = E[eps | x_t] for x0 ~ N(mu, v) per pixel."""
    def f(x, t):
        a = AB[t]
        return np.sqrt(1 - a) * (x - np.sqrt(a) * mu) / (a * v + 1 - a)
    return f
