"""Builds the exact-denoiser ONNX fixtures and their numpy reference numbers for the Java tests.

  /usr/bin/python3 src/test/python/make_fixtures.py      (Debian's python3-onnx, python3-numpy, python3-torch)

Each fixture's "U-Net" outputs the exact eps = E[eps | x_t] for a known per-pixel distribution of x0,
so every sampler's output distribution is computable. The reference numbers come from numpy code
written from diffusers' formulas (reference/diffusers-schedulers.md), not from the Java code:
- Gaussian targets: eps is affine in x_t, so each sampler step maps (mean, var) exactly;
- the mixture: Monte Carlo with 200 000 samples of the same sampler in numpy.
"""
import json
import os

import numpy as np
import onnx

import schedulers_np
from onnx import TensorProto, helper, numpy_helper

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "fixtures")
T = 1000


def alpha_bar_np():
    betas = np.linspace(1e-4, 0.02, T, dtype=np.float64)
    return np.cumprod(1 - betas)


AB = alpha_bar_np()


def const(name, arr, dtype=np.float32):
    return numpy_helper.from_array(np.asarray(arr, dtype=dtype), name)


def gaussian_graph(name, mus, variances, conditional, hw=("H", "W"), pv_table=None):
    """eps = sqrt(1-ab) (x - sqrt(ab) mu) / (ab var + 1 - ab), mu/var per class (or constants).
    hw: the sample's height and width in the graph, names (any size) or numbers (a fixed size).
    pv_table: a learned-variance model: a second output channel pv_table[t] (diffusers' predicted_variance)."""
    inputs = [helper.make_tensor_value_info("sample", TensorProto.FLOAT, ["N", 1, *hw]),
              helper.make_tensor_value_info("timestep", TensorProto.INT64, ["N"])]
    inits = [const("ab_table", AB.astype(np.float32)), const("shape4", [-1, 1, 1, 1], np.int64),
             const("one", [1.0]), const("mu_table", mus), const("var_table", variances)]
    nodes = [helper.make_node("Gather", ["ab_table", "timestep"], ["ab1"]),
             helper.make_node("Reshape", ["ab1", "shape4"], ["ab"])]
    if conditional:
        inputs.append(helper.make_tensor_value_info("class_labels", TensorProto.INT64, ["N"]))
        nodes += [helper.make_node("Gather", ["mu_table", "class_labels"], ["mu1"]),
                  helper.make_node("Reshape", ["mu1", "shape4"], ["mu"]),
                  helper.make_node("Gather", ["var_table", "class_labels"], ["var1"]),
                  helper.make_node("Reshape", ["var1", "shape4"], ["var"])]
    else:
        nodes += [helper.make_node("Identity", ["mu_table"], ["mu"]),
                  helper.make_node("Identity", ["var_table"], ["var"])]
    nodes += [
        helper.make_node("Sqrt", ["ab"], ["sab"]),
        helper.make_node("Sub", ["one", "ab"], ["omab"]),
        helper.make_node("Sqrt", ["omab"], ["somab"]),
        helper.make_node("Mul", ["sab", "mu"], ["mean_t"]),
        helper.make_node("Sub", ["sample", "mean_t"], ["centered"]),
        helper.make_node("Mul", ["ab", "var"], ["abvar"]),
        helper.make_node("Add", ["abvar", "omab"], ["var_t"]),
        helper.make_node("Mul", ["somab", "centered"], ["num"]),
        helper.make_node("Div", ["num", "var_t"], ["eps" if pv_table is not None else "out_sample"]),
    ]
    channels = 1
    if pv_table is not None:
        inits.append(const("pv_table", pv_table))
        nodes += [helper.make_node("Gather", ["pv_table", "timestep"], ["pv1"]),
                  helper.make_node("Reshape", ["pv1", "shape4"], ["pv"]),
                  helper.make_node("Sub", ["sample", "sample"], ["zero"]),
                  helper.make_node("Add", ["zero", "pv"], ["pv_map"]),
                  helper.make_node("Concat", ["eps", "pv_map"], ["out_sample"], axis=1)]
        channels = 2
    out = [helper.make_tensor_value_info("out_sample", TensorProto.FLOAT, ["N", channels, *hw])]
    return helper.make_model(helper.make_graph(nodes, name, inputs, out, inits),
                             opset_imports=[helper.make_opsetid("", 13)])


def broken_graph():
    """A network that breaks down at low noise: the exact Gaussian eps for t >= 500, NaN below (as an overflowing or
    corrupted model does); every command must refuse its output in one sentence instead of making NaN images."""
    model = gaussian_graph("broken_nan", [0.2], [0.09], False)
    g = model.graph
    table = np.where(np.arange(T) >= 500, 1.0, np.nan).astype(np.float32)
    g.initializer.append(const("nan_table", table))
    g.node[-1].output[0] = "eps_ok"
    g.node.extend([helper.make_node("Gather", ["nan_table", "timestep"], ["nan1"]),
                   helper.make_node("Reshape", ["nan1", "shape4"], ["nan"]),
                   helper.make_node("Mul", ["eps_ok", "nan"], ["out_sample"])])
    return model


def wrong_size_graph():
    """A network whose output loses a row (a bad export): refused when the model loads, not mid-run."""
    model = gaussian_graph("wrong_size", [0.2], [0.09], False)
    g = model.graph
    g.node[-1].output[0] = "eps_full"
    g.initializer.extend([const("starts", [0], np.int64), const("ends", [-1], np.int64), const("axes", [2], np.int64)])
    g.node.append(helper.make_node("Slice", ["eps_full", "starts", "ends", "axes"], ["out_sample"]))
    g.output[0].type.tensor_type.shape.dim[2].dim_param = "H1"
    return model


