/**
 * Independent float64 reference implementations of the update rules, written
 * from PyTorch's documented algorithms (and Keras's Adam), one closure per
 * optimizer over plain number arrays. They share no code with src/.
 */

/** One optimizer's reference: call `step(w, g)` with the current weights and gradient. */
export interface Reference {
  step(w: number[], g: number[]): number[];
}

const zeros = (n: number): number[] => new Array<number>(n).fill(0);

export function sgdRef(o: {
  lr: number;
  momentum?: number;
  dampening?: number;
  weightDecay?: number;
  nesterov?: boolean;
}): Reference {
  const mu = o.momentum ?? 0;
  const tau = o.dampening ?? 0;
  const wd = o.weightDecay ?? 0;
  let buf: number[] | null = null;
  return {
    step(w, g) {
      let d = g.map((gi, i) => gi + wd * w[i]!);
      if (mu !== 0) {
        const prev = buf;
        buf = prev === null ? d.slice() : prev.map((b, i) => mu * b + (1 - tau) * d[i]!);
        const b = buf;
        d = o.nesterov ? d.map((di, i) => di + mu * b[i]!) : b.slice();
      }
      return w.map((wi, i) => wi - o.lr * d[i]!);
    },
  };
}

/** torch.optim.Adam / AdamW (decoupled) with PyTorch's placement of eps. */
export function adamTorchRef(o: {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay?: number;
  decoupled?: boolean;
  amsgrad?: boolean;
}): Reference {
  const [b1, b2] = o.betas;
  const wd = o.weightDecay ?? 0;
  let m: number[] = [];
  let v: number[] = [];
  let vmax: number[] = [];
  let t = 0;
  return {
    step(w, g) {
      t += 1;
      if (t === 1) {
        m = zeros(w.length);
        v = zeros(w.length);
        vmax = zeros(w.length);
      }
      const theta = o.decoupled ? w.map((x) => x * (1 - o.lr * wd)) : w.slice();
      const d = o.decoupled ? g.slice() : g.map((gi, i) => gi + wd * w[i]!);
      m = m.map((mi, i) => b1 * mi + (1 - b1) * d[i]!);
      v = v.map((vi, i) => b2 * vi + (1 - b2) * d[i]! * d[i]!);
      let vUse = v;
      if (o.amsgrad) {
        vmax = vmax.map((x, i) => Math.max(x, v[i]!));
        vUse = vmax;
      }
      const bc1 = 1 - b1 ** t;
      const bc2 = 1 - b2 ** t;
      return theta.map(
        (x, i) => x - ((o.lr / bc1) * m[i]!) / (Math.sqrt(vUse[i]!) / Math.sqrt(bc2) + o.eps),
      );
    },
  };
}

/** Keras's Adam (keras/optimizers/adam.py), with decoupled weight decay as Keras applies it. */
export function adamKerasRef(o: {
  lr: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  amsgrad?: boolean;
  weightDecay?: number;
}): Reference {
  let m: number[] = [];
  let v: number[] = [];
  let vhat: number[] = [];
  let iterations = 0;
  return {
    step(w, g) {
      if (iterations === 0) {
        m = zeros(w.length);
        v = zeros(w.length);
        vhat = zeros(w.length);
      }
      // Keras applies weight decay first: variable -= variable * wd * lr.
      const wd = o.weightDecay ?? 0;
      const x = w.map((wi) => wi - wi * wd * o.lr);
      const localStep = iterations + 1;
      const alpha = (o.lr * Math.sqrt(1 - o.beta2 ** localStep)) / (1 - o.beta1 ** localStep);
      m = m.map((mi, i) => mi + (g[i]! - mi) * (1 - o.beta1));
      v = v.map((vi, i) => vi + (g[i]! * g[i]! - vi) * (1 - o.beta2));
      let vv = v;
      if (o.amsgrad) {
        vhat = vhat.map((h, i) => Math.max(h, v[i]!));
        vv = vhat;
      }
      iterations += 1;
      return x.map((xi, i) => xi - (m[i]! * alpha) / (Math.sqrt(vv[i]!) + o.epsilon));
    },
  };
}

