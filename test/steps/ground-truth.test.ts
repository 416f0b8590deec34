import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateDefinition } from '../../src/check/definition-schema/index.js';
import { compile } from '../../src/compile/compile.js';
import { HEADER, runErrors, stepsByName, type ErrorCase, type OkCase } from './harness.js';

const BASE = `    queue: https://sqs.us-east-1.amazonaws.com/111122223333/labeling
    manifest: s3://table-bucket/in/manifest.jsonl
    workteam: arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/team
    labelingRole: arn:aws:iam::111122223333:role/Labeling
    lambdas:
      preAnnotation: arn:aws:lambda:us-east-1:111122223333:function:pre
      consolidation: arn:aws:lambda:us-east-1:111122223333:function:post
    ranking: { dimension: Alignment, instructions: "Rank by Example Bank's values" }
`;

const step = (extra = '', name = 'Rank') => `  ${name}:\n    kind: ground-truth\n${BASE}${extra}`;

/** The worker UI asset's URI depends on the rendered bytes; the tables check it apart. */
const UI = 'UI';

const OUTPUT_PARAMETERS = [
  { OutputName: 'OutputManifestUri', OutputType: 'String' },
  { OutputName: 'LabelingJobArn', OutputType: 'String' },
];

function humanTask(overrides: Record<string, unknown> = {}) {
  return {
    WorkteamArn: 'arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/team',
    UiConfig: { UiTemplateS3Uri: UI },
    PreHumanTaskLambdaArn: 'arn:aws:lambda:us-east-1:111122223333:function:pre',
    TaskTitle: 'Rank the answers to a customer question',
    TaskDescription: 'Read a customer question and rank the assistant\'s answers from best to worst.',
    TaskKeywords: ['text ranking', 'preferences'],
    NumberOfHumanWorkersPerDataObject: 1,
    TaskTimeLimitInSeconds: 900,
    TaskAvailabilityLifetimeInSeconds: 864000,
    AnnotationConsolidationConfig: { AnnotationConsolidationLambdaArn: 'arn:aws:lambda:us-east-1:111122223333:function:post' },
    ...overrides,
  };
}

/**
 * runOk, with each worker UI URI checked (a content-addressed HTML asset of this compile) and
 * then replaced by UI: the URI's hash follows the rendered bytes, which the render goldens pin.
 */
function runOkUi(c: OkCase): void {
  const result = compile(c.spec, { file: 'table.yaml' });
  assert.deepEqual(result.diagnostics.map((d) => `${d.code} ${d.range?.start.line}:${d.range?.start.col} ${d.message}`), [], 'no diagnostics');
  assert.deepEqual(validateDefinition(result.definition), [], 'the pipeline definition schema accepts it');
  const assets = new Set(result.assets.map((a) => a.s3Uri));
  const masked = JSON.parse(JSON.stringify(stepsByName(result.definition)), (key, value) => {
    if (key !== 'UiTemplateS3Uri') return value;
    assert.match(String(value), /^s3:\/\/table-bucket\/smpipe\/assets\/[0-9a-f]{64}\/worker-ui\.liquid\.html$/);
    assert.ok(assets.has(value), 'the URI is one of the compile\'s assets');
    return UI;
  });
  for (const [name, expected] of Object.entries(c.steps)) assert.deepEqual(masked[name], expected, `step ${name}`);
}

