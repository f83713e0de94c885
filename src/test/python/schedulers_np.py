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


def _sigmas_float32():
    """sqrt((1 - alphaBar) / alphaBar) as diffusers has them: torch's float32 linspace and cumprod, then numpy."""
    import torch
    ab = torch.cumprod(1 - torch.linspace(1e-4, 0.02, T, dtype=torch.float32), dim=0)
    return np.array(((1 - ab) / ab) ** 0.5)


SIGMAS_ALL = _sigmas_float32()
LOG_SIGMAS = np.log(SIGMAS_ALL)  # float32, as diffusers' log_sigmas


def sigma_to_t(sigma):
    """_sigma_to_t: the fractional timestep of a sigma, linear in log sigma between its neighbours. The log of the
    sigma is a float64 numpy value and, under NumPy 2's promotion rules, is compared with the float32 log_sigmas in
    float64 (NumPy 1's value-based casting compared in float32)."""
    ls = np.log(np.maximum(np.float64(sigma), 1e-10))
    logs = LOG_SIGMAS.astype(np.float64)
    lo = int(np.clip(np.sum(logs <= ls) - 1, 0, T - 2))
    hi = lo + 1
    w = np.clip((logs[lo] - ls) / (logs[lo] - logs[hi]), 0, 1)
    return (1 - w) * lo + w * hi


def karras(n):
    """Section 3, use_karras_sigmas: n sigmas (rho 7) between the schedule's largest and smallest, timesteps
    round(_sigma_to_t(sigma)); the sigmas then get a final 0."""
    smax, smin = float(SIGMAS_ALL[-1]), float(SIGMAS_ALL[0])
    ramp = np.linspace(0, 1, n)
    sig = (smax ** (1 / 7) + ramp * (smin ** (1 / 7) - smax ** (1 / 7))) ** 7
    ts = np.array([sigma_to_t(x) for x in sig]).round().astype(np.int64)
    return ts, np.concatenate([sig, [0.0]]).astype(np.float32).astype(np.float64)


def exponential(n):
    """Section 3, use_exponential_sigmas: n sigmas evenly spaced in log sigma; timesteps _sigma_to_t cast to int64
    (truncated, not rounded); then a final 0."""
    smax, smin = float(SIGMAS_ALL[-1]), float(SIGMAS_ALL[0])
    sig = np.exp(np.linspace(np.log(smax), np.log(smin), n))
    ts = np.array([sigma_to_t(x) for x in sig]).astype(np.int64)
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


class Plan:
    """The state before each step: alpha, sigma and lambda = log alpha - log sigma, from the plan's own sigmas
    (Karras, exponential: alpha = 1/sqrt(s^2 + 1), sigma = s alpha) or from alphaBar at t; t < 0: alpha 1, sigma 0."""

    def __init__(self, sigmas):
        self.sigmas = sigmas

    def at(self, i, t):
        if self.sigmas is not None:
            a = 1 / np.sqrt(self.sigmas[i] ** 2 + 1)
            a, s = a, self.sigmas[i] * a
        elif t < 0:
            a, s = 1.0, 0.0
        else:
            a, s = np.sqrt(AB[t]), np.sqrt(1 - AB[t])
        return a, s, (np.log(a) - np.log(s) if s > 0 else np.inf)


def data_prediction(x, eps, a, s, cfg):
    """convert_model_output with the plan's own sigma, then thresholding (these classes have no clip_sample)."""
    x0 = (x - s * eps) / a
    return threshold(x0, cfg) if cfg.get("thresholding", False) else x0


class DpmMultistep:
    """Section 3: dpmsolver++ (or sde-dpmsolver++), solver_order 2 or 3, midpoint, lower_order_final, final_sigmas_type
    zero: first order at the first and the last step; with order 3, second order at the second step and, when the
    plan has fewer than 15 steps, at the one before the last. n: the whole plan's length (img2img starts later)."""

    def __init__(self, n, order=2, sigmas=None, sde=False, rng=None):
        self.n, self.order, self.plan, self.sde, self.rng = n, order, Plan(sigmas), sde, rng
        self.ms, self.lams, self.i, self.lower = [], [], 0, 0

    def step(self, x, eps, t, tp, cfg):
        a_s, s_s, lam_s = self.plan.at(self.i, t)
        m0 = data_prediction(x, eps, a_s, s_s, cfg)
        self.ms, self.lams = (self.ms + [m0])[-3:], (self.lams + [lam_s])[-3:]
        final = self.i == self.n - 1
        second = self.i == self.n - 2 and self.n < 15
        k = 1 if self.lower < 1 or final else 2 if self.order == 2 or self.lower < 2 or second else 3
        a_t, s_t, lam_t = self.plan.at(self.i + 1, tp)
        self.i, self.lower = self.i + 1, min(self.lower + 1, self.order)
        if s_t == 0:
            return m0  # sigma_t = 0: e^-h = 0, the first-order update returns D0 (with or without sde)
        h = lam_t - lam_s
        d1 = d2 = 0
        if k >= 2:
            r0 = (lam_s - self.lams[-2]) / h
            d1_0 = (m0 - self.ms[-2]) / r0
            d1 = 0.5 * d1_0  # midpoint
        if k == 3:
            r1 = (self.lams[-2] - self.lams[-3]) / h
            d1_1 = (self.ms[-2] - self.ms[-3]) / r1
            d1 = d1_0 + r0 / (r0 + r1) * (d1_0 - d1_1)
            d2 = (d1_0 - d1_1) / (r0 + r1)
        if self.sde:
            e = np.exp(-2 * h)
            c1 = (1 - e) / (-2 * h) + 1
            c2 = (1 - e - 2 * h) / (2 * h) ** 2 - 0.5
            out = (s_t / s_s) * np.exp(-h) * x + a_t * (1 - e) * m0
            if k == 2:
                out = out + a_t * (1 - e) * d1
            elif k == 3:
                out = out + a_t * c1 * d1 + a_t * c2 * d2
            return out + s_t * np.sqrt(1 - e) * self.rng.standard_normal(x.shape)
        em = np.exp(-h) - 1
        out = (s_t / s_s) * x - a_t * em * m0
        if k == 2:
            out = out - a_t * em * d1
        elif k == 3:
            out = out + a_t * (em / h + 1) * d1 - a_t * ((em + h) / h ** 2 - 0.5) * d2
        return out


