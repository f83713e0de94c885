"""Train the DDPM U-Net with L_simple (DDPM eq. 14), EMA weights and label dropout for CFG.

Resumable: every --save-every seconds the model, its EMA, the optimiser and the RNG state go
to --ckpt; running again with the same --ckpt continues where it stopped. --minutes bounds the
wall time of this run (not of the whole training), so training can go on across sessions.

  /usr/bin/python3 training/train.py --ckpt training/checkpoint/fashion-mnist-32.pt --minutes 120
  /usr/bin/python3 training/train.py --data /path/to/folder --size 64 --ckpt mine.pt --device cuda

Restoration (image-conditioned) models learn from pairs in CARE's layout, FOLDER/source and FOLDER/target
(same-named images): aligned random crops of --size, flips and 90-degree rotations, the condition
concatenated before x_t (ConditionalUNet). By default the net diffuses the residual clean - observed with
v-prediction (EDM's preconditioning for sigma_data = 1): on 2 CPU cores the epsilon objective does not learn
to use the condition in the time there is, and x0-prediction gives samples that barely differ (issue 18).
--regression trains the same U-Net on the condition alone with an L2 loss: the CARE-style baseline.

  /usr/bin/python3 training/train.py --pairs data/fluo-train --size 64 --batch 16 --ckpt fluo.pt
  /usr/bin/python3 training/train.py --pairs data/fluo-train --size 64 --batch 16 --regression --ckpt care.pt
"""
import argparse
import json
import os
import time

import numpy as np
import torch

from data import fashion_mnist, image_folder
from data import FOLDER_PERCENTILES, RESTORE_PERCENTILES, pairs_folder
from unet import ConditionalUNet, UNet, linear_alpha_bar

DEFAULT_LR = 5e-4
DEFAULT_EMA = 0.999


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default="fashion-mnist",
                   help="'fashion-mnist', 'specimens' (clean fluorescence specimens drawn afresh every step, "
                        "specimens.py: the Deconvolve prior) or a folder of images")
    p.add_argument("--exclude", default="", help="with --data specimens: families never drawn (held out)")
    p.add_argument("--pairs", default=None,
                   help="folder with source/ and target/: a restoration model; 'specimens': camera pairs drawn "
                        "afresh every step from randomised specimens and optics (camera.py)")
    p.add_argument("--regression", action="store_true", help="with --pairs: the CARE-style L2 baseline")
    p.add_argument("--prediction", choices=("epsilon", "sample", "v_prediction"), default=None,
                   help="what the net predicts (default: epsilon; v_prediction for --pairs)")
    p.add_argument("--residual", choices=("diffusion", "output", "none"), default="diffusion",
                   help="--pairs: diffuse the residual clean - observed (default), or add the observed image to "
                        "the output, or neither")
    p.add_argument("--snapshot-every", type=float, default=0,
                   help="seconds between EMA snapshots kept beside the checkpoint (learning curves)")
    p.add_argument("--size", type=int, default=32)
    p.add_argument("--channel", type=int, default=0, help="channel of multi-channel images in a folder")
    p.add_argument("--ckpt", required=True)
    p.add_argument("--minutes", type=float, default=60)
    p.add_argument("--batch", type=int, default=0,
                   help="images per step (default 64; for --pairs 16 on a CPU, where 64 crops make a step take minutes)")
    p.add_argument("--val", type=int, default=4,
                   help="--pairs: pairs kept out of training and measured at every checkpoint (0: none)")
    p.add_argument("--lr", type=float, default=None,
                   help="Adam's learning rate (default 5e-4; resuming: the checkpoint's, which this changes for good)")
    p.add_argument("--ema", type=float, default=None,
                   help="EMA decay of the exported weights (default 0.999; resuming: the checkpoint's, likewise)")
    p.add_argument("--p-uncond", type=float, default=0.1)
    p.add_argument("--base", type=int, default=32)
    p.add_argument("--channel-mult", default="1,2,2")
    p.add_argument("--res-blocks", type=int, default=1)
    p.add_argument("--save-every", type=float, default=300, help="seconds between checkpoints")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--workers", type=int, default=0,
                   help="processes drawing specimens or camera pairs (on a GPU machine the CPU draws the data)")
    p.add_argument("--reuse", type=int, default=1,
                   help="steps each drawn batch of specimens or camera pairs serves, turned or flipped anew each "
                        "time and noised at new timesteps (a GPU outruns the processes that draw)")
    p.add_argument("--device", default="cpu")
    p.add_argument("--seed", type=int, default=0)
    return p.parse_args()


