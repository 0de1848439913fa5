"""PyTorch peer of `pnpm bench`: times the same workloads in eager PyTorch.

Reads one JSON request on stdin (written by src/impls/torch.ts) and prints one
JSON object on stdout: {"torch": version, "python": version, "msPerCall": {key: ms}}.
The timing method is the bench's own (src/timing.ts, src/run.ts): a warm-up of
at least warmMs and warmCalls calls, a sample batches calls up to sampleMs, the
result is the median of `rounds` samples. Jobs run one after another in this
process, each with torch.set_num_threads(threads).
"""

import json
import platform
import sys
import time

import torch


def time_calls(run, calls):
    t0 = time.perf_counter()
    for _ in range(calls):
        run()
    return (time.perf_counter() - t0) * 1000.0 / calls


def median(xs):
    s = sorted(xs)
    mid = len(s) // 2
    return s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2


def measure(run, opts):
    start = time.perf_counter()
    last = 0.0
    i = 0
    while i < opts["warmCalls"] or (time.perf_counter() - start) * 1000.0 < opts["warmMs"]:
        last = time_calls(run, 1)
        i += 1
    calls = max(1, round(opts["sampleMs"] / max(last, 1e-3)))
    samples = []
    # As in src/run.ts with --quick: a warm call of a second or more is a sample.
    if opts["quick"] and last >= 1000:
        samples.append(last)
    while len(samples) < opts["rounds"]:
        samples.append(time_calls(run, calls))
    return median(samples)


def matmul_job(spec):
    m, k, n = spec["m"], spec["k"], spec["n"]
    g = torch.Generator().manual_seed(1000 + m)
    a = torch.randn((k, m) if spec.get("transA") else (m, k), generator=g)
    b = torch.randn((n, k) if spec.get("transB") else (k, n), generator=g)
    ta = a.t() if spec.get("transA") else a
    tb = b.t() if spec.get("transB") else b

    def run():
        torch.mm(ta, tb)

    return run


def mlp_job(spec):
    sizes = spec["sizes"]
    batch = spec["batch"]
    torch.manual_seed(1)
    layers = []
    for i in range(1, len(sizes)):
        layers.append(torch.nn.Linear(sizes[i - 1], sizes[i]))
        if i < len(sizes) - 1:
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers)
    x = torch.randn(batch, sizes[0])
    y = torch.tensor([(i * 7) % sizes[-1] for i in range(batch)])
    loss_fn = torch.nn.CrossEntropyLoss()
    # Keras's Adam defaults, as Neurite's Adam uses them.
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    model.train()

    def run():
        opt.zero_grad(set_to_none=True)
        loss_fn(model(x), y).backward()
        opt.step()

    return run


def book_model(name):
    torch.manual_seed(1)
    if name == "wine":
        # Keras BatchNormalization(momentum=0.9, epsilon=1e-3) is PyTorch's momentum 0.1.
        return torch.nn.Sequential(
            torch.nn.Linear(13, 20),
            torch.nn.BatchNorm1d(20, eps=1e-3, momentum=0.1),
            torch.nn.ReLU(),
            torch.nn.Linear(20, 3),
        )
    return torch.nn.Sequential(torch.nn.Linear(13, 20), torch.nn.ReLU(), torch.nn.Linear(20, 1))


def fit_job(spec, data):
    name = spec["data"]
    d = data[name]
    x = torch.tensor(d["x"], dtype=torch.float32).reshape(d["shape"])
    model = book_model(name)
    if name == "wine":
        # One-hot targets to class indices; softmax + cross-entropy on logits.
        y = torch.tensor(d["y"], dtype=torch.float32).reshape(d["shape"][0], -1).argmax(dim=1)
        loss_fn = torch.nn.CrossEntropyLoss()
    else:
        y = torch.tensor(d["y"], dtype=torch.float32).reshape(d["shape"][0], 1)
        loss_fn = torch.nn.MSELoss()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    epochs, batch = spec["epochs"], spec["batchSize"]
    n = x.shape[0]
    g = torch.Generator().manual_seed(0)
    model.train()

    def run():
        # A fit as Keras runs it: shuffled batches every epoch, one Adam step per batch.
        for _ in range(epochs):
            order = torch.randperm(n, generator=g)
            for start in range(0, n, batch):
                idx = order[start : start + batch]
                opt.zero_grad(set_to_none=True)
                loss_fn(model(x[idx]), y[idx]).backward()
                opt.step()

    return run


def build(spec, data):
    kind = spec["kind"]
    if kind == "matmul":
        return matmul_job(spec)
    if kind == "mlp":
        return mlp_job(spec)
    if kind == "fit":
        return fit_job(spec, data)
    raise ValueError(f"torch_peer: unknown job kind {kind!r}")


def main():
    request = json.load(sys.stdin)
    opts = request["options"]
    out = {}
    for job in request["jobs"]:
        torch.set_num_threads(job["threads"])
        with torch.no_grad() if job["spec"]["kind"] == "matmul" else torch.enable_grad():
            out[job["key"]] = measure(build(job["spec"], request.get("data", {})), opts)
        print(f"pytorch {job['key']}: {out[job['key']]:.4g} ms/call", file=sys.stderr)
    json.dump(
        {"torch": torch.__version__, "python": platform.python_version(), "msPerCall": out},
        sys.stdout,
    )


if __name__ == "__main__":
    main()
