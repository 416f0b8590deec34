/**
 * Property-based fuzzing of the loader and the compiler behind it: whatever the
 * text, `compile` never throws, and either gives a definition with no errors or
 * at least one error, every diagnostic pointing inside the text with a known code
 * and no stack trace in its message.
 *
 * Reproducible: a fixed seed (FUZZ_SEED overrides it, FUZZ_RUNS scales the run
 * counts); on failure fast-check prints the seed, the path and the counterexample.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { compile, type CompileOptions, type CompileResult } from '../../src/compile/compile.js';
import { CODES } from '../../src/diagnostics/codes.js';
import { MAX_NESTING, MAX_SPEC_BYTES } from '../../src/spec/load.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FLAGSHIP = join(ROOT, 'pipeline-specs/llama3-dpo.yaml');
const VARS = join(ROOT, 'pipeline-specs/vars/example.yaml');
const FLAGSHIP_TEXT = readFileSync(FLAGSHIP, 'utf8');
const VARS_TEXT = readFileSync(VARS, 'utf8');

const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed2024);
const SCALE = Number(process.env.FUZZ_RUNS ?? 1);
const runs = (n: number): number => Math.max(1, Math.round(n * SCALE));

function params(numRuns: number): fc.Parameters<unknown> {
  return { seed: SEED, numRuns: runs(numRuns), includeErrorInReport: true };
}

// ---------------------------------------------------------------- invariants

/** Lines as yaml's LineCounter counts them: "\n" ends a line ("\r\n" included). */
function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Runs compile and checks the invariants every input must satisfy; returns the result for more checks. */
function compileChecked(text: string, options: Partial<CompileOptions> = {}): CompileResult {
  const file = options.file ?? 'fuzz.yaml';
  let result: CompileResult;
  try {
    result = compile(text, { ...options, file });
  } catch (error) {
    assert.fail(`compile threw: ${(error as Error)?.stack ?? String(error)}`);
  }
  const texts = new Map([[file, text]]);
  if (options.vars?.file) texts.set(options.vars.file.path, options.vars.file.text);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) {
    assert.ok(result.definition !== undefined && typeof result.definitionText === 'string', 'no errors, so a definition');
    assert.ok(result.manifest, 'no errors, so a manifest');
  } else {
    assert.equal(result.definition, undefined, 'errors, so no definition');
    assert.equal(result.definitionText, undefined, 'errors, so no definition text');
  }
  for (const d of result.diagnostics) {
    const where = `${d.code} at ${d.file}:${d.range?.start.line}:${d.range?.start.col}`;
    assert.ok(d.code in CODES, `${where}: unknown code`);
    assert.equal(d.severity, CODES[d.code].severity, `${where}: severity differs from the catalogue`);
    assert.doesNotMatch(d.message, /\n\s+at /, `${where}: stack trace in the message`);
    assert.doesNotMatch(d.message, /\b(TypeError|ReferenceError|RangeError|Cannot read properties)\b/, `${where}: internal error leaked`);
    const source = texts.get(d.file);
    assert.ok(source !== undefined, `${where}: diagnostic for a file that was not given`);
    assert.ok(d.range, `${where}: no range`);
    const lines = lineCount(source);
    for (const p of [d.range.start, d.range.end]) {
      assert.ok(Number.isInteger(p.line) && p.line >= 1 && p.line <= lines + 1, `${where}: line ${p.line} outside 1..${lines + 1}`);
      assert.ok(Number.isInteger(p.col) && p.col >= 1, `${where}: col ${p.col} < 1`);
    }
    const { start, end } = d.range;
    assert.ok(end.line > start.line || (end.line === start.line && end.col >= start.col), `${where}: range ends before it starts`);
  }
  return result;
}

// ---------------------------------------------------------------- (a) random text

/** Pieces of YAML and of the spec language, glued at random. */
const YAML_TOKENS = [
  ':', ': ', '-', '- ', '? ', '[', ']', '{', '}', ',', ', ', '&a ', '*a', '&b ', '*b', '!tag ', '!!str ', '!!map ', '!!binary ',
  '"', "'", '\\', '\t', '\n', '\r\n', '\n  ', '\n    ', '  ', '#', ' # c', '|', '|-', '>', '---\n', '...\n', '%YAML 1.2\n', '<<: ',
  '${', '$${', '}', '${params.', '${vars.', '${steps.', '${execution.', '.outputs.', '.reports.', 'é', 'Ω', '😀', '\u0000', '\ufeff',
  '\u2028', '~', 'null', 'true', 'no', '1e400', '0x1F', '-.inf', '2024-01-01', 'pipeline', 'steps', 'kind', 'processing', 'training',
  'condition', 'when', 'then', 'else', 'image', 'instance', 'parameters', 'vars', 'defaults', 'type', 'default', 'A', 'Step1', 'x',
];

