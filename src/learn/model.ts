/**
 * The learned model (CONTRACTS §8): L2-regularised logistic regression over
 * the presence of n-gram features (src/learn/features.ts), each message's
 * feature vector scaled to unit length so a long message does not outweigh a
 * short one by its length alone.
 *
 * Why logistic regression rather than naive Bayes: its probability is
 * calibrated well enough to grade a finding (the points follow it), where
 * naive Bayes pushes nearly every message to 0 or 1.
 *
 * Classes are balanced (each weighs half of the training loss), so p is the
 * probability of noise when both are equally likely a priori.
 *
 * Deterministic by construction: the vocabulary is ordered by count then by
 * the feature's code units, the training order is a fixed-seed shuffle of the
 * input order, weights are rounded before they are written, and the file is
 * written in one fixed key order — the same inputs give a byte-identical
 * model file.
 */
import { readFileSync, statSync } from 'node:fs';
import { InputError, describeSystemError } from '../errors.js';
import { featuresOfNorm, type FeatureHit } from './features.js';
import { prng } from '../random.js';

export const MODEL_FORMAT = 'scrm-audit-model';
export const MODEL_VERSION = 1;

export interface TrainOptions {
  /** Most features kept, by how many training messages contain them (default 4000). */
  maxFeatures?: number;
  /** A feature must occur in at least this many training messages (default 2). */
  minCount?: number;
  /** Passes over the training data (default 30). */
  epochs?: number;
  /** L2 penalty per example (default 1e-4). */
  l2?: number;
}

export interface LabelledText {
  /** 1 = noise (spam), 0 = ok (ham). */
  label: 0 | 1;
  /** Normalised text (src/text/normalize.ts). */
  norm: string;
  /**
   * How many sends this example stands for (default 1). Learning from a
   * log's outcomes gives each distinct text two examples: its lost
   * customers as noise, the rest of its sends as ok.
   */
  weight?: number;
}

/** The model file, as written. */
export interface ModelFile {
  format: typeof MODEL_FORMAT;
  version: typeof MODEL_VERSION;
  kind: 'logistic-regression';
  features: { text: 'normalized'; chinese: 'char-1-3'; other: 'word-1-2'; value: 'presence-l2' };
  training: {
    files: string[];
    /** Sends learned from (for labelled files, messages). */
    messages: number;
    noise: number;
    ok: number;
    /** Only when learned from a log: the labels were what customers did, over this many distinct texts. */
    labels?: 'outcomes';
    texts?: number;
    maxFeatures: number;
    minCount: number;
    epochs: number;
    l2: number;
  };
  bias: number;
  /** [feature, weight] pairs, sorted by feature: positive weights push towards noise. */
  weights: Array<[string, number]>;
}


const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
/** Six significant decimals: enough for the ranking, few enough that files diff and stay small. */
const round = (v: number) => {
  const r = Math.round(v * 1e6) / 1e6;
  return Object.is(r, -0) ? 0 : r;
};

/** Where the labels came from: the user's own (each row one message), or a log's outcomes (weighted examples). */
export interface TrainSource {
  labels: 'outcomes';
  texts: number;
}

export function train(data: LabelledText[], files: string[], opts: TrainOptions = {}, source?: TrainSource): ModelFile {
  const maxFeatures = opts.maxFeatures ?? 4000;
  const minCount = opts.minCount ?? 2;
  const epochs = opts.epochs ?? 30;
  const l2 = opts.l2 ?? 1e-4;
  const weightOf = (d: LabelledText) => d.weight ?? 1;
  const weighted = data.some((d) => weightOf(d) !== 1);
  const docs = data.map((d) => featuresOfNorm(d.norm).map((h) => h.feature));
  // document frequency in sends: a text pushed to 500 customers is 500 messages
  const df = new Map<string, number>();
  docs.forEach((fs, k) => {
    const wk = weightOf(data[k]!);
    for (const f of fs) df.set(f, (df.get(f) ?? 0) + wk);
  });
  const vocab = [...df.entries()]
    .filter(([, n]) => n >= minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, maxFeatures)
    .map(([f]) => f);
  const index = new Map(vocab.map((f, i) => [f, i]));
  const rows = docs.map((fs) => {
    const ids = fs.map((f) => index.get(f)).filter((i): i is number => i !== undefined);
    return { ids, x: ids.length ? 1 / Math.sqrt(ids.length) : 0 };
  });
  const w = new Float64Array(vocab.length);
  let noise = 0;
  let total = 0;
  for (const d of data) {
    total += weightOf(d);
    if (d.label === 1) noise += weightOf(d);
  }
  // Each class weighs as much as the other in total, however few examples it has: users label
  // far more ok sends than noise, and p = 0.5 should stay the point where the evidence is even,
  // not drift towards "ok" with the share of ok messages in the training data.
  const classWeight = [total / (2 * Math.max(1, total - noise)), total / (2 * Math.max(1, noise))] as const;
  let bias = 0;
  const next = prng(0x5c0a0d17);
  let step = 0;
  const update = (k: number, scale: number) => {
    const r = rows[k]!;
    const lr = 0.5 / (1 + step++ / (4 * data.length));
    let z = bias;
    for (const id of r.ids) z += w[id]! * r.x;
    const g = (sigmoid(z) - data[k]!.label) * scale;
    bias -= lr * g;
    for (const id of r.ids) w[id] = w[id]! - lr * (g * r.x + l2 * w[id]!);
  };
  if (!weighted) {
    const order = data.map((_, i) => i);
    for (let e = 0; e < epochs; e++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      for (const k of order) update(k, classWeight[data[k]!.label]);
    }
  } else {
    // Weighted examples are drawn in proportion to weight × class weight, each for a plain step:
    // a text sent to 10,000 customers is seen more often, not with a step 10,000 times as long
    // (which would throw the weights about). Expected gradient: that of the sends themselves.
    const cum: number[] = [];
    let acc = 0;
    for (const d of data) cum.push((acc += weightOf(d) * classWeight[d.label]));
    for (let e = 0; e < epochs; e++) {
      for (let n = 0; n < data.length; n++) {
        const u = next() * acc;
        let lo = 0, hi = cum.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (cum[mid]! > u) hi = mid;
          else lo = mid + 1;
        }
        update(lo, 1);
      }
    }
  }
  const weights: Array<[string, number]> = [];
  vocab.forEach((f, i) => {
    const v = round(w[i]!);
    if (v !== 0) weights.push([f, v]);
  });
  weights.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    kind: 'logistic-regression',
    features: { text: 'normalized', chinese: 'char-1-3', other: 'word-1-2', value: 'presence-l2' },
    training: { files, messages: total, noise, ok: total - noise, ...(source ? { labels: source.labels, texts: source.texts } : {}), maxFeatures, minCount, epochs, l2 },
    bias: round(bias),
    weights,
  };
}

