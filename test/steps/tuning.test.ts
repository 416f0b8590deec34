import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HEADER, runErrors, type ErrorCase } from './harness.js';
import { compiledSteps } from './kind-table.js';

const IMAGE = '111122223333.dkr.ecr.us-east-1.amazonaws.com/trainer:1';
const spec = (training: string, body: string, extra = '') => `${HEADER}${extra}steps:
  Tune:
    kind: tuning
    training:
      image: ${IMAGE}
      instance: { type: ml.m5.xlarge }
${training}    ranges:
      lr: { type: continuous, min: 0.001, max: 0.1 }
    objective: { metric: "val:loss", type: Minimize }
${body}`;

test('tuning: _map_tuning_config defaults (Bayesian, 1 job, 1 at a time, early stopping Off) and all three range lists', () => {
  const a = compiledSteps(spec('', '')).Tune.Arguments;
  assert.deepEqual(a.HyperParameterTuningJobConfig, {
    Strategy: 'Bayesian',
    ResourceLimits: { MaxNumberOfTrainingJobs: 1, MaxParallelTrainingJobs: 1 },
    TrainingJobEarlyStoppingType: 'Off',
    HyperParameterTuningJobObjective: { Type: 'Minimize', MetricName: 'val:loss' },
    ParameterRanges: { ContinuousParameterRanges: [{ Name: 'lr', MinValue: '0.001', MaxValue: '0.1', ScalingType: 'Auto' }], CategoricalParameterRanges: [], IntegerParameterRanges: [] },
  });
});

test('tuning: the training definition is the training kind\'s request as _map_training_config keeps it', () => {
  const a = compiledSteps(spec(`      hyperparameters: { epochs: 3 }
      metrics: { "val:loss": "val_loss=([0-9.]+)" }
      channels: { train: s3://b/train }
      environment: { SEED: 1 }
`, '    tags: { job: tuning }\n')).Tune.Arguments;
  const d = a.TrainingJobDefinition;
  assert.deepEqual(Object.keys(d), ['StaticHyperParameters', 'RoleArn', 'OutputDataConfig', 'StoppingCondition', 'ResourceConfig', 'AlgorithmSpecification', 'InputDataConfig', 'Environment']);
  assert.deepEqual(d.StaticHyperParameters, { epochs: '3' });
  // HyperParameterAlgorithmSpecification has no EnableSageMakerMetricsTimeSeries.
  assert.deepEqual(d.AlgorithmSpecification, { TrainingInputMode: 'File', TrainingImage: IMAGE, MetricDefinitions: [{ Name: 'val:loss', Regex: 'val_loss=([0-9.]+)' }] });
  assert.deepEqual(a.Tags, [{ Key: 'job', Value: 'tuning' }]);
});

test('tuning: categorical values JSON-encoded in script mode only (as_json_range for Framework estimators)', () => {
  const ranges = '      optimizer: { values: [adam, 1] }\n';
  const builtIn = compiledSteps(spec('', '').replace('    objective:', `${ranges}    objective:`)).Tune.Arguments;
  assert.deepEqual(builtIn.HyperParameterTuningJobConfig.ParameterRanges.CategoricalParameterRanges, [{ Name: 'optimizer', Values: ['adam', '1'] }]);
  const script = compiledSteps(spec('      code: ../golden/fixtures/code/trainer\n      entry: train.py\n', '').replace('    objective:', `${ranges}    objective:`)).Tune.Arguments;
  assert.deepEqual(script.HyperParameterTuningJobConfig.ParameterRanges.CategoricalParameterRanges, [{ Name: 'optimizer', Values: ['"adam"', '"1"'] }]);
  assert.equal(script.TrainingJobDefinition.StaticHyperParameters.sagemaker_program, '"train.py"');
});

test('tuning: every tuning setting; parameters for the limits', () => {
  const a = compiledSteps(spec('', `    strategy: Hyperband
    maxJobs: \${params.Jobs}
    maxParallel: 3
    maxRuntime: 3600
    earlyStopping: true
    targetObjective: 0.05
    randomSeed: 42
    warmStart: { parents: [old-a, old-b], type: TransferLearning }
`, 'parameters:\n  Jobs: { type: integer, default: 20 }\n')).Tune.Arguments;
  const c = a.HyperParameterTuningJobConfig;
  assert.equal(c.Strategy, 'Hyperband');
  assert.deepEqual(c.ResourceLimits, { MaxNumberOfTrainingJobs: { Get: 'Parameters.Jobs' }, MaxParallelTrainingJobs: 3, MaxRuntimeInSeconds: 3600 });
  assert.equal(c.TrainingJobEarlyStoppingType, 'Auto');
  assert.equal(c.RandomSeed, 42);
  assert.deepEqual(c.TuningJobCompletionCriteria, { TargetObjectiveMetricValue: 0.05 });
  assert.deepEqual(a.WarmStartConfig, { ParentHyperParameterTuningJobs: [{ HyperParameterTuningJobName: 'old-a' }, { HyperParameterTuningJobName: 'old-b' }], WarmStartType: 'TransferLearning' });
});