def gaussian_v_graph(mu, var):
    """v-prediction of the same Gaussian, with diffusers-export quirks: inputs named x and t, t a float32
    scalar. v = eps / sqrt(ab) - sqrt(1 - ab) / sqrt(ab) x (from v = sqrt(ab) eps - sqrt(1 - ab) x0)."""
    inputs = [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 1, "H", "W"]),
              helper.make_tensor_value_info("t", TensorProto.FLOAT, [])]
    inits = [const("ab_table", AB.astype(np.float32)), const("one", [1.0]), const("mu", [mu]), const("var", [var])]
    n = helper.make_node
    nodes = [n("Cast", ["t"], ["ti"], to=TensorProto.INT64), n("Gather", ["ab_table", "ti"], ["ab"]),
             n("Sqrt", ["ab"], ["sab"]), n("Sub", ["one", "ab"], ["omab"]), n("Sqrt", ["omab"], ["somab"]),
             n("Mul", ["sab", "mu"], ["mean_t"]), n("Sub", ["x", "mean_t"], ["centered"]),
             n("Mul", ["ab", "var"], ["abvar"]), n("Add", ["abvar", "omab"], ["var_t"]),
             n("Mul", ["somab", "centered"], ["num"]), n("Div", ["num", "var_t"], ["eps"]),
             n("Div", ["eps", "sab"], ["a"]), n("Mul", ["somab", "x"], ["bx"]), n("Div", ["bx", "sab"], ["b"]),
             n("Sub", ["a", "b"], ["v"])]
    out = [helper.make_tensor_value_info("v", TensorProto.FLOAT, ["N", 1, "H", "W"])]
    return helper.make_model(helper.make_graph(nodes, "gaussian_v", inputs, out, inits),
                             opset_imports=[helper.make_opsetid("", 13)])


def mixture_graph(w1, m1, m2, var):
    """Exact eps for x0 ~ w1 N(m1, var) + (1 - w1) N(m2, var): responsibilities r1 = sigmoid(logit)."""
    inputs = [helper.make_tensor_value_info("sample", TensorProto.FLOAT, ["N", 1, "H", "W"]),
              helper.make_tensor_value_info("timestep", TensorProto.INT64, ["N"])]
    inits = [const("ab_table", AB.astype(np.float32)), const("shape4", [-1, 1, 1, 1], np.int64),
             const("one", [1.0]), const("m1", [m1]), const("m2", [m2]), const("var", [var]),
             const("half", [0.5]), const("logw", [np.log(w1 / (1 - w1))])]
    n = helper.make_node
    nodes = [n("Gather", ["ab_table", "timestep"], ["ab1"]), n("Reshape", ["ab1", "shape4"], ["ab"]),
             n("Sqrt", ["ab"], ["sab"]), n("Sub", ["one", "ab"], ["omab"]), n("Sqrt", ["omab"], ["somab"]),
             n("Mul", ["ab", "var"], ["abvar"]), n("Add", ["abvar", "omab"], ["v"]),
             n("Mul", ["sab", "m1"], ["mu1"]), n("Mul", ["sab", "m2"], ["mu2"]),
             n("Sub", ["sample", "mu1"], ["d1"]), n("Sub", ["sample", "mu2"], ["d2"]),
             n("Mul", ["d1", "d1"], ["q1"]), n("Mul", ["d2", "d2"], ["q2"]),
             n("Sub", ["q2", "q1"], ["dq"]), n("Div", ["dq", "v"], ["dqv"]), n("Mul", ["dqv", "half"], ["ll"]),
             n("Add", ["ll", "logw"], ["logit"]), n("Sigmoid", ["logit"], ["r1"]),
             n("Sub", ["one", "r1"], ["r2"]),
             n("Mul", ["r1", "d1"], ["rd1"]), n("Mul", ["r2", "d2"], ["rd2"]), n("Add", ["rd1", "rd2"], ["rd"]),
             n("Mul", ["somab", "rd"], ["num"]), n("Div", ["num", "v"], ["out_sample"])]
    out = [helper.make_tensor_value_info("out_sample", TensorProto.FLOAT, ["N", 1, "H", "W"])]
    return helper.make_model(helper.make_graph(nodes, "mixture", inputs, out, inits),
                             opset_imports=[helper.make_opsetid("", 13)])