/** The model file's text: one weight per line, so a retrained model diffs line by line. */
export function serializeModel(m: ModelFile): string {
  const head = JSON.stringify({ format: m.format, version: m.version, kind: m.kind, features: m.features, training: m.training, bias: m.bias }, null, 2);
  const lines = m.weights.map(([f, v]) => `    ${JSON.stringify([f, v])}`);
  return `${head.slice(0, -2)},\n  "weights": [\n${lines.join(',\n')}\n  ]\n}\n`;
}

/** A loaded model, ready to score. */
export interface Model {
  file: string;
  bias: number;
  weights: Map<string, number>;
  messages: number;
}

export interface Prediction {
  /** P(noise), 0–1. */
  p: number;
  /** Features present, heaviest push towards noise first (contribution = weight × value). */
  top: Array<FeatureHit & { contribution: number }>;
}

export function predictNorm(m: Model, norm: string): Prediction {
  const hits = featuresOfNorm(norm).filter((h) => m.weights.has(h.feature));
  const x = hits.length ? 1 / Math.sqrt(hits.length) : 0;
  let z = m.bias;
  const top = hits.map((h) => {
    const contribution = m.weights.get(h.feature)! * x;
    z += contribution;
    return { ...h, contribution };
  });
  top.sort((a, b) => b.contribution - a.contribution || a.start - b.start);
  const p = sigmoid(z);
  return { p: Number.isFinite(p) ? p : 0, top };
}

const cache = new Map<string, { mtimeMs: number; size: number; model: Model }>();

/** Read and check a model file (exit 2 naming the file on anything wrong); cached by path while the file is unchanged. */
export function loadModel(file: string, shown = file): Model {
  let st;
  try {
    st = statSync(file);
  } catch (e) {
    throw new InputError(describeSystemError(e, 'cannot read model'), shown);
  }
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.model;
  if (st.isDirectory()) throw new InputError('is a directory, expected a model file written by `scrm-audit learn`', shown);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    if (e instanceof SyntaxError) throw new InputError(`not a model file (invalid JSON: ${e.message}); write one with \`scrm-audit learn\``, shown);
    throw new InputError(describeSystemError(e, 'cannot read model'), shown);
  }
  const o = raw as Partial<ModelFile> | null;
  if (!o || typeof o !== 'object' || o.format !== MODEL_FORMAT) throw new InputError(`not a model file (expected "format": "${MODEL_FORMAT}"); write one with \`scrm-audit learn\``, shown);
  if (o.version !== MODEL_VERSION) throw new InputError(`model version ${JSON.stringify(o.version)} is not supported by this scrm-audit (it reads version ${MODEL_VERSION}); retrain with \`scrm-audit learn\``, shown);
  if (o.kind !== 'logistic-regression') throw new InputError(`unknown model kind ${JSON.stringify(o.kind)} (expected "logistic-regression")`, shown);
  if (typeof o.bias !== 'number' || !Number.isFinite(o.bias)) throw new InputError('bias: expected a finite number', shown);
  if (!Array.isArray(o.weights)) throw new InputError('weights: expected a list of [feature, weight] pairs', shown);
  const weights = new Map<string, number>();
  o.weights.forEach((pair, i) => {
    // A NaN or infinite weight would make every probability NaN, and the points with it.
    if (!Array.isArray(pair) || typeof pair[0] !== 'string' || typeof pair[1] !== 'number' || !Number.isFinite(pair[1])) {
      throw new InputError(`weights[${i}]: expected [feature, finite number]`, shown);
    }
    weights.set(pair[0], pair[1]);
  });
  const model: Model = { file, bias: o.bias, weights, messages: typeof o.training?.messages === 'number' ? o.training.messages : 0 };
  cache.set(file, { mtimeMs: st.mtimeMs, size: st.size, model });
  return model;
}
