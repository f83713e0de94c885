"""Train a tiny denoiser on a 2D point cloud and export it as a DiffusionJ model folder (the Diffusion Playground).

  /usr/bin/python3 training/train_points.py --data swiss_roll --out models/playground-swiss-roll

Data sets (each scaled to about [-2, 2]): swiss_roll, moons, ring8 (8 Gaussians, sigma 0.08, on a circle of radius
1.5: a mixture whose density is known), checkerboard (uniform on the dark squares of a 4 x 4 board over [-2, 2]^2).

The network is an MLP (3 hidden layers of 256, SiLU) on (x, y) and a sinusoidal embedding of t that predicts epsilon
(DDPM eq. 14, L_simple), T = 1000, linear betas. The ONNX graph takes sample float32 [N, 2, 1, 1] (a point is a
2-channel 1 x 1 image, so the model folder is an ordinary DiffusionJ model) and timestep int64 [N]. The folder also
gets points.csv: 2000 training points, which the playground noises for its forward stack and tests compare with.
Takes about 2 to 3 minutes on one core of this project's 2-core machine.
"""
import argparse
import json
import math
import os
import time

import numpy as np
import torch
import torch.nn as nn

T = 1000
DESCRIPTIONS = {
    "swiss_roll": "a swiss roll",
    "moons": "two interleaving half circles",
    "ring8": "a mixture of 8 Gaussians (sigma 0.08) on a circle of radius 1.5",
    "checkerboard": "the dark squares of a 4 x 4 checkerboard",
}


def sample_data(name, n, rng):
    """n points of a data set, float32 [n, 2]."""
    if name == "swiss_roll":
        t = 1.5 * math.pi * (1 + 2 * rng.random(n))
        pts = np.stack([t * np.cos(t), t * np.sin(t)], 1) / 7.0
        pts += 0.03 * rng.standard_normal((n, 2))
    elif name == "moons":
        half = n // 2
        a = math.pi * rng.random(half)
        b = math.pi * rng.random(n - half)
        outer = np.stack([np.cos(a), np.sin(a)], 1)
        inner = np.stack([1 - np.cos(b), 0.5 - np.sin(b)], 1)
        pts = (np.concatenate([outer, inner]) - [0.5, 0.25]) * 1.5 + 0.05 * rng.standard_normal((n, 2))
    elif name == "ring8":
        k = rng.integers(0, 8, n)
        centres = 1.5 * np.stack([np.cos(2 * math.pi * k / 8), np.sin(2 * math.pi * k / 8)], 1)
        pts = centres + 0.08 * rng.standard_normal((n, 2))
    elif name == "checkerboard":
        pts = np.empty((0, 2))
        while len(pts) < n:
            c = rng.uniform(-2, 2, (2 * n, 2))
            dark = (np.floor(c[:, 0]) + np.floor(c[:, 1])) % 2 == 0
            pts = np.concatenate([pts, c[dark]])
        pts = pts[:n]
    else:
        raise SystemExit("unknown data set " + name + " (known: " + ", ".join(DESCRIPTIONS) + ")")
    return pts.astype(np.float32)


