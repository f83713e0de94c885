"""One-step distillation of a restoration model (knowledge distillation, Luhman & Luhman 2021): a student that maps
the starting noise x_T and the observed image in ONE model call to the sample that the teacher's sampler draws from
the same noise, so that 8 samples cost 8 calls instead of 160 and keep their spread (each noise still gives its own
sample; a student that ignored the noise would collapse every sample onto the mean, which coverage would show).

The teacher runs in Java (ONNX Runtime: the plugin's own sampler, about four times torch's speed on a CPU):

  # 1. the pairs the teacher learned from, normalised as train.py does, random noise beside each condition
  /usr/bin/python3 training/simulate.py --out /tmp/distill/train --count 1500 --seed 1
  /usr/bin/python3 training/distill.py inputs --pairs /tmp/distill/train --out /tmp/distill/teacher.in
  # 2. the teacher's samples from that noise (DPM++2M-t0-20, Restore Image's default)
  java -cp target/diffusionj-app.jar training/Teacher.java models/fluo-restore /tmp/distill/teacher.in \\
      /tmp/distill/teacher.out DPM++2M-t0 20 8 128
  # 3. the student, from the teacher's checkpoint; resumable
  /usr/bin/python3 training/distill.py train --pairs /tmp/distill/train --teacher training/checkpoint/fluo-restore.pt \\
      --samples /tmp/distill/teacher --ckpt training/checkpoint/fluo-restore-1step.pt --minutes 60
  # 4. a model folder whose DDIM with steps=1 (trailing spacing: t = 999, then x0) is the student's one call
  /usr/bin/python3 training/export.py training/checkpoint/fluo-restore-1step.pt models/fluo-restore-1step --size 64

The student's call is DDIM's single step from t = T - 1 with trailing spacing: x0 = sqrt(ab) x_T - sqrt(1 - ab) v
(v-prediction, Salimans & Ho 2022 eq. for x0 from v), trained on the MSE between that x0 and the teacher's sample.
The last VAL images carry two noises each (two teacher samples): validation reports the student's error against
the teacher and the ratio of the student's sample-to-sample distance to the teacher's (1: the spread is kept).
"""
import argparse
import json
import os
import time

import numpy as np
import torch

from data import pairs_folder
from unet import ConditionalUNet, linear_alpha_bar

T_LAST = 999
VAL = 50


def inputs(args):
    src, _, names = pairs_folder(args.pairs)
    n = len(names)
    rng = np.random.default_rng(args.seed)
    cond = np.concatenate([src[:, 0], src[n - VAL:, 0]])  # the validation images twice: two noises each
    z = rng.standard_normal(cond.shape).astype(np.float32)
    np.concatenate([cond.astype("<f4").ravel(), z.astype("<f4").ravel()]).tofile(args.out)
    print(f"{len(cond)} conditions of {cond.shape[1]}x{cond.shape[2]} ({VAL} validation images twice) -> {args.out}")


def load(args):
    src, tgt, names = pairs_folder(args.pairs)
    n, s = len(names), src.shape[2]
    raw = np.fromfile(args.samples + ".in", dtype="<f4").reshape(2, -1, s, s)
    out = np.fromfile(args.samples + ".out", dtype="<f4").reshape(-1, s, s)
    cond, z = raw[0], raw[1]
    if len(cond) != n + VAL or not np.allclose(cond[:n], src[:, 0]):
        raise SystemExit(f"{args.samples}.in was not made from {args.pairs}")
    return cond, z, out, tgt[:, 0], n


def x0_of(model, cond, z, ab):
    """DDIM's one step from t = T - 1: x0 = sqrt(ab) x_t - sqrt(1 - ab) v (v-prediction)."""
    t = torch.full((len(z),), T_LAST, dtype=torch.int64)
    v = model(torch.cat([cond, z], dim=1), t)
    return ab.sqrt() * z - (1 - ab).sqrt() * v


def crops(cond, z, out, n, batch, size, gen):
    idx = torch.randint(0, n, (batch,), generator=gen)
    s = cond.shape[-1]
    r = torch.randint(0, s - size + 1, (batch,), generator=gen)
    c = torch.randint(0, s - size + 1, (batch,), generator=gen)
    stack = torch.stack([torch.stack([cond[i, a:a + size, b:b + size], z[i, a:a + size, b:b + size],
                                      out[i, a:a + size, b:b + size]])
                         for i, a, b in zip(idx.tolist(), r.tolist(), c.tolist())])
    k = int(torch.randint(0, 4, (), generator=gen))
    stack = torch.rot90(stack, k, dims=(2, 3))
    if torch.rand((), generator=gen) < 0.5:
        stack = torch.flip(stack, dims=(3,))
    return stack[:, 0:1], stack[:, 1:2], stack[:, 2:3]


