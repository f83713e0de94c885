"""The feature network for Fréchet distances: a small CNN classifier trained on Fashion-MNIST.

  /usr/bin/python3 training/classifier.py --out training/fd_classifier.pt

Features are the 128-d penultimate activations (the FID recipe with a Fashion-MNIST network instead
of Inception). Prints the test accuracy.
"""
import argparse
import time

import numpy as np
import torch
from torch import nn

from data import fashion_mnist


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(1, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),   # 16
            nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2),  # 8
            nn.Conv2d(64, 128, 3, padding=1), nn.BatchNorm2d(128), nn.ReLU(), nn.MaxPool2d(2),  # 4
            nn.Flatten(), nn.Linear(128 * 16, 128), nn.ReLU())
        self.head = nn.Linear(128, 10)

    def features(self, x):
        return self.body(x)

    def forward(self, x):
        return self.head(self.body(x))


def accuracy(model, x, y, batch=1000):
    model.eval()
    correct = 0
    with torch.no_grad():
        for i in range(0, len(x), batch):
            correct += (model(torch.from_numpy(x[i:i + batch])).argmax(1).numpy() == y[i:i + batch]).sum()
    return correct / len(x)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", default="training/fd_classifier.pt")
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    x, y, _ = fashion_mnist("train")
    xt, yt, _ = fashion_mnist("test")
    model = Classifier()
    opt = torch.optim.Adam(model.parameters(), 1e-3)
    start = time.time()
    for epoch in range(args.epochs):
        model.train()
        perm = np.random.default_rng(epoch).permutation(len(x))
        for i in range(0, len(x), 128):
            idx = perm[i:i + 128]
            loss = nn.functional.cross_entropy(model(torch.from_numpy(x[idx])), torch.from_numpy(y[idx]))
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch + 1}: test accuracy {accuracy(model, xt, yt):.4f} ({time.time() - start:.0f} s)",
              flush=True)
    torch.save(model.state_dict(), args.out)


if __name__ == "__main__":
    main()
