import { test } from 'node:test';
import { HEADER, runErrors, runOk, type ErrorCase, type OkCase } from './harness.js';

const IMAGE = '763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.3.0-tgi2.0.2-gpu-py310-cu121-ubuntu22.04';

const ok: OkCase[] = [
  {
    name: 'every field: approval from a parameter, metrics files, instance types, metadata',
    spec: `${HEADER.replace('defaults:\n', 'defaults:\n  retry: standard\n')}parameters:
  ModelApprovalStatus: { type: string, default: PendingManualApproval, enum: [Approved, Rejected, PendingManualApproval] }
  ModelData: { type: string, default: s3://table-bucket/model.tar.gz }
  Run: { type: string, default: r1 }
steps:
  Register:
    kind: register-model
    group: llama3-dpo
    approval: \${params.ModelApprovalStatus}
    packageDescription: Llama 3 8B aligned with DPO
    containers:
      - image: ${IMAGE}
        modelData: \${params.ModelData}
        environment: { HF_MODEL_ID: /opt/ml/model, SM_NUM_GPUS: 4 }
        framework: PYTORCH
        frameworkVersion: "2.3"
    contentTypes: [application/json]
    responseTypes: [application/json]
    realtimeInstanceTypes: [ml.g5.12xlarge, ml.g5.48xlarge]
    transformInstanceTypes: [ml.g5.12xlarge]
    metrics:
      modelQuality:
        statistics: s3://table-bucket/eval/\${params.Run}/evaluation.json
        constraints: { source: s3://table-bucket/eval/constraints.csv, contentType: text/csv }
      explainability: { report: s3://table-bucket/eval/shap.json }
    customerMetadata: { run: "\${params.Run}", base: meta-llama/Meta-Llama-3-8B-Instruct }
    skipModelValidation: true
`,
    steps: {
      Register: {
        Name: 'Register',
        Type: 'RegisterModel',
        Arguments: {
          ModelPackageGroupName: 'llama3-dpo',
          ModelPackageDescription: 'Llama 3 8B aligned with DPO',
          ModelMetrics: {
            ModelQuality: {
              Statistics: {
                ContentType: 'application/json',
                S3Uri: { 'Std:Join': { On: '', Values: ['s3://table-bucket/eval/', { Get: 'Parameters.Run' }, '/evaluation.json'] } },
              },
              Constraints: { ContentType: 'text/csv', S3Uri: 's3://table-bucket/eval/constraints.csv' },
            },
            Explainability: { Report: { ContentType: 'application/json', S3Uri: 's3://table-bucket/eval/shap.json' } },
          },
          InferenceSpecification: {
            Containers: [
              {
                Image: IMAGE,
                Environment: { HF_MODEL_ID: '/opt/ml/model', SM_NUM_GPUS: '4' },
                ModelDataUrl: { Get: 'Parameters.ModelData' },
                Framework: 'PYTORCH',
                FrameworkVersion: '2.3',
              },
            ],
            SupportedContentTypes: ['application/json'],
            SupportedResponseMIMETypes: ['application/json'],
            SupportedRealtimeInferenceInstanceTypes: ['ml.g5.12xlarge', 'ml.g5.48xlarge'],
            SupportedTransformInstanceTypes: ['ml.g5.12xlarge'],
          },
          ModelApprovalStatus: { Get: 'Parameters.ModelApprovalStatus' },
          SkipModelValidation: 'All',
          CustomerMetadataProperties: { run: { Get: 'Parameters.Run' }, base: 'meta-llama/Meta-Llama-3-8B-Instruct' },
        },
        RetryPolicies: [{ ExceptionType: ['Step.SERVICE_FAULT', 'Step.THROTTLING'], IntervalSeconds: 10, BackoffRate: 2, MaxAttempts: 3 }],
      },
    },
  },
  {
    name: 'a fixed approval, an uncompressed container; the package ARN read downstream',
    spec: `${HEADER}steps:
  Register:
    kind: register-model
    group: llama3-dpo
    approval: Approved
    containers:
      - { image: ${IMAGE}, modelData: "s3://table-bucket/model", uncompressed: true }
  Announce:
    kind: fail
    message: "registered \${steps.Register.modelPackageArn} v\${steps.Register.properties.ModelPackageVersion}"
`,
    steps: {
      Register: {
        Name: 'Register',
        Type: 'RegisterModel',
        Arguments: {
          ModelPackageGroupName: 'llama3-dpo',
          InferenceSpecification: {
            Containers: [{ Image: IMAGE, ModelDataSource: { S3DataSource: { S3Uri: 's3://table-bucket/model/', S3DataType: 'S3Prefix', CompressionType: 'None' } } }],
          },
          ModelApprovalStatus: 'Approved',
        },
      },
      Announce: {
        Name: 'Announce',
        Type: 'Fail',
        Arguments: {
          ErrorMessage: {
            'Std:Join': { On: '', Values: ['registered ', { Get: 'Steps.Register.ModelPackageArn' }, ' v', { Get: 'Steps.Register.ModelPackageVersion' }] },
          },
        },
      },
    },
  },
];

const errors: ErrorCase[] = [
  {
    name: 'an approval status SageMaker does not know',
    spec: `${HEADER}steps:
  Register:
    kind: register-model
    group: llama3-dpo
    approval: Maybe
    containers: [{ image: ${IMAGE} }]
`,
    // An enum or an expression: a value that is neither fails both forms of the anyOf.
    expect: [{ code: 'SMP2003', at: 'Maybe' }],
  },
  {
    name: 'no containers',
    spec: `${HEADER}steps:
  Register:
    kind: register-model
    group: llama3-dpo
`,
    expect: [{ code: 'SMP2002', at: 'Register:' }],
  },
  {
    name: 'fields Pipelines rejects, through the escape hatch',
    spec: `${HEADER}steps:
  Register:
    kind: register-model
    group: llama3-dpo
    containers: [{ image: ${IMAGE} }]
    arguments:
      CertifyForMarketplace: false
      ModelPackageName: my-model
`,
    expect: [
      { code: 'SMP8001', at: 'CertifyForMarketplace' },
      { code: 'SMP8001', at: 'ModelPackageName' },
    ],
  },
  {
    name: 'cache on a register-model step; a metrics file that is not an S3 URI',
    spec: `${HEADER}steps:
  Register:
    kind: register-model
    group: llama3-dpo
    containers: [{ image: ${IMAGE} }]
    metrics: { modelQuality: { statistics: evaluation.json } }
    cache: P1D
`,
    expect: [
      { code: 'SMP5006', at: 'cache:' },
      { code: 'SMP6006', at: 'evaluation.json' },
    ],
  },
];

for (const c of ok) test(`register-model ok: ${c.name}`, () => runOk(c));
for (const c of errors) test(`register-model error: ${c.name}`, () => runErrors(c));