class UniPC:
    """UniPCMultistepScheduler: predict_x0, bh2, solver_order 2, lower_order_final, no disabled corrector, final sigma
    0. Before each predictor step but the first, UniC corrects the sample with the model's output at it; the model
    output itself (x0 from the uncorrected sample) enters the history. n: the whole plan's length."""

    def __init__(self, n, sigmas=None):
        self.n, self.plan = n, Plan(sigmas)
        self.ms, self.states, self.i, self.lower, self.last, self.this_order = [], [], 0, 0, None, None

    @staticmethod
    def b_of(h):
        """hh = -h; h phi_1 = expm1(hh); B(h) = expm1(hh) (bh2); b_k = h phi_k k! / B(h), phi_{k+1} recursion."""
        hh = -h
        phi1 = np.expm1(hh)
        hphik = phi1 / hh - 1
        b1 = hphik / phi1
        hphik = hphik / hh - 1 / 2
        b2 = hphik * 2 / phi1
        return phi1, b1, b2

    def step(self, x, eps, t, tp, cfg):
        a0, s0, lam0 = self.plan.at(self.i, t)
        m = data_prediction(x, eps, a0, s0, cfg)
        if self.last is not None:  # UniC from the previous state to this one
            ap, sp, lamp = self.states[-1]
            mp = self.ms[-1]
            h = lam0 - lamp
            phi1, b1, b2 = self.b_of(h)
            if self.this_order == 1:
                corr, rho_last = 0.0, 0.5
            else:
                rk = (self.states[-2][2] - lamp) / h
                rho = np.linalg.solve(np.array([[1.0, 1.0], [rk, 1.0]]), np.array([b1, b2]))
                corr, rho_last = rho[0] * (self.ms[-2] - mp) / rk, rho[1]
            x = (s0 / sp) * self.last - a0 * phi1 * mp - a0 * phi1 * (corr + rho_last * (m - mp))
        self.ms, self.states = (self.ms + [m])[-2:], (self.states + [(a0, s0, lam0)])[-2:]
        self.this_order = min(2, self.n - self.i, self.lower + 1)
        self.last = x
        a_t, s_t, lam_t = self.plan.at(self.i + 1, tp)
        self.i, self.lower = self.i + 1, min(self.lower + 1, 2)
        if s_t == 0:
            return m  # expm1(-inf) = -1: the order-1 predictor returns x0
        h = lam_t - lam0
        phi1 = np.expm1(-h)
        out = (s_t / s0) * x - a_t * phi1 * m
        if self.this_order == 2:
            rk = (self.states[-2][2] - lam0) / h
            out = out - a_t * phi1 * 0.5 * (self.ms[-2] - m) / rk
        return out


SIGMA_PLANS = {"dpm_karras": karras, "unipc_exp": exponential, "dpm_exp": exponential}
MULTISTEP = {"dpm": (2, False), "dpm_t0": (2, False), "dpm_karras": (2, False), "dpm_exp": (2, False),
             "dpm_sde": (2, True), "dpm3": (3, False), "dpm3_sde": (3, True)}


def run(cls, n, eps_of, x, cfg, eta=0.0, rng=None, strength=None, x0=None, pv_of=None):
    """Samples from x (pure noise rows), or img2img: noise x0 to the first of the last int(n strength) steps.
    cls "dpm_t0": DPMSolverMultistepScheduler given DDPMScheduler's timesteps as custom `timesteps`; "dpm_karras":
    with use_karras_sigmas; "dpm_exp": use_exponential_sigmas; "dpm_sde": algorithm_type sde-dpmsolver++; "dpm3",
    "dpm3_sde": solver_order 3; "unipc", "unipc_exp": UniPCMultistepScheduler (the last with use_exponential_sigmas)."""
    rng = rng or np.random.default_rng(0)
    sigmas = None
    if cls in SIGMA_PLANS:
        ts, sigmas = SIGMA_PLANS[cls](n)
    else:
        own = "ddpm" if cls == "dpm_t0" else "dpm" if cls in MULTISTEP or cls == "unipc" else cls
        ts = set_timesteps(own, n, cfg.get("timestep_spacing"), cfg.get("steps_offset", 0))
    start = 0
    if strength is not None:
        start = len(ts) - min(int(n * strength), n)
        t0 = ts[start]
        ab0 = AB[t0] if sigmas is None else 1 / (1 + sigmas[start] ** 2)
        x = np.sqrt(ab0) * x0 + np.sqrt(1 - ab0) * rng.standard_normal(x.shape)
    solver = None
    if cls in MULTISTEP:
        order, sde = MULTISTEP[cls]
        solver = DpmMultistep(len(ts), order, sigmas, sde, rng)
    elif cls.startswith("unipc"):
        solver = UniPC(len(ts), sigmas)
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