def restore_graph(name, a, b, v, concat):
    """Exact eps of a restoration model: x0 ~ N(mu, s^2) per pixel observed as y = x0 + N(0, tau^2), so
    x0 | y ~ N(m, v) with m = a y + b (a = v / tau^2, b = v mu / s^2). eps = sqrt(1-ab) (x - sqrt(ab) m) /
    (ab v + 1 - ab). concat: y comes first in `sample` ([N, 2, H, W] = cat(y, x_t)); else an input `condition`."""
    n = helper.make_node
    if concat:
        inputs = [helper.make_tensor_value_info("sample", TensorProto.FLOAT, ["N", 2, "H", "W"]),
                  helper.make_tensor_value_info("timestep", TensorProto.INT64, ["N"])]
        nodes = [n("Split", ["sample"], ["y", "x"], axis=1)]
        x = "x"
    else:
        inputs = [helper.make_tensor_value_info("sample", TensorProto.FLOAT, ["N", 1, "H", "W"]),
                  helper.make_tensor_value_info("timestep", TensorProto.INT64, ["N"]),
                  helper.make_tensor_value_info("condition", TensorProto.FLOAT, ["N", 1, "H", "W"])]
        nodes = [n("Identity", ["condition"], ["y"])]
        x = "sample"
    inits = [const("ab_table", AB.astype(np.float32)), const("shape4", [-1, 1, 1, 1], np.int64),
             const("one", [1.0]), const("a", [a]), const("b", [b]), const("var", [v])]
    nodes += [n("Gather", ["ab_table", "timestep"], ["ab1"]), n("Reshape", ["ab1", "shape4"], ["ab"]),
              n("Mul", ["a", "y"], ["ay"]), n("Add", ["ay", "b"], ["mu"]),
              n("Sqrt", ["ab"], ["sab"]), n("Sub", ["one", "ab"], ["omab"]), n("Sqrt", ["omab"], ["somab"]),
              n("Mul", ["sab", "mu"], ["mean_t"]), n("Sub", [x, "mean_t"], ["centered"]),
              n("Mul", ["ab", "var"], ["abvar"]), n("Add", ["abvar", "omab"], ["var_t"]),
              n("Mul", ["somab", "centered"], ["num"]), n("Div", ["num", "var_t"], ["out_sample"])]
    out = [helper.make_tensor_value_info("out_sample", TensorProto.FLOAT, ["N", 1, "H", "W"])]
    return helper.make_model(helper.make_graph(nodes, name, inputs, out, inits),
                             opset_imports=[helper.make_opsetid("", 13)])


def restore_fixtures():
    """Two restoration fixtures and restore.json: per condition value y (in the image's units), the exact
    mean and std of each sampler's output (image units), from the same affine-eps moment recursion."""
    mu, s, tau = 0.1, 0.4, 0.3
    v = 1 / (1 / s ** 2 + 1 / tau ** 2)
    a, b = v / tau ** 2, v * mu / s ** 2
    # separate input, model units ([-1, 1] both); concatenated, with the condition in camera-like units
    # [0, 2000] and the result in [0, 200]: the test then also checks both intensity maps
    write_fixture("restore_gaussian", restore_graph("restore_gaussian", a, b, v, False),
                  sidecar("restore_gaussian", 64, condition={"channels": 1}))
    write_fixture("restore_concat", restore_graph("restore_concat", a, b, v, True),
                  sidecar("restore_concat", 64, pixel_range=[0, 200],
                          condition={"channels": 1, "concat": True, "pixel_range": [0, 2000]}))
    ys = [-0.9, -0.3, 0.2, 0.8]
    ref = {"prior": {"mu": mu, "sigma": s, "tau": tau}, "posterior_var": v, "y_model": ys,
           "y_image": {"restore_gaussian": ys, "restore_concat": [(y + 1) / 2 * 2000 for y in ys]},
           "result_range": {"restore_gaussian": [-1, 1], "restore_concat": [0, 200]}, "runs": []}
    for sampler, steps, eta in [("DDIM", 50, 0), ("DDPM", 50, 0), ("DDIM", 20, 1)]:
        means, stds = [], []
        for y in ys:
            m, var = gaussian_moments(sampler, steps, eta, gaussian_eps(a * y + b, v))
            means.append(m); stds.append(var ** 0.5)
        ref["runs"].append({"sampler": sampler, "steps": steps, "eta": eta, "mean": means, "std": stds})
    means, stds = [], []
    for y in ys:
        eps_f = gaussian_eps(a * y + b, v)
        x = dpm_2m_monte_carlo(lambda x, t: eps_f(t)[0] * x + eps_f(t)[1], 20)
        means.append(float(x.mean())); stds.append(float(x.std()))
    ref["runs"].append({"sampler": "DPM++2M", "steps": 20, "eta": 0, "mean": means, "std": stds, "monte_carlo": 200000})
    with open(os.path.join(OUT, "restore.json"), "w") as f:
        json.dump(ref, f, indent=1)
    fluorescence_pair()


def fluorescence_pair():
    """One simulated 64 x 64 camera image and its truth (training/simulate.py, a seed set never trained on) for
    the test that the shipped restoration model restores."""
    import sys
    import tifffile
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "training"))
    from simulate import simulate
    source, target, photons = simulate([2000000, 3], size=64, photons=(8.0, 8.0))
    d = os.path.join(OUT, "fluo_pair")
    os.makedirs(d, exist_ok=True)
    tifffile.imwrite(os.path.join(d, "noisy.tif"), source)
    tifffile.imwrite(os.path.join(d, "truth.tif"), target)


def write_fixture(name, model, sidecar):
    d = os.path.join(OUT, name)
    os.makedirs(d, exist_ok=True)
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(d, "model.onnx"))
    with open(os.path.join(d, "diffusion.json"), "w") as f:
        json.dump(sidecar, f, indent=2)


def sidecar(name, size=16, **extra):
    s = {"name": name, "description": "exact denoiser fixture", "sample_size": size, "in_channels": 1,
         "pixel_range": [-1, 1],
         "scheduler": {"num_train_timesteps": T, "beta_schedule": "linear", "beta_start": 0.0001,
                       "beta_end": 0.02, "prediction_type": "epsilon", "variance_type": "fixed_small",
                       "clip_sample": False}}
    s["size_multiple"] = 1  # the exact denoisers work per pixel
    s.update(extra)
    return s


# -- numpy samplers (diffusers formulas, leading spacing, set_alpha_to_one) --

def leading(steps):
    r = T // steps
    return (np.arange(steps) * r)[::-1]