def validate(model, cond, z, out, tgt, n, ab):
    """On the VAL held-out images: RMSE to the teacher's sample, the student's and teacher's sample-to-sample
    distance (two noises), and both samples' RMSE to the truth (model units)."""
    model.eval()
    a, b = slice(n - VAL, n), slice(n, n + VAL)
    with torch.inference_mode():
        c = torch.from_numpy(cond[a])[:, None]
        s1 = x0_of(model, c, torch.from_numpy(z[a])[:, None], ab)[:, 0].numpy()
        s2 = x0_of(model, c, torch.from_numpy(z[b])[:, None], ab)[:, 0].numpy()
    model.train()
    rms = lambda d: float(np.sqrt(np.mean(d ** 2)))
    spread_s, spread_t = rms(s1 - s2), rms(out[a] - out[b])
    return dict(to_teacher=rms(s1 - out[a]), spread=spread_s, teacher_spread=spread_t,
                spread_ratio=spread_s / spread_t, truth_student=rms(s1 - tgt[a]), truth_teacher=rms(out[a] - tgt[a]))


def train(args):
    torch.set_num_threads(args.threads)
    cond, z, out, tgt, n = load(args)
    teacher = torch.load(args.teacher, map_location="cpu", weights_only=False)
    model = ConditionalUNet(**teacher["arch"])
    ema = ConditionalUNet(**teacher["arch"]).eval()
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    gen = torch.Generator().manual_seed(args.seed)
    if os.path.exists(args.ckpt):
        ck = torch.load(args.ckpt, map_location="cpu", weights_only=False)
        model.load_state_dict(ck["model"]); ema.load_state_dict(ck["ema"]); opt.load_state_dict(ck["opt"])
        step, log, val = ck["step"], ck["log"], ck["distill_validation"]
        gen.set_state(ck["rng"])
        print(f"resumed at step {step}", flush=True)
    else:
        model.load_state_dict(teacher["ema"]); ema.load_state_dict(teacher["ema"])
        step, log, val = 0, [], []
    ab = linear_alpha_bar()[T_LAST]
    ct, zt, ot = (torch.from_numpy(np.ascontiguousarray(a)) for a in (cond, z, out))
    held = n - VAL  # training draws from the first n - VAL images only
    if not val:
        val.append(dict(step=0, **validate(ema, cond, z, out, tgt, n, ab)))
        print(json.dumps(val[-1]), flush=True)
    start = last = time.time()
    trained = log[-1]["seconds"] if log else 0.0
    window = []
    while time.time() - start < args.minutes * 60:
        c, x, goal = crops(ct, zt, ot, held, args.batch, args.size, gen)
        loss = torch.mean((x0_of(model, c, x, ab) - goal) ** 2)
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
            log.append(dict(step=step, loss=float(np.mean(window)), seconds=trained + time.time() - start))
            window = []
            print(json.dumps(log[-1]), flush=True)
        if time.time() - last > args.save_every:
            val.append(dict(step=step, **validate(ema, cond, z, out, tgt, n, ab)))
            print(json.dumps(val[-1]), flush=True)
            save(args, teacher, model, ema, opt, step, log, val, gen)
            last = time.time()
    val.append(dict(step=step, **validate(ema, cond, z, out, tgt, n, ab)))
    print(json.dumps(val[-1]), flush=True)
    save(args, teacher, model, ema, opt, step, log, val, gen)


def save(args, teacher, model, ema, opt, step, log, val, gen):
    """train.py's checkpoint layout (export.py reads it), with the distillation's own record."""
    ck = {k: teacher[k] for k in ("arch", "class_names", "prediction", "pairs", "data", "normalize")}
    ck.update(model=model.state_dict(), ema=ema.state_dict(), opt=opt.state_dict(), step=step, log=log,
              rng=gen.get_state(), distill_validation=val,
              distilled=dict(teacher=os.path.basename(args.teacher), teacher_step=teacher["step"],
                             teacher_sampler=args.teacher_sampler, calls=1, timestep=T_LAST))
    tmp = args.ckpt + ".tmp"
    torch.save(ck, tmp)
    os.replace(tmp, args.ckpt)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("what", choices=("inputs", "train"))
    p.add_argument("--pairs", required=True)
    p.add_argument("--out", help="inputs: the file of conditions and noises for the teacher")
    p.add_argument("--samples", help="train: the teacher's files, PREFIX.in and PREFIX.out")
    p.add_argument("--teacher", help="train: the teacher's checkpoint (the student starts from its EMA)")
    p.add_argument("--teacher-sampler", default="DPM++2M-t0-20")
    p.add_argument("--ckpt")
    p.add_argument("--minutes", type=float, default=60)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--size", type=int, default=64)
    p.add_argument("--lr", type=float, default=1e-4)
    p.add_argument("--ema", type=float, default=0.999)
    p.add_argument("--save-every", type=float, default=600)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args()
    inputs(args) if args.what == "inputs" else train(args)


if __name__ == "__main__":
    main()