const yamlish = fc
  .array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...YAML_TOKENS) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) }), { maxLength: 80 })
  .map((parts) => parts.join(''));

const kinds = ['processing', 'training', 'callback', 'lambda', 'condition', 'fail', 'model', 'register-model', 'endpoint-config', 'endpoint', 'nope'];
const stepName = fc.constantFrom('A', 'B', 'Train', 'Eval', 'Gate', 'x-y', 'Fail');
const scalar = fc.oneof(
  fc.constantFrom('${params.P}', '${vars.v}', '${steps.A.outputs.o}', '${steps.B.modelArtifacts}', '${execution.id}', 'ml.m5.xlarge', 's3://b/k', '../containers/generate', '${', 'P30D'),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -5, max: 100_000 }),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
);
const fieldValue = fc.oneof(
  scalar,
  fc.array(fc.oneof(scalar, fc.dictionary(fc.constantFrom('on', 'attempts', 'x'), scalar, { maxKeys: 2 })), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('type', 'source', 'file', 'output', 'subnets', 'securityGroups', 'volume', 'enabled', 'expireAfter', 'x'), fc.oneof(scalar, fc.array(scalar, { maxLength: 2 })), { maxKeys: 3 }),
);
const step = fc.record(
  { kind: fc.constantFrom(...kinds), fields: fc.dictionary(fc.constantFrom('image', 'instance', 'code', 'entry', 'args', 'inputs', 'outputs', 'when', 'then', 'else', 'message', 'queue', 'function', 'group', 'containers', 'cache', 'retry', 'dependsOn', 'hyperparameters', 'channels', 'reports', 'modelData', 'variants', 'name', 'config'), fieldValue, { maxKeys: 5 }) },
);
/** Spec-shaped documents: they get past the YAML stage and into validation and step compilation. */
const specLike = fc
  .record(
    {
      pipeline: fc.oneof(fc.constantFrom('p', 'fuzz-pipeline', ''), fc.string({ maxLength: 90 })),
      artifacts: fc.constantFrom('s3://bucket/prefix', 's3://${vars.v}/x', 'nope'),
      vars: fc.dictionary(fc.constantFrom('v', 'region', 'w'), fc.oneof(fc.constant(null), fc.constantFrom('us-east-1', 'b')), { maxKeys: 2 }),
      parameters: fc.dictionary(fc.constantFrom('P', 'Q'), fc.record({ type: fc.constantFrom('string', 'integer', 'float', 'boolean', 'bad'), default: scalar }, { requiredKeys: ['type'] }), { maxKeys: 2 }),
      steps: fc.dictionary(stepName, step.map(({ kind, fields }) => ({ kind, ...fields })), { maxKeys: 4 }),
      defaults: fc.dictionary(fc.constantFrom('role', 'cache', 'retry', 'network', 'kms', 'tags'), fieldValue, { maxKeys: 3 }),
      tags: fc.oneof(fieldValue, fc.dictionary(fc.constantFrom('team', 'env'), scalar, { maxKeys: 2 })),
      displayName: scalar,
      description: scalar,
      parallelism: scalar,
      experiment: scalar,
    },
    { requiredKeys: ['pipeline', 'steps'] },
  )
  .map((doc) => stringifyYaml(doc));

test('(a) arbitrary text never crashes the compiler', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => void compileChecked(text)), params(600));
});

test('(a) YAML-token soup never crashes the compiler', () => {
  fc.assert(fc.property(yamlish, (text) => void compileChecked(text)), params(1000));
});

test('(a) spec-shaped YAML never crashes the compiler', () => {
  fc.assert(fc.property(specLike, (text) => void compileChecked(text, { baseDir: ROOT })), params(400));
});

test('(a) a YAML-token soup vars file never crashes the compiler', () => {
  fc.assert(
    fc.property(yamlish, (varsText) => {
      const result = compileChecked(FLAGSHIP_TEXT, { file: FLAGSHIP, vars: { file: { path: VARS, text: varsText } } });
      for (const d of result.diagnostics) assert.ok(d.file === FLAGSHIP || d.file === VARS);
    }),
    params(150),
  );
});

