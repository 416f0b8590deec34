import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HEADER, runErrors, type ErrorCase } from './harness.js';
import { compiledSteps } from './kind-table.js';

const ROLE = 'arn:aws:iam::111122223333:role/Serverless';
const spec = (body: string) => `${HEADER}steps:
  Job:
    kind: emr-serverless
    executionRole: ${ROLE}
${body}`;

test('emr-serverless: EMRServerlessStep\'s Arguments: the role twice, JobConfig in to_request\'s order, ApplicationId', () => {
  const steps = compiledSteps(spec(`    application: 00fabc
    spark: { entryPoint: s3://b/job.py, args: [--n, 3], parameters: --conf x=y }
    timeoutMinutes: 30
  F:
    kind: fail
    message: "\${steps.Job.jobRunId} \${steps.Job.state} \${steps.Job.properties.jobRun.stateDetails}"
`));
  assert.deepEqual(steps.Job.Arguments, {
    ExecutionRoleArn: ROLE,
    JobConfig: { executionRoleArn: ROLE, jobDriver: { sparkSubmit: { entryPoint: 's3://b/job.py', entryPointArguments: ['--n', '3'], sparkSubmitParameters: '--conf x=y' } }, applicationId: '00fabc', executionTimeoutMinutes: 30 },
    ApplicationId: '00fabc',
  });
  assert.equal(steps.Job.Type, 'EMRServerless');
  assert.deepEqual(steps.F.Arguments.ErrorMessage['Std:Join'].Values.filter((_: unknown, i: number) => i % 2 === 0), [{ Get: 'Steps.Job.jobRun.jobRunId' }, { Get: 'Steps.Job.jobRun.state' }, { Get: 'Steps.Job.jobRun.stateDetails' }]);
});

test('emr-serverless: a new application and a raw job driver', () => {
  const a = compiledSteps(spec('    applicationConfig: { name: app, releaseLabel: emr-7.1.0, type: SPARK }\n    jobDriver: { hive: { query: s3://b/q.sql } }\n')).Job.Arguments;
  assert.deepEqual(a, { ExecutionRoleArn: ROLE, JobConfig: { executionRoleArn: ROLE, jobDriver: { hive: { query: 's3://b/q.sql' } } }, ApplicationConfig: { name: 'app', releaseLabel: 'emr-7.1.0', type: 'SPARK' } });
});

const errors: ErrorCase[] = [
  { name: 'both application forms', spec: spec('    application: a\n    applicationConfig: { name: x }\n    spark: { entryPoint: s3://b/j.py }\n'), expect: [{ code: 'SMP2012', at: 'applicationConfig' }] },
  { name: 'spark and a raw driver', spec: spec('    application: a\n    spark: { entryPoint: s3://b/j.py }\n    jobDriver: { hive: {} }\n'), expect: [{ code: 'SMP2012', at: 'jobDriver' }] },
  { name: 'no role', spec: spec('    application: a\n    spark: { entryPoint: s3://b/j.py }\n').replace(`    executionRole: ${ROLE}\n`, ''), expect: [{ code: 'SMP2002', at: 'Job:' }] },
];

for (const c of errors) test(`emr-serverless error: ${c.name}`, () => runErrors(c));