const ok: OkCase[] = [
  {
    name: 'defaults: the same output prefix in every execution (labels/<step>), built-in UI, fixed outputs, cache from defaults, step tag',
    spec: `${HEADER.replace('defaults:\n', 'defaults:\n  cache: P30D\n  tags: { team: ml }\n')}steps:\n${step()}`,
    steps: {
      Rank: {
        Name: 'Rank',
        Type: 'Callback',
        Arguments: {
          LabelAttributeName: 'ranking',
          InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: 's3://table-bucket/in/manifest.jsonl' } } },
          OutputConfig: { S3OutputPath: 's3://table-bucket/smpipe/labels/Rank' },
          RoleArn: 'arn:aws:iam::111122223333:role/Labeling',
          HumanTaskConfig: humanTask(),
          Tags: [{ Key: 'team', Value: 'ml' }, { Key: 'smpipe:step', Value: 'Rank' }],
        },
        CacheConfig: { Enabled: true, ExpireAfter: 'P30D' },
        SqsQueueUrl: 'https://sqs.us-east-1.amazonaws.com/111122223333/labeling',
        OutputParameters: OUTPUT_PARAMETERS,
      },
    },
  },
  {
    name: 'the flagship shape: manifest joined to an upstream output, parameters, vars, values file, every task field, arguments merged last',
    spec: `${HEADER.replace('  roleArn:', '  queueUrl: https://sqs.us-east-1.amazonaws.com/111122223333/q\n  roleArn:')}parameters:
  Workers: { type: integer, default: 3 }
steps:
  Generate:
    kind: processing
    image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/gen:1
    instance: { type: ml.m5.xlarge }
    outputs: { manifest: {} }
  Rank:
    kind: ground-truth
    queue: \${vars.queueUrl}
    manifest: \${steps.Generate.outputs.manifest}/manifest.jsonl
    workteam: arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/team
    labelingRole: arn:aws:iam::111122223333:role/Labeling
    lambdas:
      preAnnotation: arn:aws:lambda:us-east-1:111122223333:function:pre
      consolidation: arn:aws:lambda:us-east-1:111122223333:function:post
    ranking: { dimension: Alignment, instructions: "Rank by Example Bank's values", allowTies: false }
    values: containers/generate/data/context.md
    task:
      title: Rank Example Bank's answers
      description: Rank four answers
      keywords: [ranking, Example Bank]
      workersPerItem: \${params.Workers}
      timeLimit: 600
      availabilityLifetime: 86400
      maxConcurrentTasks: 50
    labelAttribute: example-bank-ranking
    output: s3://table-bucket/labels
    tags: { purpose: dpo }
    cache: false
    arguments:
      StoppingConditions: { MaxPercentageOfInputDatasetLabeled: 100 }
  Build:
    kind: callback
    queue: https://sqs.us-east-1.amazonaws.com/111122223333/next
    inputs: { manifest: "\${steps.Rank.outputs.OutputManifestUri}", job: "\${steps.Rank.outputs.LabelingJobArn}" }
`,
    steps: {
      Rank: {
        Name: 'Rank',
        Type: 'Callback',
        Arguments: {
          LabelAttributeName: 'example-bank-ranking',
          InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: { 'Std:Join': { On: '', Values: [{ Get: "Steps.Generate.ProcessingOutputConfig.Outputs['manifest'].S3Output.S3Uri" }, '/manifest.jsonl'] } } } } },
          OutputConfig: { S3OutputPath: 's3://table-bucket/labels' },
          RoleArn: 'arn:aws:iam::111122223333:role/Labeling',
          HumanTaskConfig: humanTask({
            TaskTitle: "Rank Example Bank's answers",
            TaskDescription: 'Rank four answers',
            TaskKeywords: ['ranking', 'Example Bank'],
            NumberOfHumanWorkersPerDataObject: { Get: 'Parameters.Workers' },
            TaskTimeLimitInSeconds: 600,
            TaskAvailabilityLifetimeInSeconds: 86400,
            MaxConcurrentTaskCount: 50,
          }),
          Tags: [{ Key: 'purpose', Value: 'dpo' }, { Key: 'smpipe:step', Value: 'Rank' }],
          StoppingConditions: { MaxPercentageOfInputDatasetLabeled: 100 },
        },
        SqsQueueUrl: 'https://sqs.us-east-1.amazonaws.com/111122223333/q',
        OutputParameters: OUTPUT_PARAMETERS,
      },
      Build: {
        Name: 'Build',
        Type: 'Callback',
        Arguments: {
          manifest: { Get: "Steps.Rank.OutputParameters['OutputManifestUri']" },
          job: { Get: "Steps.Rank.OutputParameters['LabelingJobArn']" },
        },
        SqsQueueUrl: 'https://sqs.us-east-1.amazonaws.com/111122223333/next',
        OutputParameters: [],
      },
    },
  },
];