def ddpm_coeffs(t, tp, large=False):
    a_t = AB[t]; a_p = AB[tp] if tp >= 0 else 1.0
    beta = 1 - a_t / a_p
    c0 = np.sqrt(a_p) * beta / (1 - a_t); ct = np.sqrt(a_t / a_p) * (1 - a_p) / (1 - a_t)
    var = beta if large else max((1 - a_p) / (1 - a_t) * beta, 1e-20)
    std = np.sqrt(var) if t > 0 else 0.0
    return c0, ct, std


def ddim_coeffs(t, tp, eta):
    a_t = AB[t]; a_p = AB[tp] if tp >= 0 else 1.0
    var = (1 - a_p) / (1 - a_t) * (1 - a_t / a_p)
    sigma = eta * np.sqrt(var)
    return np.sqrt(a_p), np.sqrt(max(0, 1 - a_p - sigma ** 2)), sigma


def gaussian_moments(sampler, steps, eta, eps_affine, strength=None, x0=None):
    """Exact (mean, var) of the sampler's output when eps(x, t) = g_t x + k_t.

    Starts from N(0, 1), or with a strength from q(x_t0 | x0) at the first of the last
    int(steps * strength) timesteps (diffusers' img2img)."""
    ts = leading(steps)
    mean, var = 0.0, 1.0
    if strength is not None:
        ts = ts[len(ts) - min(int(steps * strength), steps):]
        mean, var = np.sqrt(AB[ts[0]]) * x0, 1 - AB[ts[0]]
    for i, t in enumerate(ts):
        tp = ts[i + 1] if i + 1 < len(ts) else -1
        g, k = eps_affine(t)
        a_t = AB[t]
        # x0 = (x - sqrt(1-a) eps) / sqrt(a) = px x + pk
        px = (1 - np.sqrt(1 - a_t) * g) / np.sqrt(a_t); pk = -np.sqrt(1 - a_t) * k / np.sqrt(a_t)
        if sampler in ("DDPM", "DDPM-large"):
            c0, ct, std = ddpm_coeffs(t, tp, sampler == "DDPM-large")
            A = c0 * px + ct; B = c0 * pk
        else:
            c0, ce, std = ddim_coeffs(t, tp, eta)
            A = c0 * px + ce * g; B = c0 * pk + ce * k
        mean = A * mean + B
        var = A * A * var + std * std
    return mean, var


def gaussian_eps(mu, v):
    def f(t):
        a = AB[t]; d = a * v + 1 - a
        g = np.sqrt(1 - a) / d
        return g, -g * np.sqrt(a) * mu
    return f


def guided_eps(mu_c, v_c, mu_u, v_u, s):
    fc, fu = gaussian_eps(mu_c, v_c), gaussian_eps(mu_u, v_u)
    def f(t):
        gc, kc = fc(t); gu, ku = fu(t)
        return gu + s * (gc - gu), ku + s * (kc - ku)
    return f


def mixture_monte_carlo(sampler, steps, eta, w1, m1, m2, v, n=200_000, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(n)
    ts = leading(steps)
    for i, t in enumerate(ts):
        tp = ts[i + 1] if i + 1 < len(ts) else -1
        a = AB[t]; vt = a * v + 1 - a
        d1 = x - np.sqrt(a) * m1; d2 = x - np.sqrt(a) * m2
        r1 = 1 / (1 + np.exp(-((d2 ** 2 - d1 ** 2) / vt * 0.5 + np.log(w1 / (1 - w1)))))
        eps = np.sqrt(1 - a) * (r1 * d1 + (1 - r1) * d2) / vt
        x0 = (x - np.sqrt(1 - a) * eps) / np.sqrt(a)
        if sampler == "DDPM":
            c0, ct, std = ddpm_coeffs(t, tp)
            x = c0 * x0 + ct * x + std * rng.standard_normal(n)
        else:
            c0, ce, sigma = ddim_coeffs(t, tp, eta)
            x = c0 * x0 + ce * eps + sigma * rng.standard_normal(n)
    return {"weight_low": float(np.mean(x < 0)), "mean_low": float(np.mean(x[x < 0])),
            "mean_high": float(np.mean(x[x >= 0])), "std_high": float(np.std(x[x >= 0]))}


def repaint_timesteps(n, jump_length, jump_n_sample):
    jumps = {j: jump_n_sample - 1 for j in range(0, n - jump_length, jump_length)}
    t, ts = n, []
    while t >= 1:
        t -= 1
        ts.append(t)
        if jumps.get(t, 0) > 0:
            jumps[t] -= 1
            for _ in range(jump_length):
                t += 1
                ts.append(t)
    return np.array(ts) * (T // n)


def repaint_unknown(mu, v, n_steps, jl, jn, eta, n=100_000, seed=1):
    """Monte Carlo of diffusers' RePaint on unknown pixels of a per-pixel N(mu, v) prior (clip off)."""
    rng = np.random.default_rng(seed)
    betas = 1 - AB / np.concatenate([[1.0], AB[:-1]])
    ratio = T // n_steps
    x = rng.standard_normal(n)
    ts = repaint_timesteps(n_steps, jl, jn)
    t_last = ts[0] + 1
    eps_f = gaussian_eps(mu, v)
    for t in ts:
        if t < t_last:
            g, k = eps_f(t)
            eps = g * x + k
            a = AB[t]; tp = t - ratio; a_p = AB[tp] if tp >= 0 else 1.0
            x0 = (x - np.sqrt(1 - a) * eps) / np.sqrt(a)
            var = (1 - a_p) / (1 - a) * (1 - a / a_p); std = eta * np.sqrt(var)
            z = rng.standard_normal(n)
            x = np.sqrt(a_p) * x0 + np.sqrt(max(0, 1 - a_p - std ** 2)) * eps + (std * z if (t > 0 and eta > 0) else 0)
        else:
            for i in range(ratio):
                b = betas[t_last + i]
                x = np.sqrt(1 - b) * x + np.sqrt(b) * rng.standard_normal(n)
        t_last = t
    return float(x.mean()), float(x.std())


def dpm_2m_monte_carlo(eps_of, steps, n=200_000, seed=2):
    """DPM-Solver++(2M) as diffusers' DPMSolverMultistepScheduler with its class defaults (schedulers_np):
    its own timesteps (linspace, N + 1 with the last dropped), final sigma 0; returns the samples."""
    rng = np.random.default_rng(seed)
    return schedulers_np.run("dpm", steps, eps_of, rng.standard_normal((1, n)), {"clip_sample": False},
                             rng=rng).ravel()


def approx_cdf(x):
    return 0.5 * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x ** 3)))


