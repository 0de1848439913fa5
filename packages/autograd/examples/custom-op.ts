import { gradCheck, record, type Variable } from "@neurite/autograd";
import { randn, sub } from "@neurite/tensor";

/** swish(x) = x·σ(x), fused, with a hand-written gradient: σ(x)·(1 + x·(1 − σ(x))). */
function swish(x: Variable): Variable {
  const s = x.value.sigmoid();
  return record("swish", x.value.mul(s), [x], (g) => [g.mul(s.mul(x.value.mul(sub(1, s)).add(1)))]);
}

// Always compare a hand-written gradient with finite differences.
const check = gradCheck((x) => swish(x).sum(), [randn([3, 4], 0)]);
console.log(check.ok); // true

// A wrong rule is caught, and the worst element is reported.
const wrong = (x: Variable) => record("swish", x.value.mul(x.value.sigmoid()), [x], (g) => [g]);
const bad = gradCheck((x) => wrong(x).sum(), [randn([3, 4], 0)]);
console.log(bad.ok, bad.worst!.input); // false 0
