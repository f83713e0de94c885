"""Static int8 quantization of a model folder's U-Net convolutions in ONNX's QDQ form for the CPU.

  /usr/bin/python3 training/quantize.py --checkpoint CHECKPOINT --model models/fashion-mnist-32 \
      --out models/fashion-mnist-32-int8 --percentile 99.99 --keep-float conv_in,conv_out

CHECKPOINT must be the one the model was exported from (its step is checked against diffusion.json's training
steps); for the shipped model, step 24 334: the committed checkpoint as of 85bbd0a (later training moves it on:
git show 85bbd0a:training/checkpoint/fashion-mnist-32.pt > /tmp/fm-24334.pt).

Every Conv gets QuantizeLinear -> DequantizeLinear on its input and output (uint8, asymmetric: the min and max seen
in calibration, or with --percentile the mean over batches of that percentile and its mirror) and its weight as int8
per output channel (symmetric, max |w| / 127) with an int32 bias of scale s_input s_weight, the layout ONNX Runtime's
QDQ transformer fuses into QLinearConv (u8s8) on the CPU; --keep-float names convolutions left alone. Calibration:
the checkpoint's EMA network in PyTorch on --images Fashion-MNIST training images noised to uniform random t, with
random labels (a tenth the null label, as guidance calls it); the ONNX model must be that checkpoint's export (its
Conv weights are matched by name). For a restoration model, --pairs FOLDER calibrates instead on --images random
crops (the model's size) of its training pairs: the condition scaled as train.py scales it, the target noised to a
uniform random t. Everything else stays float. Debian's python3-torch, python3-onnx, numpy.
"""
import argparse
import json
import os
import shutil

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper

from data import RESTORE_PERCENTILES, fashion_mnist, pairs_folder
from unet import ConditionalUNet, UNet, linear_alpha_bar


def calibrate(model, batches, percentile=100.0):
    """The range of every Conv2d's input and output while `model` runs on `batches` (tuples of its arguments), by
    module name: min and max, or with a percentile below 100 the mean over batches of that percentile and its mirror
    (outliers then clip)."""
    ranges = {}
    sums = {}

    def hook(name):
        def record(module, inputs, output):
            for key, v in (("in", inputs[0]), ("out", output)):
                if percentile >= 100:
                    lo, hi = ranges.get((name, key), (0.0, 0.0))
                    ranges[(name, key)] = (min(lo, float(v.min())), max(hi, float(v.max())))
                else:
                    flat = v.flatten()[torch.randperm(v.numel(), generator=torch.Generator().manual_seed(1))[:200_000]]
                    q = torch.quantile(flat, torch.tensor([1 - percentile / 100, percentile / 100]))
                    lo, hi, n = sums.get((name, key), (0.0, 0.0, 0))
                    sums[(name, key)] = (lo + float(q[0]), hi + float(q[1]), n + 1)
                    ranges[(name, key)] = ((lo + float(q[0])) / (n + 1), (hi + float(q[1])) / (n + 1))
        return record

    for name, module in model.named_modules():
        if isinstance(module, torch.nn.Conv2d):
            module.register_forward_hook(hook(name))
    with torch.inference_mode():
        for args in batches:
            model(*args)
    return ranges


def noised(x0, g):
    """x_t of x0 at uniform random timesteps (the linear schedule), and those timesteps."""
    ab = linear_alpha_bar()
    t = torch.randint(0, 1000, (len(x0),), generator=g)
    a = ab[t].view(-1, 1, 1, 1)
    return a.sqrt() * x0 + (1 - a).sqrt() * torch.randn(x0.shape, generator=g), t


def fashion_batches(ck, images, seed=0):
    """Fashion-MNIST training images noised to uniform random t, random labels (a tenth the null label)."""
    x, _, _ = fashion_mnist("train", ck.get("size", 32))
    pick = np.random.default_rng(seed).choice(len(x), images, replace=False)
    g = torch.Generator().manual_seed(seed)
    for start in range(0, images, 64):
        xt, t = noised(torch.from_numpy(x[pick[start:start + 64]]), g)
        labels = torch.randint(0, ck["arch"]["num_classes"], (len(xt),), generator=g)
        labels[torch.rand(len(xt), generator=g) < 0.1] = ck["arch"]["num_classes"]
        yield xt, t, labels


