/**
 * The real CLI as a subprocess (`node bin/smpipe.js`, which runs the compiled
 * dist/; `make test` builds it first): exit statuses, what is written and what is
 * not, and the shape of what is printed. Assertions are on codes, positions and
 * files, never on message wording.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { CODES } from '../src/diagnostics/codes.js';
import { assertNoStack, DIAGNOSTIC_LINE, ROOT, smpipe, type Run } from './helpers/cli.js';

const FLAGSHIP = 'pipeline-specs/llama3-dpo.yaml';
const VARS = 'pipeline-specs/vars/example.yaml';
const FLAGSHIP_STEPS = Object.keys((parseYaml(readFileSync(join(ROOT, FLAGSHIP), 'utf8')) as { steps: object }).steps);
const EXAMPLE_VARS = parseYaml(readFileSync(join(ROOT, VARS), 'utf8')) as Record<string, string>;

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Every file under `dir`, relative, sorted, with its bytes and mtime. */
function snapshot(dir: string): Map<string, { bytes: Buffer; mtimeMs: number }> {
  const out = new Map<string, { bytes: Buffer; mtimeMs: number }>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(relative(dir, full), { bytes: readFileSync(full), mtimeMs: statSync(full).mtimeMs });
    }
  };
  walk(dir);
  return out;
}

let tmp: string;
let badSpec: string;
/** A spec with two errors at known places: SMP3002 at 6:14 and SMP2006 at 8:11. */
const BAD_TEXT = 'pipeline: p\nartifacts: s3://b/p\nsteps:\n  A:\n    kind: fail\n    message: ${params.Nope}\n  B:\n    kind: fial\n';
const BAD_EXPECTED = [['SMP3002', 6, 14], ['SMP2006', 8, 11]];

before(() => {
  assert.ok(existsSync(join(ROOT, 'dist/src/cli/main.js')), 'dist/ is not built: run `make dist/.built` (make test does) before this test');
  tmp = mkdtempSync(join(tmpdir(), 'smpipe-cli-'));
  badSpec = join(tmp, 'bad.yaml');
  writeFileSync(badSpec, BAD_TEXT);
});
after(() => rmSync(tmp, { recursive: true, force: true }));

/** The commands the top-level help lists, so a new command is covered without editing this test. */
function listedCommands(help: string): string[] {
  const section = help.split(/^Commands:\n/m)[1] ?? '';
  return [...section.matchAll(/^ {2}([a-z][a-z-]*) {2,}\S/gm)].map((m) => m[1] as string);
}

describe('help and usage', () => {
  test('--help prints the usage and every command, exit 0', async () => {
    const run = await smpipe(['--help']);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^Usage: smpipe COMMAND/m);
    const commands = listedCommands(run.stdout);
    for (const c of ['compile', 'validate', 'graph', 'explain']) assert.ok(commands.includes(c), `help lists ${c}`);
  });

  test('COMMAND --help prints that command\'s usage, exit 0, for every listed command', async () => {
    const commands = listedCommands((await smpipe(['--help'])).stdout);
    assert.ok(commands.length >= 4);
    const cases = [...commands.map((c) => [c, '--help']), ['compile', '-h'], ['validate', 'SPEC', '--help']];
    const runs = await Promise.all(cases.map((args) => smpipe(args)));
    cases.forEach((args, i) => {
      const run = runs[i] as Run;
      const command = args[0] as string;
      assert.equal(run.status, 0, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stdout, new RegExp(`^smpipe ${command}\\b`), `${args.join(' ')} starts with its usage line`);
      assert.equal(run.stderr, '', `${args.join(' ')} prints nothing on stderr`);
    });
  });

  test('no command prints the help and exits 2; an unknown command exits 2 naming it', async () => {
    const none = await smpipe([]);
    assert.equal(none.status, 2);
    assert.match(none.stdout, /^Usage: smpipe COMMAND/m);
    const run = await smpipe(['frobnicate']);
    assert.equal(run.status, 2);
    assert.match(run.stderr.split('\n')[0] as string, /frobnicate/);
    assertNoStack(run);
  });

  test('an unknown option is a usage error, exit 2', async () => {
    const run = await smpipe(['compile', FLAGSHIP, '--no-such-flag']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^smpipe compile: /);
    assertNoStack(run);
  });
});

