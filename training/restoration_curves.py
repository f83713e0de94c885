"""Learning curves of the restoration models: PSNR and coverage against training time, from the EMA snapshots that
train.py --snapshot-every keeps beside each checkpoint. Each diffusion snapshot is exported and run through the
Java plugin (the app jar, macros/batch_folder.ijm with Restore Image...) exactly as the final evaluation runs it;
the regression snapshot nearest in training time is run in PyTorch. Appends one CSV row per snapshot not yet done.

  /usr/bin/python3 training/restoration_curves.py --test data/fluo-test --images 6 --samples 8 \
      --diffusion training/checkpoint/fluo-restore-snapshots --care training/checkpoint/fluo-care-snapshots \
      --csv training/checkpoint/restoration-curves.csv
"""
import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np

import evaluate_restoration as ev

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def snapshots(folder):
    import torch
    out = []
    for path in sorted(glob.glob(os.path.join(folder, "step*.pt"))):
        ck = torch.load(path, map_location="cpu")
        out.append((ck["seconds"], ck["step"], path))
    return out


def restore(model_dir, source_dir, out_dir, samples, options):
    cmd = ["java", "-jar", os.path.join(ROOT, "target", "diffusionj-app.jar"), "-batch",
           os.path.join(ROOT, "macros", "batch_folder.ijm"),
           f"input=[{source_dir}] output=[{out_dir}] command=[Restore Image...] "
           f"options=[model=[{model_dir}] samples={samples} keep=true {options}]"]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def plot(csv, png):
    """PSNR and coverage against training time, from the CSV this script writes."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    rows = [line.split(",") for line in open(csv).read().splitlines()[1:]]
    diff = [r for r in rows if r[0].startswith("diffusion")]
    reg = [r for r in rows if r[0] == "regression"]
    fig, ax = plt.subplots(1, 2, figsize=(10, 3.6))
    ax[0].plot([float(r[2]) / 60 for r in diff], [float(r[3]) for r in diff], "o-", label=diff[0][0].replace("_", " "))
    ax[0].plot([float(r[2]) / 60 for r in reg], [float(r[3]) for r in reg], "s-", label="regression (CARE-style)")
    ax[0].set_xlabel("training time (min, 1 CPU thread each)"); ax[0].set_ylabel("PSNR (dB)"); ax[0].legend()
    ax[1].plot([float(r[2]) / 60 for r in diff], [100 * float(r[5]) for r in diff], "o-")
    ax[1].axhspan(90, 98, color="green", alpha=0.15, label="goal 90-98 % (32 samples)")
    from scipy import stats
    n = int(diff[0][0].rsplit("_", 1)[1])  # a perfect model's coverage with n samples: |t(n-1)| <= 2 / sqrt(1 + 1/n)
    ideal = 100 * (2 * stats.t.cdf(2 / np.sqrt(1 + 1 / n), n - 1) - 1)
    ax[1].axhline(ideal, ls="--", color="gray", label=f"a perfect model, {n} samples ({ideal:.1f} %)")
    ax[1].set_xlabel("training time (min)"); ax[1].set_ylabel("true pixels within mean +- 2 std (%)"); ax[1].legend()
    plt.tight_layout()
    plt.savefig(png, dpi=80)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--test", required=True)
    p.add_argument("--images", type=int, default=6)
    p.add_argument("--samples", type=int, default=8)
    p.add_argument("--options", default="sampler=DPM++2M-t0 steps=20 seed=1")
    p.add_argument("--diffusion", required=True)
    p.add_argument("--care", required=True)
    p.add_argument("--csv", required=True)
    p.add_argument("--plot", default=None, help="only draw the CSV's curves into this PNG")
    a = p.parse_args()
    if a.plot:
        return plot(a.csv, a.plot)
    names, sources, truths = ev.load_pairs(a.test)
    names, sources, truths = names[:a.images], sources[:a.images], truths[:a.images]
    done = set()
    if os.path.exists(a.csv):
        with open(a.csv) as f:
            done = {line.split(",")[1] for line in f.read().splitlines()[1:] if line.startswith("diffusion")}
    else:
        with open(a.csv, "w") as f:
            f.write("model,step,seconds,psnr,ssim,coverage_2std,corr_std_error\n")
    care = snapshots(a.care)
    for seconds, step, path in snapshots(a.diffusion):
        if str(step) in done:
            continue
        work = tempfile.mkdtemp()
        try:
            src = os.path.join(work, "source")
            os.makedirs(src)
            for n in names:
                shutil.copy(os.path.join(a.test, "source", n), src)
            subprocess.run([sys.executable, os.path.join(ROOT, "training", "export.py"), path,
                            os.path.join(work, "model"), "--size", "64"], check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            restore(os.path.join(work, "model"), src, os.path.join(work, "out"), a.samples, a.options)
            samples, stds = ev.diffusion(os.path.join(work, "out"), names)
            means = [s.mean(axis=0) for s in samples]
            psnr, ssim = ev.mean_scores(truths, means)
            cov, corr = ev.calibration(truths, means, stds)
        finally:
            shutil.rmtree(work)
        rows = [f"diffusion_mean_of_{a.samples},{step},{seconds:.0f},{psnr:.3f},{ssim:.4f},{cov:.4f},{corr:.4f}"]
        if care:
            c_sec, c_step, c_path = min(care, key=lambda c: abs(c[0] - seconds))
            est, _ = ev.regression(c_path, sources)
            c_psnr, c_ssim = ev.mean_scores(truths, est)
            rows.append(f"regression,{c_step},{c_sec:.0f},{c_psnr:.3f},{c_ssim:.4f},,")
        with open(a.csv, "a") as f:
            f.write("\n".join(rows) + "\n")
        print("\n".join(rows), flush=True)


if __name__ == "__main__":
    main()
