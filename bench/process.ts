/**
 * Whole-process measurements for `make bench` (compile.bench.ts, section 2): `node -e 0` (the
 * floor), `smpipe compile` of the flagship (and with SMPIPE_CACHE_DIR=off: no deflate or code
 * cache, as on a first run), and the commands that must start at once (`--version`, `help`,
 * `explain`). With BENCH_BASELINE=DIR, another built checkout (say the commit before a change)
 * runs the same commands in the same rounds: before and after from one run, on one machine load.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fmtMs, ms, now, stats, verdict, type Row, type Stats } from './stats.js';

export interface Checkout {
  /** "" for the measured checkout, "baseline" for BENCH_BASELINE. */
  label: string;
  root: string;
}

interface Case {
  name: string;
  args: (checkout: Checkout, out: string) => string[];
  env?: Record<string, string>;
}

const flagship = (c: Checkout, out: string) => [
  join(c.root, 'bin/smpipe.js'), 'compile', join(c.root, 'pipeline-specs/llama3-dpo.yaml'),
  '--vars', join(c.root, 'pipeline-specs/vars/example.yaml'), '--out', join(out, c.label || 'this'),
];

const CASES: Case[] = [
  { name: 'compile', args: flagship },
  { name: 'compile, no cache', args: flagship, env: { SMPIPE_CACHE_DIR: 'off' } },
  { name: '--version', args: (c) => [join(c.root, 'bin/smpipe.js'), '--version'] },
  { name: 'help', args: (c) => [join(c.root, 'bin/smpipe.js'), 'help'] },
  { name: 'explain SMP3002', args: (c) => [join(c.root, 'bin/smpipe.js'), 'explain', 'SMP3002'] },
];

// No NODE_OPTIONS: the child must run plain node on dist/, never through a TypeScript loader.
const childEnv: NodeJS.ProcessEnv = { ...process.env };
delete childEnv.NODE_OPTIONS;

/** Wall milliseconds of `node ARGS`; a failing child stops the benchmark (exit 1). */
function timeProcess(args: string[], cwd: string, env: Record<string, string> = {}): number {
  const t0 = now();
  const child = spawnSync(process.execPath, args, { cwd, env: { ...childEnv, ...env }, encoding: 'utf8' });
  const elapsed = ms(t0, now());
  if (child.status !== 0) {
    console.error(`\n${['node', ...args].join(' ')} exited ${child.status}:\n${child.stderr}${child.stdout}`);
    process.exit(1);
  }
  return elapsed;
}

export interface ProcessResults {
  floor: Stats;
  /** By checkout label, then case name. */
  runs: Map<string, Map<string, Stats>>;
}

/**
 * Rounds of every case of every checkout, interleaved with the floor so that load which comes
 * and goes touches them all alike; at least `minRounds`, then until `budgetS` seconds are spent.
 */
export function measureProcesses(checkouts: Checkout[], out: string, rounds: { min: number; max: number; budgetS: number }): ProcessResults {
  const samples = new Map(checkouts.map((c) => [c.label, new Map(CASES.map((k) => [k.name, [] as number[]]))]));
  const floor: number[] = [];
  const once = (c: Checkout, k: Case) => timeProcess(k.args(c, out), c.root, k.env);
  for (const c of checkouts) for (const k of CASES) once(c, k); // warm-up: file system, deflate and code caches
  const start = now();
  for (let i = 0; i < rounds.max; i += 1) {
    if (i >= rounds.min && ms(start, now()) > rounds.budgetS * 1000) break;
    floor.push(timeProcess(['-e', '0'], checkouts[0]?.root ?? '.'));
    for (const c of checkouts) for (const k of CASES) samples.get(c.label)?.get(k.name)?.push(once(c, k));
  }
  const runs = new Map([...samples].map(([label, cases]) => [label, new Map([...cases].map(([name, s]) => [name, stats(s)]))]));
  return { floor: stats(floor), runs };
}

/** The report's rows: each checkout's commands, as medians and as ratios to the floor. */
export function processRows(results: ProcessResults): Row[] {
  const { floor } = results;
  const ratio = (s: Stats | undefined) => (s ? s.median / floor.median : NaN);
  const rows: Row[] = [[`floor: \`node -e 0\` (median of ${floor.n})`, fmtMs(floor.median), `p10 ${fmtMs(floor.p10)}, p90 ${fmtMs(floor.p90)}`, '', '']];
  for (const [label, cases] of results.runs) {
    const of = (name: string) => cases.get(name);
    const compile = of('compile') as Stats;
    const noCache = of('compile, no cache') as Stats;
    const measured = label === '';
    const who = measured ? '' : ` [${label}]`;
    rows.push(
      [`whole process \`smpipe compile\`${who} (median of ${compile.n})`, fmtMs(compile.median), `p10 ${fmtMs(compile.p10)}, p90 ${fmtMs(compile.p90)}; smpipe's own share ${fmtMs(compile.median - floor.median)}`, measured ? '≤ 300 ms' : '', measured ? verdict(compile.median <= 300) : ''],
      [`  / \`node -e 0\`${who} (medians)`, `${ratio(compile).toFixed(2)}×`, `SMPIPE_CACHE_DIR=off (no deflate or code cache): ${fmtMs(noCache.median)}, ${ratio(noCache).toFixed(2)}×`, measured ? '≤ 2.5×' : '', measured ? verdict(ratio(compile) <= 2.5) : ''],
    );
    for (const name of ['--version', 'help', 'explain SMP3002']) {
      const s = of(name) as Stats;
      rows.push([`  startup: \`smpipe ${name}\`${who}`, fmtMs(s.median), `${ratio(s).toFixed(2)}× the floor; ${fmtMs(s.median - floor.median)} over it`, '', '']);
    }
  }
  return rows;
}
