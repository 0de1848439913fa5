"""Writes the PyTorch fixtures of test/torch-state-dict.test.ts.

Run once with a Python that has torch (Debian: apt-get install python3-torch):
    python3 test/torch/make_fixtures.py test/fixtures
For each of the book's two networks it writes the state dict of a PyTorch
nn.Sequential trained for a few steps (so BatchNorm's running statistics are
not 0 and 1), and a random input with PyTorch's output in eval mode.
"""
import os
import sys

import torch
from torch import nn

from safetensors_io import save_file

NETWORKS = {
    # Dense(20) -> BatchNorm -> ReLU -> Dense(3) -> softmax, with Keras's BatchNorm epsilon.
    "wine": lambda: nn.Sequential(
        nn.Linear(13, 20),
        nn.BatchNorm1d(20, eps=1e-3, momentum=0.1),
        nn.ReLU(),
        nn.Linear(20, 3),
        nn.Softmax(dim=-1),
    ),
    # Dense(20, relu) -> Dense(1)
    "boston": lambda: nn.Sequential(nn.Linear(13, 20), nn.ReLU(), nn.Linear(20, 1)),
}


def main(out_dir):
    torch.manual_seed(0)
    for name, build in NETWORKS.items():
        model = build()
        optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
        for _ in range(5):
            x = torch.randn(16, 13) * 2 + 0.5
            loss = model(x).square().mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        model.eval()
        x = torch.randn(7, 13)
        with torch.no_grad():
            y = model(x)
        save_file(model.state_dict(), os.path.join(out_dir, f"torch-{name}.safetensors"))
        save_file({"x": x, "y": y}, os.path.join(out_dir, f"torch-{name}-io.safetensors"))


if __name__ == "__main__":
    main(sys.argv[1])