describe('compile', () => {
  test('the flagship writes definition.json, manifest.json and assets whose sha256 match', async () => {
    const out = join(tmp, 'flagship');
    const run = await smpipe(['compile', FLAGSHIP, '--vars', VARS, '--out', out]);
    assert.equal(run.status, 0, run.stderr);
    assertNoStack(run);
    const definitionBytes = readFileSync(join(out, 'definition.json'));
    const definition = JSON.parse(definitionBytes.toString('utf8')) as { Steps: unknown[] };
    assert.ok(definition.Steps.length > 0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      pipeline: string;
      definition: { file: string; sha256: string; size: number };
      assets: { file: string; sha256: string; size: number; s3Uri: string }[];
    };
    assert.equal(manifest.pipeline, 'llama3-dpo-alignment');
    assert.equal(manifest.definition.sha256, sha256(definitionBytes));
    assert.equal(manifest.definition.size, definitionBytes.length);
    assert.ok(manifest.assets.length >= 4, 'code archives, runproc scripts and input files');
    for (const asset of manifest.assets) {
      const bytes = readFileSync(join(out, asset.file));
      assert.equal(sha256(bytes), asset.sha256, `${asset.file}: sha256`);
      assert.equal(bytes.length, asset.size, `${asset.file}: size`);
      assert.ok(asset.file.includes(asset.sha256), `${asset.file} is content-addressed`);
      assert.ok(asset.s3Uri.includes(`/${asset.sha256}/`), `${asset.s3Uri} is content-addressed`);
      assert.ok(definitionBytes.includes(asset.s3Uri), `${asset.s3Uri} is used by the definition`);
    }
    // Exactly the manifest's files and the output marker, nothing else; no staging folders left beside the output.
    const files = [...snapshot(out).keys()].sort();
    assert.deepEqual(files, ['.smpipe-output', 'definition.json', 'manifest.json', ...manifest.assets.map((a) => a.file)].sort());
    assert.deepEqual(readdirSync(tmp).filter((n) => n.startsWith('flagship.')), []);
  });

  test('without --out it writes build/<pipeline> under the working directory', async () => {
    const cwd = mkdtempSync(join(tmp, 'cwd-'));
    const run = await smpipe(['compile', join(ROOT, FLAGSHIP), '--vars', join(ROOT, VARS)], { cwd });
    assert.equal(run.status, 0, run.stderr);
    assert.ok(existsSync(join(cwd, 'build/llama3-dpo-alignment/definition.json')));
    assert.deepEqual(readdirSync(cwd), ['build']);
  });

  test('an erroneous spec: exit 1, file:line:col: error SMPxxxx lines, no stack trace, no output folder', async () => {
    const out = join(tmp, 'bad-out');
    const run = await smpipe(['compile', badSpec, '--out', out]);
    assert.equal(run.status, 1);
    assertNoStack(run);
    const diagnostics = run.stderr.split('\n').flatMap((line) => {
      const m = DIAGNOSTIC_LINE.exec(line);
      return m ? [[m[5], Number(m[2]), Number(m[3]), m[1], m[4]]] : [];
    });
    assert.deepEqual(diagnostics.map(([code, line, col]) => [code, line, col]), BAD_EXPECTED);
    for (const [, , , file, severity] of diagnostics) {
      assert.equal(file, badSpec);
      assert.equal(severity, 'error');
    }
    assert.equal(run.stdout, '');
    assert.equal(existsSync(out), false, 'nothing written');
    assert.deepEqual(readdirSync(tmp).filter((n) => n.startsWith('bad-out')), [], 'no staging folder either');
  });

  test('an existing output folder is left untouched when a later compile fails', async () => {
    const out = join(tmp, 'keep');
    assert.equal((await smpipe(['compile', FLAGSHIP, '--vars', VARS, '--out', out])).status, 0);
    const before = snapshot(out);
    const run = await smpipe(['compile', badSpec, '--out', out]);
    assert.equal(run.status, 1);
    const afterwards = snapshot(out);
    assert.deepEqual([...afterwards.keys()], [...before.keys()]);
    for (const [file, { bytes, mtimeMs }] of before) {
      assert.ok(afterwards.get(file)?.bytes.equals(bytes), `${file} unchanged`);
      assert.equal(afterwards.get(file)?.mtimeMs, mtimeMs, `${file} not rewritten`);
    }
  });

  test('a later successful compile replaces the output folder wholesale (no stale files)', async () => {
    const out = join(tmp, 'replace');
    assert.equal((await smpipe(['compile', FLAGSHIP, '--vars', VARS, '--out', out])).status, 0);
    writeFileSync(join(out, 'stale.txt'), 'left from before');
    assert.equal((await smpipe(['compile', FLAGSHIP, '--vars', VARS, '--set', 'bucket=other-bucket', '--out', out])).status, 0);
    assert.equal(existsSync(join(out, 'stale.txt')), false);
  });

  test('--format json prints the diagnostics as JSON with code, line and col', async () => {
    const run = await smpipe(['compile', badSpec, '--format', 'json', '--out', join(tmp, 'json-out')]);
    assert.equal(run.status, 1);
    const rows = JSON.parse(run.stdout) as { code: string; line: number; col: number; file: string; severity: string; pointer: string }[];
    assert.deepEqual(rows.map((r) => [r.code, r.line, r.col]), BAD_EXPECTED);
    assert.deepEqual(rows.map((r) => r.pointer), ['/steps/A/message', '/steps/B/kind']);
    for (const r of rows) assert.ok(r.code in CODES && r.severity === 'error' && r.file === badSpec);
    assert.equal(existsSync(join(tmp, 'json-out')), false);
  });

  test('--set overrides a var from --vars', async () => {
    const out = join(tmp, 'set');
    const run = await smpipe(['compile', FLAGSHIP, '--vars', VARS, '--set', 'bucket=override-bucket-42', '--set', 'endpointName=ep-from-set', '--out', out]);
    assert.equal(run.status, 0, run.stderr);
    const definition = readFileSync(join(out, 'definition.json'), 'utf8');
    assert.ok(definition.includes('s3://override-bucket-42/'));
    assert.ok(!definition.includes(String(EXAMPLE_VARS.bucket)), 'the vars-file bucket is gone');
    assert.ok(definition.includes('"EndpointName": "ep-from-set"'));
  });

  test('a malformed --set is SMP1004, exit 1; an undeclared one is SMP3003', async () => {
    const cases = [['no-equals-sign', 'SMP1004'], ['=value', 'SMP1004'], ['undeclaredVar=1', 'SMP3003']] as const;
    const [text, ...runs] = await Promise.all([
      smpipe(['compile', FLAGSHIP, '--vars', VARS, '--set', 'oops']),
      ...cases.map(([set]) => smpipe(['compile', FLAGSHIP, '--vars', VARS, '--set', set, '--format', 'json', '--out', join(tmp, 'never')])),
    ]);
    cases.forEach(([set, code], i) => {
      const run = runs[i] as Run;
      assert.equal(run.status, 1, `--set ${set}`);
      const codes = (JSON.parse(run.stdout) as { code: string }[]).map((r) => r.code);
      assert.deepEqual(codes, [code], `--set ${set}`);
    });
    assert.equal(existsSync(join(tmp, 'never')), false);
    assert.equal(text.status, 1);
    assert.match(text.stderr, /^.+:\d+:\d+: error SMP1004: /m);
    assertNoStack(text);
  });

  test('a missing spec file: exit 2 and one message line naming it, no stack trace', async () => {
    const missing = join(tmp, 'does-not-exist.yaml');
    const commands = ['compile', 'validate', 'graph'];
    const runs = await Promise.all(commands.map((command) => smpipe([command, missing])));
    for (const [i, command] of commands.entries()) {
      const run = runs[i] as Run;
      assert.equal(run.status, 2, command);
      assertNoStack(run);
      const lines = run.stderr.split('\n').filter((l) => l.trim() !== '');
      assert.ok(lines[0]?.startsWith(`smpipe ${command}: `) && lines[0].includes(missing), `${command}: ${run.stderr}`);
      assert.equal(lines.filter((l) => l.includes(missing)).length, 1, 'named once');
      assert.equal(run.stdout, '');
    }
  });

  test('a missing vars file: exit 2, no stack trace', async () => {
    const run = await smpipe(['compile', FLAGSHIP, '--vars', join(tmp, 'nope-vars.yaml'), '--out', join(tmp, 'never2')]);
    assert.equal(run.status, 2);
    assertNoStack(run);
    assert.equal(existsSync(join(tmp, 'never2')), false);
  });
});

