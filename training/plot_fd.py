"""The README's plot of FD against model calls, one line per sampler, from training/fd_samplers.csv
(sampler, calls, fd: 1000 images of the shipped Fashion-MNIST model through the Java plugin, measured with
training/generate_for_fd.ijm and training/evaluate.py).

  /usr/bin/python3 training/plot_fd.py --csv training/fd_samplers.csv --out docs/fd-vs-calls.png
"""
import argparse
import csv

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--csv", default="training/fd_samplers.csv")
    p.add_argument("--out", default="docs/fd-vs-calls.png")
    args = p.parse_args()
    rows = list(csv.DictReader(open(args.csv)))
    fig, ax = plt.subplots(figsize=(7.5, 4.8), dpi=110)
    reference = [r for r in rows if r["sampler"] == "DDPM" and int(r["calls"]) == 1000]
    styles = [(ls, m) for ls in ("-", "--", ":") for m in ("o", "s", "^", "D")]  # 12 lines told apart in grey too
    for k, name in enumerate(dict.fromkeys(r["sampler"] for r in rows)):
        pts = sorted((int(r["calls"]), float(r["fd"])) for r in rows if r["sampler"] == name and int(r["calls"]) < 1000)
        if pts:
            ls, m = styles[k % len(styles)]
            ax.plot([c for c, _ in pts], [f for _, f in pts], ls=ls, marker=m, label=name)
    if reference:
        ax.axhline(float(reference[0]["fd"]), color="k", ls="--", lw=1, label="DDPM-1000 (%s)" % reference[0]["fd"])
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xticks([5, 10, 20, 50])
    ax.set_xticklabels(["5", "10", "20", "50"])
    ax.set_xlabel("model calls per image")
    ax.set_ylabel("FD to the test set (lower is better)")
    ax.set_title("Fashion-MNIST 32x32, 1000 images, through the Java plugin")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8, ncol=2)
    fig.tight_layout()
    fig.savefig(args.out)
    print("wrote", args.out)


if __name__ == "__main__":
    main()
