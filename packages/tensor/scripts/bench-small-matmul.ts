/**
 * µs per call of small float32 products on the reference and on WebAssembly,
 * to place MATMUL_WASM_MIN (not a test):
 *   node --conditions=@neurite/source --import tsx scripts/bench-small-matmul.ts
 */
import { cpuBackend } from "../src/backend/cpu/index.js";
import { matmul as wasmMatmul } from "../src/backend/wasm/kernels/matmul.js";
import { loadSync } from "../src/backend/wasm/runtime.js";

loadSync();
const shapes: [number, number, number, boolean, boolean][] = [
  [5, 13, 20, false, false],
  [13, 5, 20, true, false],
  [5, 20, 13, false, true],
  [5, 20, 3, false, false],
  [20, 5, 3, true, false],
  [32, 32, 8, false, false],
  [16, 16, 16, false, false],
  [20, 20, 20, false, false],
];
for (const [m, k, n, ta, tb] of shapes) {
  const a = Float32Array.from({ length: m * k }, (_, i) => Math.sin(i));
  const b = Float32Array.from({ length: k * n }, (_, i) => Math.cos(i));
  const out = new Float32Array(m * n);
  const time = (f: () => void) => {
    const xs: number[] = [];
    for (let r = 0; r < 7; r++) {
      const t0 = performance.now();
      for (let i = 0; i < 20000; i++) f();
      xs.push(((performance.now() - t0) * 1000) / 20000);
    }
    return xs.sort((x, y) => x - y)[3]!;
  };
  const cpu = time(() => cpuBackend.kernels.matmul(a, 0, b, 0, out, 0, m, k, n, ta, tb));
  const wasm = time(() => wasmMatmul(a, 0, b, 0, out, 0, m, k, n, ta, tb));
  console.log(
    `${m}x${k}x${n}${ta ? " Aᵀ" : ""}${tb ? " Bᵀ" : ""} (${m * k * n} MACs): cpu ${cpu.toFixed(2)} µs, wasm ${wasm.toFixed(2)} µs`,
  );
}