def vlb_terms(mu, v, x0, n_mc=200_000, seed=3):
    """Expected VLB terms (nats/dim) of a constant image x0 under the exact per-pixel Gaussian model, fixed_small,
    no clipping: Improved DDPM's definitions (KL per t >= 1 in closed form, L_0 by Monte Carlo, prior)."""
    terms = np.zeros(T + 1)
    eps_f = gaussian_eps(mu, v)
    for t in range(1, T):
        a, ap = AB[t], AB[t - 1]
        beta = 1 - a / ap
        post = (1 - ap) / (1 - a) * beta
        c0 = np.sqrt(ap) * beta / (1 - a)
        g, k = eps_f(t)
        px = (1 - np.sqrt(1 - a) * g) / np.sqrt(a); pk = -np.sqrt(1 - a) * k / np.sqrt(a)
        e2 = (px * np.sqrt(a) * x0 + pk - x0) ** 2 + px ** 2 * (1 - a)
        terms[t] = c0 ** 2 * e2 / (2 * post)
    rng = np.random.default_rng(seed)
    a0, a1 = AB[0], AB[1]
    var0 = (1 - a0) / (1 - a1) * (1 - a1 / a0)
    x_0 = np.sqrt(a0) * x0 + np.sqrt(1 - a0) * rng.standard_normal(n_mc)
    g, k = eps_f(0)
    mu0 = (x_0 - np.sqrt(1 - a0) * (g * x_0 + k)) / np.sqrt(a0)
    c = x0 - mu0; inv = 1 / np.sqrt(var0)
    p = approx_cdf(inv * (c + 1 / 255)) - approx_cdf(inv * (c - 1 / 255))
    terms[0] = float(np.mean(-np.log(np.maximum(p, 1e-12))))
    aT = AB[T - 1]
    terms[T] = 0.5 * (-1 - np.log(1 - aT) + (1 - aT) + aT * x0 * x0)
    return terms


def dummy_ddim_loop():
    """STYLE.md's golden loop: 10 DDIM steps (eta 0, clip on) with eps = x * t / (t + 1), float64."""
    x = np.linspace(-1.5, 1.5, 16).astype(np.float64)
    ts = leading(10)
    for i, t in enumerate(ts):
        tp = ts[i + 1] if i + 1 < len(ts) else -1
        eps = x * t / (t + 1)
        a = AB[t]
        x0 = np.clip((x - np.sqrt(1 - a) * eps) / np.sqrt(a), -1, 1)
        c0, ce, _ = ddim_coeffs(t, tp, 0.0)
        x = c0 * x0 + ce * eps
    return x.tolist()


def schedule_golden():
    import torch
    out = {}
    def lin(a, b):
        return torch.linspace(a, b, T, dtype=torch.float32)
    betas = {"linear": lin(1e-4, 0.02), "scaled_linear": lin(1e-4 ** 0.5, 0.02 ** 0.5) ** 2,
             "sigmoid": torch.sigmoid(lin(-6, 6)) * (0.02 - 1e-4) + 1e-4}
    cos = []
    f = lambda u: np.cos((u + 0.008) / 1.008 * np.pi / 2) ** 2
    for i in range(T):
        cos.append(min(1 - f((i + 1) / T) / f(i / T), 0.999))
    betas["squaredcos_cap_v2"] = torch.tensor(cos, dtype=torch.float32)
    idx = [0, 1, 2, 250, 499, 500, 501, 998, 999]
    for k, b in betas.items():
        ab = torch.cumprod(1 - b, dim=0)
        out[k] = {"index": idx, "betas": [float(b[i]) for i in idx], "alpha_bar": [float(ab[i]) for i in idx]}
    return out


