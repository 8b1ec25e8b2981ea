/**
 * `npm run bench -- check` — how fast and how lean `scrm-audit check` is on
 * 30k+ real and realistic messages, side by side in one run with what a user
 * would pick instead and with the limit (issue 10, item 6):
 *
 *   a. `scrm-audit check drafts.json --format json --output <file>` (a file,
 *      not /dev/null, so each report is read back: every campaign must be in
 *      it — a crash exits 1 as findings do)
 *   b. the same on the same campaigns as YAML drafts
 *   c. textlint 15 + textlint-rule-prh over one Markdown file holding the same
 *      messages (one paragraph each), with a prh.yml of a few hundred literal
 *      terms of our lexicons (installed from the npm registry into
 *      bench-data/peers/ when missing; skipped, with a note, if that fails)
 *   d. the limit: a bare scan (src/bench/bare-scan.ts) — read the JSON, fold
 *      width and case, one Aho-Corasick pass per message with every literal
 *      term of rules/**\/*.yaml, count the hits
 *   e. a, with a rule pack of 100,000 synthetic terms (--rules-dir)
 *
 * and judges the issue's targets (PASS/FAIL). Each repetition runs every
 * variant once as a child process, in turn (a busy machine slows all alike);
 * the table shows the median wall time and the highest peak RSS
 * (src/bench/child.ts).
 *
 *   npm run bench -- check                        30,574 messages, 3 repetitions
 *   npm run bench -- check --reps 1 --messages 3000
 *   npm run bench -- check --no-peer              without textlint
 *   npm run bench -- check --markdown             also print the table as Markdown
 *
 * Messages: the UCI SMS Spam Collection (../shared/corpora, read at bench
 * time) plus Chinese messages from src/bench/corpus.ts (25,000 by default);
 * `--messages N` takes N in all, in the same proportion. Every message is one
 * campaign. Files go to bench-data/check/ once and are regenerated when the
 * options or the generator's version change; the word lists (terms.json,
 * prh.yml) follow the rule files on every run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';
import { median, peakKb, positiveNumber, rssSource, run, type Run } from './child.js';
import { buildCampaigns, readUci, writeJsonDrafts, writeMarkdown, writeYamlDrafts } from './corpus.js';
import { lexiconStrings, literalTerms, prhTerms, prhYaml, syntheticTerms, writePack } from './terms.js';

/** Bump when corpus.ts or the pack generator changes its output, so stale bench files are regenerated. */
const DATA_VERSION = 3;
const TEXTLINT_MAJOR = 15;

interface Args {
  reps: number;
  dir: string;
  messages?: number;
  chinese: number;
  seed: number;
  packTerms: number;
  prhTerms: number;
  uci: string;
  peer: boolean;
  markdown: boolean;
}

const USAGE = `npm run bench -- check [options]
  --reps N          repetitions; medians of wall time (default 3)
  --messages N      messages in all, UCI and Chinese in proportion (default: all 5,574 UCI + 25,000 Chinese)
  --chinese N       Chinese messages when --messages is not given (default 25000)
  --pack-terms N    terms in the big rule pack (default 100000)
  --prh-terms N     terms in textlint's prh.yml (default 300)
  --seed N          generator seed (default 20261111)
  --dir DIR         data folder (default bench-data)
  --uci FILE        the UCI TSV (default ../shared/corpora/uci-sms-spam/sms_spam_collection.tsv)
  --no-peer         skip textlint
  --markdown        also print the table as Markdown (for the README)
`;