export function rmspropRef(o: {
  lr: number;
  alpha: number;
  eps: number;
  weightDecay?: number;
  momentum?: number;
  centered?: boolean;
}): Reference {
  const wd = o.weightDecay ?? 0;
  const mu = o.momentum ?? 0;
  let sq: number[] | null = null;
  let ga: number[] = [];
  let buf: number[] = [];
  return {
    step(w, g) {
      if (sq === null) {
        sq = zeros(w.length);
        ga = zeros(w.length);
        buf = zeros(w.length);
      }
      const d = g.map((gi, i) => gi + wd * w[i]!);
      const s = sq.map((x, i) => o.alpha * x + (1 - o.alpha) * d[i]! * d[i]!);
      sq = s;
      let avg: number[];
      if (o.centered) {
        ga = ga.map((x, i) => x + (d[i]! - x) * (1 - o.alpha));
        avg = s.map((x, i) => Math.sqrt(x - ga[i]! * ga[i]!) + o.eps);
      } else {
        avg = s.map((x) => Math.sqrt(x) + o.eps);
      }
      if (mu > 0) {
        buf = buf.map((b, i) => mu * b + d[i]! / avg[i]!);
        return w.map((x, i) => x - o.lr * buf[i]!);
      }
      return w.map((x, i) => x - (o.lr * d[i]!) / avg[i]!);
    },
  };
}

export function adagradRef(o: {
  lr: number;
  lrDecay?: number;
  weightDecay?: number;
  initialAccumulatorValue?: number;
  eps: number;
}): Reference {
  let sum: number[] | null = null;
  let t = 0;
  return {
    step(w, g) {
      t += 1;
      sum ??= new Array<number>(w.length).fill(o.initialAccumulatorValue ?? 0);
      const d = g.map((gi, i) => gi + (o.weightDecay ?? 0) * w[i]!);
      const clr = o.lr / (1 + (t - 1) * (o.lrDecay ?? 0));
      const s = sum.map((x, i) => x + d[i]! ** 2);
      sum = s;
      return w.map((x, i) => x - (clr * d[i]!) / (Math.sqrt(s[i]!) + o.eps));
    },
  };
}

export function adadeltaRef(o: {
  lr: number;
  rho: number;
  eps: number;
  weightDecay?: number;
}): Reference {
  let v: number[] | null = null;
  let u: number[] = [];
  return {
    step(w, g) {
      if (v === null) {
        v = zeros(w.length);
        u = zeros(w.length);
      }
      const d = g.map((gi, i) => gi + (o.weightDecay ?? 0) * w[i]!);
      const vNew = v.map((x, i) => o.rho * x + (1 - o.rho) * d[i]! ** 2);
      v = vNew;
      const delta = d.map((di, i) => (Math.sqrt(u[i]! + o.eps) / Math.sqrt(vNew[i]! + o.eps)) * di);
      u = u.map((x, i) => o.rho * x + (1 - o.rho) * delta[i]! ** 2);
      return w.map((x, i) => x - o.lr * delta[i]!);
    },
  };
}

export function adamaxRef(o: {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay?: number;
}): Reference {
  const [b1, b2] = o.betas;
  let m: number[] | null = null;
  let u: number[] = [];
  let t = 0;
  return {
    step(w, g) {
      t += 1;
      if (m === null) {
        m = zeros(w.length);
        u = zeros(w.length);
      }
      const d = g.map((gi, i) => gi + (o.weightDecay ?? 0) * w[i]!);
      const mNew = m.map((x, i) => b1 * x + (1 - b1) * d[i]!);
      m = mNew;
      u = u.map((x, i) => Math.max(b2 * x, Math.abs(d[i]!) + o.eps));
      const clr = o.lr / (1 - b1 ** t);
      return w.map((x, i) => x - (clr * mNew[i]!) / u[i]!);
    },
  };
}

export function nadamRef(o: {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay?: number;
  momentumDecay: number;
  decoupledWeightDecay?: boolean;
}): Reference {
  const [b1, b2] = o.betas;
  const wd = o.weightDecay ?? 0;
  let m: number[] | null = null;
  let v: number[] = [];
  let muProduct = 1;
  let t = 0;
  return {
    step(w, g) {
      t += 1;
      if (m === null) {
        m = zeros(w.length);
        v = zeros(w.length);
      }
      let x = w.slice();
      let d = g.slice();
      if (wd !== 0) {
        if (o.decoupledWeightDecay) x = x.map((xi) => xi * (1 - o.lr * wd));
        else d = d.map((di, i) => di + wd * w[i]!);
      }
      const bc2 = 1 - b2 ** t;
      const mu = b1 * (1 - 0.5 * 0.96 ** (t * o.momentumDecay));
      const muNext = b1 * (1 - 0.5 * 0.96 ** ((t + 1) * o.momentumDecay));
      muProduct *= mu;
      const mNew = m.map((mi, i) => mi + (d[i]! - mi) * (1 - b1));
      m = mNew;
      v = v.map((vi, i) => b2 * vi + (1 - b2) * d[i]! * d[i]!);
      const denom = v.map((vi) => Math.sqrt(vi / bc2) + o.eps);
      return x.map(
        (xi, i) =>
          xi -
          ((o.lr * (1 - mu)) / (1 - muProduct)) * (d[i]! / denom[i]!) -
          ((o.lr * muNext) / (1 - muProduct * muNext)) * (mNew[i]! / denom[i]!),
      );
    },
  };
}
