import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HEADER, runErrors, type ErrorCase } from './harness.js';
import { compiledSteps } from './kind-table.js';
import { notebookJobPrefix } from '../../src/steps/notebook.js';

const IMAGE = '111122223333.dkr.ecr.us-east-1.amazonaws.com/sagemaker-distribution:2';
const spec = (body: string) => `${HEADER}steps:
  Nb:
    kind: notebook
    image: ${IMAGE}
    kernel: python3
${body}`;

test('notebook: a Training step running the notebook scheduler, as NotebookJobStep.arguments writes it', () => {
  const step = compiledSteps(spec('    notebook: s3://b/notebooks/daily/report.ipynb\n    initScript: setup.sh\n')).Nb;
  assert.equal(step.Type, 'Training');
  const a = step.Arguments;
  assert.equal(a.TrainingJobName, 'Nb');
  assert.deepEqual(a.AlgorithmSpecification, { TrainingImage: IMAGE, TrainingInputMode: 'File', ContainerEntrypoint: ['amazon_sagemaker_scheduler'] });
  assert.deepEqual(a.InputDataConfig, [{ ChannelName: 'sagemaker_headless_execution_pipelinestep', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://b/notebooks/daily/', S3DataDistributionType: 'FullyReplicated' } } }]);
  assert.deepEqual([a.RetryStrategy, a.StoppingCondition, a.EnableInterContainerTrafficEncryption], [{ MaximumRetryAttempts: 1 }, { MaxRuntimeInSeconds: 172800 }, true]);
  assert.deepEqual(a.ResourceConfig, { VolumeSizeInGB: 30, InstanceCount: 1, InstanceType: 'ml.m5.large' });
  assert.deepEqual(a.Environment, {
    AWS_DEFAULT_REGION: 'us-east-1', SM_JOB_DEF_VERSION: '1.0', SM_ENV_NAME: 'sagemaker-default-env', SM_SKIP_EFS_SIMULATION: 'true',
    SM_EXECUTION_INPUT_PATH: '/opt/ml/input/data/sagemaker_headless_execution_pipelinestep', SM_KERNEL_NAME: 'python3',
    SM_INPUT_NOTEBOOK_NAME: 'report.ipynb', SM_OUTPUT_NOTEBOOK_NAME: 'Nb.ipynb', SM_INIT_SCRIPT: 'setup.sh',
  });
  assert.deepEqual(a.Tags.map((t: any) => t.Key), ['sagemaker:name', 'sagemaker:notebook-name', 'sagemaker:notebook-job-origin', 'sagemaker:is-studio-archived']);
});

test('notebook: a local notebook is uploaded alone; its content-addressed folder is the input', () => {
  const a = compiledSteps(spec('    notebook: ../golden/fixtures/notebooks/report.ipynb\n    parameters: { day: "2026-01-01", n: 3 }\n')).Nb.Arguments;
  assert.match(a.InputDataConfig[0].DataSource.S3DataSource.S3Uri, /^s3:\/\/table-bucket\/smpipe\/assets\/[0-9a-f]{64}\/$/);
  assert.deepEqual(a.HyperParameters, { day: '2026-01-01', n: '3' });
});

test('notebook: job name prefix as _get_job_name_prefix (leading specials dropped, others to "-")', () => {
  assert.equal(notebookJobPrefix('__my notebook.v2'), 'my-notebook-v2');
  const a = compiledSteps(spec('    notebook: s3://b/n.ipynb\n    name: "daily report"\n')).Nb.Arguments;
  assert.equal(a.TrainingJobName, 'daily-report');
  assert.equal(a.Environment.SM_OUTPUT_NOTEBOOK_NAME, 'daily-report.ipynb');
});

const errors: ErrorCase[] = [
  // runErrors compiles as table.yaml at the repository root.
  { name: 'an init script beside a local notebook', spec: spec('    notebook: test/golden/fixtures/notebooks/report.ipynb\n    initScript: setup.sh\n'), expect: [{ code: 'SMP2012', at: 'initScript' }] },
  { name: 'no kernel', spec: spec('    notebook: s3://b/n.ipynb\n').replace('    kernel: python3\n', ''), expect: [{ code: 'SMP2002', at: 'Nb:' }] },
  { name: 'a local notebook that is not there', spec: spec('    notebook: missing.ipynb\n'), expect: [{ code: 'SMP6003', at: 'missing.ipynb' }] },
];

for (const c of errors) test(`notebook error: ${c.name}`, () => runErrors(c));
