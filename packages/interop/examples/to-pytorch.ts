import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { torchSequentialCode } from "@neurite/interop";
import { saveTorchStateDict } from "@neurite/interop/node";
import { Dense, Sequential } from "@neurite/layers";

// The book's Boston network (train it first; see @neurite/train).
const model = new Sequential([
  new Dense(20, { inputDim: 13, activation: "relu", seed: 1 }),
  new Dense(1, { seed: 2 }),
]);

const dir = mkdtempSync(join(tmpdir(), "boston-"));
const weights = await saveTorchStateDict(model, join(dir, "boston.safetensors"));
const script = `import torch
from torch import nn
from safetensors.torch import load_file

model = ${torchSequentialCode(model)}
model.load_state_dict(load_file("${weights}"))
model.eval()
print(model(torch.zeros(1, 13)))
`;
writeFileSync(join(dir, "boston.py"), script);
console.log(torchSequentialCode(model));
// nn.Sequential(
//     nn.Linear(13, 20),
//     nn.ReLU(),
//     nn.Linear(20, 1),
// )