// ---------------------------------------------------------------- (b) mutations of the flagship

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

function pathsOf(value: Json, prefix: Path = []): Path[] {
  const out: Path[] = [];
  if (Array.isArray(value)) value.forEach((v, i) => out.push([...prefix, i], ...pathsOf(v, [...prefix, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push([...prefix, k], ...pathsOf(v, [...prefix, k]));
  return out;
}

function parentOf(root: Json, path: Path): { parent: Json[] | { [key: string]: Json }; key: string | number } {
  let node = root;
  for (const seg of path.slice(0, -1)) node = (node as Record<string | number, Json>)[seg] as Json;
  return { parent: node as Json[] | { [key: string]: Json }, key: path[path.length - 1] as string | number };
}

function typeOf(v: Json): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

function stringPaths(doc: Json): Path[] {
  return pathsOf(doc).filter((p) => {
    const { parent, key } = parentOf(doc, p);
    return typeof (parent as Record<string | number, Json>)[key] === 'string';
  });
}

/** One structural or textual change; `pick` numbers choose among what exists at the time. */
type Mutation =
  | { op: 'delete'; pick: number }
  | { op: 'retype'; pick: number; value: Json }
  | { op: 'rename-step'; pick: number; name: string }
  | { op: 'insert-ref'; pick: number; name: string; tail: string }
  | { op: 'duplicate-key'; pick: number }
  | { op: 'truncate'; pick: number }
  | { op: 'swap-lines'; a: number; b: number };

const STRUCTURAL = new Set(['delete', 'retype', 'rename-step', 'insert-ref']);
const newName = fc.oneof(fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,20}$/), fc.constantFrom('', 'a b', 'x'.repeat(70), 'Évaluer', 'TrainDPO'));
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('retype' as const), pick: fc.nat(), value: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> }),
  fc.record({ op: fc.constant('rename-step' as const), pick: fc.nat(), name: newName }),
  fc.record({ op: fc.constant('insert-ref' as const), pick: fc.nat(), name: newName, tail: fc.constantFrom('.outputs.train', '.modelArtifacts', '.reports.evaluation.a.b', '.name', '.outcome', '.metrics.x', '', '.properties.ProcessingJobName') }),
  fc.record({ op: fc.constant('duplicate-key' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('truncate' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('swap-lines' as const), a: fc.nat(), b: fc.nat() }),
);

function mutateDoc(doc: Json, m: Mutation): void {
  const steps = (doc as { steps?: Record<string, Json> }).steps;
  if (m.op === 'delete' || m.op === 'retype') {
    const paths = pathsOf(doc);
    if (paths.length === 0) return;
    const { parent, key } = parentOf(doc, paths[m.pick % paths.length] as Path);
    const target = parent as Record<string | number, Json>;
    if (m.op === 'retype') {
      const old = target[key] as Json;
      target[key] = typeOf(m.value) === typeOf(old) ? (Array.isArray(m.value) ? { x: m.value } : [m.value]) : m.value;
    } else if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete target[key];
  } else if (m.op === 'rename-step') {
    if (!steps || typeof steps !== 'object' || Array.isArray(steps)) return;
    const names = Object.keys(steps);
    if (names.length === 0) return;
    const old = names[m.pick % names.length] as string;
    const renamed = Object.fromEntries(Object.entries(steps).map(([k, v]) => [k === old ? m.name : k, v]));
    (doc as Record<string, Json>).steps = renamed;
  } else if (m.op === 'insert-ref') {
    const paths = stringPaths(doc);
    if (paths.length === 0) return;
    const { parent, key } = parentOf(doc, paths[m.pick % paths.length] as Path);
    const target = parent as Record<string | number, string>;
    target[key] = `${target[key]} \${steps.${m.name}${m.tail}}`;
  }
}

/** Block-mapping `key: value` lines; repeating one right after itself duplicates the key. */
const KEY_LINE = /^( *)([A-Za-z_][\w/.-]*):(\s|$)/;

function mutateText(text: string, m: Mutation): string {
  const lines = text.split('\n');
  if (m.op === 'duplicate-key') {
    const candidates = lines.flatMap((l, i) => (KEY_LINE.test(l) ? [i] : []));
    if (candidates.length === 0) return text;
    const at = candidates[m.pick % candidates.length] as number;
    lines.splice(at + 1, 0, lines[at] as string);
    return lines.join('\n');
  }
  if (m.op === 'truncate') return text.slice(0, m.pick % (text.length + 1));
  if (m.op === 'swap-lines') {
    const a = m.a % lines.length;
    const b = m.b % lines.length;
    [lines[a], lines[b]] = [lines[b] as string, lines[a] as string];
    return lines.join('\n');
  }
  return text;
}

function applyMutations(mutations: Mutation[]): string {
  const structural = mutations.filter((m) => STRUCTURAL.has(m.op));
  let text = FLAGSHIP_TEXT;
  if (structural.length > 0) {
    const doc = parseYaml(FLAGSHIP_TEXT) as Json;
    for (const m of structural) mutateDoc(doc, m);
    text = stringifyYaml(doc);
  }
  for (const m of mutations.filter((x) => !STRUCTURAL.has(x.op))) text = mutateText(text, m);
  return text;
}

const flagshipOptions = (): Partial<CompileOptions> => ({ file: FLAGSHIP, vars: { file: { path: VARS, text: VARS_TEXT } } });

test('(b) the unmutated flagship compiles cleanly (the baseline the mutations start from)', () => {
  const result = compileChecked(FLAGSHIP_TEXT, flagshipOptions());
  assert.deepEqual(result.diagnostics.map((d) => d.code), []);
  // Round-tripping through the yaml package changes nothing that matters.
  assert.equal(compileChecked(stringifyYaml(parseYaml(FLAGSHIP_TEXT)), flagshipOptions()).definitionText, result.definitionText);
});

test('(b) random mutations of the flagship never crash the compiler', () => {
  fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (ms) => void compileChecked(applyMutations(ms), flagshipOptions())), params(300));
});