const errors: ErrorCase[] = [
  {
    name: 'no ranking and no lambdas',
    spec: `${HEADER}steps:\n  Rank:\n    kind: ground-truth\n${BASE.split('\n').filter((l) => !/lambdas|preAnnotation|consolidation|ranking/.test(l)).join('\n')}`,
    expect: [{ code: 'SMP2002', at: 'Rank:' }, { code: 'SMP2002', at: 'Rank:' }],
  },
  {
    name: 'a label attribute Ground Truth rejects',
    spec: `${HEADER}steps:\n${step('    labelAttribute: ranking-metadata\n')}`,
    expect: [{ code: 'SMP2004', at: 'ranking-metadata' }],
  },
  {
    name: 'schema: a keyword with punctuation, workers out of range',
    spec: `${HEADER}steps:\n${step('    task: { keywords: ["ranking!"], workersPerItem: 12 }\n')}`,
    expect: [{ code: 'SMP2004', at: '"ranking!"' }, { code: 'SMP2005', at: '12', after: 'workersPerItem' }],
  },
  {
    name: 'values and template files that do not exist',
    spec: `${HEADER}steps:\n${step('    values: no/such/values.md\n    template: no/such/ui.hbs\n')}`,
    expect: [{ code: 'SMP6003', at: 'no/such/values.md' }, { code: 'SMP6003', at: 'no/such/ui.hbs' }],
  },
  {
    name: 'a template handlebars cannot render',
    spec: `${HEADER}steps:\n${step('    template: test/render/fixtures/broken.hbs\n')}`,
    expect: [{ code: 'SMP2004', at: 'test/render/fixtures/broken.hbs' }],
  },
  {
    name: 'run-time values where the worker UI needs compile-time text',
    spec: `${HEADER}parameters:\n  Dim: { type: string, default: Alignment }\nsteps:\n${step().replace('dimension: Alignment', 'dimension: "${params.Dim}"')}`,
    expect: [{ code: 'SMP3011', at: '${params.Dim}' }],
  },
  {
    name: 'retry on the callback step, a literal queue and manifest of the wrong form',
    spec: `${HEADER}steps:\n${step('    retry: standard\n').replace('https://sqs.us-east-1.amazonaws.com/111122223333/labeling', 'sqs://labeling').replace('s3://table-bucket/in/manifest.jsonl', 'table-bucket/in/manifest.jsonl')}`,
    expect: [
      { code: 'SMP5005', at: 'retry:' },
      { code: 'SMP2004', at: 'sqs://labeling' },
      { code: 'SMP6006', at: 'table-bucket/in/manifest.jsonl' },
    ],
  },
  {
    name: 'CreateLabelingJob checks: a title over 128 characters, an unknown field in arguments',
    spec: `${HEADER}steps:\n${step(`    task: { title: ${'x'.repeat(129)} }\n    arguments: { HumanTaskConfig: { Bogus: 1 } }\n`)}`,
    expect: [{ code: 'SMP8004', at: 'x'.repeat(129) }, { code: 'SMP8001', at: 'Bogus' }],
  },
  {
    name: 'an output the kind does not have, and a property callbacks do not expose',
    spec: `${HEADER}steps:\n${step()}  Next:\n    kind: callback\n    queue: https://sqs.us-east-1.amazonaws.com/111122223333/next\n    inputs: { a: "\${steps.Rank.outputs.Manifest}", b: "\${steps.Rank.properties.LabelingJobArn}" }\n`,
    expect: [{ code: 'SMP3006', at: '${steps.Rank.outputs.Manifest}' }, { code: 'SMP3013', at: '${steps.Rank.properties.LabelingJobArn}' }],
  },
];

for (const c of ok) test(`ground-truth ok: ${c.name}`, () => runOkUi(c));
for (const c of errors) test(`ground-truth error: ${c.name}`, () => runErrors(c));

test('ground-truth: the worker UI is a content-addressed asset that changes only with what it shows', () => {
  const spec = (instructions: string) => `${HEADER}steps:\n${step().replace("Rank by Example Bank's values", instructions)}`;
  const uri = (text: string) => compile(text, { file: 'table.yaml' }).assets.map((a) => a.s3Uri);
  assert.deepEqual(uri(spec('A')), uri(spec('A')));
  assert.notDeepEqual(uri(spec('A')), uri(spec('B')));
  const asset = compile(spec('A'), { file: 'table.yaml' }).assets[0];
  assert.ok(asset?.bytes.toString('utf8').includes('<crowd-text-ranking'));
});
