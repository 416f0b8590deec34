import { test } from 'node:test';
import { HEADER, runErrors, runOk, type ErrorCase, type OkCase } from './harness.js';

const CONFIG = `  Config:
    kind: endpoint-config
    variants: [{ model: m, instanceType: ml.m5.xlarge }]
`;

const ok: OkCase[] = [
  {
    name: 'a fixed endpoint name, the config from an endpoint-config step, tags; defaults.cache does not apply',
    spec: `${HEADER.replace('defaults:\n', 'defaults:\n  cache: P30D\n  tags: { team: ml }\n')}steps:
${CONFIG}  Deploy:
    kind: endpoint
    name: llama3-dpo
    config: \${steps.Config.name}
    tags: { stage: prod }
  Announce:
    kind: fail
    message: "\${steps.Deploy.name} \${steps.Deploy.arn} \${steps.Deploy.properties.EndpointStatus}"
`,
    steps: {
      Deploy: {
        Name: 'Deploy',
        Type: 'Endpoint',
        Arguments: {
          EndpointName: 'llama3-dpo',
          EndpointConfigName: { Get: 'Steps.Config.EndpointConfigName' },
          Tags: [{ Key: 'team', Value: 'ml' }, { Key: 'stage', Value: 'prod' }],
        },
      },
      Announce: {
        Name: 'Announce',
        Type: 'Fail',
        Arguments: {
          ErrorMessage: {
            'Std:Join': {
              On: '',
              Values: [{ Get: 'Steps.Deploy.EndpointName' }, ' ', { Get: 'Steps.Deploy.EndpointArn' }, ' ', { Get: 'Steps.Deploy.EndpointStatus' }],
            },
          },
        },
      },
    },
  },
  {
    name: 'the endpoint name from a parameter, the config name from a var',
    spec: `${HEADER.replace('vars:\n', 'vars:\n  configName: shared-config\n')}parameters:
  EndpointName: { type: string, default: llama3-dpo }
steps:
  Deploy:
    kind: endpoint
    name: \${params.EndpointName}
    config: \${vars.configName}
    cache: false
`,
    steps: {
      Deploy: {
        Name: 'Deploy',
        Type: 'Endpoint',
        Arguments: { EndpointName: { Get: 'Parameters.EndpointName' }, EndpointConfigName: 'shared-config' },
      },
    },
  },
];

const errors: ErrorCase[] = [
  {
    name: 'an endpoint name SageMaker rejects',
    spec: `${HEADER}steps:
${CONFIG}  Deploy:
    kind: endpoint
    name: llama3_dpo
    config: \${steps.Config.name}
`,
    expect: [{ code: 'SMP2004', at: 'llama3_dpo' }],
  },
  {
    name: 'retry on an endpoint step; DeploymentConfig through the escape hatch',
    spec: `${HEADER}steps:
${CONFIG}  Deploy:
    kind: endpoint
    name: llama3-dpo
    config: \${steps.Config.name}
    retry: standard
    arguments:
      DeploymentConfig: { BlueGreenUpdatePolicy: {} }
`,
    expect: [
      { code: 'SMP5005', at: 'retry:' },
      { code: 'SMP8001', at: 'DeploymentConfig' },
    ],
  },
  {
    name: 'no config; an unknown endpoint-config property',
    spec: `${HEADER}steps:
${CONFIG}  Deploy:
    kind: endpoint
    name: llama3-dpo
  Other:
    kind: endpoint
    name: llama3-other
    config: \${steps.Config.configName}
`,
    expect: [
      { code: 'SMP2002', at: 'Deploy:' },
      { code: 'SMP3013', at: '${steps.Config.configName}' },
    ],
  },
];

for (const c of ok) test(`endpoint ok: ${c.name}`, () => runOk(c));
for (const c of errors) test(`endpoint error: ${c.name}`, () => runErrors(c));