describe('validate', () => {
  test('the flagship: exit 0, writes nothing', async () => {
    const cwd = mkdtempSync(join(tmp, 'validate-'));
    const run = await smpipe(['validate', join(ROOT, FLAGSHIP), '--vars', join(ROOT, VARS)], { cwd });
    assert.equal(run.status, 0, run.stderr);
    assert.doesNotMatch(run.stderr, DIAGNOSTIC_LINE);
    assert.deepEqual(readdirSync(cwd), []);
  });

  test('the erroneous spec: exit 1 with every error, in order', async () => {
    const run = await smpipe(['validate', badSpec]);
    assert.equal(run.status, 1);
    assertNoStack(run);
    const found = run.stderr.split('\n').flatMap((l) => {
      const m = DIAGNOSTIC_LINE.exec(l);
      return m ? [[m[5], Number(m[2]), Number(m[3])]] : [];
    });
    assert.deepEqual(found, BAD_EXPECTED);
  });

  test('--format json on a clean spec prints an empty array, exit 0', async () => {
    const run = await smpipe(['validate', FLAGSHIP, '--vars', VARS, '--format', 'json']);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), []);
  });

  test('an unknown --format is a usage error, exit 2', async () => {
    const run = await smpipe(['validate', FLAGSHIP, '--vars', VARS, '--format', 'xml']);
    assert.equal(run.status, 2);
    assertNoStack(run);
  });
});