def main():
    mu, s = 0.3, 0.2
    write_fixture("gaussian", gaussian_graph("gaussian", [mu], [s * s], False), sidecar("gaussian", 64))
    write_fixture("broken_nan", broken_graph(), sidecar("broken_nan", 64))
    write_fixture("wrong_size", wrong_size_graph(), sidecar("wrong_size", 64))
    # the same model exported with a fixed 32 x 32 sample, as some exporters leave it
    write_fixture("gaussian_fixed", gaussian_graph("gaussian", [mu], [s * s], False, (32, 32)),
                  sidecar("gaussian_fixed", 32))
    v_sidecar = sidecar("gaussian_v", 64, inputs={"sample": "x", "timestep": "t"}, output="v")
    v_sidecar["scheduler"]["prediction_type"] = "v_prediction"
    write_fixture("gaussian_v", gaussian_v_graph(mu, s * s), v_sidecar)
    w1, m1, m2, sm = 0.3, -0.5, 0.5, 0.1
    write_fixture("mixture", mixture_graph(w1, m1, m2, sm * sm), sidecar("mixture", 64))
    # classes: 0 -> N(-0.4, 0.15^2), 1 -> N(0.4, 0.1^2), null (2) -> N(0, 0.5^2)
    cls_mu, cls_var = [-0.4, 0.4, 0.0], [0.15 ** 2, 0.1 ** 2, 0.5 ** 2]
    write_fixture("classes", gaussian_graph("classes", cls_mu, cls_var, True),
                  sidecar("classes", 64, num_classes=2, class_names=["low", "high"], null_class_label=2))
    ref = {"gaussian": {"mu": mu, "sigma": s, "runs": []}, "mixture": {"w1": w1, "runs": []},
           "classes": {"runs": []}}
    for sampler, steps, eta in [("DDPM", 1000, 0), ("DDPM", 50, 0), ("DDIM", 50, 0), ("DDIM", 10, 0),
                                ("DDIM", 50, 1), ("DDIM", 10, 1)]:
        m, v = gaussian_moments(sampler, steps, eta, gaussian_eps(mu, s * s))
        ref["gaussian"]["runs"].append({"sampler": sampler, "steps": steps, "eta": eta, "mean": m, "std": v ** 0.5})
        mc = mixture_monte_carlo(sampler, steps, eta, w1, m1, m2, sm * sm)
        ref["mixture"]["runs"].append(dict(sampler=sampler, steps=steps, eta=eta, **mc))
    for label, s_g in [(1, 1.0), (1, 3.0), (0, 0.0), (0, 2.0)]:
        for sampler, steps, eta in [("DDIM", 50, 0), ("DDPM", 1000, 0)]:
            m, v = gaussian_moments(sampler, steps, eta, guided_eps(cls_mu[label], cls_var[label], cls_mu[2],
                                                                      cls_var[2], s_g))
            ref["classes"]["runs"].append({"label": label, "guidance": s_g, "sampler": sampler, "steps": steps,
                                           "eta": eta, "mean": m, "std": v ** 0.5})
    large = sidecar("gaussian_large", 64)
    large["scheduler"]["variance_type"] = "fixed_large"
    write_fixture("gaussian_large", gaussian_graph("gaussian", [mu], [s * s], False), large)
    ref["gaussian_large"] = {"runs": []}
    for steps in (1000, 50):
        m, v = gaussian_moments("DDPM-large", steps, 0, gaussian_eps(mu, s * s))
        ref["gaussian_large"]["runs"].append({"sampler": "DDPM", "steps": steps, "eta": 0, "mean": m, "std": v ** 0.5})
    ref["sdedit"] = {"x0": -0.5, "runs": []}
    for sampler, steps, eta, strength in [("DDIM", 50, 0, 0.5), ("DDIM", 50, 1, 0.8), ("DDPM", 1000, 0, 0.3),
                                          ("DDIM", 20, 0, 1.0)]:
        m, v = gaussian_moments(sampler, steps, eta, gaussian_eps(mu, s * s), strength, -0.5)
        ref["sdedit"]["runs"].append({"sampler": sampler, "steps": steps, "eta": eta, "strength": strength,
                                      "mean": m, "std": v ** 0.5})
    frames = 11
    ts = [int(np.rint(f * (T - 1) / (frames - 1))) for f in range(frames)]
    ref["forward"] = {"x0": -0.5, "frames": frames, "t": ts,
                      "mean": [-0.5 if f == 0 else float(np.sqrt(AB[t]) * -0.5) for f, t in enumerate(ts)],
                      "std": [0.0 if f == 0 else float(np.sqrt(1 - AB[t])) for f, t in enumerate(ts)]}
    def gauss_eps(x, t):
        g, k = gaussian_eps(mu, s * s)(t)
        return g * x + k

    def mix_eps(x, t):
        a = AB[t]; vt = a * sm * sm + 1 - a
        d1 = x - np.sqrt(a) * m1; d2 = x - np.sqrt(a) * m2
        r1 = 1 / (1 + np.exp(-((d2 ** 2 - d1 ** 2) / vt * 0.5 + np.log(w1 / (1 - w1)))))
        return np.sqrt(1 - a) * (r1 * d1 + (1 - r1) * d2) / vt

    ref["dpm"] = {"gaussian": [], "mixture": []}
    for steps in (20, 10):
        g = dpm_2m_monte_carlo(gauss_eps, steps)
        ref["dpm"]["gaussian"].append({"steps": steps, "mean": float(g.mean()), "std": float(g.std())})
        x = dpm_2m_monte_carlo(mix_eps, steps)
        ref["dpm"]["mixture"].append({"steps": steps, "weight_low": float(np.mean(x < 0)),
                                      "mean_low": float(np.mean(x[x < 0])), "mean_high": float(np.mean(x[x >= 0]))})
    # Epsilon Scaling (Ning et al., ICLR 2024): the sampler sees eps / lambda; "std_unscaled" is the same run
    # with lambda = 1, so that a test can show the scaled run is told apart from it
    ref["epsilon_scale"] = {"runs": []}
    for sampler, steps, eta, lam in [("DDIM", 50, 0, 1.05), ("DDIM", 10, 0, 0.95), ("DDIM", 50, 1, 1.1),
                                     ("DDPM", 50, 0, 1.1)]:
        f = gaussian_eps(mu, s * s)
        m, v = gaussian_moments(sampler, steps, eta, lambda t: tuple(c / lam for c in f(t)))
        _, v1 = gaussian_moments(sampler, steps, eta, f)
        ref["epsilon_scale"]["runs"].append({"sampler": sampler, "steps": steps, "eta": eta, "epsilon": lam,
                                             "mean": m, "std": v ** 0.5, "std_unscaled": v1 ** 0.5})
    g = dpm_2m_monte_carlo(lambda x, t: gauss_eps(x, t) / 1.05, 20)
    g1 = dpm_2m_monte_carlo(gauss_eps, 20)
    ref["epsilon_scale"]["runs"].append({"sampler": "DPM++2M", "steps": 20, "eta": 0, "epsilon": 1.05,
                                         "mean": float(g.mean()), "std": float(g.std()),
                                         "std_unscaled": float(g1.std())})
    vt = vlb_terms(mu, s * s, -0.5)
    ref["vlb"] = {"x0": -0.5, "bits_per_dim": float(vt.sum() / np.log(2)), "prior": float(vt[T]), "l0": float(vt[0]),
                  "l_500": float(vt[500]), "l_10": float(vt[10])}
    ref["repaint"] = {"timesteps_10_3_2": repaint_timesteps(10, 3, 2).tolist(), "runs": []}
    for steps, jl, jn, eta in [(20, 5, 2, 1.0), (20, 5, 3, 0.0)]:
        m, sd = repaint_unknown(mu, s * s, steps, jl, jn, eta)
        ref["repaint"]["runs"].append({"steps": steps, "jump": jl, "resample": jn, "eta": eta, "mean": m, "std": sd})
    ref["dummy_ddim_loop"] = dummy_ddim_loop()
    ref["schedules"] = schedule_golden()
    with open(os.path.join(OUT, "reference.json"), "w") as f:
        json.dump(ref, f, indent=1)