def channel_mult(args):
    """--channel-mult "1,2,2" as a tuple."""
    return tuple(int(c) for c in args.channel_mult.split(","))


class Stream(torch.utils.data.IterableDataset):
    """Endless batches of `draw(seed)` items, stacked; seeds (base, random, j) come from torch's RNG, which the
    DataLoader seeds differently in each worker process."""

    def __init__(self, draw, base, batch):
        super().__init__()
        self.draw, self.base, self.batch = draw, base, batch

    def __iter__(self):
        while True:
            n = int(torch.randint(0, 2 ** 31, ()))
            items = [self.draw([self.base, n, j]) for j in range(self.batch)]
            yield tuple(torch.from_numpy(np.stack(parts)) for parts in zip(*items))


def stream(args, draw, base, dev):
    """A function returning the next batch (a tuple of tensors on dev), drawn by --workers processes or in place;
    each drawn batch serves --reuse steps, each time under one of the square's 8 turns and flips."""
    data = Stream(draw, base, args.batch)
    if args.workers <= 0:
        it = iter(data)
    else:
        it = iter(torch.utils.data.DataLoader(data, batch_size=None, num_workers=args.workers, prefetch_factor=4,
                                              persistent_workers=True, pin_memory=dev.type == "cuda"))
    held = {"batch": None, "left": 0}

    def nxt():
        if held["left"] == 0:
            held["batch"], held["left"] = tuple(b.to(dev, non_blocking=True) for b in next(it)), args.reuse
        held["left"] -= 1
        k, flip = int(torch.randint(0, 4, ())), bool(torch.randint(0, 2, ()))
        return tuple(dihedral(b, k, flip) for b in held["batch"])
    return nxt


def dihedral(images, k, flip):
    """images (N, C, H, W) turned k quarter turns, then mirrored left-right when flip."""
    out = torch.rot90(images, k, dims=(2, 3))
    return torch.flip(out, dims=(3,)) if flip else out


def excluded(args):
    return tuple(f for f in args.exclude.split(",") if f)


def draw_specimen(size, exclude):
    from specimens import specimen
    return lambda seed: (specimen(seed, size, exclude)[0][None] * 2 - 1,)


def draw_camera_pair(size, exclude):
    from camera import camera_pair
    return lambda seed: tuple(a[None] for a in camera_pair(seed, size, exclude)[:2])


def specimen_task(args, dev):
    """The unconditional fluorescence prior: every batch is new specimens, from seeds (seed + 100, step, j) that
    no test set uses (test sets take two-number seeds), so the prior never sees an image twice."""
    exclude = excluded(args)
    arch = dict(in_channels=1, base=args.base, channel_mult=channel_mult(args),
                num_res_blocks=args.res_blocks, num_classes=0)
    nxt = stream(args, draw_specimen(args.size, exclude), args.seed + 100, dev)

    def batch():
        return nxt()[0], None, None
    print(f"specimens of {args.size}x{args.size}, families excluded: {', '.join(exclude) or 'none'}", flush=True)
    return arch, lambda: UNet(**arch), batch, []


