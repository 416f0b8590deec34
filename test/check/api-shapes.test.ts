import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatProblem } from '../../src/diagnostics/messages.js';
import { checkRequestShape, type ExprType, resolvePropertyPath, type ShapeFinding } from '../../src/check/api-shapes/check.js';
import { shapeFile } from '../../src/check/api-shapes/load.js';
import { LIMITS } from '../../src/check/api-shapes/ranges.js';

type Json = Record<string, unknown>;
type Path = (string | number)[];

/** Expression types by the text of `Get` (Std:JsonGet reads a float metric). */
const GET_TYPES: Record<string, ExprType> = {
  'Parameters.InstanceType': 'string',
  'Parameters.InstanceCount': 'integer',
  'Parameters.Beta': 'float',
  'Parameters.LoadIn4Bit': 'boolean',
  'Steps.Prep.ProcessingOutputConfig.Outputs[\'train\'].S3Output.S3Uri': 'string',
  'Execution.PipelineExecutionId': 'any',
};
const exprType = (expr: Json): ExprType => ('Std:JsonGet' in expr ? 'float' : (GET_TYPES[String(expr.Get)] ?? 'any'));

const ROLE = 'arn:aws:iam::111122223333:role/SageMakerExecution';
const IMAGE = '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.3.0-gpu-py311';

const training = (): Json => ({
  AlgorithmSpecification: { TrainingImage: IMAGE, TrainingInputMode: 'File', MetricDefinitions: [{ Name: 'eval:loss', Regex: 'eval_loss=([0-9.]+)' }] },
  OutputDataConfig: { S3OutputPath: 's3://bucket/train/output' },
  ResourceConfig: { InstanceType: 'ml.g5.48xlarge', InstanceCount: 1, VolumeSizeInGB: 500 },
  RoleArn: ROLE,
  StoppingCondition: { MaxRuntimeInSeconds: 86400 },
  HyperParameters: { beta: '0.1', sagemaker_program: 'train_dpo.py', lora_r: { 'Std:Join': { On: '', Values: [{ Get: 'Parameters.Beta' }] } } },
  InputDataConfig: [{
    ChannelName: 'train',
    DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: { Get: 'Steps.Prep.ProcessingOutputConfig.Outputs[\'train\'].S3Output.S3Uri' }, S3DataDistributionType: 'FullyReplicated' } },
  }],
  Environment: { LOAD_IN_4BIT: 'false' },
  Tags: [{ Key: 'project', Value: 'llama3-dpo' }],
});

const processing = (): Json => ({
  ProcessingResources: { ClusterConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 } },
  AppSpecification: { ImageUri: IMAGE, ContainerEntrypoint: ['/bin/bash', '/opt/ml/processing/input/entrypoint/runproc.sh'], ContainerArguments: ['--split', 'train'] },
  RoleArn: ROLE,
  ProcessingInputs: [{ InputName: 'code', AppManaged: false, S3Input: { S3Uri: 's3://bucket/code.tar.gz', LocalPath: '/opt/ml/processing/input/code', S3DataType: 'S3Prefix', S3InputMode: 'File', S3DataDistributionType: 'FullyReplicated' } }],
  ProcessingOutputConfig: { Outputs: [{ OutputName: 'evaluation', AppManaged: false, S3Output: { S3Uri: 's3://bucket/eval', LocalPath: '/opt/ml/processing/evaluation', S3UploadMode: 'EndOfJob' } }] },
  StoppingCondition: { MaxRuntimeInSeconds: 3600 },
  Environment: { HF_HUB_OFFLINE: '1' },
});

const endpointConfig = (): Json => ({
  EndpointConfigName: 'llama3-dpo-config',
  ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'llama3-dpo', InstanceType: 'ml.g5.12xlarge', InitialInstanceCount: 1, InitialVariantWeight: 1, ModelDataDownloadTimeoutInSeconds: 1200, ContainerStartupHealthCheckTimeoutInSeconds: 600 }],
});

const labeling = (): Json => ({
  LabelAttributeName: 'preference',
  RoleArn: ROLE,
  InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: 's3://bucket/manifest.jsonl' } } },
  OutputConfig: { S3OutputPath: 's3://bucket/labels' },
  HumanTaskConfig: {
    WorkteamArn: 'arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/rankers',
    UiConfig: { UiTemplateS3Uri: 's3://bucket/template.liquid.html' },
    TaskTitle: 'Rank the answers', TaskDescription: 'Rank three answers by helpfulness',
    NumberOfHumanWorkersPerDataObject: 3, TaskTimeLimitInSeconds: 600, TaskAvailabilityLifetimeInSeconds: 86400, MaxConcurrentTaskCount: 100,
  },
});