class PointDenoiser(nn.Module):
    """epsilon(x_t, t) for points: an MLP on (x, y) and a sinusoidal embedding of t."""

    def __init__(self, hidden=256, emb=64):
        super().__init__()
        self.emb = emb
        self.net = nn.Sequential(nn.Linear(2 + emb, hidden), nn.SiLU(), nn.Linear(hidden, hidden), nn.SiLU(),
                                 nn.Linear(hidden, hidden), nn.SiLU(), nn.Linear(hidden, 2))

    def embed(self, t):
        half = self.emb // 2
        freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32) / half)
        a = t.float()[:, None] * freqs[None, :]
        return torch.cat([torch.sin(a), torch.cos(a)], 1)

    def forward(self, sample, timestep):
        x = sample.reshape(sample.shape[0], 2)
        out = self.net(torch.cat([x, self.embed(timestep)], 1))
        return out.reshape(sample.shape[0], 2, 1, 1)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True, choices=sorted(DESCRIPTIONS))
    p.add_argument("--out", required=True)
    p.add_argument("--iterations", type=int, default=8000)
    p.add_argument("--batch", type=int, default=1024)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args()
    torch.manual_seed(args.seed)
    torch.set_num_threads(1)
    rng = np.random.default_rng(args.seed)
    data = torch.from_numpy(sample_data(args.data, 100_000, rng))
    betas = torch.linspace(1e-4, 0.02, T, dtype=torch.float64)
    alpha_bar = torch.cumprod(1 - betas, 0).float()
    model = PointDenoiser()
    ema = PointDenoiser()
    ema.load_state_dict(model.state_dict())
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, args.iterations)
    start = time.time()
    for it in range(args.iterations):
        x0 = data[torch.randint(0, len(data), (args.batch,))]
        t = torch.randint(0, T, (args.batch,))
        eps = torch.randn_like(x0)
        ab = alpha_bar[t][:, None]
        xt = ab.sqrt() * x0 + (1 - ab).sqrt() * eps  # q(x_t | x_0), DDPM eq. 4
        loss = ((model(xt.reshape(-1, 2, 1, 1), t).reshape(-1, 2) - eps) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        with torch.no_grad():
            for pe, pm in zip(ema.parameters(), model.parameters()):
                pe.mul_(0.995).add_(pm, alpha=0.005)
        if it % 1000 == 0 or it == args.iterations - 1:
            print(json.dumps({"iteration": it, "loss": round(loss.item(), 5), "seconds": round(time.time() - start, 1)}))
    ema.eval()
    report(ema, data, alpha_bar, betas)
    export(ema, args, rng, time.time() - start)


@torch.no_grad()
def report(model, data, alpha_bar, betas):
    """Ancestral DDPM (eq. 11, sigma_t^2 = beta~_t) over all T steps from 2000 points of N(0, I): the mean distance of
    the samples to the nearest of 5000 training points, against that of the noise they started from."""
    g = torch.Generator().manual_seed(7)
    x = torch.randn(2000, 2, generator=g)
    start = x.clone()
    ab = alpha_bar.double()
    for t in range(T - 1, -1, -1):
        eps = model(x.reshape(-1, 2, 1, 1), torch.full((2000,), t, dtype=torch.int64)).reshape(-1, 2).double()
        a_t = 1 - betas[t]
        mean = (x.double() - betas[t] / (1 - ab[t]).sqrt() * eps) / a_t.sqrt()
        if t > 0:
            var = betas[t] * (1 - ab[t - 1]) / (1 - ab[t])
            mean = mean + var.sqrt() * torch.randn(2000, 2, generator=g, dtype=torch.float64)
        x = mean.float()
    ref = data[torch.randperm(len(data), generator=g)[:5000]]  # NB: moons lists one half circle, then the other
    near = lambda p: torch.cdist(p, ref).min(1).values.mean().item()
    print(json.dumps({"mean_distance_to_data": round(near(x), 4), "noise_distance_to_data": round(near(start), 4)}))


def export(model, args, rng, seconds):
    os.makedirs(args.out, exist_ok=True)
    torch.onnx.export(model, (torch.zeros(4, 2, 1, 1), torch.zeros(4, dtype=torch.int64)),
                      os.path.join(args.out, "model.onnx"), input_names=["sample", "timestep"],
                      output_names=["out_sample"], dynamic_axes={"sample": {0: "batch"}, "timestep": {0: "batch"},
                                                                 "out_sample": {0: "batch"}}, opset_version=17)
    name = os.path.basename(os.path.normpath(args.out))
    config = {
        "name": name,
        "description": "Diffusion Playground: an MLP denoiser of 2D points, " + DESCRIPTIONS[args.data] +
                       " (DiffusionJ training/train_points.py)",
        "sample_size": 1,
        "in_channels": 2,
        "size_multiple": 1,
        "pixel_range": [-1.0, 1.0],
        "points": {"data": args.data, "file": "points.csv", "plot_range": [-2.5, 2.5]},
        "training": {"iterations": args.iterations, "batch": args.batch, "seconds": round(seconds),
                     "parameters": sum(p.numel() for p in model.parameters())},
        "scheduler": {"num_train_timesteps": T, "beta_schedule": "linear", "beta_start": 0.0001, "beta_end": 0.02,
                      "prediction_type": "epsilon", "variance_type": "fixed_small", "clip_sample": False},
    }
    with open(os.path.join(args.out, "diffusion.json"), "w") as f:
        json.dump(config, f, indent=2)
    pts = sample_data(args.data, 2000, np.random.default_rng(12345))
    np.savetxt(os.path.join(args.out, "points.csv"), pts, delimiter=",", header="x,y", comments="", fmt="%.5f")
    print("exported", args.out)


if __name__ == "__main__":
    main()