def class_task(args, dev):
    """Unconditional / class-conditional images: (arch, model factory, batch function, names)."""
    if args.data == "specimens":
        return specimen_task(args, dev)
    if args.data == "fashion-mnist":
        x, y, class_names = fashion_mnist("train", args.size)
    else:
        x, y, class_names = image_folder(args.data, args.size, args.channel, seed=args.seed)
    num_classes = len(class_names) if y is not None else 0
    arch = dict(in_channels=1, base=args.base, channel_mult=channel_mult(args),
                num_res_blocks=args.res_blocks, num_classes=num_classes)
    data = torch.from_numpy(x)
    labels = torch.from_numpy(y) if y is not None else None

    def batch():
        idx = torch.randint(0, len(data), (args.batch,))
        cls = None
        if labels is not None:
            cls = labels[idx].to(dev)
            drop = torch.rand(args.batch, device=dev) < args.p_uncond
            cls = torch.where(drop, torch.full_like(cls, num_classes), cls)
        return data[idx].to(dev), None, cls
    print(f"{len(x)} images", flush=True)
    return arch, lambda: UNet(**arch), batch, class_names


def pair_task(args, dev):
    """Restoration from pairs: aligned random crops with the 8 flips/rotations of the square; the last --val pairs
    (by name) are kept out of training for validation.measure."""
    if args.pairs == "specimens":
        return camera_pair_task(args, dev)
    src, tgt, names = pairs_folder(args.pairs)
    val = min(args.val, len(names) - 1) if args.val > 0 else 0
    args.val_pairs = (torch.from_numpy(src[len(names) - val:]), torch.from_numpy(tgt[len(names) - val:])) if val else None
    if val:
        src, tgt, names = src[:len(names) - val], tgt[:len(names) - val], names[:len(names) - val]
        print(f"{val} pairs kept aside for validation", flush=True)
    size = args.size
    if src.shape[2] < size or src.shape[3] < size:
        raise SystemExit(f"pairs are {src.shape[3]}x{src.shape[2]}, smaller than the crop size {size}")
    arch = restoration_arch(args)
    src, tgt = torch.from_numpy(src), torch.from_numpy(tgt)

    def batch():
        idx = torch.randint(0, len(src), (args.batch,))
        r = torch.randint(0, src.shape[2] - size + 1, (args.batch,))
        c = torch.randint(0, src.shape[3] - size + 1, (args.batch,))
        pairs = torch.stack([torch.cat([src[i, :, a:a + size, b:b + size], tgt[i, :, a:a + size, b:b + size]])
                             for i, a, b in zip(idx.tolist(), r.tolist(), c.tolist())])
        k = int(torch.randint(0, 4, ()))
        pairs = torch.rot90(pairs, k, dims=(2, 3))
        if torch.rand(()) < 0.5:
            pairs = torch.flip(pairs, dims=(3,))
        pairs = pairs.to(dev)
        return pairs[:, 1:2], pairs[:, 0:1], None  # x0 = target, condition = source
    print(f"{len(names)} pairs of {src.shape[3]}x{src.shape[2]}, crops of {size}", flush=True)
    return arch, lambda: ConditionalUNet(**arch), batch, []


def restoration_arch(args):
    return dict(cond_channels=1, in_channels=0 if args.regression else 1, base=args.base,
                channel_mult=channel_mult(args), num_res_blocks=args.res_blocks,
                residual="output" if args.regression or args.residual == "output" else args.residual)


def camera_pair_task(args, dev):
    """Restoration from camera pairs drawn afresh every step (camera.py), seeds (seed + 200, step, j): no pair
    is seen twice and none is shared with a test set. No pairs are kept for validation: measure on test sets."""
    exclude = excluded(args)
    arch = restoration_arch(args)
    nxt = stream(args, draw_camera_pair(args.size, exclude), args.seed + 200, dev)

    def batch():
        src, tgt = nxt()
        return tgt, src, None  # x0 = target, condition = source
    print(f"camera pairs of {args.size}x{args.size} from specimens, families excluded: "
          f"{', '.join(exclude) or 'none'}", flush=True)
    return arch, lambda: ConditionalUNet(**arch), batch, []


