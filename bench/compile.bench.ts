/**
 * `make bench`: compile benchmarks for smpipe (issue #2, item 10). A report, not a test: it
 * prints measurements next to their targets with PASS/MISS and exits 0 whatever the timings
 * (machines are noisy); it exits 1 only when a compile it measures has errors, because then the
 * numbers would mean nothing.
 *
 *   1. in-process compile of the flagship with the built library (dist/), median of many runs
 *      (after the first, code folders are still read but their unchanged archives are not
 *      compressed again; "first compile" shows the cold cost, lazy module loads included)
 *   2. whole-process `node bin/smpipe.js compile` of the flagship, against `node -e 0` (the floor),
 *      and the commands that must start at once (`--version`, `help`, `explain`); with
 *      BENCH_BASELINE=DIR, the same for another built checkout in the same rounds (bench/process.ts)
 *   3. generated specs (bench/gen-spec.ts) of 500, 1,000, 2,000 and 5,000 steps in-process,
 *      measured round-robin, and the 2,000/1,000 ratio (a size that does not compile, such as
 *      5,000 steps with an older build's 2 MiB spec limit, is reported, not fatal)
 *   4. code packing: the flagship's code folders packed cold (read, tar, hash, scan, compress),
 *      with the stat-keyed memo (unchanged folders), and whole-process compiles without the
 *      deflate cache on disk (SMPIPE_CACHE_DIR=off); CRC-32 of 1 MiB by zlib.crc32 and by table;
 *      with BENCH_PACK_MIB=N, the peak RSS of packing one N MiB file in a child process
 *
 * In-process rows also give the median CPU time (process.cpuUsage) of the runs: on a loaded
 * machine it stays closer to what a quiet one would measure than wall time does.
 *
 * Environment: BENCH_RUNS (in-process flagship runs, default 200), BENCH_PROCESS_RUNS (default
 * 15, fewer when they would take over PROCESS_BUDGET_S), BENCH_SIZES (default 500,1000,2000,5000),
 * BENCH_PACK_MIB (default 0: skipped), BENCH_ROOT (measure another checkout's build, default this
 * one), BENCH_BASELINE (a built checkout whose whole-process rows are measured alongside).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSpec, makeWorkspace } from './gen-spec.js';
import { measurePacking } from './packing.js';
import { measureProcesses, processRows, type Checkout } from './process.js';
import { fmtMs, ms, now, stats, verdict, type Row } from './stats.js';

const ROOT = process.env.BENCH_ROOT ? resolve(process.env.BENCH_ROOT) : fileURLToPath(new URL('..', import.meta.url));
const FLAGSHIP = join(ROOT, 'pipeline-specs/llama3-dpo.yaml');
const VARS = join(ROOT, 'pipeline-specs/vars/example.yaml');
const BASELINE = process.env.BENCH_BASELINE ? resolve(process.env.BENCH_BASELINE) : undefined;

const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const PROCESS_RUNS = Number(process.env.BENCH_PROCESS_RUNS ?? 15);
/** Seconds for the whole-process rounds (compile, floor, --version), within 5..PROCESS_RUNS rounds. */
const PROCESS_BUDGET_S = 40;
const SIZES = (process.env.BENCH_SIZES ?? '500,1000,2000,5000').split(',').map(Number);
const PACK_MIB = Number(process.env.BENCH_PACK_MIB ?? 0);
/** Seconds for the generated specs' rounds (one compile of each size per round, after a warm-up). */
const SIZES_BUDGET_S = 25;
const SIZE_MIN_RUNS = 3;
const SIZE_MAX_RUNS = 9;

// The compiled library, not the TypeScript sources: tsx compiles only this file, never what
// is measured. Imported dynamically so a missing build gets a clear message.
type Compile = typeof import('../src/compile/compile.js').compile;
type CompileResult = ReturnType<Compile>;
async function library(root: string): Promise<Compile> {
  const path = join(root, 'dist/src/compile/compile.js');
  try {
    return ((await import(path)) as { compile: Compile }).compile;
  } catch (error) {
    console.error(`cannot load ${path}: build first (make dist/.built)\n${(error as Error).message}`);
    return process.exit(2);
  }
}
const compile = await library(ROOT);