VARIANT_SIZE = 128  # pixels per side of one Java run; thresholding works over one whole item


LABELS = {"ddpm": "DDPM", "ddim": "DDIM", "dpm": "DPM++2M", "dpm_t0": "DPM++2M-t0", "dpm_karras": "DPM++2M-Karras",
          "dpm_exp": "DPM++2M-Exp", "dpm_sde": "DPM++2M-SDE", "dpm3": "DPM++3M", "dpm3_sde": "DPM++3M-SDE",
          "unipc": "UniPC", "unipc_exp": "UniPC-Exp"}


class ZeroNoise:
    """An rng whose every draw is 0: the SDE samplers and img2img become deterministic, so their arithmetic can be
    compared value for value."""

    def standard_normal(self, shape):
        return np.zeros(shape)


def solver_goldens():
    """solvers.json: the multistep samplers on 16 fixed values with the dummy model eps = x t / (t + 1) (no clipping
    in these classes), in float64; the SDE forms and img2img with every noise draw 0; and the Karras and exponential
    plans' timesteps and sigmas."""
    x = np.linspace(-1.5, 1.5, 16).astype(np.float64)[None, :]
    dummy = lambda v, t: v * t / (t + 1)
    runs = []
    for cls, steps, strength in [("dpm", 10, None), ("dpm_karras", 10, None), ("dpm_exp", 10, None),
                                 ("dpm_exp", 25, None), ("dpm_sde", 10, None), ("dpm3", 10, None),
                                 ("dpm3", 20, None), ("dpm3_sde", 10, None), ("dpm3_sde", 20, None),
                                 ("unipc", 10, None), ("unipc", 20, None), ("unipc", 2, None), ("unipc", 1, None),
                                 ("unipc_exp", 10, None), ("dpm3", 10, 0.5), ("dpm3", 20, 0.6), ("unipc", 10, 0.5),
                                 ("unipc_exp", 20, 0.3)]:
        out = schedulers_np.run(cls, steps, dummy, x.copy(), {}, 0.0, ZeroNoise(), strength,
                                x.copy() if strength else None)
        runs.append({"sampler": LABELS[cls], "steps": steps, "strength": strength, "x": out[0].tolist()})
    plans = [{"spacing": name, "steps": n, "timesteps": plan(n)[0].tolist(), "sigmas": plan(n)[1].tolist()}
             for name, plan in (("karras", schedulers_np.karras), ("exponential", schedulers_np.exponential))
             for n in (1, 5, 10, 25)]
    with open(os.path.join(OUT, "solvers.json"), "w") as f:
        json.dump({"x": x[0].tolist(), "runs": runs, "plans": plans}, f, indent=1)


