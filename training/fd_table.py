"""The README's FD table: every sampler at 5, 10, 20 and 50 model calls, and DDPM-1000, each 1000 images generated
by the Java plugin (training/generate_for_fd.ijm) and scored by training/evaluate.py. Resumable: rows already in
--csv are kept and not measured again, and a stack already in --work is scored instead of generated again, so a
session that ends midway loses at most the run in progress. Runs one after another (two cores: one JVM at a time).

  /usr/bin/python3 training/fd_table.py --jar target/diffusionj-app.jar --model models/fashion-mnist-32 \\
      --csv training/fd_samplers.csv --work /tmp/fd            # all rows: about 2 h on 2 free cores
  /usr/bin/python3 training/fd_table.py ... --samplers DDIM DDPM --calls 50 --per 20 --csv /tmp/fd200.csv

Then training/plot_fd.py draws the plot from the same CSV.
"""
import argparse
import csv
import os
import subprocess
import time

from evaluate import classifier_and_test_features, features, frechet, load_tiff_stack

SAMPLERS = ["DDIM", "DDPM", "DPM++2M", "DPM++2M-t0", "DPM++2M-Karras", "DPM++2M-Exp", "DPM++2M-SDE", "DPM++3M",
            "DPM++3M-SDE", "UniPC", "UniPC-Exp"]


def runs(samplers, calls, reference):
    """(sampler, steps) in the table's order: each sampler at each count, then DDPM over every training step."""
    planned = [(s, c) for s in samplers for c in calls]
    if reference and "DDPM" in samplers:
        planned.append(("DDPM", 1000))
    return planned


def generate(args, sampler, steps, path):
    """One stack of per x 10 images through the plugin, written to a temporary name and moved in place when whole."""
    part = path + ".part.tif"
    # inside options=[...]: no [ ]; --epsilon 1 (the default): the table is unscaled, whatever lambda the model names
    options = f"model={os.path.abspath(args.model)} sampler={sampler} steps={steps} epsilon={args.epsilon:g}"
    subprocess.run(["java", "-jar", args.jar, "-ijpath", args.ijpath, "-batch", "training/generate_for_fd.ijm",
                    f"output=[{part}] options=[{options}] per={args.per}"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if not os.path.exists(part):
        raise SystemExit(f"the plugin wrote no {part}: run generate_for_fd.ijm with these options by hand to see why")
    os.replace(part, path)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--jar", default="target/diffusionj-app.jar", help="the standalone app (copy it for long runs)")
    p.add_argument("--ijpath", default=".", help="the folder whose models/ holds the model")
    p.add_argument("--model", default="models/fashion-mnist-32")
    p.add_argument("--csv", default="training/fd_samplers.csv")
    p.add_argument("--work", default="/tmp/fd", help="folder for the generated stacks")
    p.add_argument("--samplers", nargs="*", default=SAMPLERS)
    p.add_argument("--calls", type=int, nargs="*", default=[5, 10, 20, 50])
    p.add_argument("--no-reference", dest="reference", action="store_false", help="leave out DDPM-1000 (45-48 min on 2 free cores)")
    p.add_argument("--epsilon", type=float, default=1.0, help="Epsilon Scaling lambda of every row: 1 (off, the README's table), "
                   "0 (each sampler the model's own), or a number; give another --csv for another lambda")
    p.add_argument("--per", type=int, default=100, help="images per class (100: the README's 1000 images)")
    args = p.parse_args()
    if " " in os.path.abspath(args.model) + os.path.abspath(args.work):
        raise SystemExit("--model and --work must be paths without spaces (the macro's options are one string)")
    os.makedirs(args.work, exist_ok=True)
    rows = list(csv.DictReader(open(args.csv))) if os.path.exists(args.csv) else []
    done = {(r["sampler"], int(r["calls"])) for r in rows}
    todo = [r for r in runs(args.samplers, args.calls, args.reference) if r not in done]
    if not todo:
        print(f"{args.csv} has every row already")
        return
    classifier, test_features = classifier_and_test_features()
    for sampler, steps in todo:
        lam = "" if args.epsilon == 1 else f"-eps{args.epsilon:g}"  # a stack is reused only for the same lambda
        path = os.path.join(args.work, f"{sampler}-{steps}{lam}-per{args.per}.tif")
        start = time.time()
        if not os.path.exists(path):
            generate(args, sampler, steps, path)
        fd = frechet(features(classifier, load_tiff_stack(path)), test_features)
        rows.append({"sampler": sampler, "calls": steps, "fd": f"{fd:.2f}"})
        with open(args.csv + ".tmp", "w", newline="") as f:  # whole or not at all
            w = csv.DictWriter(f, fieldnames=["sampler", "calls", "fd"])
            w.writeheader()
            w.writerows(rows)
        os.replace(args.csv + ".tmp", args.csv)
        print(f"{sampler}-{steps}: FD {fd:.2f} ({time.time() - start:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
