import { test } from 'node:test';
import { HEADER, runErrors, runOk, type ErrorCase, type OkCase } from './harness.js';

const ARN = 'arn:aws:lambda:us-east-1:111122223333:function:deploy-endpoint';

const ok: OkCase[] = [
  {
    name: 'a literal ARN, inputs with expressions, typed outputs, explicit cache',
    spec: `${HEADER}parameters:
  EndpointName: { type: string, default: llama3-dpo }
steps:
  Deploy:
    kind: lambda
    function: ${ARN}
    inputs:
      endpoint_name: \${params.EndpointName}
      instance_type: ml.g5.12xlarge
      run: run-\${execution.pipelineName}
    outputs: { statusCode: string, endpointArn: string, replicas: integer }
    cache: P1D
`,
    steps: {
      Deploy: {
        Name: 'Deploy',
        Type: 'Lambda',
        Arguments: {
          endpoint_name: { Get: 'Parameters.EndpointName' },
          instance_type: 'ml.g5.12xlarge',
          run: { 'Std:Join': { On: '', Values: ['run-', { Get: 'Execution.PipelineName' }] } },
        },
        CacheConfig: { Enabled: true, ExpireAfter: 'P1D' },
        FunctionArn: ARN,
        OutputParameters: [
          { OutputName: 'statusCode', OutputType: 'String' },
          { OutputName: 'endpointArn', OutputType: 'String' },
          { OutputName: 'replicas', OutputType: 'Integer' },
        ],
      },
    },
  },
  {
    name: 'the ARN from a var (an alias qualifier too); outputs read by another lambda',
    spec: `${HEADER.replace('vars:\n', `vars:\n  fnArn: ${ARN}:live\n`)}steps:
  Check:
    kind: lambda
    function: \${vars.fnArn}
    outputs: { healthy: boolean }
  Report:
    kind: lambda
    function: ${ARN}
    inputs: { healthy: "\${steps.Check.outputs.healthy}", note: "healthy=\${steps.Check.outputs.healthy}" }
`,
    steps: {
      Check: {
        Name: 'Check',
        Type: 'Lambda',
        Arguments: {},
        FunctionArn: `${ARN}:live`,
        OutputParameters: [{ OutputName: 'healthy', OutputType: 'Boolean' }],
      },
      Report: {
        Name: 'Report',
        Type: 'Lambda',
        Arguments: {
          healthy: { Get: "Steps.Check.OutputParameters['healthy']" },
          note: { 'Std:Join': { On: '', Values: ['healthy=', { Get: "Steps.Check.OutputParameters['healthy']" }] } },
        },
        FunctionArn: ARN,
        OutputParameters: [],
      },
    },
  },
];

const errors: ErrorCase[] = [
  {
    name: 'a run-time function ARN',
    spec: `${HEADER}parameters:
  Fn: { type: string, default: ${ARN} }
steps:
  Deploy:
    kind: lambda
    function: \${params.Fn}
`,
    expect: [{ code: 'SMP3011', at: '${params.Fn}' }],
  },
  {
    name: 'not a Lambda ARN',
    spec: `${HEADER}steps:
  Deploy:
    kind: lambda
    function: deploy-endpoint
`,
    expect: [{ code: 'SMP2004', at: 'deploy-endpoint' }],
  },
  {
    name: 'retry on a lambda step',
    spec: `${HEADER}steps:
  Deploy:
    kind: lambda
    function: ${ARN}
    retry: [{ on: [Step.THROTTLING], attempts: 2 }]
`,
    expect: [{ code: 'SMP5005', at: 'retry:' }],
  },
  {
    name: 'an output name that cannot be a property path, and a lambda reading itself',
    spec: `${HEADER}steps:
  Deploy:
    kind: lambda
    function: ${ARN}
    outputs: { "it's": string }
  Self:
    kind: lambda
    function: ${ARN}
    inputs: { me: "\${steps.Self.outputs.x}" }
    outputs: { x: string }
`,
    expect: [
      { code: 'SMP2004', at: '"it\'s"' },
      { code: 'SMP3012', at: '${steps.Self.outputs.x}' },
    ],
  },
];

for (const c of ok) test(`lambda ok: ${c.name}`, () => runOk(c));
for (const c of errors) test(`lambda error: ${c.name}`, () => runErrors(c));