def diffusion_loss(model, x0, cond, cls, alpha_bar, prediction):
    """L_simple (DDPM eq. 14) for epsilon; the same MSE on x0 (sample) or on v = sqrt(ab) eps - sqrt(1-ab) x0
    (Salimans & Ho 2022) for the other parameterisations."""
    t = torch.randint(0, len(alpha_bar), (x0.shape[0],), device=x0.device)
    eps = torch.randn_like(x0)
    ab = alpha_bar[t][:, None, None, None]
    xt = ab.sqrt() * x0 + (1 - ab).sqrt() * eps  # q(x_t | x_0)
    if cond is not None:
        out = model(torch.cat([cond, xt], dim=1), t)
    else:
        out = model(xt, t, cls)
    goal = {"epsilon": eps, "sample": x0, "v_prediction": ab.sqrt() * eps - (1 - ab).sqrt() * x0}[prediction]
    return torch.mean((out - goal) ** 2)


def main():
    args = parse_args()
    torch.set_num_threads(args.threads)
    torch.backends.cuda.matmul.allow_tf32 = torch.backends.cudnn.allow_tf32 = True
    dev = torch.device(args.device)
    if args.batch <= 0:  # pairs: 64 crops a step take minutes on a laptop CPU, and a user sees no progress
        args.batch = 64 if dev.type == "cuda" or not args.pairs else 16
    args.val_pairs = None
    if args.regression and not args.pairs:
        raise SystemExit("--regression needs --pairs")
    arch, make, batch, class_names = (pair_task if args.pairs else class_task)(args, dev)
    prediction = "regression" if args.regression else args.prediction or ("v_prediction" if args.pairs else "epsilon")
    if args.pairs and not args.regression and args.residual == "diffusion" and prediction != "v_prediction":
        raise SystemExit("--residual diffusion is written for --prediction v_prediction")
    model = make().to(dev)
    ema = make().to(dev).eval()
    ema.load_state_dict(model.state_dict())
    opt = torch.optim.Adam(model.parameters(), lr=args.lr or DEFAULT_LR)
    step, log, rates = 0, [], {"lr": DEFAULT_LR, "ema": DEFAULT_EMA}
    if os.path.exists(args.ckpt):
        ck = torch.load(args.ckpt, map_location=dev, weights_only=False)
        if args.pairs:
            ck["arch"].setdefault("residual", "output")  # checkpoints from before the residual="diffusion" option
        if ck["arch"] != arch or ck.get("prediction", "epsilon") != prediction:
            raise SystemExit(f"{args.ckpt} holds a model of another shape: {ck['arch']}, {ck.get('prediction')}")
        model.load_state_dict(ck["model"]); ema.load_state_dict(ck["ema"]); opt.load_state_dict(ck["opt"])
        step, log = ck["step"], ck["log"]
        rates = ck.get("rates", rates)  # checkpoints from before "rates" trained with the defaults
        torch.set_rng_state(ck["rng"].cpu())  # NB: map_location moved it to the device
        print(f"resumed at step {step}", flush=True)
    else:
        torch.manual_seed(args.seed)
    rates = {"lr": args.lr or rates["lr"], "ema": args.ema or rates["ema"]}
    print(f"{sum(p.numel() for p in model.parameters())} parameters, predicting {prediction}, "
          f"learning rate {rates['lr']:g}, EMA decay {rates['ema']:g}", flush=True)

    alpha_bar = linear_alpha_bar().to(dev)
    first_step = step
    start = last_save = last_snap = time.time()
    trained_s = log[-1]["seconds"] if log else 0.0
    window = []
    meta = dict(arch=arch, class_names=class_names, prediction=prediction, pairs=bool(args.pairs), rates=rates)
    validating = args.val_pairs is not None and not args.regression and prediction == "v_prediction" and \
        arch.get("residual") == "diffusion"
    meta["validation"] = ck.get("validation", []) if os.path.exists(args.ckpt) else []
    if args.pairs or (args.data and args.data != "fashion-mnist"):  # the folder, named in the model's description
        meta["data"] = os.path.basename(os.path.normpath(args.pairs or args.data))
    if "specimens" in (args.data, args.pairs):
        meta["exclude"] = args.exclude
    if args.pairs or args.data not in ("fashion-mnist", "specimens"):  # each image was mapped by its own percentiles: export says so
        meta["normalize"] = list(RESTORE_PERCENTILES if args.pairs else FOLDER_PERCENTILES)
    while time.time() - start < args.minutes * 60:
        x0, cond, cls = batch()
        warm = min(1.0, (step + 1) / 500)
        for g in opt.param_groups:
            g["lr"] = rates["lr"] * warm
        if args.regression:
            loss = torch.mean((model(cond, torch.zeros(len(cond), dtype=torch.int64, device=dev)) - x0) ** 2)
        else:
            loss = diffusion_loss(model, x0, cond, cls, alpha_bar, prediction)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        with torch.no_grad():
            decay = min(rates["ema"], (1 + step) / (10 + step))
            for pe, pm in zip(ema.parameters(), model.parameters()):
                pe.mul_(decay).add_(pm.detach(), alpha=1 - decay)
        step += 1
        window.append(loss.item())
        if step % 50 == 0:
            log.append({"step": step, "loss": float(np.mean(window)),
                        "seconds": trained_s + time.time() - start, "lr": rates["lr"]})
            window = []
            rate = (step - first_step) / max(time.time() - start, 1e-9) * 60
            left = max(args.minutes * 60 - (time.time() - start), 0) / 60
            print(json.dumps(dict(log[-1], steps_per_min=round(rate, 1), minutes_left=round(left, 1),
                                  steps_left=int(rate * left))), flush=True)
        if time.time() - last_save > args.save_every:
            if validating:
                validate(ema, args, alpha_bar, step, meta)
            save(args.ckpt, model, ema, opt, step, log, meta)
            last_save = time.time()
        if args.snapshot_every and time.time() - last_snap > args.snapshot_every:
            snapshot(args.ckpt, ema, step, trained_s + time.time() - start, meta)
            last_snap = time.time()
    if validating:
        validate(ema, args, alpha_bar, step, meta)
    save(args.ckpt, model, ema, opt, step, log, meta)
    print(f"stopped at step {step}", flush=True)