function args(argv: string[]): Args {
  const out: Args = {
    reps: 3,
    dir: resolve(PACKAGE_ROOT, 'bench-data'),
    chinese: 25_000,
    seed: 20261111,
    packTerms: 100_000,
    prhTerms: 300,
    uci: resolve(PACKAGE_ROOT, '..', 'shared', 'corpora', 'uci-sms-spam', 'sms_spam_collection.tsv'),
    peer: true,
    markdown: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = argv[i + 1];
    const num = () => {
      i++;
      return positiveNumber(a, v);
    };
    const path = () => {
      if (v === undefined) throw new Error(`${a}: expected a path`);
      i++;
      return resolve(v);
    };
    if (a === '--reps') out.reps = num();
    else if (a === '--messages') out.messages = num();
    else if (a === '--chinese') out.chinese = num();
    else if (a === '--pack-terms') out.packTerms = num();
    else if (a === '--prh-terms') out.prhTerms = num();
    else if (a === '--seed') out.seed = num();
    else if (a === '--dir') out.dir = path();
    else if (a === '--uci') out.uci = path();
    else if (a === '--no-peer') out.peer = false;
    else if (a === '--markdown') out.markdown = true;
    else if (a === '--help' || a === '-h') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  return out;
}

/** Write `content` unless the file already holds exactly it (keeps mtimes, and the peer's cache, quiet). */
function writeIfChanged(file: string, content: string): void {
  if (existsSync(file) && readFileSync(file, 'utf8') === content) return;
  writeFileSync(file, content);
}

/** Regenerate `files` with `make` unless `meta` records the same `want`. */
function once(files: string[], meta: string, want: object, label: string, make: () => void): void {
  if (files.every((f) => existsSync(f)) && existsSync(meta) && readFileSync(meta, 'utf8') === JSON.stringify(want)) return;
  process.stdout.write(`generating ${label} … `);
  const t0 = performance.now();
  make();
  writeFileSync(meta, JSON.stringify(want));
  process.stdout.write(`${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}

interface Data {
  json: string;
  yaml: string;
  md: string;
  terms: string;
  termCount: number;
  prhCount: number;
  pack: string;
  messages: number;
  uci: number;
}

function ensureData(a: Args): Data {
  const dir = join(a.dir, 'check');
  mkdirSync(dir, { recursive: true });
  if (!existsSync(a.uci)) throw new Error(`the UCI SMS collection is not at ${a.uci} (use --uci FILE)`);
  const uciRows = readUci(a.uci).length;
  const tag = `${a.messages ?? `all+${a.chinese}`}-${a.seed}`;
  const json = join(dir, `drafts-${tag}.json`);
  const yaml = join(dir, `drafts-${tag}.yaml`);
  const md = join(dir, `messages-${tag}.md`);
  let messages = 0;
  let uci = 0;
  const want = { version: DATA_VERSION, messages: a.messages, chinese: a.chinese, seed: a.seed, uciRows, uciBytes: statSync(a.uci).size };
  once([json, yaml, md], join(dir, `drafts-${tag}.meta.json`), want, `drafts (${tag}) → ${dir}`, () => {
    const campaigns = buildCampaigns({ uciFile: a.uci, messages: a.messages, chinese: a.chinese, seed: a.seed });
    writeJsonDrafts(json, campaigns);
    writeYamlDrafts(yaml, campaigns);
    writeMarkdown(md, campaigns);
  });
  // count from the file actually benchmarked
  const parsed = JSON.parse(readFileSync(json, 'utf8')) as { campaigns: Array<{ id: string; messages: unknown[] }> };
  for (const c of parsed.campaigns) {
    messages += c.messages.length;
    if (c.id.startsWith('uci-')) uci += c.messages.length;
  }

  // word lists follow the rule files
  const strings = lexiconStrings();
  const literal = literalTerms(strings);
  const terms = join(dir, 'terms.json');
  writeIfChanged(terms, JSON.stringify(literal) + '\n');
  const prh = prhTerms(a.prhTerms, strings);
  writeIfChanged(join(dir, 'prh.yml'), prhYaml(prh));

  const pack = join(dir, `pack-${a.packTerms}-${a.seed}.yaml`);
  once([pack], `${pack}.meta.json`, { version: DATA_VERSION, terms: a.packTerms, seed: a.seed }, `a ${a.packTerms.toLocaleString('en')}-term rule pack → ${pack}`, () =>
    writePack(pack, syntheticTerms(a.packTerms, a.seed)),
  );
  return { json, yaml, md, terms, termCount: literal.length, prhCount: prh.length, pack, messages, uci };
}

interface Peer {
  bin: string;
  rc: string;
  cwd: string;
  label: string;
}

const pkgVersion = (dir: string): string | undefined => {
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
};

/** textlint + textlint-rule-prh in bench-data/peers/, installed from the registry when missing. */
function ensurePeer(a: Args, prhFile: string): Peer | string {
  const peers = join(a.dir, 'peers');
  const mods = join(peers, 'node_modules');
  const have = () => {
    const tl = pkgVersion(join(mods, 'textlint'));
    const prh = pkgVersion(join(mods, 'textlint-rule-prh'));
    return tl && prh && Number(tl.split('.')[0]) === TEXTLINT_MAJOR ? { tl, prh } : undefined;
  };
  let v = have();
  if (!v) {
    mkdirSync(peers, { recursive: true });
    // its own (private, empty) project, so npm neither climbs to ours nor records anything
    if (!existsSync(join(peers, 'package.json'))) writeFileSync(join(peers, 'package.json'), JSON.stringify({ name: 'scrm-audit-bench-peers', private: true }, null, 2) + '\n');
    process.stdout.write(`installing textlint@${TEXTLINT_MAJOR} and textlint-rule-prh into ${peers} … `);
    const npmCli = process.env.npm_execpath;
    const npmArgs = ['install', '--prefix', peers, `textlint@${TEXTLINT_MAJOR}`, 'textlint-rule-prh', '--no-save', '--no-audit', '--no-fund', '--loglevel=error'];
    const r = npmCli && /\.c?js$/.test(npmCli) ? spawnSync(process.execPath, [npmCli, ...npmArgs], { encoding: 'utf8', timeout: 600_000 }) : spawnSync('npm', npmArgs, { encoding: 'utf8', timeout: 600_000 });
    v = have();
    if (!v) {
      process.stdout.write('failed\n');
      const why = (r.error?.message ?? r.stderr ?? '').trim().split('\n').slice(-3).join(' ').slice(0, 300);
      return `npm install failed (exit ${r.status ?? 'none'}${why ? `: ${why}` : ''})`;
    }
    process.stdout.write('done\n');
  }
  const pkg = JSON.parse(readFileSync(join(mods, 'textlint', 'package.json'), 'utf8')) as { bin?: string | Record<string, string> };
  const binRel = typeof pkg.bin === 'string' ? pkg.bin : (pkg.bin?.textlint ?? 'bin/textlint.js');
  const rc = join(peers, '.textlintrc.json');
  writeIfChanged(rc, JSON.stringify({ rules: { prh: { rulePaths: [prhFile] } } }, null, 2) + '\n');
  return { bin: join(mods, 'textlint', binRel), rc, cwd: peers, label: `textlint ${v.tl} + textlint-rule-prh ${v.prh}` };
}

interface Variant {
  key: 'json' | 'yaml' | 'textlint' | 'bare' | 'pack';
  label: string;
  script: string;
  argv: string[];
  cwd?: string;
  /** Exit codes that mean "ran" (findings included). */
  ok: number[];
  /** A failure stops only this variant (else the whole benchmark). */
  soft: boolean;
  runs: Run[];
  failed?: string;
  /** Reads what the run wrote and says what it found; throws when the run did not do its work (a crash that exits 1 looks like findings). */
  verify: (r: Run) => string;
  found?: string;
}

const fmtS = (s: number) => `${s.toFixed(2)} s`;
const fmtMiB = (kb: number | undefined) => (kb === undefined ? 'n/a' : `${(kb / 1024).toFixed(0)} MiB`);
const firstLine = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^(Command exited|Command terminated|\t|Maximum resident|BENCH_MAX_RSS_KB)/.test(l))[0]
    ?.slice(0, 240) ?? '';

export async function benchCheck(argv: string[]): Promise<void> {
  const a = args(argv);
  const d = ensureData(a);
  const rssScript = resolve(PACKAGE_ROOT, 'dist', 'bench', 'rss.js');
  const bareScript = resolve(PACKAGE_ROOT, 'dist', 'bench', 'bare-scan.js');
  // Reports go to files (not /dev/null) so each run can be verified: a crash also exits 1.
  const outDir = join(a.dir, 'check', 'out');
  mkdirSync(outDir, { recursive: true });
  const outFile = (key: string) => join(outDir, `${key}.json`);
  const checkArgs = (file: string, key: string) => ['check', file, '--format', 'json', '--output', outFile(key), '--lang', 'en', '--no-color'];
  const verifyCheck = (key: string) => () => {
    const f = outFile(key);
    const rep = JSON.parse(readFileSync(f, 'utf8')) as { summary?: { campaigns?: number; findings?: number } };
    if (rep.summary?.campaigns !== d.messages) throw new Error(`${f}: ${rep.summary?.campaigns} campaigns in the report, expected ${d.messages}`);
    return `${(rep.summary.findings ?? 0).toLocaleString('en')} findings`;
  };
  const verifyTextlint = () => {
    const f = outFile('textlint');
    const res = JSON.parse(readFileSync(f, 'utf8')) as Array<{ messages: unknown[] }>;
    if (!Array.isArray(res) || res.length !== 1) throw new Error(`${f}: expected results for one file`);
    return `${res[0]!.messages.length.toLocaleString('en')} prh hits`;
  };
  const peer = a.peer ? ensurePeer(a, join(a.dir, 'check', 'prh.yml')) : 'skipped (--no-peer)';
  if (typeof peer === 'string') process.stdout.write(`textlint + textlint-rule-prh unavailable: ${peer}; continuing without it\n`);
  const mb = (f: string) => `${(statSync(f).size / 1048576).toFixed(1)} MB`;

  const variants: Variant[] = [
    { key: 'json', label: `a. check, JSON drafts (${mb(d.json)})`, script: rssScript, argv: checkArgs(d.json, 'json'), cwd: PACKAGE_ROOT, ok: [0, 1], soft: false, runs: [], verify: verifyCheck('json') },
    { key: 'yaml', label: `b. check, YAML drafts (${mb(d.yaml)})`, script: rssScript, argv: checkArgs(d.yaml, 'yaml'), cwd: PACKAGE_ROOT, ok: [0, 1], soft: false, runs: [], verify: verifyCheck('yaml') },
    typeof peer === 'string'
      ? { key: 'textlint', label: 'c. textlint + textlint-rule-prh', script: '', argv: [], ok: [], soft: true, runs: [], failed: `unavailable: ${peer}`, verify: () => '' }
      : {
          key: 'textlint',
          label: `c. textlint + prh, ${d.prhCount} terms, Markdown (${mb(d.md)})`,
          script: peer.bin,
          argv: ['--config', peer.rc, '--rules-base-directory', join(peer.cwd, 'node_modules'), '--format', 'json', '--output-file', outFile('textlint'), d.md],
          cwd: peer.cwd,
          ok: [0, 1],
          soft: true,
          runs: [],
          verify: verifyTextlint,
        },
    { key: 'bare', label: `d. bare scan, ${d.termCount.toLocaleString('en')} literal terms (the limit)`, script: bareScript, argv: [d.json, d.terms], cwd: PACKAGE_ROOT, ok: [0], soft: false, runs: [], verify: (r) => {
        const out = JSON.parse(r.stdout) as { messages: number; hits: number; chars: number };
        if (out.messages !== d.messages) throw new Error(`bare scan read ${out.messages} messages, expected ${d.messages}`);
        return `${out.hits.toLocaleString('en')} hits in ${out.chars.toLocaleString('en')} characters`;
      } },
    {
      key: 'pack',
      label: `e. a + ${a.packTerms.toLocaleString('en')}-term pack (${mb(d.pack)})`,
      script: rssScript,
      argv: [...checkArgs(d.json, 'pack'), '--rules-dir', d.pack],
      cwd: PACKAGE_ROOT,
      ok: [0, 1],
      soft: true,
      runs: [],
      verify: verifyCheck('pack'),
    },
  ];

  process.stdout.write(`${d.messages.toLocaleString('en')} messages (${d.uci.toLocaleString('en')} UCI SMS, ${(d.messages - d.uci).toLocaleString('en')} Chinese), one campaign each; ${a.reps} repetition(s)\n`);
  for (let i = 0; i < a.reps; i++) {
    const parts: string[] = [];
    for (const v of variants) {
      if (v.failed) continue;
      if (v.key !== 'bare') rmSync(outFile(v.key), { force: true }); // so no stale report passes for this run's
      const r = run(v.script, v.argv, { cwd: v.cwd });
      if (!v.ok.includes(r.code ?? -1)) {
        const why = `exit ${r.code}: ${firstLine(r.stderr) || firstLine(r.stdout) || 'no message'}`;
        if (!v.soft) throw new Error(`${v.label} failed (${why})\n${r.stderr.slice(0, 2000)}`);
        v.failed = `failed (${why})`;
        parts.push(`${v.key} failed`);
        continue;
      }
      try {
        v.found = v.verify(r);
      } catch (e) {
        const why = `exit ${r.code}, no usable output: ${(e as Error).message.slice(0, 200)}; ${firstLine(r.stderr) || 'nothing on stderr'}`;
        if (!v.soft) throw new Error(`${v.label} failed (${why})\n${r.stderr.slice(0, 2000)}`);
        v.failed = `failed (${why})`;
        parts.push(`${v.key} failed`);
        continue;
      }
      v.runs.push(r);
      parts.push(`${v.key} ${r.seconds.toFixed(2)} s`);
    }
    process.stdout.write(`  rep ${i + 1}/${a.reps}: ${parts.join(', ')}\n`);
  }

  const by = (k: Variant['key']) => variants.find((v) => v.key === k)!;
  const t = (k: Variant['key']) => {
    const v = by(k);
    return v.runs.length && !v.failed ? median(v.runs.map((r) => r.seconds)) : undefined;
  };
  const bare = t('bare');
  const json = t('json');
  const yaml = t('yaml');
  const tl = t('textlint');
  const pack = t('pack');
  const ratio = (x: number | undefined, y: number | undefined) => (x !== undefined && y !== undefined ? `${(x / y).toFixed(2)}×` : '—');

  const rows = variants.map((v) => {
    const s = t(v.key);
    return {
      label: v.label,
      wall: s !== undefined ? fmtS(s) : v.failed ? (v.failed.startsWith('unavailable') ? 'unavailable' : 'failed') : 'n/a',
      rate: s !== undefined ? `${Math.round(d.messages / s).toLocaleString('en')}/s` : '',
      rss: s !== undefined ? fmtMiB(peakKb(v.runs)) : '',
      bare: s !== undefined && v.key !== 'bare' ? ratio(s, bare) : '',
      textlint: s !== undefined && v.key !== 'textlint' ? ratio(tl, s) : '',
    };
  });
  const head = { label: 'run', wall: 'wall (median)', rate: 'messages/s', rss: 'peak RSS', bare: '× bare scan', textlint: 'textlint ÷ it' };
  const w = (k: keyof typeof head) => Math.max(...[head, ...rows].map((r) => [...r[k]].length));
  const padR = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length));
  const padL = (s: string, n: number) => ' '.repeat(Math.max(0, n - [...s].length)) + s;
  const line = (r: typeof head) =>
    `  ${padR(r.label, w('label'))}  ${padL(r.wall, w('wall'))}  ${padL(r.rate, w('rate'))}  ${padL(r.rss, w('rss'))}  ${padL(r.bare, w('bare'))}  ${padL(r.textlint, w('textlint'))}`;

  const small = d.messages < 30_000 ? '  (fewer than the targets\' 30,000+ messages: indicative only)' : '';
  const verdict = (ok: boolean | undefined) => (ok === undefined ? 'n/a (a run is missing)' : ok ? 'PASS' : 'FAIL');
  const jsonRss = peakKb(by('json').runs);
  const yamlRss = peakKb(by('yaml').runs);
  const targets = [
    `check JSON within 5× of the bare-scan limit: ${ratio(json, bare)}  ${verdict(json !== undefined && bare !== undefined ? json / bare <= 5 : undefined)}`,
    `check JSON at least 4× faster than textlint+prh: ${ratio(tl, json)}  ${verdict(tl !== undefined && json !== undefined ? tl / json >= 4 : undefined)}`,
    `check YAML at least 2× faster than textlint+prh: ${ratio(tl, yaml)}  ${verdict(tl !== undefined && yaml !== undefined ? tl / yaml >= 2 : undefined)}`,
    `peak RSS ≤ 300 MiB, check JSON: ${fmtMiB(jsonRss)}  ${verdict(jsonRss !== undefined ? jsonRss / 1024 <= 300 : undefined)}`,
    `peak RSS ≤ 300 MiB, check YAML: ${fmtMiB(yamlRss)}  ${verdict(yamlRss !== undefined ? yamlRss / 1024 <= 300 : undefined)}`,
    `${a.packTerms.toLocaleString('en')}-term pack costs ≤ 3× the check without it: ${pack !== undefined ? ratio(pack, json) : by('pack').failed ? 'the check with the pack failed' : 'n/a'}  ${verdict(pack !== undefined && json !== undefined ? pack / json <= 3 : by('pack').failed ? false : undefined)}`,
  ];
  const out = [
    '',
    `scrm-audit check benchmark — ${d.messages.toLocaleString('en')} messages, ${a.reps} repetition(s), median wall time, highest peak RSS`,
    `node ${process.version}, ${availableParallelism()} CPU(s), peak RSS via ${rssSource()}`,
    `textlint: ${typeof peer === 'string' ? peer : `${peer.label}, prh rules from ${d.prhCount} lexicon terms, run from ${peer.cwd}`}`,
    `found: ${variants.filter((v) => v.found).map((v) => `${v.key} ${v.found}`).join('; ')}`,
    '',
    line(head),
    ...rows.map(line),
    ...variants.filter((v) => v.failed).map((v) => `  ${v.label.slice(0, 2)} ${v.failed!.slice(0, 300)}`),
    '',
    `targets (issue 10)${small}:`,
    ...targets.map((x) => `  ${x}`),
    `  (also: a 1M-row log with 300,000 distinct texts within 2× of csv-parse — npm run bench -- --rows 1000000 --distinct 300000)`,
    '',
  ];
  if (a.markdown) {
    out.push('| | wall (median) | messages/s | peak RSS | × bare scan | textlint ÷ it |', '| --- | --- | --- | --- | --- | --- |');
    for (const r of rows) out.push(`| ${r.label.replace(/^[a-e]\. /, '').replace(/\|/g, '\\|')} | ${r.wall} | ${r.rate} | ${r.rss} | ${r.bare} | ${r.textlint} |`);
    out.push('');
  }
  process.stdout.write(out.join('\n'));
}