/** A copy of `base` with the value at `path` replaced (undefined deletes it). */
function edit(base: Json, path: Path, value: unknown): Json {
  const copy = structuredClone(base);
  let node: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

const ROOTS = {
  training: { root: 'CreateTrainingJobRequest', base: training, omit: ['TrainingJobName'] },
  processing: { root: 'CreateProcessingJobRequest', base: processing, omit: ['ProcessingJobName'] },
  endpointConfig: { root: 'CreateEndpointConfigInput', base: endpointConfig, omit: [] },
  labeling: { root: 'CreateLabelingJobRequest', base: labeling, omit: ['LabelingJobName'] },
} as const;

interface Case {
  name: string;
  kind: keyof typeof ROOTS;
  edits?: [Path, unknown][];
  omit?: string[];
  expect: [ShapeFinding['code'], Path][];
  /** Text the hint of the first finding must mention (the did-you-mean feature). */
  hintMentions?: string;
}

const long = (n: number): string => 'x'.repeat(n);
const instanceCountPath = ['ProcessingResources', 'ClusterConfig', 'InstanceCount'];

const CASES: Case[] = [
  { name: 'valid CreateTrainingJob arguments pass', kind: 'training', expect: [] },
  { name: 'valid CreateProcessingJob arguments pass', kind: 'processing', expect: [] },
  { name: 'valid CreateEndpointConfig arguments pass', kind: 'endpointConfig', expect: [] },
  { name: 'valid CreateLabelingJob arguments pass', kind: 'labeling', expect: [] },
  // SMP8001 unknown fields
  { name: 'unknown field with a did-you-mean hint', kind: 'training', edits: [[['ResourceConfig', 'InstanceCont'], 2]], expect: [['SMP8001', ['ResourceConfig', 'InstanceCont']]], hintMentions: 'InstanceCount' },
  { name: 'wrong case of a field', kind: 'processing', edits: [[['roleArn'], ROLE], [['RoleArn'], undefined]], expect: [['SMP8001', ['roleArn']], ['SMP8002', []]], hintMentions: 'RoleArn' },
  { name: 'unknown top-level field', kind: 'training', edits: [[['Hyperparameters'], {}]], expect: [['SMP8001', ['Hyperparameters']]], hintMentions: 'HyperParameters' },
  // SMP8002 missing required fields
  { name: 'missing RoleArn', kind: 'training', edits: [[['RoleArn'], undefined]], expect: [['SMP8002', []]] },
  { name: 'missing nested required field', kind: 'processing', edits: [[['ProcessingOutputConfig', 'Outputs', 0, 'S3Output', 'S3UploadMode'], undefined]], expect: [['SMP8002', ['ProcessingOutputConfig', 'Outputs', 0, 'S3Output']]] },
  // SMP8003 enums
  { name: 'bad instance type with a close-value hint', kind: 'training', edits: [[['ResourceConfig', 'InstanceType'], 'ml.g5.49xlarge']], expect: [['SMP8003', ['ResourceConfig', 'InstanceType']]], hintMentions: 'ml.g5.48xlarge' },
  { name: 'training-only instance type on an endpoint', kind: 'endpointConfig', edits: [[['ProductionVariants', 0, 'InstanceType'], 'ml.g5.49xlarge']], expect: [['SMP8003', ['ProductionVariants', 0, 'InstanceType']]], hintMentions: 'ml.g5.48xlarge' },
  { name: 'bad input mode', kind: 'training', edits: [[['AlgorithmSpecification', 'TrainingInputMode'], 'file']], expect: [['SMP8003', ['AlgorithmSpecification', 'TrainingInputMode']]], hintMentions: 'File' },
  // SMP8004 ranges, lengths, counts
  { name: 'processing InstanceCount 0', kind: 'processing', edits: [[instanceCountPath, 0]], expect: [['SMP8004', instanceCountPath]] },
  { name: 'processing InstanceCount 101', kind: 'processing', edits: [[instanceCountPath, 101]], expect: [['SMP8004', instanceCountPath]] },
  { name: 'training InstanceCount 0 is allowed (heterogeneous clusters)', kind: 'training', edits: [[['ResourceConfig', 'InstanceCount'], 0]], expect: [] },
  { name: 'MaxRuntimeInSeconds 0', kind: 'training', edits: [[['StoppingCondition', 'MaxRuntimeInSeconds'], 0]], expect: [['SMP8004', ['StoppingCondition', 'MaxRuntimeInSeconds']]] },
  { name: 'container argument over 256 characters', kind: 'processing', edits: [[['AppSpecification', 'ContainerArguments', 1], long(257)]], expect: [['SMP8004', ['AppSpecification', 'ContainerArguments', 1]]] },
  { name: 'empty container arguments', kind: 'processing', edits: [[['AppSpecification', 'ContainerArguments'], []]], expect: [['SMP8004', ['AppSpecification', 'ContainerArguments']]] },
  { name: 'processing environment value over 256', kind: 'processing', edits: [[['Environment', 'HF_HUB_OFFLINE'], long(257)]], expect: [['SMP8004', ['Environment', 'HF_HUB_OFFLINE']]] },
  { name: 'training environment value of 512 is allowed', kind: 'training', edits: [[['Environment', 'LOAD_IN_4BIT'], long(512)]], expect: [] },
  { name: 'training environment value over 512', kind: 'training', edits: [[['Environment', 'LOAD_IN_4BIT'], long(513)]], expect: [['SMP8004', ['Environment', 'LOAD_IN_4BIT']]] },
  { name: 'hyperparameter value over 2500', kind: 'training', edits: [[['HyperParameters', 'beta'], long(2501)]], expect: [['SMP8004', ['HyperParameters', 'beta']]] },
  { name: 'hyperparameter key over 256', kind: 'training', edits: [[['HyperParameters', long(257)], '1']], expect: [['SMP8004', ['HyperParameters', long(257)]]] },
  { name: '51 tags', kind: 'training', edits: [[['Tags'], Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }))]], expect: [['SMP8004', ['Tags']]] },
  { name: 'metric regex over 500', kind: 'training', edits: [[['AlgorithmSpecification', 'MetricDefinitions', 0, 'Regex'], long(501)]], expect: [['SMP8004', ['AlgorithmSpecification', 'MetricDefinitions', 0, 'Regex']]] },
  { name: 'no production variants', kind: 'endpointConfig', edits: [[['ProductionVariants'], []]], expect: [['SMP8004', ['ProductionVariants']]] },
  { name: 'model download timeout under 60', kind: 'endpointConfig', edits: [[['ProductionVariants', 0, 'ModelDataDownloadTimeoutInSeconds'], 30]], expect: [['SMP8004', ['ProductionVariants', 0, 'ModelDataDownloadTimeoutInSeconds']]] },
  { name: 'ten workers per object', kind: 'labeling', edits: [[['HumanTaskConfig', 'NumberOfHumanWorkersPerDataObject'], 10]], expect: [['SMP8004', ['HumanTaskConfig', 'NumberOfHumanWorkersPerDataObject']]] },
  { name: 'task time limit under 30 s', kind: 'labeling', edits: [[['HumanTaskConfig', 'TaskTimeLimitInSeconds'], 29]], expect: [['SMP8004', ['HumanTaskConfig', 'TaskTimeLimitInSeconds']]] },
  // SMP8005 JSON types
  { name: 'string where an integer is expected', kind: 'training', edits: [[['ResourceConfig', 'VolumeSizeInGB'], '500']], expect: [['SMP8005', ['ResourceConfig', 'VolumeSizeInGB']]] },
  { name: 'fraction where an integer is expected', kind: 'training', edits: [[['ResourceConfig', 'InstanceCount'], 1.5]], expect: [['SMP8005', ['ResourceConfig', 'InstanceCount']]] },
  { name: 'fraction where a float is expected', kind: 'endpointConfig', edits: [[['ProductionVariants', 0, 'InitialVariantWeight'], 0.5]], expect: [] },
  { name: 'number where a string is expected (hyperparameters are strings)', kind: 'training', edits: [[['HyperParameters', 'beta'], 0.1]], expect: [['SMP8005', ['HyperParameters', 'beta']]] },
  { name: 'string where a boolean is expected', kind: 'training', edits: [[['EnableNetworkIsolation'], 'true']], expect: [['SMP8005', ['EnableNetworkIsolation']]] },
  { name: 'object where a list is expected', kind: 'training', edits: [[['InputDataConfig'], {}]], expect: [['SMP8005', ['InputDataConfig']]] },
  { name: 'null value', kind: 'training', edits: [[['OutputDataConfig', 'S3OutputPath'], null]], expect: [['SMP8005', ['OutputDataConfig', 'S3OutputPath']]] },
  // expressions
  { name: 'string parameter as an integer', kind: 'training', edits: [[['ResourceConfig', 'InstanceCount'], { Get: 'Parameters.InstanceType' }]], expect: [['SMP8005', ['ResourceConfig', 'InstanceCount']]] },
  { name: 'float parameter as an integer', kind: 'processing', edits: [[instanceCountPath, { Get: 'Parameters.Beta' }]], expect: [['SMP8005', instanceCountPath]] },
  { name: 'integer parameter as a string', kind: 'training', edits: [[['HyperParameters', 'beta'], { Get: 'Parameters.InstanceCount' }]], expect: [['SMP8005', ['HyperParameters', 'beta']]] },
  { name: 'JsonGet (float) as a boolean', kind: 'training', edits: [[['EnableManagedSpotTraining'], { 'Std:JsonGet': { PropertyFile: { Get: 'Steps.E.PropertyFiles.evaluation' }, Path: 'x' } }]], expect: [['SMP8005', ['EnableManagedSpotTraining']]] },
  { name: 'expression for a structure', kind: 'training', edits: [[['ResourceConfig'], { Get: 'Parameters.InstanceType' }]], expect: [['SMP8005', ['ResourceConfig']]] },
  { name: 'expression for a list', kind: 'processing', edits: [[['AppSpecification', 'ContainerArguments'], { 'Std:Join': { On: ' ', Values: ['a'] } }]], expect: [['SMP8005', ['AppSpecification', 'ContainerArguments']]] },
  { name: 'string parameter for an enum (value unknown until run time)', kind: 'training', edits: [[['ResourceConfig', 'InstanceType'], { Get: 'Parameters.InstanceType' }]], expect: [] },
  { name: 'integer parameter for an integer', kind: 'processing', edits: [[instanceCountPath, { Get: 'Parameters.InstanceCount' }]], expect: [] },
  { name: 'boolean parameter for a boolean', kind: 'training', edits: [[['EnableNetworkIsolation'], { Get: 'Parameters.LoadIn4Bit' }]], expect: [] },
  { name: 'untyped (any) expression in any scalar position', kind: 'training', edits: [[['ResourceConfig', 'VolumeSizeInGB'], { Get: 'Execution.PipelineExecutionId' }]], expect: [] },
  { name: 'Std:Join in a string position', kind: 'processing', edits: [[['AppSpecification', 'ContainerArguments', 1], { 'Std:Join': { On: '', Values: ['--beta=', { Get: 'Parameters.Beta' }] } }]], expect: [] },
  { name: 'Std:Join in an integer position', kind: 'training', edits: [[['StoppingCondition', 'MaxRuntimeInSeconds'], { 'Std:Join': { On: '', Values: ['1'] } }]], expect: [['SMP8005', ['StoppingCondition', 'MaxRuntimeInSeconds']]] },
  { name: 'an object with Get and another key is not an expression', kind: 'training', edits: [[['OutputDataConfig', 'S3OutputPath'], { Get: 'Parameters.X', Other: 1 }]], expect: [['SMP8005', ['OutputDataConfig', 'S3OutputPath']]] },
  // omit
  { name: 'a pipeline-supplied name is not allowed', kind: 'training', edits: [[['TrainingJobName'], 'job']], expect: [['SMP8001', ['TrainingJobName']]] },
  { name: 'without omit the job name is required', kind: 'training', omit: [], expect: [['SMP8002', []]] },
];

