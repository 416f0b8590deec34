import { test } from 'node:test';
import { HEADER, runErrors, runOk, type ErrorCase, type OkCase } from './harness.js';

const EXECUTION_ID = { Get: 'Execution.PipelineExecutionId' };
const KMS = 'defaults:\n  kms: { volume: alias/volume }\n';

const ok: OkCase[] = [
  {
    name: 'one variant with the defaults; the name is the step name (mapped) plus the execution id; defaults.cache does not apply',
    spec: `${HEADER.replace('defaults:\n', 'defaults:\n  cache: P30D\n  retry: standard\n')}steps:
  Endpoint_Config:
    kind: endpoint-config
    variants:
      - { model: llama3-model, instanceType: ml.g5.12xlarge }
`,
    steps: {
      Endpoint_Config: {
        Name: 'Endpoint_Config',
        Type: 'EndpointConfig',
        Arguments: {
          EndpointConfigName: { 'Std:Join': { On: '-', Values: ['Endpoint-Config', EXECUTION_ID] } },
          ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'llama3-model', InstanceType: 'ml.g5.12xlarge', InitialInstanceCount: 1, InitialVariantWeight: 1 }],
        },
        RetryPolicies: [{ ExceptionType: ['Step.SERVICE_FAULT', 'Step.THROTTLING'], IntervalSeconds: 10, BackoffRate: 2, MaxAttempts: 3 }],
      },
    },
  },
  {
    name: 'two named variants with every setting, a prefix, tags; the model name from a model step',
    spec: `${HEADER.replace('defaults:\n', 'defaults:\n  tags: { team: ml }\n')}parameters:
  EndpointInstanceType: { type: string, default: ml.g5.12xlarge }
steps:
  CreateModel:
    kind: model
    image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/serve:1
  Config:
    kind: endpoint-config
    namePrefix: llama3-dpo
    variants:
      - name: Blue
        model: \${steps.CreateModel.name}
        instanceType: \${params.EndpointInstanceType}
        count: 2
        weight: 0.9
        startupTimeout: 900
        downloadTimeout: 1200
      - { name: Green, model: llama3-previous, instanceType: ml.m5.xlarge, weight: 0.1, volumeGb: 64 }
    tags: { stage: prod }
`,
    steps: {
      Config: {
        Name: 'Config',
        Type: 'EndpointConfig',
        Arguments: {
          EndpointConfigName: { 'Std:Join': { On: '-', Values: ['llama3-dpo', EXECUTION_ID] } },
          ProductionVariants: [
            {
              VariantName: 'Blue',
              ModelName: { Get: 'Steps.CreateModel.ModelName' },
              InstanceType: { Get: 'Parameters.EndpointInstanceType' },
              InitialInstanceCount: 2,
              InitialVariantWeight: 0.9,
              ModelDataDownloadTimeoutInSeconds: 1200,
              ContainerStartupHealthCheckTimeoutInSeconds: 900,
            },
            { VariantName: 'Green', ModelName: 'llama3-previous', InstanceType: 'ml.m5.xlarge', InitialInstanceCount: 1, InitialVariantWeight: 0.1, VolumeSizeInGB: 64 },
          ],
          Tags: [{ Key: 'team', Value: 'ml' }, { Key: 'stage', Value: 'prod' }],
        },
      },
    },
  },
  {
    name: 'defaults.kms.volume only where no variant can have local NVMe storage; a long step name is clipped',
    spec: `${HEADER.replace('defaults:\n', KMS)}parameters:
  InstanceType: { type: string, default: ml.m5.xlarge }
steps:
  Ebs:
    kind: endpoint-config
    variants: [{ model: m, instanceType: ml.m5.xlarge }]
  Nvme:
    kind: endpoint-config
    variants: [{ model: m, instanceType: ml.g5.12xlarge }]
  RunTime:
    kind: endpoint-config
    variants: [{ model: m, instanceType: "\${params.InstanceType}" }]
  Explicit:
    kind: endpoint-config
    name: fixed-name
    kmsKey: alias/explicit
    variants: [{ model: m, instanceType: ml.c5.xlarge }]
`,
    steps: {
      Ebs: {
        Name: 'Ebs',
        Type: 'EndpointConfig',
        Arguments: {
          EndpointConfigName: { 'Std:Join': { On: '-', Values: ['Ebs', EXECUTION_ID] } },
          ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'm', InstanceType: 'ml.m5.xlarge', InitialInstanceCount: 1, InitialVariantWeight: 1 }],
          KmsKeyId: 'alias/volume',
        },
      },
      Nvme: {
        Name: 'Nvme',
        Type: 'EndpointConfig',
        Arguments: {
          EndpointConfigName: { 'Std:Join': { On: '-', Values: ['Nvme', EXECUTION_ID] } },
          ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'm', InstanceType: 'ml.g5.12xlarge', InitialInstanceCount: 1, InitialVariantWeight: 1 }],
        },
      },
      RunTime: {
        Name: 'RunTime',
        Type: 'EndpointConfig',
        Arguments: {
          EndpointConfigName: { 'Std:Join': { On: '-', Values: ['RunTime', EXECUTION_ID] } },
          ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'm', InstanceType: { Get: 'Parameters.InstanceType' }, InitialInstanceCount: 1, InitialVariantWeight: 1 }],
        },
      },
      Explicit: {
        Name: 'Explicit',
        Type: 'EndpointConfig',
        Arguments: {
          EndpointConfigName: 'fixed-name',
          ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'm', InstanceType: 'ml.c5.xlarge', InitialInstanceCount: 1, InitialVariantWeight: 1 }],
          KmsKeyId: 'alias/explicit',
        },
      },
    },
  },
  {
    name: 'the default name prefix is clipped to 50 characters',
    spec: `${HEADER}steps:
  Deploy_config_for_the_aligned_llama3_model_in_production_env:
    kind: endpoint-config
    variants: [{ model: m, instanceType: ml.m5.xlarge }]
  Ep:
    kind: endpoint
    name: llama3
    config: \${steps.Deploy_config_for_the_aligned_llama3_model_in_production_env.name}
`,
    steps: {
      Deploy_config_for_the_aligned_llama3_model_in_production_env: {
        Name: 'Deploy_config_for_the_aligned_llama3_model_in_production_env',
        Type: 'EndpointConfig',
        Arguments: {
          EndpointConfigName: { 'Std:Join': { On: '-', Values: ['Deploy-config-for-the-aligned-llama3-model-in-prod', EXECUTION_ID] } },
          ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'm', InstanceType: 'ml.m5.xlarge', InitialInstanceCount: 1, InitialVariantWeight: 1 }],
        },
      },
      Ep: {
        Name: 'Ep',
        Type: 'Endpoint',
        Arguments: { EndpointName: 'llama3', EndpointConfigName: { Get: 'Steps.Deploy_config_for_the_aligned_llama3_model_in_production_env.EndpointConfigName' } },
      },
    },
  },
];