test('(b) a duplicated key line is SMP1002 on the second copy', () => {
  fc.assert(
    fc.property(fc.nat(), (pick) => {
      const text = mutateText(FLAGSHIP_TEXT, { op: 'duplicate-key', pick });
      const original = FLAGSHIP_TEXT.split('\n');
      const at = text.split('\n').findIndex((l, i) => l !== original[i]); // the inserted copy (0-based)
      const result = compileChecked(text, flagshipOptions());
      const dup = result.diagnostics.filter((d) => d.code === 'SMP1002');
      assert.ok(dup.length >= 1, 'SMP1002 reported');
      // The copy sits at line at+1 (1-based) or the original at line at; yaml flags the later key.
      assert.ok(dup.some((d) => d.range?.start.line === at + 1), `SMP1002 at line ${at + 1}, got ${dup.map((d) => d.range?.start.line)}`);
    }),
    params(60),
  );
});

test('(b) a reference to an unknown step is SMP3005 on the line that holds it', () => {
  const names = Object.keys((parseYaml(FLAGSHIP_TEXT) as { steps: object }).steps);
  fc.assert(
    fc.property(fc.nat(), fc.stringMatching(/^Zz[A-Za-z0-9]{3,12}$/), (pick, name) => {
      fc.pre(!names.includes(name));
      const doc = parseYaml(FLAGSHIP_TEXT) as Json;
      // Only where expressions are lowered: step arguments, environment, messages.
      const paths = stringPaths(doc).filter((p) => p[0] === 'steps' && ['args', 'environment', 'message', 'hyperparameters'].includes(String(p[2])));
      const path = paths[pick % paths.length] as Path;
      mutateDoc(doc, { op: 'insert-ref', pick: stringPaths(doc).findIndex((p) => p.join('\0') === path.join('\0')), name, tail: '.outputs.x' });
      const text = stringifyYaml(doc, { lineWidth: 0 });
      const line = text.split('\n').findIndex((l) => l.includes(name)) + 1;
      const result = compileChecked(text, flagshipOptions());
      const unknown = result.diagnostics.filter((d) => d.code === 'SMP3005');
      assert.ok(unknown.some((d) => d.range?.start.line === line), `SMP3005 at line ${line}: ${JSON.stringify(result.diagnostics.map((d) => [d.code, d.range?.start.line]))}`);
    }),
    params(60),
  );
});

test('(b) renaming a referenced step is an error (SMP3005) and never a silent success', () => {
  const steps = (parseYaml(FLAGSHIP_TEXT) as { steps: Record<string, unknown> }).steps;
  const referenced = Object.keys(steps).filter((n) => FLAGSHIP_TEXT.includes(`steps.${n}.`));
  assert.ok(referenced.length >= 5, 'the flagship references most of its steps');
  fc.assert(
    fc.property(fc.constantFrom(...referenced), fc.stringMatching(/^Zz[A-Za-z0-9]{3,12}$/), (old, name) => {
      const doc = parseYaml(FLAGSHIP_TEXT) as Json;
      mutateDoc(doc, { op: 'rename-step', pick: Object.keys(steps).indexOf(old), name });
      const result = compileChecked(stringifyYaml(doc), flagshipOptions());
      assert.ok(result.diagnostics.some((d) => d.code === 'SMP3005'), `renaming ${old} leaves dangling references`);
    }),
    params(40),
  );
});

