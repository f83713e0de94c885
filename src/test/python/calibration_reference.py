"""Reference numbers for CalibrationTest, written from the papers with scipy (not from DiffusionJ's Java):
the Hoeffding-Bentkus upper confidence bound as im2im-uq computes it (Angelopoulos et al. 2022; Bates et al. 2021:
Hoeffding's exp(-n h(min(mu, muhat), mu)), Bentkus's e * BinomCDF(floor(n muhat); n, mu), brentq on [muhat, 1)), and
lambda-hat of the RCPS scan (the smallest lambda of the 0.01 grid below which the bound first exceeds alpha) for a
seeded set of scores |z| / s with z ~ N(0, 1) and a std s that is half the truth (so lambda-hat is about 2 x 1.64).

  /usr/bin/python3 src/test/python/calibration_reference.py
"""
import json
import os

import numpy as np
from scipy.optimize import brentq
from scipy.stats import binom


def h1(y, mu):
    with np.errstate(divide="ignore", invalid="ignore"):
        a = np.where(y > 0, y * np.log(y / mu), 0.0)
        b = np.where(y < 1, (1 - y) * np.log((1 - y) / (1 - mu)), 0.0)
    return a + b


def hb_ucb(muhat, n, delta):
    def tail(mu):
        hoeffding = -n * h1(min(mu, muhat), mu)
        bentkus = np.log(max(binom.cdf(np.floor(n * muhat), n, mu), 1e-10)) + 1
        return min(hoeffding, bentkus) - np.log(delta)
    if tail(1 - 1e-10) > 0:
        return 1.0
    return brentq(tail, max(muhat, 1e-12), 1 - 1e-10, xtol=1e-13, maxiter=1000)


def lambda_hat(scores, alpha, delta):
    best = None
    for g in range(2000, 0, -1):
        lam = g * 0.01
        risk = float(np.mean([np.mean(s > lam) for s in scores]))
        ucb = hb_ucb(risk, len(scores), delta)
        if ucb > alpha:
            break
        best = (lam, ucb, risk)
    return best


def restore_reference():
    """The exact miss rate of mean +- lambda std for the restore_gaussian fixture sampled by DDIM-50 (eta 0) with 8
    samples: the sampler's output is N(m(y), s_d^2) (s_d from restore.json, numpy's moment recursion), the truth
    x0 | y ~ N(m(y), k v) (k = 1; k = 4 for a std half the truth), so (x0 - mean_8) / (std_8 c) ~ t_7 with
    c = sqrt(k v + s_d^2 / 8) / s_d, and miss(lambda) = 2 (1 - F_t7(lambda / c))."""
    from scipy.stats import t
    here = os.path.join(os.path.dirname(__file__), "..", "resources", "fixtures", "restore.json")
    with open(here) as f:
        ref = json.load(f)
    v = ref["posterior_var"]
    s_d = [r for r in ref["runs"] if r["sampler"] == "DDIM" and r["steps"] == 50 and r["eta"] == 0][0]["std"][0]
    out = {"posterior_var": v, "sampler_std": s_d}
    grid = [round(0.01 * g, 2) for g in range(0, 1201)]
    for k, name in [(1, "true"), (4, "half")]:
        c = float(np.sqrt(k * v + s_d ** 2 / 8) / s_d)
        out[name] = {"c": c, "quantile90": float(c * t.ppf(0.95, 7)),
                     "miss": [float(2 * (1 - t.cdf(lam / c, 7))) for lam in grid]}
    return out


def main():
    bounds = []
    for muhat, n, delta in [(0.05, 50, 0.1), (0.0, 10, 0.1), (0.08, 30, 0.05), (0.1, 1000, 0.1), (0.5, 20, 0.2),
                            (0.02, 200, 0.01), (0.9, 5, 0.1)]:
        bounds.append(dict(riskHat=muhat, n=n, delta=delta, ucb=hb_ucb(muhat, n, delta)))
    rng = np.random.default_rng(33)
    scores = [np.abs(rng.normal(0, 1, 256)) / 0.5 for _ in range(40)]
    scores = [s.astype(np.float32) for s in scores]
    lam, ucb, risk = lambda_hat(scores, 0.1, 0.1)
    out = dict(bounds=bounds, scores=[s.tolist() for s in scores], alpha=0.1, delta=0.1, lambdaHat=lam, bound=ucb,
               missRate=risk, restore=restore_reference())
    path = os.path.join(os.path.dirname(__file__), "..", "resources", "fixtures", "calibration.json")
    with open(path, "w") as f:
        json.dump(out, f)
    print(bounds, lam, ucb, risk)


if __name__ == "__main__":
    main()
