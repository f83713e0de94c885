"""Export a checkpoint's EMA weights to a DiffusionJ model folder: model.onnx + diffusion.json.

  /usr/bin/python3 training/export.py training/checkpoint/fashion-mnist-32.pt models/fashion-mnist-32

ONNX: inputs sample float32 [N, 1, H, W], timestep int64 [N], class_labels int64 [N] (conditional
models); output out_sample; batch, height and width are dynamic.

A restoration checkpoint (train.py --pairs) exports as an image-conditioned model: sample is
[N, 2, H, W] = cat(condition, x_t) ("condition": {"channels": 1, "concat": true}), the prediction is what the
checkpoint learned (v_prediction of the residual, wrapped so that the graph is an ordinary x0-space model), and
"normalize" records the percentiles every training image was mapped by, which the commands then use:

  /usr/bin/python3 training/export.py training/checkpoint/fluo-restore.pt models/fluo-restore --size 64
"""
import argparse
import json
import os

import torch

from data import RESTORE_PERCENTILES
from unet import ConditionalUNet, UNet


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("checkpoint")
    p.add_argument("folder")
    p.add_argument("--name", default=None)
    p.add_argument("--size", type=int, default=32)
    p.add_argument("--description", default=None)
    p.add_argument("--teacher-folder", default=None,
                   help="a distilled student: its teacher's model folder name, beside the student's (default: the "
                        "teacher checkpoint's name without .pt)")
    p.add_argument("--pixel-range", default="0,255")
    p.add_argument("--epsilon-scale", action="append", default=[], metavar="SAMPLER=LAMBDA",
                   help="the Epsilon Scaling lambda a sampler gets by default (epsilon=0), measured on this network, "
                        "e.g. DDIM=1.004 for the shipped model (README); repeat for more samplers")
    args = p.parse_args()

    ck = torch.load(args.checkpoint, map_location="cpu")
    if ck.get("pairs"):
        return export_restoration(ck, args)
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
    sidecar = common_sidecar(ck, args, model, default_description(ck, args.size))
    sidecar.update({
        "pixel_range": [lo, hi],
        "scheduler": {"num_train_timesteps": 1000, "beta_schedule": "linear", "beta_start": 0.0001,
                      "beta_end": 0.02, "prediction_type": ck.get("prediction", "epsilon"),
                      "variance_type": "fixed_small", "clip_sample": True, "clip_sample_range": 1.0,
                      # DDIM with eps recomputed from the clipped x0 (diffusers' step argument of that name): on the
                      # Fashion-MNIST model FD 18.6 against 23.5 at DDIM-50 (README)
                      "use_clipped_model_output": True},
    })
    if ck.get("normalize"):  # trained on a folder, each image by its own percentiles: commands map the same way
        sidecar["normalize"] = {"percentiles": ck["normalize"]}
    if num_classes:
        sidecar.update(num_classes=num_classes, class_names=ck["class_names"], null_class_label=num_classes)
    if args.epsilon_scale:
        sidecar["epsilon_scale"] = epsilon_scales(args.epsilon_scale)
    with open(os.path.join(args.folder, "diffusion.json"), "w") as f:
        json.dump(sidecar, f, indent=2)


def epsilon_scales(pairs):
    """{"DDIM": 1.004} from ["DDIM=1.004"], each lambda in the plugin's range 0.5-2; the plugin checks the sampler
    names when it loads."""
    scales = {}
    for pair in pairs:
        sampler, _, value = pair.partition("=")
        sampler = sampler.strip()
        try:
            lam = float(value)
        except ValueError:
            lam = None
        if not sampler or lam is None or not 0.5 <= lam <= 2:  # also refuses nan and inf
            raise SystemExit(f"--epsilon-scale {pair}: give SAMPLER=LAMBDA with LAMBDA between 0.5 and 2, e.g. DDIM=1.004")
        if sampler in scales:
            raise SystemExit(f"--epsilon-scale names {sampler} twice")
        scales[sampler] = lam
    return scales


def common_sidecar(ck, args, model, description):
    """The diffusion.json keys every exported model has: name, size, memory figures and its training record."""
    arch = ck["arch"]
    return {
        "name": args.name or os.path.basename(os.path.normpath(args.folder)),
        "description": args.description or description,
        "sample_size": args.size,
        "in_channels": 1,
        "size_multiple": 2 ** (len(arch["channel_mult"]) - 1),
        # working memory of one image in a forward pass: per_pixel * p + per_pixel_squared * p^2 bytes; measured
        # (peak resident memory, ONNX Runtime CPU) for base 32 at 256^2 and 512^2; the linear term grows with the
        # width, the quadratic one (attention at 1/4 of the size) does not
        "memory": {"per_pixel": 1024 * arch["base"] / 32, "per_pixel_squared": 0.044},
        "training": {"steps": ck["step"], "seconds": trained_seconds(ck),
                     "parameters": sum(p.numel() for p in model.parameters()), "arch": arch},
    }


