/**
 * Source of a kernel worker, as a string so it runs the same from TypeScript
 * sources, the ESM and CJS builds and any bundler (Node: `new Worker(src, {
 * eval: true })`; browsers: a Blob URL). It instantiates the kernels on the
 * shared memory it is sent, then loops: wait for a new task generation, take
 * part in it with `work`, repeat. It says "ready" once instantiated. After a
 * task it spins briefly before sleeping, since kernel calls often come back
 * to back.
 */
export const WORKER_SOURCE = `"use strict";
function start(d, ready) {
  var exports = new WebAssembly.Instance(d.module, { env: { memory: d.memory } }).exports;
  var gen = new Int32Array(d.memory.buffer, d.ctl, 1);
  ready();
  var seen = 0;
  for (;;) {
    var g = Atomics.load(gen, 0);
    var until = performance.now() + d.spinMs;
    while (g === seen && performance.now() < until) {
      for (var i = 0; g === seen && i < 256; i++) g = Atomics.load(gen, 0);
    }
    if (g === seen) {
      Atomics.wait(gen, 0, seen, 1000);
      g = Atomics.load(gen, 0);
      if (g === seen) continue;
    }
    seen = g;
    exports.work(d.ctl, g, d.tid, 1);
  }
}
if (typeof self === "undefined") {
  var port = require("node:worker_threads").parentPort;
  port.once("message", function (d) { start(d, function () { port.postMessage("ready"); }); });
} else {
  self.onmessage = function (e) { start(e.data, function () { self.postMessage("ready"); }); };
}
`;
