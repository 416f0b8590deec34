import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HEADER, runErrors, type ErrorCase } from './harness.js';
import { compiledSteps } from './kind-table.js';

const spec = (body: string) => `${HEADER}steps:
  Spark:
    kind: emr
    jar: command-runner.jar
${body}`;

test('emr: a running cluster: StepConfig.HadoopJarStep as EMRStepConfig.to_request writes it (no Name), then ClusterId and the role', () => {
  const steps = compiledSteps(spec(`    cluster: j-ABC
    executionRole: arn:aws:iam::111122223333:role/Step
    args: [spark-submit, s3://b/job.py, 3]
    mainClass: org.example.Main
    jarProperties: { mapreduce.job.reduces: "4" }
    retry: standard
  F:
    kind: fail
    message: "\${steps.Spark.id} \${steps.Spark.state} \${steps.Spark.properties.Status.FailureDetails.Reason}"
`));
  const step = steps.Spark;
  assert.deepEqual(step.Arguments, {
    StepConfig: { HadoopJarStep: { Jar: 'command-runner.jar', Args: ['spark-submit', 's3://b/job.py', '3'], MainClass: 'org.example.Main', Properties: [{ Key: 'mapreduce.job.reduces', Value: '4' }] } },
    ClusterId: 'j-ABC',
    ExecutionRoleArn: 'arn:aws:iam::111122223333:role/Step',
  });
  // StepRetryPolicy only: no job-level exception types on an EMR step.
  assert.deepEqual(step.RetryPolicies.map((p: any) => p.ExceptionType), [['Step.SERVICE_FAULT', 'Step.THROTTLING']]);
  assert.deepEqual(steps.F.Arguments.ErrorMessage['Std:Join'].Values.filter((_: unknown, i: number) => i % 2 === 0), [{ Get: 'Steps.Spark.Id' }, { Get: 'Steps.Spark.Status.State' }, { Get: 'Steps.Spark.Status.FailureDetails.Reason' }]);
});

test('emr: a new cluster from clusterConfig', () => {
  const a = compiledSteps(spec('    clusterConfig: { ReleaseLabel: emr-7.1.0, Instances: { InstanceFleets: [] } }\n')).Spark.Arguments;
  assert.deepEqual(a, { StepConfig: { HadoopJarStep: { Jar: 'command-runner.jar' } }, ClusterConfig: { ReleaseLabel: 'emr-7.1.0', Instances: { InstanceFleets: [] } } });
});

const errors: ErrorCase[] = [
  { name: 'no cluster at all', spec: spec(''), expect: [{ code: 'SMP2012', at: 'Spark:' }] },
  { name: 'both cluster and clusterConfig', spec: spec('    cluster: j-1\n    clusterConfig: { Instances: { InstanceGroups: [] } }\n'), expect: [{ code: 'SMP2012', at: 'clusterConfig' }] },
  { name: 'clusterConfig without Instances, with Steps', spec: spec('    clusterConfig: { Steps: [] }\n'), expect: [{ code: 'SMP2012', at: 'clusterConfig' }, { code: 'SMP2012', at: 'Steps' }] },
  { name: 'a role without a running cluster', spec: spec('    clusterConfig: { Instances: { InstanceGroups: [] } }\n    executionRole: arn:aws:iam::1:role/R\n'), expect: [{ code: 'SMP2012', at: 'executionRole' }] },
  { name: 'a Describe path the EMR Step lacks', spec: spec('    cluster: j-1\n  F:\n    kind: fail\n    message: "${steps.Spark.properties.Status.Phase}"\n'), expect: [{ code: 'SMP3008', at: '${steps.Spark.properties.Status.Phase}' }] },
  { name: 'a job-level retry exception', spec: spec('    cluster: j-1\n    retry: [{ on: [SageMaker.CAPACITY_ERROR], attempts: 2 }]\n'), expect: [{ code: 'SMP5005', at: 'SageMaker.CAPACITY_ERROR' }] },
];

for (const c of errors) test(`emr error: ${c.name}`, () => runErrors(c));
