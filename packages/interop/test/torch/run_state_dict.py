"""Loads a state dict written by Neurite into the nn.Sequential Neurite described, and runs it.

    python3 run_state_dict.py MODULE.py STATE.safetensors INPUT.safetensors OUTPUT.safetensors
MODULE.py holds the Python expression of the module (torchSequentialCode).
load_state_dict runs with strict=True, and every tensor must come with the
dtype the module holds (float32, and int64 for num_batches_tracked).
"""
import sys

import torch
from torch import nn

from safetensors_io import load_file, save_file


def main(module_path, state_path, input_path, output_path):
    with open(module_path) as f:
        model = eval(f.read(), {"nn": nn})
    state = load_file(state_path)
    expected = model.state_dict()
    for key, t in state.items():
        if key in expected and expected[key].dtype != t.dtype:
            raise SystemExit(f"{key}: the module holds {expected[key].dtype}, the file {t.dtype}")
    model.load_state_dict(state, strict=True)
    model.eval()
    with torch.no_grad():
        y = model(load_file(input_path)["x"])
    save_file({"y": y}, output_path)


if __name__ == "__main__":
    main(*sys.argv[1:])
