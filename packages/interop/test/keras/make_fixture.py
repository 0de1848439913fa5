"""Writes test/fixtures/keras-wine.keras and its expected outputs.

Keras itself is not installable here, so the file is assembled the way Keras 3's
saving_lib writes one: a zip of metadata.json, config.json (the Sequential's
serialized config, written by hand following Keras 3's format) and
model.weights.h5, where each layer's variables are the datasets
layers/<snake_case class name>[_<n>]/vars/<i> (h5py). The expected outputs are
computed here with NumPy, independently of Neurite:
    python3 test/keras/make_fixture.py test/fixtures
"""
import io
import json
import os
import sys
import zipfile

import h5py
import numpy as np

rng = np.random.default_rng(0)
f32 = np.float32


def dense_config(name, units, activation):
    return {
        "module": "keras.layers",
        "class_name": "Dense",
        "config": {
            "name": name,
            "trainable": True,
            "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": None},
            "units": units,
            "activation": activation,
            "use_bias": True,
            "kernel_initializer": {"module": "keras.initializers", "class_name": "GlorotUniform", "config": {"seed": None}, "registered_name": None},
            "bias_initializer": {"module": "keras.initializers", "class_name": "Zeros", "config": {}, "registered_name": None},
            "kernel_regularizer": None,
            "bias_regularizer": None,
            "kernel_constraint": None,
            "bias_constraint": None,
        },
        "registered_name": None,
    }


def layer(class_name, config):
    return {"module": "keras.layers", "class_name": class_name, "config": config, "registered_name": None}


CONFIG = {
    "module": "keras",
    "class_name": "Sequential",
    "config": {
        "name": "wine",
        "trainable": True,
        "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": None},
        "layers": [
            layer("InputLayer", {"batch_shape": [None, 13], "dtype": "float32", "sparse": False, "name": "input_layer"}),
            dense_config("hidden", 20, "linear"),
            layer("BatchNormalization", {"name": "norm", "trainable": True, "axis": -1, "momentum": 0.99, "epsilon": 0.001, "center": True, "scale": True}),
            layer("Activation", {"name": "relu", "trainable": True, "activation": "relu"}),
            layer("Dropout", {"name": "dropout", "trainable": True, "rate": 0.2, "seed": None, "noise_shape": None}),
            dense_config("scores", 3, "softmax"),
        ],
        "build_input_shape": [None, 13],
    },
    "registered_name": None,
    "build_config": {"input_shape": [None, 13]},
    "compile_config": None,
}

W1 = rng.normal(0, 0.4, (13, 20)).astype(f32)
B1 = rng.normal(0, 0.1, 20).astype(f32)
GAMMA = rng.uniform(0.5, 1.5, 20).astype(f32)
BETA = rng.normal(0, 0.2, 20).astype(f32)
MEAN = rng.normal(0, 1, 20).astype(f32)
VAR = rng.uniform(0.3, 3, 20).astype(f32)
W2 = rng.normal(0, 0.4, (20, 3)).astype(f32)
B2 = rng.normal(0, 0.1, 3).astype(f32)


def weights_h5():
    buf = io.BytesIO()
    with h5py.File(buf, "w") as h:
        h.create_group("vars")
        for path, values in {
            "layers/dense/vars": [W1, B1],
            "layers/batch_normalization/vars": [GAMMA, BETA, MEAN, VAR],
            "layers/activation/vars": [],
            "layers/dropout/vars": [],
            "layers/dense_1/vars": [W2, B2],
        }.items():
            g = h.create_group(path)
            for i, v in enumerate(values):
                g[str(i)] = v
    return buf.getvalue()


def forward(x):
    h = x @ W1.astype(np.float64) + B1
    h = (h - MEAN) / np.sqrt(VAR.astype(np.float64) + 0.001) * GAMMA + BETA
    h = np.maximum(h, 0)
    z = h @ W2.astype(np.float64) + B2
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def main(out_dir):
    with zipfile.ZipFile(os.path.join(out_dir, "keras-wine.keras"), "w") as z:
        z.writestr("metadata.json", json.dumps({"keras_version": "3.6.0", "date_saved": "2026-12-03@09:40:00"}))
        z.writestr("config.json", json.dumps(CONFIG))
        z.writestr("model.weights.h5", weights_h5())
    x = rng.normal(0, 1.5, (6, 13)).astype(f32)
    with open(os.path.join(out_dir, "keras-wine-io.json"), "w") as f:
        json.dump({"x": x.tolist(), "y": forward(x.astype(np.float64)).tolist()}, f)


if __name__ == "__main__":
    main(sys.argv[1])
