/**
 * A script-mode training job as the SageMaker training toolkit runs it (aws/sagemaker-training-toolkit):
 * each hyperparameter through json.loads then str() into `--key value` (sorted, one-letter keys as
 * -k, dicts as k=v,…, None as ""), sagemaker_* consumed, SM_* variables, config files, torchrun,
 * requirements.txt before the entry, model.tar.gz / output.tar.gz / checkpoints / metrics after.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTo, editDefinition, options, runFolder, tempDir } from './harness.js';
import type { RunRecord } from '../../src/run/state.js';
import type { JsonObject } from '../../src/run/definition.js';

interface Seen { argv: string[]; env: Record<string, string>; cwd: string; prefix: string; config: string[] | null; channel: string[]; checkpoints: string[] | null }

function seenOf(localDir: string, run: RunRecord): Seen {
  const uri = String((run.steps.Train?.properties?.ModelArtifacts as JsonObject).S3ModelArtifacts);
  const archive = join(localDir, 's3', uri.slice('s3://'.length));
  return JSON.parse(execFileSync('tar', ['-xzOf', archive, './seen.json'], { encoding: 'utf8' })) as Seen;
}

describe('training step, bind mode (the job sees /opt/ml)', () => {
  let localDir: string;
  let run: RunRecord;
  let seen: Seen;
  before(async () => {
    localDir = tempDir();
    ({ run } = await runFolder(compileTo('test/run/fixtures/toolkit.yaml'), options(localDir)));
    assert.equal(run.status, 'Succeeded', JSON.stringify(run.steps.Train?.failureReason));
    seen = seenOf(localDir, run);
  });

  test('each hyperparameter is json.loads-decoded, then str(): list, true, null, text, dict, number, one letter', () => {
    assert.deepEqual(seen.argv, [
      '--a_list', '[1, 2]',
      '--config', 'depth=3,kind=tree',
      '--flag', 'True',
      '-k', '7',
      '--name', 'plain text',
      '--nothing', '',
      '--rate', '0.5',
    ]);
  });

  test('sagemaker_* hyperparameters are consumed, not passed; SM_HPS holds the decoded rest', () => {
    assert.ok(!seen.argv.some((a) => a.includes('sagemaker')));
    assert.deepEqual(JSON.parse(seen.env.SM_HPS as string), { a_list: [1, 2], config: { depth: 3, kind: 'tree' }, flag: true, k: 7, name: 'plain text', nothing: null, rate: 0.5 });
    assert.equal(seen.env.SM_HP_FLAG, 'true');
    assert.equal(seen.env.SM_HP_NOTHING, '');
    assert.equal(seen.env.SM_HP_NAME, 'plain text');
    assert.equal(JSON.parse(seen.env.SM_FRAMEWORK_PARAMS as string).sagemaker_custom, 'consumed');
  });

  test('SM_* variables point at SageMaker\'s folders', () => {
    assert.equal(seen.env.SM_MODEL_DIR, '/opt/ml/model');
    assert.equal(seen.env.SM_OUTPUT_DATA_DIR, '/opt/ml/output/data');
    assert.equal(seen.env.SM_CHANNEL_TRAIN, '/opt/ml/input/data/train');
    assert.equal(seen.env.SM_CHANNELS, '["train"]');
    assert.equal(seen.env.SM_HOSTS, '["algo-1"]');
    assert.equal(seen.env.SM_CURRENT_HOST, 'algo-1');
    assert.match(seen.env.SM_NUM_GPUS as string, /^\d+$/);
    assert.equal(seen.env.SM_USER_ENTRY_POINT, 'dump_env.py');
    assert.equal(seen.env.TRAINING_JOB_NAME, run.steps.Train?.jobName);
    assert.equal(seen.env.MY_PATH, '/opt/ml/model/extra');
    assert.equal(seen.cwd, '/opt/ml/code');
  });

  test('config files, channel contents (prefix rule) and checkpoints are in place', () => {
    assert.deepEqual(seen.config, ['hyperparameters.json', 'inputdataconfig.json', 'resourceconfig.json']);
    assert.deepEqual(seen.channel, ['a.txt', 'sub']);
    assert.deepEqual(seen.checkpoints, []);
  });

  test('torchrun starts the script (sagemaker_torch_distributed_enabled): one local rank', () => {
    assert.equal(seen.env.WORLD_SIZE, '1');
    assert.equal(seen.env.LOCAL_RANK, '0');
  });

  test('requirements.txt is installed into an environment of its own before the entry point', () => {
    assert.match(seen.prefix, /req-[0-9a-f]{16}$/);
  });

  test('model.tar.gz, output.tar.gz, checkpoints and the final metric land in local S3', () => {
    const props = run.steps.Train?.properties as JsonObject;
    const artifacts = String((props.ModelArtifacts as JsonObject).S3ModelArtifacts);
    assert.match(artifacts, new RegExp(`/Train/model/${run.steps.Train?.jobName}/output/model\\.tar\\.gz$`));
    const s3 = (uri: string) => join(localDir, 's3', uri.slice('s3://'.length));
    assert.match(execFileSync('tar', ['-xzOf', s3(artifacts.replace('model.tar.gz', 'output.tar.gz')), './notes.txt'], { encoding: 'utf8' }), /output data/);
    const checkpoint = String((props.CheckpointConfig as JsonObject).S3Uri);
    assert.equal(readFileSync(join(s3(checkpoint), 'step-1.txt'), 'utf8'), 'checkpoint\n');
    assert.deepEqual((props.FinalMetricDataList as JsonObject[]).map((m) => [m.MetricName, m.Value]), [['loss', 0.25]]);
  });
});

describe('training step, map mode (no namespaces: /opt/ml values mapped, SAGEMAKER_BASE_DIR)', () => {
  test('arguments and SM_* variables point into the step root; /opt/ml/output/failure is the failure reason', async () => {
    const localDir = tempDir();
    process.env.SMPIPE_LOCAL_SANDBOX = 'map';
    try {
      const folder = compileTo('test/run/fixtures/toolkit.yaml');
      const ok = await runFolder(folder, options(localDir));
      assert.equal(ok.run.status, 'Succeeded', ok.run.steps.Train?.failureReason);
      const seen = seenOf(localDir, ok.run);
      const root = join(localDir, 'runs', ok.run.id, 'Train', 'root');
      assert.equal(seen.env.SM_MODEL_DIR, `${root}/model`);
      assert.equal(seen.env.SM_CHANNEL_TRAIN, `${root}/input/data/train`);
      assert.equal(seen.env.MY_PATH, `${root}/model/extra`);
      assert.equal(seen.argv[1], '[1, 2]');
      mkdirSync(localDir, { recursive: true });
      const failed = await runFolder(folder, options(localDir, { params: ['Fail=yes'] }));
      assert.equal(failed.run.status, 'Failed');
      assert.equal(failed.run.steps.Train?.failureReason, 'AlgorithmError: the fixture was asked to fail');
    } finally {
      delete process.env.SMPIPE_LOCAL_SANDBOX;
    }
  });
});

describe('a training job outside script mode', () => {
  test('without sagemaker_program the process backend refuses it and names the docker backend', async () => {
    const folder = editDefinition(compileTo('test/run/fixtures/train-only.yaml'), (text) => text.replace(/\s*"sagemaker_program": "(?:[^"\\]|\\.)*",/, ''));
    assert.ok(!readFileSync(join(folder, 'definition.json'), 'utf8').includes('sagemaker_program'));
    const localDir = tempDir();
    mkdirSync(join(localDir, 's3', 'run-test-bucket', 'data', 'train'), { recursive: true });
    writeFileSync(join(localDir, 's3', 'run-test-bucket', 'data', 'train', 'rows.csv'), 'a\n');
    const { run } = await runFolder(folder, options(localDir));
    assert.equal(run.steps.Train?.status, 'Failed');
    assert.match(String(run.steps.Train?.failureReason), /sagemaker_program.*--backend docker/);
  });
});