def pair_batches(ck, folder, images, size=64, seed=0):
    """Random crops of a pairs folder (normalised as train.py --pairs does), the target noised to uniform random t
    and the source as the condition: sample = cat(condition, x_t)."""
    src, tgt, _ = pairs_folder(folder, tuple(ck.get("normalize", RESTORE_PERCENTILES)))
    rng = np.random.default_rng(seed)
    g = torch.Generator().manual_seed(seed)
    for start in range(0, images, 16):
        n = min(16, images - start)
        i = rng.integers(0, len(src), n)
        a, b = rng.integers(0, src.shape[2] - size + 1, n), rng.integers(0, src.shape[3] - size + 1, n)
        c = torch.from_numpy(np.stack([src[k, :, y:y + size, x:x + size] for k, y, x in zip(i, a, b)]))
        x0 = torch.from_numpy(np.stack([tgt[k, :, y:y + size, x:x + size] for k, y, x in zip(i, a, b)]))
        xt, t = noised(x0, g)
        yield torch.cat([c, xt], dim=1), t


def uint8_params(lo, hi):
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    scale = max(hi - lo, 1e-8) / 255
    return np.float32(scale), np.uint8(np.clip(round(-lo / scale), 0, 255))


def quantize(onnx_in, onnx_out, ranges, keep_float=()):
    m = onnx.load(onnx_in)
    g = m.graph
    inits = {i.name: i for i in g.initializer}
    consumers = {}
    for node in g.node:
        for i, name in enumerate(node.input):
            consumers.setdefault(name, []).append((node, i))
    outputs = {o.name for o in g.output}
    new_nodes, added, done = [], [], 0
    qdq_of = {}  # float tensor -> its Q -> DQ copy

    def qdq(tensor, lo, hi):
        if tensor not in qdq_of:
            s, z = uint8_params(lo, hi)
            names = [f"{tensor}_scale", f"{tensor}_zp", f"{tensor}_q", f"{tensor}_dq"]
            added.extend([numpy_helper.from_array(np.array(s), names[0]), numpy_helper.from_array(np.array(z), names[1])])
            new_nodes.append(helper.make_node("QuantizeLinear", [tensor, names[0], names[1]], [names[2]]))
            new_nodes.append(helper.make_node("DequantizeLinear", [names[2], names[0], names[1]], [names[3]]))
            qdq_of[tensor] = (names[3], float(s))
        return qdq_of[tensor]

    for node in list(g.node):
        if node.op_type != "Conv" or len(node.input) < 2 or node.input[1] not in inits:
            continue
        module = node.input[1][:-len(".weight")]
        if (module, "in") not in ranges or module in keep_float:
            continue
        w = numpy_helper.to_array(inits[node.input[1]]).astype(np.float32)
        x_dq, s_x = qdq(node.input[0], *ranges[(module, "in")])
        s_w = np.maximum(np.abs(w).reshape(w.shape[0], -1).max(axis=1), 1e-8) / 127
        w_q = np.clip(np.round(w / s_w[:, None, None, None]), -127, 127).astype(np.int8)
        wn = node.input[1]
        added.extend([numpy_helper.from_array(w_q, wn + "_q"), numpy_helper.from_array(s_w.astype(np.float32),
                                                                                      wn + "_scale"),
                      numpy_helper.from_array(np.zeros(len(s_w), np.int8), wn + "_zp")])
        new_nodes.append(helper.make_node("DequantizeLinear", [wn + "_q", wn + "_scale", wn + "_zp"], [wn + "_dq"],
                                          axis=0))
        node.input[0], node.input[1] = x_dq, wn + "_dq"
        if len(node.input) > 2 and node.input[2] in inits:
            bn = node.input[2]
            b = numpy_helper.to_array(inits[bn]).astype(np.float64)
            s_b = (s_x * s_w).astype(np.float32)
            b_q = np.round(b / s_b).astype(np.int32)
            added.extend([numpy_helper.from_array(b_q, bn + "_q"), numpy_helper.from_array(s_b, bn + "_scale"),
                          numpy_helper.from_array(np.zeros(len(s_b), np.int32), bn + "_zp")])
            new_nodes.append(helper.make_node("DequantizeLinear", [bn + "_q", bn + "_scale", bn + "_zp"],
                                              [bn + "_dq"], axis=0))
            node.input[2] = bn + "_dq"
        y = node.output[0]
        if y not in outputs:  # the network's own output stays float
            y_dq, _ = qdq(y, *ranges[(module, "out")])
            for consumer, i in consumers.get(y, []):
                consumer.input[i] = y_dq
        done += 1
    # NB: the graph must stay topologically sorted: put every Q/DQ right after what it reads
    order = {}
    for k, node in enumerate(g.node):
        for o in node.output:
            order[o] = k
    placed = {k: [] for k in range(-1, len(g.node))}
    for node in new_nodes:  # in the order made: a DQ after the Q it reads
        k = max(order.get(i, -1) for i in node.input)
        placed[k].append(node)
        for o in node.output:
            order[o] = k
    nodes = placed[-1]
    for k, node in enumerate(g.node):
        nodes.append(node)
        nodes.extend(placed[k])
    del g.node[:]
    g.node.extend(nodes)
    g.initializer.extend(added)
    used = {i for node in g.node for i in node.input}
    keep = [i for i in g.initializer if i.name in used]
    del g.initializer[:]
    g.initializer.extend(keep)
    onnx.checker.check_model(m)
    onnx.save(m, onnx_out)
    return done


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--checkpoint", required=True)
    p.add_argument("--model", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--images", type=int, default=512,
                   help="calibration inputs: Fashion-MNIST training images, or with --pairs crops of its pairs")
    p.add_argument("--pairs", default=None, help="a restoration model: calibrate on crops of this pairs folder "
                   "(its training pairs, e.g. data/fluo-train) instead of Fashion-MNIST")
    p.add_argument("--percentile", type=float, default=100.0, help="activation range: 100 = min/max")
    p.add_argument("--keep-float", default="", help="convolutions left in float, e.g. conv_in,conv_out")
    args = p.parse_args()
    ck = torch.load(args.checkpoint, map_location="cpu", weights_only=False)
    with open(os.path.join(args.model, "diffusion.json")) as f:
        exported = json.load(f).get("training", {}).get("steps")
    if ck.get("step") is not None and exported is not None and ck["step"] != exported:
        raise SystemExit(f"{args.checkpoint} is at training step {ck['step']} but {args.model} was exported at step "
                         f"{exported}: calibrate with the checkpoint it was exported from.")
    if args.pairs:
        model = ConditionalUNet(**ck["arch"]).eval()
        batches = pair_batches(ck, args.pairs, args.images)
    else:
        model = UNet(**ck["arch"]).eval()
        batches = fashion_batches(ck, args.images)
    model.load_state_dict(ck["ema"])
    ranges = calibrate(model, batches, args.percentile)
    os.makedirs(args.out, exist_ok=True)
    done = quantize(os.path.join(args.model, "model.onnx"), os.path.join(args.out, "model.onnx"), ranges,
                    [k for k in args.keep_float.split(",") if k])
    with open(os.path.join(args.model, "diffusion.json")) as f:
        sidecar = json.load(f)
    sidecar["name"] = os.path.basename(os.path.normpath(args.out))
    if sidecar.pop("epsilon_scale", None) is not None:  # lambda belongs to one network: the int8 one is another
        print("left out the float32 model's epsilon_scale: measure the int8 model's own before you name one")
    kept = [k for k in args.keep_float.split(",") if k]
    sidecar["description"] += (f" - {done} convolutions in int8 (static QDQ by training/quantize.py" +
                               (f"; {', '.join(kept)} kept in float" if kept else "") +
                               f"), calibrated on {args.images} " + ("crops of training pairs" if args.pairs
                                                                      else "training images") +
                               (f" at the {args.percentile:g}th percentile" if args.percentile < 100 else " (min/max)"))
    with open(os.path.join(args.out, "diffusion.json"), "w") as f:
        json.dump(sidecar, f, indent=2)
    print(f"quantized {done} convolutions into {args.out}")


if __name__ == "__main__":
    main()