// ---------------------------------------------------------------------------------- helpers

/** Runs `f` once: wall and CPU (user + system) milliseconds. */
function timed(f: () => unknown): { wall: number; cpu: number } {
  const cpu0 = process.cpuUsage();
  const start = now();
  f();
  const wall = ms(start, now());
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

/** Fails loudly (exit 1) when a measured compile did not produce a definition. */
function assertCompiled(result: CompileResult, what: string): void {
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (result.definitionText !== undefined && errors.length === 0) return;
  console.error(`\n${what} did not compile; the benchmark is meaningless until it does:`);
  for (const d of errors.slice(0, 20)) console.error(`  ${d.file}:${d.range?.start.line}:${d.range?.start.col} ${d.code} ${d.pointer} ${d.message}`);
  process.exit(1);
}

function progress(text: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${text}`);
}

// ---------------------------------------------------------------------------------- 1. in-process flagship

/** The flagship of `root` compiled by `compiler`: each checkout with its own spec and code folders. */
function flagshipOf(root: string, compiler: Compile): () => CompileResult {
  const [spec, vars] = [join(root, 'pipeline-specs/llama3-dpo.yaml'), join(root, 'pipeline-specs/vars/example.yaml')];
  const text = readFileSync(spec, 'utf8');
  const varsInput = { file: { path: vars, text: readFileSync(vars, 'utf8') } };
  return () => compiler(text, { file: spec, vars: varsInput });
}
const compileFlagship = flagshipOf(ROOT, compile);
// BENCH_BASELINE's compiler, in this process too: its runs alternate with ours.
const compileBaseline = BASELINE ? flagshipOf(BASELINE, await library(BASELINE)) : undefined;

progress('in-process flagship…');
const start = now();
const first = compileFlagship();
const coldMs = ms(start, now());
assertCompiled(first, 'the flagship');
const flagshipBytes = Buffer.byteLength(first.definitionText ?? '');
const flagshipAssets = first.assets.length;

if (compileBaseline) assertCompiled(compileBaseline(), 'the baseline\'s flagship');
for (let i = 0; i < Math.max(10, Math.floor(RUNS / 10)); i += 1) {
  compileFlagship(); // warm-up: JIT, caches
  compileBaseline?.();
}
const inProcess = { wall: [] as number[], cpu: [] as number[], baseWall: [] as number[], baseCpu: [] as number[] };
for (let i = 0; i < RUNS; i += 1) {
  const run = timed(compileFlagship);
  inProcess.wall.push(run.wall);
  inProcess.cpu.push(run.cpu);
  if (!compileBaseline) continue;
  const base = timed(compileBaseline);
  inProcess.baseWall.push(base.wall);
  inProcess.baseCpu.push(base.cpu);
}
const flagship = stats(inProcess.wall);
const flagshipCpu = stats(inProcess.cpu);

// ---------------------------------------------------------------------------------- 2. whole process

const outDir = mkdtempSync(join(tmpdir(), 'smpipe-bench-out-'));
progress('whole-process commands…');
const checkouts: Checkout[] = [{ label: '', root: ROOT }, ...(process.env.BENCH_BASELINE ? [{ label: 'baseline', root: resolve(process.env.BENCH_BASELINE) }] : [])];
const processes = measureProcesses(checkouts, outDir, { min: 5, max: PROCESS_RUNS, budgetS: PROCESS_BUDGET_S * checkouts.length });

// ---------------------------------------------------------------------------------- 3. generated specs

const workspace = makeWorkspace();
const attempted = SIZES.map((steps) => {
  const text = generateSpec(steps);
  const file = workspace.specPath(steps);
  writeFileSync(file, text);
  progress(`generated spec, ${steps} steps: warm-up…`);
  let warm: CompileResult | undefined;
  const first = timed(() => (warm = compile(text, { file })));
  const errors = (warm as CompileResult).diagnostics.filter((d) => d.severity === 'error');
  const failed = warm?.definitionText === undefined || errors.length > 0 ? [...new Set(errors.map((d) => d.code))].join(', ') || 'no definition' : undefined;
  return { steps, text, file, failed, firstMs: first.wall, definitionBytes: Buffer.byteLength(warm?.definitionText ?? ''), wall: [] as number[], cpu: [] as number[] };
});
const generated = attempted.filter((g) => g.failed === undefined);
// Round-robin over the sizes, so load that comes and goes touches every size alike (measured
// one size after the other, a busy minute lands on one size and skews the ratio).
const roundMs = generated.reduce((sum, g) => sum + g.firstMs, 0);
const rounds = Math.min(SIZE_MAX_RUNS, Math.max(SIZE_MIN_RUNS, Math.floor((SIZES_BUDGET_S * 1000) / roundMs)));
for (let round = 0; round < rounds; round += 1) {
  progress(`generated specs: round ${round + 1} of ${rounds}…`);
  for (const g of round % 2 === 0 ? generated : [...generated].reverse()) {
    const run = timed(() => compile(g.text, { file: g.file }));
    g.wall.push(run.wall);
    g.cpu.push(run.cpu);
  }
}
const sizes = generated.map((g) => ({ steps: g.steps, specBytes: Buffer.byteLength(g.text), definitionBytes: g.definitionBytes, result: stats(g.wall), cpu: stats(g.cpu) }));
progress('');
rmSync(outDir, { recursive: true, force: true });

// ---------------------------------------------------------------------------------- 4. code packing

const packing = await measurePacking(ROOT, PACK_MIB);

// After measuring (it loads all of ajv): are the precompiled spec validators current? A stale
// module still validates correctly, but each process then compiles the schemas with ajv.
let validators: string;
try {
  const generator = (await import(join(ROOT, 'dist/src/spec/spec-validators.js'))) as typeof import('../src/spec/spec-validators.js');
  const generated = createRequire(join(ROOT, 'dist/src/spec/validate.js'))('./spec-validators.generated.cjs') as Record<string, unknown>;
  const missing = generator.missingSpecValidators(generated);
  validators = missing.length === 0
    ? 'precompiled, current'
    : `STALE: ${missing.length} schema(s) compile at run time; regenerate (see src/spec/spec-validators.ts)`;
} catch (error) {
  validators = `unknown (${(error as Error).message.split('\n')[0]})`;
}
rmSync(workspace.dir, { recursive: true, force: true });

// ---------------------------------------------------------------------------------- report

const cpuList = cpus();
const load = loadavg().map((l) => l.toFixed(2)).join(' ');
console.log('smpipe compile benchmark');
console.log(`  node ${process.version} (${process.platform}-${process.arch}), ${cpuList[0]?.model.trim() ?? 'unknown CPU'}, ${cpuList.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, load average ${load}`);
console.log(`  spec validators: ${validators}`);
console.log(`  flagship: ${FLAGSHIP.slice(ROOT.length)} + ${VARS.slice(ROOT.length)} → ${flagshipBytes} bytes of definition, ${flagshipAssets} assets`);
if (BASELINE) console.log(`  baseline (BENCH_BASELINE): ${BASELINE}`);
console.log('');

const HEAD: Row = ['measurement', 'result', 'detail', 'target', 'verdict'];
const rows: Row[] = [];

rows.push([
  `in-process flagship (median of ${flagship.n})`, fmtMs(flagship.median),
  `p10 ${fmtMs(flagship.p10)}, p90 ${fmtMs(flagship.p90)}; cpu ${fmtMs(flagshipCpu.median)}; first compile ${fmtMs(coldMs)}`,
  '≤ 5 ms', verdict(flagship.median <= 5),
]);
if (compileBaseline) {
  const [base, baseCpu] = [stats(inProcess.baseWall), stats(inProcess.baseCpu)];
  rows.push([`  in-process flagship [baseline] (median of ${base.n})`, fmtMs(base.median), `p10 ${fmtMs(base.p10)}, p90 ${fmtMs(base.p90)}; cpu ${fmtMs(baseCpu.median)}; runs alternate with the row above`, '', '']);
}
rows.push(...processRows(processes));
for (const size of sizes) {
  rows.push([
    `${size.steps.toLocaleString('en-US')} steps in-process (median of ${size.result.n})`, fmtMs(size.result.median),
    `p10 ${fmtMs(size.result.p10)}, p90 ${fmtMs(size.result.p90)}; cpu ${fmtMs(size.cpu.median)}; ${(size.result.median / size.steps * 1000).toFixed(0)} µs/step; spec ${(size.specBytes / 1024).toFixed(0)} KiB → ${(size.definitionBytes / 2 ** 20).toFixed(1)} MiB`,
    '', '',
  ]);
}
for (const g of attempted.filter((a) => a.failed !== undefined)) {
  rows.push([`${g.steps.toLocaleString('en-US')} steps in-process`, 'fails', `does not compile (${g.failed}); spec ${(Buffer.byteLength(g.text) / 1024).toFixed(0)} KiB`, 'compiles', 'MISS']);
}
const packRow = (label: string, value: number | undefined, detail: string, target = '', ok?: boolean) =>
  rows.push([label, value === undefined ? 'n/a' : fmtMs(value), detail, target, ok === undefined ? '' : verdict(ok)]);
packRow('flagship code folders, packed cold (median)', packing.cold, `4 folders: list, read, tar, hash, scan, compress${packing.note ? `; ${packing.note}` : ''}`);
packRow('  through the deflate cache on disk', packing.deflateCache, 'list, read, tar, hash, scan; the archive read and checked');
packRow('  through the stat-keyed memo', packing.memo, 'unchanged folders: listed (readdir, stat), nothing read');
packRow('CRC-32 of 1 MiB, zlib.crc32', packing.crcNative, `table-driven fallback: ${packing.crcTable === undefined ? 'n/a' : fmtMs(packing.crcTable)}`);
if (packing.peakRssMib !== undefined) {
  rows.push([`packing one ${packing.packMib} MiB file: peak RSS`, `${packing.peakRssMib.toFixed(0)} MiB`, `${packing.packSeconds?.toFixed(1)} s in a fresh process (streams; memory stays flat)`, '', '']);
}
const ratioOf = (a: number, b: number, of: 'result' | 'cpu' = 'result') => {
  const big = sizes.find((s) => s.steps === a);
  const small = sizes.find((s) => s.steps === b);
  return big && small ? big[of].median / small[of].median : undefined;
};
const ratio = ratioOf(2000, 1000);
if (ratio !== undefined) {
  rows.push(['2,000 / 1,000 steps (medians)', `${ratio.toFixed(2)}×`, `linear would be 2.00×; by cpu ${ratioOf(2000, 1000, 'cpu')?.toFixed(2)}×`, '≤ 2.2×', verdict(ratio <= 2.2)]);
}
const ratioSmall = ratioOf(1000, 500);
if (ratioSmall !== undefined) rows.push(['1,000 / 500 steps (medians)', `${ratioSmall.toFixed(2)}×`, `linear would be 2.00×; by cpu ${ratioOf(1000, 500, 'cpu')?.toFixed(2)}×`, '', '']);

const widths = HEAD.map((_, c) => Math.max(...[HEAD, ...rows].map((r) => [...r[c as 0]].length)));
const line = (r: Row) => r.map((cell, c) => (c === 1 ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0))).join('  ').trimEnd();
console.log(line(HEAD));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
console.log('');
console.log('Targets compare with the SageMaker Python SDK (25–38 ms in-process, 2.6–3.4 s per process for a similar pipeline).');
console.log('MISS is reported, never fatal: timings depend on the machine and its load.');