def validate(ema, args, alpha_bar, step, meta):
    """validation.measure on the pairs kept aside, logged and kept in the checkpoint (export.py writes the last)."""
    from validation import measure
    if meta["validation"] and meta["validation"][-1]["step"] == step:
        return  # NB: measured at this step already (a save just before the end)
    row = measure(ema.cpu() if args.device != "cpu" else ema, *args.val_pairs, alpha_bar.cpu(), step)
    if args.device != "cpu":
        ema.to(args.device)
    meta["validation"] = meta["validation"] + [row]
    print("validation " + json.dumps(row) + ("" if row["beats_gaussian"] else
          "  -- the model does not beat a Gaussian filter yet"), flush=True)


def snapshot(path, ema, step, seconds, meta):
    """EMA weights alone at this step, for learning curves measured afterwards (a few MB each)."""
    folder = os.path.splitext(path)[0] + "-snapshots"
    os.makedirs(folder, exist_ok=True)
    torch.save(dict(meta, ema=ema.state_dict(), step=step, seconds=seconds),
               os.path.join(folder, f"step{step:07d}.pt"))


def save(path, model, ema, opt, step, log, meta):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = path + ".tmp"
    torch.save({"model": model.state_dict(), "ema": ema.state_dict(), "opt": opt.state_dict(),
                "step": step, "log": log, "rng": torch.get_rng_state(), **meta}, tmp)
    os.replace(tmp, path)  # never leave a half-written checkpoint
    with open(os.path.splitext(path)[0] + "-loss.csv", "w") as f:  # the loss curve, readable without torch
        f.write("step,loss,seconds,lr\n")
        for r in log:  # entries from before "lr" was logged ran at the default
            f.write(f"{r['step']},{r['loss']:.5f},{r['seconds']:.1f},{r.get('lr', DEFAULT_LR):g}\n")


if __name__ == "__main__":
    main()
