/**
 * The docker backend's command lines, as the runner issues them. No Docker engine runs here, so a
 * stand-in `docker` on PATH answers `docker info` and records each `docker run` (its arguments and
 * the environment it was given) without running anything.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTo, PYTHON, smpipe, tempDir } from './harness.js';

function recordingDocker(): { bin: string; calls: () => { args: string[]; env: string }[] } {
  const dir = tempDir('smpipe-docker-');
  const log = join(dir, 'calls');
  mkdirSync(join(dir, 'bin'));
  mkdirSync(log);
  writeFileSync(join(dir, 'bin', 'docker'), `#!/bin/sh
if [ "$1" = info ]; then echo 27.0.0; exit 0; fi
call="${log}/$(date +%s%N)"
printf '%s\\n' "$@" > "$call.args"
env > "$call.env"
`);
  chmodSync(join(dir, 'bin', 'docker'), 0o755);
  const calls = () => readdirSync(log).filter((f) => f.endsWith('.args')).sort().map((f) => ({
    args: readFileSync(join(log, f), 'utf8').trimEnd().split('\n'),
    env: readFileSync(join(log, f.replace('.args', '.env')), 'utf8'),
  }));
  return { bin: join(dir, 'bin'), calls };
}

test('processing: the entrypoint, the arguments and the step root at /opt/ml; environment by name', async () => {
  const docker = recordingDocker();
  const localDir = tempDir();
  await smpipe(['run', compileTo('pipeline-specs/tabular-churn.yaml'), '--backend', 'docker', '--python', PYTHON, '--local-dir', localDir], { env: { PATH: `${docker.bin}:${process.env.PATH}` } });
  const [prepare] = docker.calls();
  const args = prepare?.args ?? [];
  const root = args[args.indexOf('--volume') + 1]?.replace(/:\/opt\/ml$/, '') ?? '';
  assert.match(root, /\/runs\/[a-z0-9]{12}\/Prepare\/root$/);
  assert.deepEqual(args.slice(0, 7), ['run', '--rm', '--name', args[3], '--hostname', 'algo-1', '--volume']);
  const image = args.indexOf('763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.5.1-cpu-py311-ubuntu22.04-sagemaker');
  assert.deepEqual(args.slice(image - 2), ['--entrypoint', '/bin/bash', args[image], '/opt/ml/processing/input/entrypoint/runproc.sh', '--raw', '/opt/ml/processing/input/raw', '--output-dir', '/opt/ml/processing/output', '--test-fraction', '0.25', '--seed', '7']);
  assert.ok(readdirSync(join(root, 'processing', 'input', 'code')).includes('sourcedir.tar.gz'), 'inputs staged in the mounted root');
  assert.ok(!args.includes('--env'), 'no host settings (PATH, …) go into the container: the step sets no Environment');
});

test('training: `<image> train` with the config files in place and the code at /opt/ml/code', async () => {
  const docker = recordingDocker();
  const localDir = tempDir();
  const data = join(localDir, 's3', 'run-test-bucket', 'data', 'train');
  mkdirSync(data, { recursive: true });
  writeFileSync(join(data, 'rows.csv'), 'a,b\n');
  await smpipe(['run', compileTo('test/run/fixtures/train-only.yaml'), '--backend', 'docker', '--python', PYTHON, '--local-dir', localDir], { env: { PATH: `${docker.bin}:${process.env.PATH}` } });
  const [train] = docker.calls();
  const args = train?.args ?? [];
  assert.deepEqual(args.slice(-2), ['763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.5.1-cpu-py311-ubuntu22.04-sagemaker', 'train']);
  assert.ok(args.includes('MY_SETTING') && args.includes('TRAINING_JOB_NAME'), 'environment named with --env NAME');
  assert.ok(!args.includes('on'), 'values stay out of the command line');
  assert.match(train?.env ?? '', /^MY_SETTING=on$/m, 'values reach docker through its environment');
  const root = args[args.indexOf('--volume') + 1]?.replace(/:\/opt\/ml$/, '') ?? '';
  const hps = JSON.parse(readFileSync(join(root, 'input', 'config', 'hyperparameters.json'), 'utf8')) as Record<string, string>;
  assert.equal(hps.sagemaker_submit_directory, '"/opt/ml/code"', 'the container reads the extracted code, as SDK local mode does');
  assert.equal(hps.epochs, '2');
  assert.deepEqual(readdirSync(join(root, 'input', 'data', 'train')), ['rows.csv']);
  assert.ok(readdirSync(join(root, 'code')).includes('fit.py'));
});

test('transform: the inference launcher inside the model\'s image, the model data and the records in the mounted root', async () => {
  const docker = recordingDocker();
  const localDir = tempDir();
  const s3 = join(localDir, 's3', 'run-test-bucket');
  mkdirSync(join(s3, 'model'), { recursive: true });
  mkdirSync(join(s3, 'data', 'test'), { recursive: true });
  const model = tempDir('smpipe-model-');
  writeFileSync(join(model, 'model.json'), '{"w": 3, "b": 1}');
  assert.equal(spawnSync('tar', ['-czf', join(s3, 'model', 'model.tar.gz'), '-C', model, '.']).status, 0);
  writeFileSync(join(s3, 'data', 'test', 'rows.csv'), '0,1\n');
  await smpipe(['run', compileTo('test/run/fixtures/transform-only.yaml'), '--backend', 'docker', '--python', PYTHON, '--local-dir', localDir], { env: { PATH: `${docker.bin}:${process.env.PATH}` } });
  const [score] = docker.calls();
  const args = score?.args ?? [];
  const image = '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.5.1-cpu-py311-ubuntu22.04-sagemaker';
  assert.deepEqual(args.slice(args.indexOf(image) - 2), ['--entrypoint', 'python3', image, '/opt/ml/smpipe/transform_launcher.py', '/opt/ml/smpipe/transform.json']);
  assert.ok(args.includes('SAGEMAKER_PROGRAM') && args.includes('BATCH_SETTING'), 'the model\'s and the job\'s environment, by name');
  const root = args[args.indexOf('--volume') + 1]?.replace(/:\/opt\/ml$/, '') ?? '';
  const config = JSON.parse(readFileSync(join(root, 'smpipe', 'transform.json'), 'utf8')) as Record<string, unknown>;
  assert.deepEqual([config.modelDir, config.codeDir, config.program, config.inputs], ['/opt/ml/model', '/opt/ml/model/code', 'inference.py', [{ path: '/opt/ml/transform/input/rows.csv', key: 'rows.csv' }]]);
  assert.equal(readFileSync(join(root, 'model', 'model.json'), 'utf8'), '{"w": 3, "b": 1}', 'model.tar.gz extracted into /opt/ml/model');
});
