import { test } from 'node:test';
import { HEADER, runErrors, runOk, type ErrorCase, type OkCase } from './harness.js';

const IMAGE = '763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.3.0-tgi2.0.2-gpu-py310-cu121-ubuntu22.04';
const ROLE = 'arn:aws:iam::111122223333:role/Pipeline';
const ENTERPRISE = `defaults:
  network: { subnets: [subnet-0abc], securityGroups: [sg-0def], isolation: true }
  tags: { team: ml }
  retry: standard
`;

const ok: OkCase[] = [
  {
    name: 'compressed model data, environment as strings, VPC, isolation, tags, step-level retries only',
    spec: `${HEADER.replace('defaults:\n', ENTERPRISE)}parameters:
  ModelData: { type: string, default: s3://table-bucket/model.tar.gz }
steps:
  CreateModel:
    kind: model
    image: ${IMAGE}
    modelData: \${params.ModelData}
    environment: { HF_MODEL_ID: /opt/ml/model, SM_NUM_GPUS: 4, TRUST_REMOTE_CODE: false }
    tags: { stage: prod }
`,
    steps: {
      CreateModel: {
        Name: 'CreateModel',
        Type: 'Model',
        Arguments: {
          ExecutionRoleArn: ROLE,
          PrimaryContainer: {
            Image: IMAGE,
            Environment: { HF_MODEL_ID: '/opt/ml/model', SM_NUM_GPUS: '4', TRUST_REMOTE_CODE: 'false' },
            ModelDataUrl: { Get: 'Parameters.ModelData' },
          },
          EnableNetworkIsolation: true,
          VpcConfig: { SecurityGroupIds: ['sg-0def'], Subnets: ['subnet-0abc'] },
          Tags: [{ Key: 'team', Value: 'ml' }, { Key: 'stage', Value: 'prod' }],
        },
        RetryPolicies: [{ ExceptionType: ['Step.SERVICE_FAULT', 'Step.THROTTLING'], IntervalSeconds: 10, BackoffRate: 2, MaxAttempts: 3 }],
      },
    },
  },
  {
    name: 'uncompressed model data: literal gets its trailing slash, expressions a Std:Join, own role',
    spec: `${HEADER}parameters:
  ModelPrefix: { type: string, default: s3://table-bucket/model }
  Run: { type: string, default: r1 }
steps:
  Literal:
    kind: model
    image: ${IMAGE}
    modelData: s3://table-bucket/model
    uncompressed: true
  Slashed:
    kind: model
    image: ${IMAGE}
    modelData: s3://table-bucket/model/
    uncompressed: true
    role: arn:aws:iam::111122223333:role/Hosting
  Whole:
    kind: model
    image: ${IMAGE}
    modelData: \${params.ModelPrefix}
    uncompressed: true
  Joined:
    kind: model
    image: ${IMAGE}
    modelData: s3://table-bucket/\${params.Run}/model
    uncompressed: true
`,
    steps: {
      Literal: {
        Name: 'Literal',
        Type: 'Model',
        Arguments: {
          ExecutionRoleArn: ROLE,
          PrimaryContainer: { Image: IMAGE, ModelDataSource: { S3DataSource: { S3Uri: 's3://table-bucket/model/', S3DataType: 'S3Prefix', CompressionType: 'None' } } },
        },
      },
      Slashed: {
        Name: 'Slashed',
        Type: 'Model',
        Arguments: {
          ExecutionRoleArn: 'arn:aws:iam::111122223333:role/Hosting',
          PrimaryContainer: { Image: IMAGE, ModelDataSource: { S3DataSource: { S3Uri: 's3://table-bucket/model/', S3DataType: 'S3Prefix', CompressionType: 'None' } } },
        },
      },
      Whole: {
        Name: 'Whole',
        Type: 'Model',
        Arguments: {
          ExecutionRoleArn: ROLE,
          PrimaryContainer: {
            Image: IMAGE,
            ModelDataSource: { S3DataSource: { S3Uri: { 'Std:Join': { On: '', Values: [{ Get: 'Parameters.ModelPrefix' }, '/'] } }, S3DataType: 'S3Prefix', CompressionType: 'None' } },
          },
        },
      },
      Joined: {
        Name: 'Joined',
        Type: 'Model',
        Arguments: {
          ExecutionRoleArn: ROLE,
          PrimaryContainer: {
            Image: IMAGE,
            ModelDataSource: { S3DataSource: { S3Uri: { 'Std:Join': { On: '', Values: ['s3://table-bucket/', { Get: 'Parameters.Run' }, '/model/'] } }, S3DataType: 'S3Prefix', CompressionType: 'None' } },
          },
        },
      },
    },
  },
  {
    name: 'model artifacts of a training step; name and Describe properties read downstream',
    spec: `${HEADER}steps:
  Train:
    kind: training
    image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/trainer:1
    instance: { type: ml.m5.xlarge }
  CreateModel:
    kind: model
    image: ${IMAGE}
    modelData: \${steps.Train.modelArtifacts}
  Announce:
    kind: fail
    message: "\${steps.CreateModel.name} \${steps.CreateModel.arn} \${steps.CreateModel.properties.PrimaryContainer.Image}"
`,
    steps: {
      CreateModel: {
        Name: 'CreateModel',
        Type: 'Model',
        Arguments: {
          ExecutionRoleArn: ROLE,
          PrimaryContainer: { Image: IMAGE, ModelDataUrl: { Get: 'Steps.Train.ModelArtifacts.S3ModelArtifacts' } },
        },
      },
      Announce: {
        Name: 'Announce',
        Type: 'Fail',
        Arguments: {
          ErrorMessage: {
            'Std:Join': {
              On: '',
              Values: [{ Get: 'Steps.CreateModel.ModelName' }, ' ', { Get: 'Steps.CreateModel.ModelArn' }, ' ', { Get: 'Steps.CreateModel.PrimaryContainer.Image' }],
            },
          },
        },
      },
    },
  },
];