// ---------------------------------------------------------------- (c) huge inputs

test('(c) a spec over the size limit is SMP1005 at 1:1, quickly', () => {
  const text = `pipeline: p\ndescription: ${'x'.repeat(MAX_SPEC_BYTES + 1024)}\n`;
  assert.ok(text.length > MAX_SPEC_BYTES);
  const started = Date.now();
  const result = compileChecked(text);
  assert.deepEqual(result.diagnostics.map((d) => [d.code, d.range?.start.line, d.range?.start.col]), [['SMP1005', 1, 1]]);
  assert.ok(Date.now() - started < 2000, 'rejected before parsing');
});

test('(c) a scalar over the size limit is SMP1005 at the scalar', () => {
  const text = `pipeline: p\nsteps: {}\ndescription: ${'x'.repeat(70 * 1024)}\n`;
  const result = compileChecked(text);
  assert.deepEqual(result.diagnostics.filter((d) => d.code === 'SMP1005').map((d) => [d.range?.start.line, d.range?.start.col]), [[3, 14]]);
});

/** Deep nesting of every kind YAML has; each used to recurse once per level (and could abort the process). */
const DEEP: Record<string, string> = {
  'flow sequences, closed': `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
  'flow sequences, open': '['.repeat(10_000),
  'flow mappings': `${'{a: '.repeat(5_000)}1${'}'.repeat(5_000)}`,
  'compact block sequences': `${'- '.repeat(10_000)}x\n`,
  'explicit keys': `${'? '.repeat(5_000)}x\n`,
  'indented block mappings': Array.from({ length: 1_200 }, (_, i) => `${' '.repeat(i)}a:`).join('\n'),
  'anchored flow sequences': `${'&a ['.repeat(5_000)}`,
  'tagged flow sequences': `${'!!seq ['.repeat(3_000)}${']'.repeat(3_000)}`,
  'nesting inside the flagship': FLAGSHIP_TEXT.replace('pipeline: llama3-dpo-alignment', `pipeline: ${'['.repeat(5_000)}${']'.repeat(5_000)}`),
};

for (const [name, text] of Object.entries(DEEP)) {
  test(`(c) deep nesting (${name}) is SMP1005, not a crash`, () => {
    // Twice: the second parse in a warm process is the one that used to abort node.
    for (let i = 0; i < 2; i++) {
      const result = compileChecked(text, { file: FLAGSHIP, baseDir: ROOT });
      const deep = result.diagnostics.filter((d) => d.code === 'SMP1005');
      assert.equal(deep.length, 1, JSON.stringify(result.diagnostics.map((d) => d.code)));
      assert.equal(result.diagnostics.length, 1, 'nothing reported past the nesting limit');
    }
  });
}

test('(c) nesting within the limit still parses', () => {
  const depth = MAX_NESTING - 4;
  const text = `pipeline: p\nsteps: {}\nvars: { v: null }\nx: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
  const result = compileChecked(text);
  assert.ok(!result.diagnostics.some((d) => d.code === 'SMP1005' || d.code === 'SMP1001'), JSON.stringify(result.diagnostics.map((d) => d.code)));
});

test('(c) the nesting position points at the nesting', () => {
  const result = compileChecked(`pipeline: p\nsteps:\n  A: ${'['.repeat(1_000)}\n`);
  const [d] = result.diagnostics;
  assert.equal(d?.code, 'SMP1005');
  assert.equal(d?.range?.start.line, 3);
  assert.ok((d?.range?.start.col ?? 0) > 5 && (d?.range?.start.col ?? 0) <= 5 + MAX_NESTING + 1, `col ${d?.range?.start.col}`);
});

test('(c) a deeply nested vars file is SMP1005 in the vars file', () => {
  const varsText = `region: ${'['.repeat(10_000)}`;
  const result = compileChecked(FLAGSHIP_TEXT, { file: FLAGSHIP, vars: { file: { path: VARS, text: varsText } } });
  assert.deepEqual(result.diagnostics.filter((d) => d.code === 'SMP1005').map((d) => [d.file, d.range?.start.line]), [[VARS, 1]]);
});