describe('graph', () => {
  test('Mermaid: flowchart TD, every step, branch edges labelled then/else', async () => {
    const run = await smpipe(['graph', FLAGSHIP, '--vars', VARS]);
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.split('\n');
    assert.equal(lines[0], 'flowchart TD');
    for (const step of FLAGSHIP_STEPS) assert.ok(lines.some((l) => new RegExp(`^\\s+${step}\\W`).test(l) && l.includes(`"${step}<`)), `node for ${step}`);
    const spec = parseYaml(readFileSync(join(ROOT, FLAGSHIP), 'utf8')) as { steps: Record<string, { kind: string; then?: string[]; else?: string[] }> };
    let branchEdges = 0;
    for (const [name, step] of Object.entries(spec.steps)) {
      for (const [branch, target] of [...(step.then ?? []).map((t) => ['then', t]), ...(step.else ?? []).map((t) => ['else', t])]) {
        assert.ok(lines.includes(`  ${name} -- ${branch} --> ${target}`), `${name} ${branch} ${target}`);
        branchEdges += 1;
      }
    }
    assert.ok(branchEdges >= 2);
    // Data edges: TrainDPO reads BuildPreferences' outputs.
    assert.ok(lines.includes('  BuildPreferences --> TrainDPO'));
  });

  test('--format dot: a digraph with every step', async () => {
    const run = await smpipe(['graph', FLAGSHIP, '--vars', VARS, '--format', 'dot']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^digraph \w+ \{/);
    assert.match(run.stdout.trimEnd(), /\}$/);
    for (const step of FLAGSHIP_STEPS) assert.ok(run.stdout.includes(`"${step}" [label=`), `node for ${step}`);
    assert.ok(run.stdout.includes('"QualityGate" -> "TooWeak" [label="else"];'));
  });

  test('an erroneous spec: exit 1 and no graph', async () => {
    const run = await smpipe(['graph', badSpec]);
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    assertNoStack(run);
  });

  test('an unknown --format is a usage error, exit 2', async () => {
    assert.equal((await smpipe(['graph', FLAGSHIP, '--vars', VARS, '--format', 'png'])).status, 2);
  });
});

describe('explain', () => {
  test('explain SMP3010: the title, what it means, a failing example and its fix, exit 0', async () => {
    const run = await smpipe(['explain', 'SMP3010']);
    assert.equal(run.status, 0);
    const lines = run.stdout.trimEnd().split('\n');
    assert.match(lines[0] as string, /^SMP3010 \(error\): \S/);
    assert.ok(lines.includes('Example:') && lines.includes('Fix:'), run.stdout);
    assert.ok(lines.indexOf('Example:') > 2, 'an explanation before the example');
  });

  test('explain is case-insensitive and takes the bare number; with no code it lists every code', async () => {
    const [lower, bare, all] = await Promise.all([smpipe(['explain', 'smp5004']), smpipe(['explain', '3002']), smpipe(['explain'])]);
    assert.match(lower.stdout, /^SMP5004 \(warning\): /);
    assert.match(bare.stdout, /^SMP3002 \(error\): /);
    assert.equal(all.status, 0);
    assert.deepEqual(all.stdout.trimEnd().split('\n').map((l) => l.split(/\s+/)[0]), Object.keys(CODES));
  });

  test('explain SMP9xxx: deploy codes say when they happen and what to do', async () => {
    const run = await smpipe(['explain', 'SMP9004']);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^When it happens:$/m);
    assert.match(run.stdout, /^What to do:$/m);
  });

  test('an unknown code is a usage error, exit 2', async () => {
    const run = await smpipe(['explain', 'SMP9999']);
    assert.equal(run.status, 2);
    assertNoStack(run);
  });
});