const errors: ErrorCase[] = [
  {
    name: 'cache on a model step; a job-level retry exception',
    spec: `${HEADER}steps:
  CreateModel:
    kind: model
    image: ${IMAGE}
    cache: P1D
    retry: [{ on: [Step.THROTTLING, SageMaker.CAPACITY_ERROR] }]
`,
    expect: [
      { code: 'SMP5006', at: 'cache:' },
      { code: 'SMP5005', at: 'SageMaker.CAPACITY_ERROR' },
    ],
  },
  {
    name: 'escape-hatch fields checked against CreateModel: an unknown member, a bad enum value',
    spec: `${HEADER}steps:
  CreateModel:
    kind: model
    image: ${IMAGE}
    arguments:
      Bogus: 1
      PrimaryContainer: { Mode: Sometimes }
`,
    expect: [
      { code: 'SMP8001', at: 'Bogus' },
      { code: 'SMP8003', at: 'Sometimes' },
    ],
  },
  {
    name: 'no role anywhere',
    spec: `${HEADER.replace('defaults:\n  role: ${vars.roleArn}\n', '')}steps:
  CreateModel:
    kind: model
    image: ${IMAGE}
`,
    expect: [{ code: 'SMP2002', at: 'CreateModel:' }],
  },
  {
    name: 'model data that is not an S3 URI; uncompressed decided at run time',
    spec: `${HEADER}parameters:
  Flat: { type: boolean, default: true }
steps:
  CreateModel:
    kind: model
    image: ${IMAGE}
    modelData: /opt/ml/model
  Other:
    kind: model
    image: ${IMAGE}
    modelData: s3://table-bucket/model
    uncompressed: \${params.Flat}
`,
    expect: [
      { code: 'SMP6006', at: '/opt/ml/model' },
      { code: 'SMP3011', at: '${params.Flat}' },
    ],
  },
  {
    name: 'properties outside DescribeModelOutput, and a sugar a model does not have',
    spec: `${HEADER}steps:
  CreateModel:
    kind: model
    image: ${IMAGE}
  Announce:
    kind: fail
    message: "\${steps.CreateModel.properties.ModelStatus} \${steps.CreateModel.modelArtifacts}"
`,
    expect: [
      { code: 'SMP3008', at: '${steps.CreateModel.properties.ModelStatus}' },
      { code: 'SMP3013', at: '${steps.CreateModel.modelArtifacts}' },
    ],
  },
];

for (const c of ok) test(`model ok: ${c.name}`, () => runOk(c));
for (const c of errors) test(`model error: ${c.name}`, () => runErrors(c));