def default_description(ck, size):
    """What the model is, from what its checkpoint records (--description overrides it)."""
    data = ck.get("data")
    if ck.get("pairs"):
        if data:
            return (f"restoration model trained on the pairs {data}/source -> {data}/target, {size}x{size} crops "
                    f"(DiffusionJ training/train.py --pairs): a conditional DDPM")
        return ("restoration of widefield fluorescence images (2-50 photons, Poisson and read noise; "
                "training/simulate.py): a conditional DDPM")
    kind = "class-conditional" if ck["arch"]["num_classes"] else "unconditional"
    if ck.get("normalize"):
        return (f"{kind} DDPM trained on the images of {data or 'a folder'}, {size}x{size} crops, each image mapped by "
                f"its own percentiles (DiffusionJ training/train.py --data)")
    return "class-conditional DDPM trained on Fashion-MNIST, 32x32 (DiffusionJ training/train.py)"


def trained_seconds(ck):
    """Training time of a checkpoint (its loss log) or of an EMA snapshot (its own field)."""
    if "seconds" in ck:
        return round(ck["seconds"])
    return round(ck["log"][-1]["seconds"]) if ck["log"] else 0


def export_restoration(ck, args):
    if ck["prediction"] == "regression":
        raise SystemExit("a --regression checkpoint is the CARE-style baseline, evaluated by evaluate_restoration.py; "
                         "it is no diffusion model to export")
    model = ConditionalUNet(**ck["arch"]).eval()
    model.load_state_dict(ck["ema"])
    os.makedirs(args.folder, exist_ok=True)
    s = args.size
    sample = torch.randn(2, 2, s, s)
    timestep = torch.tensor([999, 10], dtype=torch.int64)
    axes = {"sample": {0: "batch", 2: "height", 3: "width"}, "timestep": {0: "batch"},
            "out_sample": {0: "batch", 2: "height", 3: "width"}}
    torch.onnx.export(model, (sample, timestep), os.path.join(args.folder, "model.onnx"),
                      input_names=["sample", "timestep"], output_names=["out_sample"], dynamic_axes=axes,
                      opset_version=17, do_constant_folding=True)
    sidecar = common_sidecar(ck, args, model, default_description(ck, args.size))
    sidecar["training"]["objective"] = {
        "v_prediction": "v-MSE on the residual clean - observed (EDM preconditioning)",
        "sample": "x0 MSE, output = condition + net"}.get(ck["prediction"], ck["prediction"]) + \
        ", condition concatenated before x_t"
    if ck.get("validation"):  # the held-out pairs at the last checkpoint (train.py --val): Model Info and Restore say it
        sidecar["training"]["validation"] = ck["validation"][-1]
    sidecar.update({
        "pixel_range": [-1.0, 1.0],
        "condition": {"channels": 1, "concat": True},
        "normalize": {"percentiles": ck.get("normalize", list(RESTORE_PERCENTILES))},
        "scheduler": {"num_train_timesteps": 1000, "beta_schedule": "linear", "beta_start": 0.0001,
                      "beta_end": 0.02, "prediction_type": ck["prediction"], "variance_type": "fixed_small",
                      "clip_sample": False},
    })
    if ck.get("distilled"):  # distill.py: one call from t = T - 1, which DDIM's trailing spacing takes with steps=1
        d = ck["distilled"]
        sidecar["scheduler"]["timestep_spacing"] = "trailing"
        # the plugin samples it this way only, and hands other samplers to the teacher's folder beside it
        sidecar["distilled"] = {"sampler": "DDIM", "steps": d["calls"],
                                "teacher": args.teacher_folder or os.path.splitext(d["teacher"])[0]}
        sidecar["training"]["objective"] = (f"one-step distillation of {d['teacher']} (step {d['teacher_step']}, "
                                            f"sampler {d['teacher_sampler']}): x0 from t = {d['timestep']} against "
                                            "the teacher's sample from the same noise; sample with DDIM, steps=1")
        sidecar["training"]["distillation"] = ck["distill_validation"][-1]
        if not args.description:
            sidecar["description"] += ", distilled to one model call a sample (sampler=DDIM steps=1)"
    with open(os.path.join(args.folder, "diffusion.json"), "w") as f:
        json.dump(sidecar, f, indent=2)


if __name__ == "__main__":
    main()
