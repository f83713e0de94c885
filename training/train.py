"""Train the DDPM U-Net with L_simple (DDPM eq. 14), EMA weights and label dropout for CFG.

Resumable: every --save-every seconds the model, its EMA, the optimiser and the RNG state go
to --ckpt; running again with the same --ckpt continues where it stopped. --minutes bounds the
wall time of this run (not of the whole training), so training can go on across sessions.

  /usr/bin/python3 training/train.py --ckpt training/checkpoint/fashion-mnist-32.pt --minutes 120
  /usr/bin/python3 training/train.py --data /path/to/folder --size 64 --ckpt mine.pt --device cuda
"""
import argparse
import json
import os
import time

import numpy as np
import torch

from data import fashion_mnist, image_folder
from unet import UNet


def linear_alpha_bar(T=1000, beta_start=1e-4, beta_end=0.02):
    betas = torch.linspace(beta_start, beta_end, T, dtype=torch.float32)
    return torch.cumprod(1 - betas, dim=0)


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default="fashion-mnist", help="'fashion-mnist' or a folder of images")
    p.add_argument("--size", type=int, default=32)
    p.add_argument("--channel", type=int, default=0, help="channel of multi-channel images in a folder")
    p.add_argument("--ckpt", required=True)
    p.add_argument("--minutes", type=float, default=60)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--lr", type=float, default=5e-4)
    p.add_argument("--ema", type=float, default=0.999)
    p.add_argument("--p-uncond", type=float, default=0.1)
    p.add_argument("--base", type=int, default=32)
    p.add_argument("--channel-mult", default="1,2,2")
    p.add_argument("--res-blocks", type=int, default=1)
    p.add_argument("--save-every", type=float, default=300, help="seconds between checkpoints")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--device", default="cpu")
    p.add_argument("--seed", type=int, default=0)
    return p.parse_args()


def main():
    args = parse_args()
    torch.set_num_threads(args.threads)
    dev = torch.device(args.device)
    if args.data == "fashion-mnist":
        x, y, class_names = fashion_mnist("train", args.size)
    else:
        x, y, class_names = image_folder(args.data, args.size, args.channel, seed=args.seed)
    num_classes = len(class_names) if y is not None else 0
    arch = dict(in_channels=1, base=args.base, channel_mult=tuple(int(c) for c in args.channel_mult.split(",")),
                num_res_blocks=args.res_blocks, num_classes=num_classes)
    model = UNet(**arch).to(dev)
    ema = UNet(**arch).to(dev).eval()
    ema.load_state_dict(model.state_dict())
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    step, log = 0, []
    if os.path.exists(args.ckpt):
        ck = torch.load(args.ckpt, map_location=dev)
        if ck["arch"] != arch:
            raise SystemExit(f"{args.ckpt} holds a model of another shape: {ck['arch']}")
        model.load_state_dict(ck["model"]); ema.load_state_dict(ck["ema"]); opt.load_state_dict(ck["opt"])
        step, log = ck["step"], ck["log"]
        torch.set_rng_state(ck["rng"])
        print(f"resumed at step {step}", flush=True)
    else:
        torch.manual_seed(args.seed)
    print(f"{sum(p.numel() for p in model.parameters())} parameters, {len(x)} images", flush=True)

    alpha_bar = linear_alpha_bar().to(dev)
    data = torch.from_numpy(x)
    labels = torch.from_numpy(y) if y is not None else None
    start = last_save = time.time()
    trained_s = log[-1]["seconds"] if log else 0.0
    window = []
    while time.time() - start < args.minutes * 60:
        idx = torch.randint(0, len(data), (args.batch,))
        x0 = data[idx].to(dev)
        t = torch.randint(0, 1000, (args.batch,), device=dev)
        eps = torch.randn_like(x0)
        ab = alpha_bar[t][:, None, None, None]
        xt = ab.sqrt() * x0 + (1 - ab).sqrt() * eps  # q(x_t | x_0)
        cls = None
        if labels is not None:
            cls = labels[idx].to(dev)
            drop = torch.rand(args.batch, device=dev) < args.p_uncond
            cls = torch.where(drop, torch.full_like(cls, num_classes), cls)
        warm = min(1.0, (step + 1) / 500)
        for g in opt.param_groups:
            g["lr"] = args.lr * warm
        loss = torch.mean((model(xt, t, cls) - eps) ** 2)  # L_simple
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        with torch.no_grad():
            decay = min(args.ema, (1 + step) / (10 + step))
            for pe, pm in zip(ema.parameters(), model.parameters()):
                pe.mul_(decay).add_(pm.detach(), alpha=1 - decay)
        step += 1
        window.append(loss.item())
        if step % 50 == 0:
            log.append({"step": step, "loss": float(np.mean(window)),
                        "seconds": trained_s + time.time() - start})
            window = []
            print(json.dumps(log[-1]), flush=True)
        if time.time() - last_save > args.save_every:
            save(args.ckpt, model, ema, opt, step, log, arch, class_names)
            last_save = time.time()
    save(args.ckpt, model, ema, opt, step, log, arch, class_names)
    print(f"stopped at step {step}", flush=True)


def save(path, model, ema, opt, step, log, arch, class_names):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = path + ".tmp"
    torch.save({"model": model.state_dict(), "ema": ema.state_dict(), "opt": opt.state_dict(),
                "step": step, "log": log, "arch": arch, "class_names": class_names,
                "rng": torch.get_rng_state()}, tmp)
    os.replace(tmp, path)  # never leave a half-written checkpoint
    with open(os.path.splitext(path)[0] + "-loss.csv", "w") as f:  # the loss curve, readable without torch
        f.write("step,loss,seconds\n")
        for r in log:
            f.write(f"{r['step']},{r['loss']:.5f},{r['seconds']:.1f}\n")


if __name__ == "__main__":
    main()
