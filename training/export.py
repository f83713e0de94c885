"""Export a checkpoint's EMA weights to a DiffusionJ model folder: model.onnx + diffusion.json.

  /usr/bin/python3 training/export.py training/checkpoint/fashion-mnist-32.pt models/fashion-mnist-32

ONNX: inputs sample float32 [N, 1, H, W], timestep int64 [N], class_labels int64 [N] (conditional
models); output out_sample; batch, height and width are dynamic.
"""
import argparse
import json
import os

import torch

from unet import UNet


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("checkpoint")
    p.add_argument("folder")
    p.add_argument("--name", default=None)
    p.add_argument("--size", type=int, default=32)
    p.add_argument("--description", default="class-conditional DDPM trained on Fashion-MNIST, 32x32 "
                                            "(DiffusionJ training/train.py)")
    p.add_argument("--pixel-range", default="0,255")
    args = p.parse_args()

    ck = torch.load(args.checkpoint, map_location="cpu")
    model = UNet(**ck["arch"]).eval()
    model.load_state_dict(ck["ema"])
    num_classes = ck["arch"]["num_classes"]
    os.makedirs(args.folder, exist_ok=True)
    n, s = 2, args.size
    sample = torch.randn(n, 1, s, s)
    timestep = torch.tensor([999, 10], dtype=torch.int64)
    names = ["sample", "timestep"]
    inputs = (sample, timestep)
    axes = {"sample": {0: "batch", 2: "height", 3: "width"}, "timestep": {0: "batch"},
            "out_sample": {0: "batch", 2: "height", 3: "width"}}
    if num_classes:
        inputs += (torch.tensor([0, num_classes], dtype=torch.int64),)
        names.append("class_labels")
        axes["class_labels"] = {0: "batch"}
    onnx_path = os.path.join(args.folder, "model.onnx")
    torch.onnx.export(model, inputs, onnx_path, input_names=names, output_names=["out_sample"],
                      dynamic_axes=axes, opset_version=17, do_constant_folding=True)
    lo, hi = (float(v) for v in args.pixel_range.split(","))
    sidecar = {
        "name": args.name or os.path.basename(os.path.normpath(args.folder)),
        "description": args.description,
        "sample_size": s,
        "in_channels": 1,
        "size_multiple": 2 ** (len(ck["arch"]["channel_mult"]) - 1),
        "pixel_range": [lo, hi],
        # working memory of one image in a forward pass: per_pixel * p + per_pixel_squared * p^2 bytes; measured
        # (peak resident memory, ONNX Runtime CPU) for base 32 at 256^2 and 512^2; the linear term grows with the
        # width, the quadratic one (attention at 1/4 of the size) does not
        "memory": {"per_pixel": 1024 * ck["arch"]["base"] / 32, "per_pixel_squared": 0.044},
        "training": {"steps": ck["step"], "seconds": round(ck["log"][-1]["seconds"]) if ck["log"] else 0,
                     "parameters": sum(p.numel() for p in model.parameters()), "arch": ck["arch"]},
        "scheduler": {"num_train_timesteps": 1000, "beta_schedule": "linear", "beta_start": 0.0001,
                      "beta_end": 0.02, "prediction_type": "epsilon", "variance_type": "fixed_small",
                      "clip_sample": True, "clip_sample_range": 1.0},
    }
    if num_classes:
        sidecar.update(num_classes=num_classes, class_names=ck["class_names"], null_class_label=num_classes)
    with open(os.path.join(args.folder, "diffusion.json"), "w") as f:
        json.dump(sidecar, f, indent=2)


if __name__ == "__main__":
    main()
