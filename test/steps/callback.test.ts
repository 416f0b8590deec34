import { test } from 'node:test';
import { HEADER, runErrors, runOk, type ErrorCase, type OkCase } from './harness.js';

const ok: OkCase[] = [
  {
    name: 'queue from a parameter, inputs of every JSON type, typed outputs, default cache',
    spec: `${HEADER.replace('defaults:\n', 'defaults:\n  cache: P30D\n')}parameters:
  LabelingQueueUrl: { type: string, default: "https://sqs.us-east-1.amazonaws.com/111122223333/labeling" }
  Workers: { type: integer, default: 3 }
steps:
  Rank:
    kind: callback
    queue: \${params.LabelingQueueUrl}
    inputs:
      manifest: s3://table-bucket/manifests/\${execution.pipelineName}.jsonl
      workers: \${params.Workers}
      literal: 7
      flags: { ties: true, names: [a, b] }
    outputs:
      OutputManifestUri: string
      labeled: integer
      agreement: float
      complete: boolean
`,
    steps: {
      Rank: {
        Name: 'Rank',
        Type: 'Callback',
        Arguments: {
          manifest: { 'Std:Join': { On: '', Values: ['s3://table-bucket/manifests/', { Get: 'Execution.PipelineName' }, '.jsonl'] } },
          workers: { Get: 'Parameters.Workers' },
          literal: 7,
          flags: { ties: true, names: ['a', 'b'] },
        },
        CacheConfig: { Enabled: true, ExpireAfter: 'P30D' },
        SqsQueueUrl: { Get: 'Parameters.LabelingQueueUrl' },
        OutputParameters: [
          { OutputName: 'OutputManifestUri', OutputType: 'String' },
          { OutputName: 'labeled', OutputType: 'Integer' },
          { OutputName: 'agreement', OutputType: 'Float' },
          { OutputName: 'complete', OutputType: 'Boolean' },
        ],
      },
    },
  },
  {
    name: 'a literal queue and no inputs or outputs; outputs read downstream keep their types',
    spec: `${HEADER}steps:
  Rank:
    kind: callback
    queue: https://sqs.us-east-1.amazonaws.com/111122223333/labeling
    cache: false
  Approve:
    kind: callback
    queue: https://sqs.us-east-1.amazonaws.com/111122223333/approvals
    outputs: { approved: boolean, count: integer }
  Notify:
    kind: callback
    queue: https://sqs.us-east-1.amazonaws.com/111122223333/notify
    dependsOn: [Rank]
    inputs:
      approved: \${steps.Approve.outputs.approved}
      summary: "\${steps.Approve.outputs.count} items"
`,
    steps: {
      Rank: {
        Name: 'Rank',
        Type: 'Callback',
        Arguments: {},
        SqsQueueUrl: 'https://sqs.us-east-1.amazonaws.com/111122223333/labeling',
        OutputParameters: [],
      },
      Notify: {
        Name: 'Notify',
        Type: 'Callback',
        Arguments: {
          approved: { Get: "Steps.Approve.OutputParameters['approved']" },
          summary: { 'Std:Join': { On: '', Values: [{ Get: "Steps.Approve.OutputParameters['count']" }, ' items'] } },
        },
        DependsOn: ['Rank'],
        SqsQueueUrl: 'https://sqs.us-east-1.amazonaws.com/111122223333/notify',
        OutputParameters: [],
      },
    },
  },
];

const errors: ErrorCase[] = [
  {
    name: 'an unknown output type',
    spec: `${HEADER}steps:
  Rank:
    kind: callback
    queue: https://sqs.us-east-1.amazonaws.com/111122223333/labeling
    outputs: { manifest: uri }
`,
    expect: [{ code: 'SMP2004', at: 'uri' }],
  },
  {
    name: 'retry on a callback step',
    spec: `${HEADER}steps:
  Rank:
    kind: callback
    queue: https://sqs.us-east-1.amazonaws.com/111122223333/labeling
    retry: standard
`,
    expect: [{ code: 'SMP5005', at: 'retry:' }],
  },
  {
    name: 'a literal queue that is not https',
    spec: `${HEADER}steps:
  Rank:
    kind: callback
    queue: sqs://labeling
`,
    expect: [{ code: 'SMP2004', at: 'sqs://labeling' }],
  },
  {
    name: 'reading an undeclared output, and a property callbacks do not have',
    spec: `${HEADER}steps:
  Rank:
    kind: callback
    queue: https://sqs.us-east-1.amazonaws.com/111122223333/labeling
    outputs: { manifest: string }
  Next:
    kind: callback
    queue: https://sqs.us-east-1.amazonaws.com/111122223333/next
    inputs:
      a: \${steps.Rank.outputs.manifests}
      b: \${steps.Rank.properties.Status}
`,
    expect: [
      { code: 'SMP3006', at: '${steps.Rank.outputs.manifests}' },
      { code: 'SMP3013', at: '${steps.Rank.properties.Status}' },
    ],
  },
  {
    name: 'no queue',
    spec: `${HEADER}steps:
  Rank:
    kind: callback
    inputs: { a: 1 }
`,
    expect: [{ code: 'SMP2002', at: 'Rank:' }],
  },
];

for (const c of ok) test(`callback ok: ${c.name}`, () => runOk(c));
for (const c of errors) test(`callback error: ${c.name}`, () => runErrors(c));