function run(c: Case): ShapeFinding[] {
  const { root, base, omit } = ROOTS[c.kind];
  const args = (c.edits ?? []).reduce((value, [path, v]) => edit(value, path, v), base());
  return checkRequestShape(root, args, { omit: c.omit ?? omit, exprType });
}

describe('checkRequestShape', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const findings = run(c);
      assert.deepEqual(findings.map((f) => [f.code, f.path]), c.expect);
      const hint = findings[0] && formatProblem(findings[0].problem).hint;
      if (c.hintMentions) assert.ok(hint?.includes(c.hintMentions), `hint: ${hint}`);
    });
  }

  it('throws for a shape that does not exist (a bug, not a user error)', () => {
    assert.throws(() => checkRequestShape('CreateTrainingJobRequst', {}, { exprType }));
  });

  it('a non-object root is one type error at the root', () => {
    assert.deepEqual(checkRequestShape('CreateModelInput', [], { exprType }).map((f) => [f.code, f.path]), [['SMP8005', []]]);
  });
});

type PathCase = [shape: string, path: string, expected: string | { hint?: string }];

const PATHS: PathCase[] = [
  ['DescribeProcessingJobResponse', "ProcessingOutputConfig.Outputs['evaluation'].S3Output.S3Uri", 'string'],
  ['DescribeProcessingJobResponse', 'ProcessingOutputConfig.Outputs[0].S3Output.S3Uri', 'string'],
  ['DescribeProcessingJobResponse', 'ProcessingOutputConfig.Outputs["evaluation"].S3Output', 'structure'],
  ['DescribeProcessingJobResponse', 'ProcessingResources.ClusterConfig.InstanceCount', 'integer'],
  ['DescribeProcessingJobResponse', "ProcessingOutputConfig.Output['evaluation'].S3Output.S3Uri", { hint: 'Outputs' }],
  ['DescribeProcessingJobResponse', 'ProcessingOutputConfig.Outputs.S3Output', { hint: '[0]' }],
  ['DescribeTrainingJobResponse', 'ModelArtifacts.S3ModelArtifacts', 'string'],
  ['DescribeTrainingJobResponse', "FinalMetricDataList['eval:loss'].Value", 'float'],
  ['DescribeTrainingJobResponse', 'FinalMetricDataList', 'list'],
  ['DescribeTrainingJobResponse', "HyperParameters['beta']", 'string'],
  ['DescribeTrainingJobResponse', 'HyperParameters', 'map'],
  ['DescribeTrainingJobResponse', 'TrainingJobStatus', 'string'],
  ['DescribeTrainingJobResponse', 'EnableManagedSpotTraining', 'boolean'],
  ['DescribeTrainingJobResponse', 'ModelArtifacts.S3ModelArtifact', { hint: 'S3ModelArtifacts' }],
  ['DescribeTrainingJobResponse', 'HyperParameters[0]', {}],
  ['DescribeTrainingJobResponse', 'TrainingJobName[0]', {}],
  ['DescribeTrainingJobResponse', 'TrainingJobName.Length', {}],
  ['DescribeTrainingJobResponse', 'VpcConfig.Subnets[0]', 'string'],
  ['DescribeTrainingJobResponse', "VpcConfig.Subnets['a']", {}],
  ['DescribeModelOutput', 'ModelArn', 'string'],
  ['DescribeModelOutput', 'PrimaryContainer.Image', 'string'],
  ['DescribeModelPackageOutput', 'ModelPackageArn', 'string'],
  ['DescribeModelPackageOutput', 'ModelPackageARN', { hint: 'ModelPackageArn' }],
  ['DescribeEndpointConfigOutput', 'EndpointConfigName', 'string'],
  ['DescribeEndpointConfigOutput', 'ProductionVariants[0].InstanceType', 'string'],
  ['DescribeEndpointConfigOutput', 'EndPointConfigName', { hint: 'EndpointConfigName' }],
  ['DescribeEndpointOutput', 'EndpointArn', 'string'],
  ['DescribeLabelingJobResponse', 'LabelingJobOutput.OutputDatasetS3Uri', 'string'],
  ['DescribeTransformJobResponse', 'TransformOutput.S3OutputPath', 'string'],
  ['DescribeTrainingJobResponse', '', {}],
  ['DescribeTrainingJobResponse', 'ModelArtifacts..S3ModelArtifacts', {}],
  ['DescribeTrainingJobResponse', '.ModelArtifacts', {}],
  ['DescribeTrainingJobResponse', "FinalMetricDataList['eval:loss'", {}],
];