test('tuning: properties; the top-k model URI as get_top_model_s3_uri builds it', () => {
  const steps = compiledSteps(spec('      output: s3://b/tuning/run\n', `  Use:
    kind: fail
    message: "\${steps.Tune.bestTrainingJob} \${steps.Tune.bestObjective} \${steps.Tune.properties.TrainingJobSummaries[3].TrainingJobStatus}"
  Best:
    kind: model
    image: ${IMAGE}
    modelData: \${steps.Tune.bestModel}
    environment: { THIRD: "\${steps.Tune.models.2}" }
`));
  assert.deepEqual(steps.Use.Arguments.ErrorMessage['Std:Join'].Values, [
    { Get: 'Steps.Tune.BestTrainingJob.TrainingJobName' }, ' ',
    { Get: 'Steps.Tune.BestTrainingJob.FinalHyperParameterTuningJobObjectiveMetric.Value' }, ' ',
    { Get: 'Steps.Tune.TrainingJobSummaries[3].TrainingJobStatus' },
  ]);
  // Join("/", ["s3:/", bucket, prefix, TrainingJobSummaries[k].TrainingJobName, "output/model.tar.gz"])
  assert.deepEqual(steps.Best.Arguments.PrimaryContainer.ModelDataUrl, { 'Std:Join': { On: '/', Values: ['s3:/', 'b', 'tuning/run', { Get: 'Steps.Tune.TrainingJobSummaries[0].TrainingJobName' }, 'output/model.tar.gz'] } });
  assert.deepEqual(steps.Best.Arguments.PrimaryContainer.Environment.THIRD['Std:Join'].Values[3], { Get: 'Steps.Tune.TrainingJobSummaries[2].TrainingJobName' });
});

test('tuning: with the default (per-execution) output, the top model reads the tuning job\'s own output path', () => {
  const steps = compiledSteps(spec('', `  Best:
    kind: model
    image: ${IMAGE}
    modelData: \${steps.Tune.models.1}
`));
  assert.deepEqual(steps.Best.Arguments.PrimaryContainer.ModelDataUrl, { 'Std:Join': { On: '/', Values: [{ Get: 'Steps.Tune.TrainingJobDefinition.OutputDataConfig.S3OutputPath' }, { Get: 'Steps.Tune.TrainingJobSummaries[1].TrainingJobName' }, 'output/model.tar.gz'] } });
});

test('tuning: arguments: merges raw CreateHyperParameterTuningJob members into what the fields write', () => {
  const a = compiledSteps(spec('', '    arguments: { HyperParameterTuningJobConfig: { TuningJobCompletionCriteria: { TargetObjectiveMetricValue: 0.05 } } }\n')).Tune.Arguments;
  assert.deepEqual(a.HyperParameterTuningJobConfig.TuningJobCompletionCriteria, { TargetObjectiveMetricValue: 0.05 });
  assert.equal(a.HyperParameterTuningJobConfig.Strategy, 'Bayesian', 'the fields\' members stay');
});

const errors: ErrorCase[] = [
  { name: 'a member the training definition lacks, through arguments', spec: spec('', '    arguments: { TrainingJobDefinition: { Bogus: 1 } }\n'), expect: [{ code: 'SMP8001', at: 'Bogus' }] },
  { name: 'a tuned hyperparameter also fixed', spec: spec('      hyperparameters: { lr: 0.1 }\n', ''), expect: [{ code: 'SMP2010', at: 'lr: 0.1' }] },
  { name: 'an integer range with fractions', spec: spec('', '').replace('type: continuous, min: 0.001', 'type: integer, min: 0.05'), expect: [{ code: 'SMP2010', at: '0.05' }, { code: 'SMP2010', at: '0.1 }' }] },
  { name: 'a range whose min is above its max', spec: spec('', '').replace('min: 0.001', 'min: 0.5'), expect: [{ code: 'SMP2010', at: '0.5' }] },
  { name: 'objective not among the training metrics', spec: spec('      metrics: { "val:acc": "acc=([0-9.]+)" }\n', ''), expect: [{ code: 'SMP3021', at: '"val:loss"' }] },
  { name: 'tags inside the training definition (they go on the tuning job)', spec: spec('      tags: { a: b }\n', ''), expect: [{ code: 'SMP2001', at: 'tags: { a: b }' }] },
  { name: 'a strategy the API does not know', spec: spec('', '    strategy: Genetic\n'), expect: [{ code: 'SMP2004', at: 'Genetic' }] },
  { name: 'no ranges', spec: spec('', '').replace(/ {4}ranges:\n.*\n/, '    ranges: {}\n'), expect: [{ code: 'SMP2005', at: '{}' }] },
  { name: 'top model 50', spec: spec('', '  F:\n    kind: fail\n    message: "${steps.Tune.models.50}"\n'), expect: [{ code: 'SMP3020', at: '${steps.Tune.models.50}' }] },
  { name: 'a list-response path that does not exist', spec: spec('', '  F:\n    kind: fail\n    message: "${steps.Tune.properties.TrainingJobSummaries[0].Bogus}"\n'), expect: [{ code: 'SMP3008', at: '${steps.Tune.properties.TrainingJobSummaries[0].Bogus}' }] },
];

for (const c of errors) test(`tuning error: ${c.name}`, () => runErrors(c));