def variant_fixtures():
    """variants.json: each sampler under scheduler settings diffusers has (spacings, steps_offset,
    set_alpha_to_one, thresholding, clip_sample, learned variances, the diffusers folder layout, img2img),
    mean and std from schedulers_np's Monte Carlo over items of VARIANT_SIZE^2 pixels."""
    mu, s = 0.3, 0.2
    wide_mu, wide_s = 0.5, 1.5
    pv = (0.3 * schedulers_np.BETA).astype(np.float32)
    write_fixture("gaussian_wide", gaussian_graph("gaussian_wide", [wide_mu], [wide_s ** 2], False),
                  sidecar("gaussian_wide", 64))
    learned = sidecar("gaussian_learned", 64)
    learned["scheduler"]["variance_type"] = "learned"
    write_fixture("gaussian_learned", gaussian_graph("gaussian_learned", [mu], [s * s], False, pv_table=pv), learned)
    base = sidecar("x", 64)["scheduler"]
    runs = []

    def add(graph, sched, cls, steps, eta=0.0, strength=None, layout="sidecar", note=""):
        cfg = dict(base, **sched)
        m, v = (wide_mu, wide_s ** 2) if graph == "gaussian_wide" else (mu, s * s)
        rng = np.random.default_rng(len(runs) + 10)
        items = 32
        x = rng.standard_normal((items, VARIANT_SIZE ** 2))
        out = schedulers_np.run(cls, steps, schedulers_np.gaussian_eps(m, v), x, cfg, eta, rng, strength,
                                -0.5 if strength else None,
                                (lambda t: pv[t]) if graph == "gaussian_learned" else None)
        sampler = LABELS[cls]
        runs.append({"name": f"{note or graph} {sampler}-{steps}" + (f" eta={eta}" if eta else "") +
                     (f" strength={strength}" if strength else ""), "graph": graph, "layout": layout,
                     "scheduler": cfg, "sampler": sampler, "steps": steps, "eta": eta, "strength": strength,
                     "x0": -0.5 if strength else None, "mean": float(out.mean()), "std": float(out.std()),
                     "sample_std_of_items": float(out.std(axis=1).std())})

    for spacing in ("leading", "linspace", "trailing", None):
        sched = {"timestep_spacing": spacing} if spacing else {}
        note = spacing or "class default spacing"
        for cls, steps, eta in [("ddpm", 50, 0.0), ("ddim", 50, 0.0), ("ddim", 10, 1.0), ("dpm", 20, 0.0),
                                ("dpm", 10, 0.0)]:
            if spacing is None and cls != "dpm":
                continue
            add("gaussian", sched, cls, steps, eta, note=note)
    for cls, steps in [("ddpm", 50), ("ddim", 50), ("dpm", 20)]:
        add("gaussian", {"steps_offset": 1}, cls, steps, note="steps_offset=1")
    for spacing in ("leading", "linspace"):
        add("gaussian", {"timestep_spacing": spacing} if spacing != "leading" else {}, "dpm_t0", 20,
            note="custom timesteps " + spacing)
    for cls, steps in [("dpm_karras", 20), ("dpm_karras", 10), ("dpm_sde", 20), ("dpm_sde", 50)]:
        add("gaussian", {}, cls, steps, note="few-step")
    add("gaussian", {}, "dpm_karras", 20, strength=0.5, note="img2img")
    for cls, steps in [("unipc", 10), ("unipc", 20), ("unipc_exp", 10), ("dpm3", 10), ("dpm3", 20),
                       ("dpm3_sde", 20), ("dpm3_sde", 50), ("dpm_exp", 10), ("dpm_exp", 20)]:
        add("gaussian", {}, cls, steps, note="few-step")
    add("gaussian", {"timestep_spacing": "trailing"}, "unipc", 10, note="trailing")
    add("gaussian", {"timestep_spacing": "leading", "steps_offset": 1}, "dpm3", 20, note="leading steps_offset=1")
    for cls in ("unipc", "dpm3"):
        add("gaussian", {}, cls, 20, strength=0.5, note="img2img")
    add("gaussian", {"set_alpha_to_one": False}, "ddim", 50, note="set_alpha_to_one=false")
    add("gaussian", {"set_alpha_to_one": False, "timestep_spacing": "trailing"}, "ddim", 7,
        note="set_alpha_to_one=false trailing")
    add("gaussian", {"set_alpha_to_one": False, "timestep_spacing": "linspace"}, "ddim", 10, 1.0,
        note="set_alpha_to_one=false linspace")
    add("gaussian", {}, "dpm", 20, strength=0.5, note="img2img")
    add("gaussian", {"timestep_spacing": "linspace"}, "ddim", 50, strength=0.5, note="img2img linspace")
    thr = {"thresholding": True, "dynamic_thresholding_ratio": 0.995, "sample_max_value": 3.0}
    for cls, steps in [("ddpm", 50), ("ddim", 50), ("dpm", 20), ("dpm_karras", 20), ("unipc", 20), ("dpm3", 20)]:
        add("gaussian_wide", thr, cls, steps, note="thresholding")
    for cls, steps in [("ddim", 50), ("dpm", 20), ("unipc", 20)]:
        add("gaussian_wide", {"clip_sample": True}, cls, steps, note="clip_sample")
    add("gaussian_wide", {"clip_sample": True}, "ddim", 20, 1.0, note="clip_sample")
    add("gaussian_wide", {"clip_sample": True, "use_clipped_model_output": True}, "ddim", 50,
        note="use_clipped_model_output")
    add("gaussian_wide", {"clip_sample": True, "use_clipped_model_output": True}, "ddim", 20, 1.0,
        note="use_clipped_model_output")
    for vt, cls, steps in [("learned", "ddpm", 50), ("learned_range", "ddpm", 50), ("learned", "ddim", 50),
                           ("learned_range", "dpm", 20)]:
        add("gaussian_learned", {"variance_type": vt}, cls, steps, note=vt)
    diffusers = dict(base, _class_name="DDPMScheduler", _diffusers_version="0.31.0", timestep_spacing="leading",
                     steps_offset=0, thresholding=False, dynamic_thresholding_ratio=0.995, sample_max_value=1.0,
                     clip_sample_range=1.0, trained_betas=None, rescale_betas_zero_snr=False)
    for cls, steps in [("ddim", 50), ("dpm", 20)]:
        add("gaussian", {k: v for k, v in diffusers.items() if k not in base}, cls, steps, layout="diffusers",
            note="diffusers folder")
    with open(os.path.join(OUT, "variants.json"), "w") as f:
        json.dump({"size": VARIANT_SIZE, "runs": runs}, f, indent=1)


if __name__ == "__main__":
    main()
    restore_fixtures()
    variant_fixtures()
    solver_goldens()
