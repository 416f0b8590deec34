import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stepDetail } from '../../src/deploy/execution.js';
import { executionConsoleUrl, pipelineConsoleUrl } from '../../src/deploy/links.js';
import { columns, duration, renderExecutions, renderStepTable, stepEvents } from '../../src/views/steps.js';
import { formatBytes } from '../../src/deploy/s3-uri.js';

const t = (s: string) => new Date(`2025-01-01T${s}Z`);

const snapshot = {
  arn: 'arn:aws:sagemaker:us-east-1:111122223333:pipeline/p/execution/abc',
  status: 'Executing',
  steps: [
    { name: 'Prep', status: 'Succeeded', startTime: t('10:00:00'), endTime: t('10:03:12'), detail: 'arn:aws:sagemaker:us-east-1:111122223333:processing-job/prep' },
    { name: 'Train', status: 'Failed', startTime: t('10:03:13'), endTime: t('10:03:20'), failureReason: 'ClientError: bad hyperparameter' },
    { name: 'Label', status: 'Executing', startTime: t('10:03:14'), detail: 'callback via https://sqs/q' },
  ],
};

test('the step table: columns, durations (running steps up to now), failure reasons under their step', () => {
  assert.deepEqual(renderStepTable(snapshot, t('11:05:14')), [
    'STEP   STATUS     STARTED   DURATION  JOB',
    'Prep   Succeeded  10:00:00  3m12s     arn:aws:sagemaker:us-east-1:111122223333:processing-job/prep',
    'Train  Failed     10:03:13  7s',
    '    ↳ ClientError: bad hyperparameter',
    'Label  Executing  10:03:14  1h02m     callback via https://sqs/q',
    'execution Executing',
  ]);
});

test('step events: only what changed since the previous snapshot', () => {
  const before = { ...snapshot, steps: snapshot.steps.slice(0, 1) };
  assert.deepEqual(stepEvents(before, snapshot), ['10:03:20  Train  Failed', '    ↳ ClientError: bad hyperparameter', '10:03:14  Label  Executing  callback via https://sqs/q']);
  assert.deepEqual(stepEvents(snapshot, snapshot), []);
});

test('executions list, durations, sizes, columns', () => {
  assert.deepEqual(renderExecutions([{ arn: 'arn:x', status: 'Succeeded', startTime: t('09:00:00'), displayName: 'nightly' }]), [
    'STARTED (UTC)        STATUS     NAME     ARN',
    '2025-01-01 09:00:00  Succeeded  nightly  arn:x',
  ]);
  assert.deepEqual([duration(999), duration(61_000), duration(7_380_000)], ['1s', '1m01s', '2h03m']);
  assert.deepEqual([formatBytes(12), formatBytes(1536), formatBytes(5 * 1024 * 1024)], ['12 B', '1.5 KiB', '5.0 MiB']);
  assert.deepEqual(columns([['a', 'bb'], ['ccc', '']]), ['a    bb', 'ccc']);
});

test('step details: job ARNs, condition outcomes, callback queues', () => {
  assert.equal(stepDetail({ TrainingJob: { Arn: 'arn:t' } }), 'arn:t');
  assert.equal(stepDetail({ Condition: { Outcome: 'True' } }), 'outcome True');
  assert.equal(stepDetail({ Callback: { SqsQueueUrl: 'https://q' } }), 'callback via https://q');
  assert.equal(stepDetail(undefined), undefined);
});

test('console links per partition', () => {
  assert.equal(pipelineConsoleUrl('eu-west-1', 'p'), 'https://eu-west-1.console.aws.amazon.com/sagemaker/home?region=eu-west-1#/pipelines/p');
  assert.equal(executionConsoleUrl('cn-north-1', 'arn:aws-cn:sagemaker:cn-north-1:111122223333:pipeline/p/execution/abc'), 'https://cn-north-1.console.amazonaws.cn/sagemaker/home?region=cn-north-1#/pipelines/p/executions/abc');
});
