"""The PyTorch side of the speed benchmark (issue 15, `mvn -Pbench verify` runs it through SpeedBenchmark).

  /usr/bin/python3 training/bench_unet.py export FOLDER
      an untrained 6 M-parameter U-Net (training/unet.py: base 64, channels 64/128/128, two residual blocks a
      level, attention at the lowest) as a DiffusionJ model folder: model.onnx (dynamic batch and size) and
      diffusion.json with the shipped model's schedule; its weights as checkpoint.pt (for training/quantize.py)
  /usr/bin/python3 training/bench_unet.py torch FOLDER --size S --batch B --steps K --threads N [--repeat R]
      PyTorch eager on the folder's architecture (diffusion.json's training.arch, weights seeded: speed does not
      depend on them): a diffusers-style DDIM loop of K steps (a model call and a scheduler step per timestep, under
      torch.inference_mode) on B images of S x S, and the forward pass alone; prints one JSON line with the median
      seconds of R runs of each

Debian's python3-torch (CPU) and python3-onnx; the threads are PyTorch's intra-op threads (torch.set_num_threads).
"""
import argparse
import json
import os
import statistics
import time

import torch

from unet import UNet

ARCH_6M = {"in_channels": 1, "base": 64, "channel_mult": [1, 2, 2], "num_res_blocks": 2, "num_classes": 10}


def build(arch):
    torch.manual_seed(0)
    return UNet(**{k: tuple(v) if isinstance(v, list) else v for k, v in arch.items()}).eval()


def export(folder):
    os.makedirs(folder, exist_ok=True)
    model = build(ARCH_6M)
    sample, timestep, labels = torch.randn(2, 1, 32, 32), torch.tensor([999, 10]), torch.tensor([0, 10])
    axes = {"sample": {0: "batch", 2: "height", 3: "width"}, "timestep": {0: "batch"}, "class_labels": {0: "batch"},
            "out_sample": {0: "batch", 2: "height", 3: "width"}}
    torch.onnx.export(model, (sample, timestep, labels), os.path.join(folder, "model.onnx"),
                      input_names=["sample", "timestep", "class_labels"], output_names=["out_sample"],
                      dynamic_axes=axes, opset_version=17, do_constant_folding=True)
    with open(os.path.join(os.path.dirname(__file__), "..", "models", "fashion-mnist-32", "diffusion.json")) as f:
        shipped = json.load(f)
    parameters = sum(p.numel() for p in model.parameters())
    sidecar = {"name": "unet-6m", "description": f"untrained U-Net of {parameters} parameters for the speed benchmark",
               "sample_size": 32, "in_channels": 1, "size_multiple": 4, "pixel_range": [0.0, 255.0],
               "training": {"steps": 0, "seconds": 0, "parameters": parameters, "arch": ARCH_6M},
               "scheduler": shipped["scheduler"], "num_classes": 10, "class_names": shipped["class_names"],
               "null_class_label": 10}
    with open(os.path.join(folder, "diffusion.json"), "w") as f:
        json.dump(sidecar, f, indent=2)
    torch.save({"arch": ARCH_6M, "ema": model.state_dict()}, os.path.join(folder, "checkpoint.pt"))
    print(f"exported {parameters} parameters to {folder}")


def alpha_bar(T=1000):
    return torch.cumprod(1 - torch.linspace(1e-4, 0.02, T, dtype=torch.float32), 0)


def ddim_loop(model, x, labels, steps, ab):
    """diffusers' DDIMScheduler, leading spacing, eta 0, clip_sample: the pipeline's loop written out."""
    ts = [t * (1000 // steps) for t in range(steps)][::-1]
    for i, t in enumerate(ts):
        eps = model(x, torch.full((x.shape[0],), t, dtype=torch.int64), labels)
        a_t, a_p = ab[t], ab[ts[i + 1]] if i + 1 < len(ts) else torch.tensor(1.0)
        x0 = ((x - (1 - a_t).sqrt() * eps) / a_t.sqrt()).clamp(-1, 1)
        x = a_p.sqrt() * x0 + (1 - a_p).sqrt() * eps
    return x


def timed(fn, repeat):
    fn()  # warm-up
    seconds = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds)


def run_torch(args):
    torch.set_num_threads(args.threads)
    with open(os.path.join(args.folder, "diffusion.json")) as f:
        model = build(json.load(f)["training"]["arch"])
    gen = torch.Generator().manual_seed(1)
    x = torch.randn(args.batch, 1, args.size, args.size, generator=gen)
    labels = torch.full((args.batch,), 3, dtype=torch.int64)
    t = torch.full((args.batch,), 500, dtype=torch.int64)
    ab = alpha_bar()
    with torch.inference_mode():
        forward = timed(lambda: model(x, t, labels), args.repeat)
        loop = timed(lambda: ddim_loop(model, x, labels, args.steps, ab), max(1, args.repeat // 3))
    print(json.dumps({"forward_s": forward, "loop_s": loop, "threads": torch.get_num_threads(),
                      "torch": torch.__version__}))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("what", choices=["export", "torch"])
    p.add_argument("folder")
    p.add_argument("--size", type=int, default=32)
    p.add_argument("--batch", type=int, default=1)
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--repeat", type=int, default=5)
    args = p.parse_args()
    if args.what == "export":
        export(args.folder)
    else:
        run_torch(args)


if __name__ == "__main__":
    main()