const errors: ErrorCase[] = [
  {
    name: 'an explicit KMS key on an instance type with local storage',
    spec: `${HEADER}steps:
  Config:
    kind: endpoint-config
    kmsKey: alias/volume
    variants: [{ model: m, instanceType: ml.g5.48xlarge }]
`,
    expect: [{ code: 'SMP2007', at: 'alias/volume' }],
  },
  {
    name: 'an instance type the CreateEndpointConfig API does not know (checked against the API shape)',
    spec: `${HEADER}steps:
  Config:
    kind: endpoint-config
    variants: [{ model: m, instanceType: ml.g5.13xlarge }]
`,
    expect: [{ code: 'SMP8003', at: '[{ model' }],
  },
  {
    name: 'a fixed name SageMaker rejects',
    spec: `${HEADER}steps:
  Config:
    kind: endpoint-config
    name: llama3_config
    variants: [{ model: m, instanceType: ml.m5.xlarge }]
`,
    expect: [{ code: 'SMP2004', at: 'llama3_config' }],
  },
  {
    name: 'several variants without names',
    spec: `${HEADER}steps:
  Config:
    kind: endpoint-config
    variants:
      - { model: a, instanceType: ml.m5.xlarge }
      - { model: b, instanceType: ml.m5.xlarge }
`,
    expect: [
      { code: 'SMP2002', at: '{ model: a' },
      { code: 'SMP2002', at: '{ model: b' },
    ],
  },
  {
    name: 'a prefix that cannot start a name; a startup timeout under SageMaker\'s minimum',
    spec: `${HEADER}steps:
  Config:
    kind: endpoint-config
    namePrefix: llama_3
    variants: [{ model: m, instanceType: ml.m5.xlarge }]
  Other:
    kind: endpoint-config
    variants: [{ model: m, instanceType: ml.m5.xlarge, startupTimeout: 30 }]
`,
    expect: [
      { code: 'SMP2004', at: 'llama_3' },
      { code: 'SMP2005', at: '30', after: 'startupTimeout' },
    ],
  },
  {
    name: 'fields Pipelines rejects, through the escape hatch; retry with a job exception type',
    spec: `${HEADER}steps:
  Config:
    kind: endpoint-config
    variants: [{ model: m, instanceType: ml.m5.xlarge }]
    retry: [{ on: [SageMaker.JOB_INTERNAL_ERROR] }]
    arguments:
      DataCaptureConfig: { InitialSamplingPercentage: 10 }
      ExplainerConfig: {}
`,
    expect: [
      { code: 'SMP5005', at: 'SageMaker.JOB_INTERNAL_ERROR' },
      { code: 'SMP8001', at: 'DataCaptureConfig' },
      { code: 'SMP8001', at: 'ExplainerConfig' },
    ],
  },
];

for (const c of ok) test(`endpoint-config ok: ${c.name}`, () => runOk(c));
for (const c of errors) test(`endpoint-config error: ${c.name}`, () => runErrors(c));
