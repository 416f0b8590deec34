/**
 * `smpipe import` and `smpipe check` as a user runs them (the built CLI): output, exit status,
 * what is written and what is refused; a deployed pipeline read through DescribePipeline from the
 * emulator (test/emulator), as from SageMaker.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CreatePipelineCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { smpipe } from '../run/harness.js';
import { startDeployEmulator } from '../deploy/harness.js';
import type { Emulator } from '../emulator/index.js';

const REFERENCE = 'test/check/fixtures/sdk-v2-dpo-reference.json';
const work = mkdtempSync(join(tmpdir(), 'smpipe-import-cli-'));
after(() => rmSync(work, { recursive: true, force: true }));

const definition = (steps: unknown[], extra: object = {}) => JSON.stringify({ Version: '2020-12-01', Metadata: {}, Parameters: [], Steps: steps, ...extra }, null, 2);

test('import prints the spec; --out writes it and replaces only what smpipe import wrote', async () => {
  const printed = await smpipe(['import', REFERENCE]);
  assert.equal(printed.status, 0, printed.stderr);
  assert.match(printed.stdout, /^# smpipe import: test\/check\/fixtures\/sdk-v2-dpo-reference\.json\n/);
  assert.match(printed.stdout, /\npipeline: sdk-v2-dpo-reference\n/);
  assert.match(printed.stderr, /imported 10 steps into standard output/);
  const out = join(work, 'dpo.yaml');
  const written = await smpipe(['import', REFERENCE, '--out', out, '--name', 'dpo']);
  assert.equal(written.status, 0, written.stderr);
  assert.match(readFileSync(out, 'utf8'), /\npipeline: dpo\n/);
  assert.equal((await smpipe(['import', REFERENCE, '--out', out, '--name', 'dpo'])).status, 0, 'its own file is replaced');
  const compiled = await smpipe(['compile', out, '--out', join(work, 'build')]);
  assert.equal(compiled.status, 0, compiled.stderr);
  const foreign = join(work, 'mine.yaml');
  writeFileSync(foreign, 'pipeline: mine\n');
  const refused = await smpipe(['import', REFERENCE, '--out', foreign]);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /error SMP8010/);
  assert.equal(readFileSync(foreign, 'utf8'), 'pipeline: mine\n', 'left as it was');
});

test('a file that is not a definition: SMP8007 at its position, nothing written', async () => {
  const bad = join(work, 'bad.json');
  writeFileSync(bad, '{\n  "Version": "2020-12-01",\n  "Steps": [,]\n}\n');
  const out = join(work, 'never.yaml');
  const run = await smpipe(['import', bad, '--out', out]);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /bad\.json:3:13: error SMP8007/);
  assert.throws(() => readFileSync(out), /ENOENT/);
});

test('what no spec can say is SMP8009, named; an imported spec with errors is written and the command fails', async () => {
  const odd = join(work, 'odd.json');
  writeFileSync(odd, definition([{ Name: 'Stop', Type: 'Fail', Arguments: { ErrorMessage: 'x' } }], {
    PipelineExperimentConfig: { ExperimentName: 'fixed', TrialName: { Get: 'Execution.PipelineExecutionId' } },
  }));
  const warned = await smpipe(['import', odd]);
  assert.equal(warned.status, 0, warned.stderr);
  assert.match(warned.stderr, /warning SMP8009: PipelineExperimentConfig/);
  const future = join(work, 'future.json');
  writeFileSync(future, definition([{ Name: 'Later', Type: 'FutureStepType', Arguments: { Anything: 'a' } }]));
  const out = join(work, 'future.yaml');
  const failed = await smpipe(['import', future, '--out', out]);
  assert.equal(failed.status, 1);
  assert.match(failed.stderr, /future\.yaml:\d+:\d+: error SMP2004/);
  assert.match(readFileSync(out, 'utf8'), /type: FutureStepType/, 'written, so the user can fix it');
});

test('check: exit 0 with warnings, 1 with errors, --format json', async () => {
  const clean = await smpipe(['check', REFERENCE]);
  assert.equal(clean.status, 0, clean.stderr);
  assert.match(clean.stderr, /warning SMP4008/);
  assert.match(clean.stderr, /10 steps checked/);
  const broken = join(work, 'broken.json');
  writeFileSync(broken, definition([{ Name: 'Stop', Type: 'Fail', Arguments: { ErrorMessage: { Get: 'Parameters.Nope' } } }]));
  const failed = await smpipe(['check', broken, '--format', 'json']);
  assert.equal(failed.status, 1);
  const parsed = JSON.parse(failed.stdout) as { code: string; line: number; pointer: string }[];
  assert.deepEqual(parsed.map((d) => [d.code, d.line, d.pointer]), [['SMP3002', 10, '/Steps/0/Arguments/ErrorMessage']]);
  assert.equal((await smpipe(['check'])).status, 2, 'usage');
});

test('the import and check commands load no AWS SDK module until a PIPELINE_NAME needs DescribePipeline', () => {
  const probe = `const { createRequire } = await import('node:module');
const count = () => Object.keys(createRequire(import.meta.url).cache).filter((k) => /@aws-sdk\\//.test(k)).length;
await import('./src/import/command.ts');
const before = count();
await import('./src/deploy/clients.ts');
process.stdout.write(JSON.stringify([before, count() > 0]));`;
  const [before, seen] = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], { encoding: 'utf8' })) as [number, boolean];
  assert.ok(seen, 'the probe sees the SDK once deploy loads it');
  assert.equal(before, 0);
});

describe('import PIPELINE_NAME: the deployed definition, through DescribePipeline', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startDeployEmulator();
  });
  after(async () => emulator?.stop());

  test('a deployed pipeline imports as its definition file does', async () => {
    const text = readFileSync(REFERENCE, 'utf8');
    const client = new SageMakerClient({ endpoint: emulator.endpoint, region: emulator.region, credentials: { accessKeyId: 't', secretAccessKey: 't' } });
    try {
      await client.send(new CreatePipelineCommand({ PipelineName: 'deployed-dpo', PipelineDefinition: text, RoleArn: 'arn:aws:iam::111122223333:role/Pipeline' }));
    } finally {
      client.destroy();
    }
    const env = { AWS_ENDPOINT_URL: emulator.endpoint, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'x', AWS_REGION: emulator.region };
    const deployed = await smpipe(['import', 'deployed-dpo'], { env });
    assert.equal(deployed.status, 0, deployed.stderr);
    const file = await smpipe(['import', REFERENCE, '--name', 'deployed-dpo']);
    const body = (t: string) => t.split('\n').slice(1).join('\n');
    assert.match(deployed.stdout, /^# smpipe import: deployed-dpo \(DescribePipeline\)\n/);
    assert.equal(body(deployed.stdout), body(file.stdout));
    const missing = await smpipe(['import', 'no-such-pipeline'], { env });
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /error SMP9009/);
  });
});

test('two steps of one name are refused (SMP8008), not merged into one spec step', async () => {
  const twice = join(work, 'twice.json');
  const fail = (message: string) => ({ Name: 'Stop', Type: 'Fail', Arguments: { ErrorMessage: message } });
  writeFileSync(twice, definition([fail('first'), fail('second')]));
  const out = join(work, 'twice.yaml');
  const run = await smpipe(['import', twice, '--out', out]);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /twice\.json:\d+:\d+: error SMP8008/);
  assert.throws(() => readFileSync(out), /ENOENT/);
});

test('a folder or a path is never taken for a pipeline name; --out may name a folder that does not exist yet', async () => {
  const folder = await smpipe(['import', work]);
  assert.equal(folder.status, 1);
  assert.match(folder.stderr, /is a folder, not a file/);
  assert.doesNotMatch(folder.stderr, /region|credentials|internal error/i);
  const missing = await smpipe(['import', join(work, 'no-such.json')]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /no such file/);
  const nested = join(work, 'new', 'folder', 'dpo.yaml');
  const written = await smpipe(['import', REFERENCE, '--out', nested]);
  assert.equal(written.status, 0, written.stderr);
  assert.match(readFileSync(nested, 'utf8'), /^# smpipe import:/);
});

test('findings of a spec printed to standard output point into it, not at a file that does not exist', async () => {
  const future = join(work, 'future-stdout.json');
  writeFileSync(future, definition([{ Name: 'Later', Type: 'NotAStepTypeYet', Arguments: {} }]));
  const run = await smpipe(['import', future]);
  assert.match(run.stderr, /^\(standard output\):\d+:\d+: /m);
  assert.doesNotMatch(run.stderr, /future-stdout\.yaml/);
});

test('smpipe help COMMAND prints the command\'s usage', async () => {
  const run = await smpipe(['help', 'import']);
  assert.equal(run.status, 0);
  assert.match(run.stdout, /^smpipe import DEFINITION\.json\|PIPELINE_NAME/);
});