describe('resolvePropertyPath', () => {
  for (const [shape, path, expected] of PATHS) {
    it(`${shape}: ${path || '(empty)'}`, () => {
      const result = resolvePropertyPath(shape, path);
      if (typeof expected === 'string') return assert.deepEqual(result, { ok: true, type: expected });
      assert.equal(result.ok, false);
      if (expected.hint && !result.ok) assert.ok(result.hint?.includes(expected.hint), `hint: ${result.hint}`);
    });
  }
});

describe('ranges table', () => {
  const SCALAR_LIMITS = ['integer', 'min', 'max', 'minLength', 'maxLength'];
  for (const [key, limit] of Object.entries(LIMITS)) {
    it(`${key} names a member of a generated shape, of a kind the limit fits`, () => {
      const [structure, member] = key.split('.') as [string, string];
      const shape = shapeFile().shapes[structure];
      assert.ok(shape?.type === 'structure', `${structure} is not a generated structure`);
      const ref = shape.members[member];
      assert.ok(ref, `${structure} has no member ${member}`);
      const isContainer = ref.startsWith('list<') || ref.startsWith('map<');
      const countsOrNested = ['minItems', 'maxItems', 'items', 'keys', 'values'].some((k) => k in limit);
      assert.equal(countsOrNested, isContainer, `${key}: item limits need a list or map`);
      if ('min' in limit || 'integer' in limit) assert.equal(ref, 'number');
      if (!isContainer) assert.ok(Object.keys(limit).every((k) => SCALAR_LIMITS.includes(k)));
    });
  }
});
