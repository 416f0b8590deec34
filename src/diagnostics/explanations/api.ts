import { HEAD } from './specs.js';
import type { Explanations } from './types.js';

const prep = (extra: string, type = 'ml.m5.xlarge') => `${HEAD}steps:\n  Prep:\n    kind: processing\n    image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/prep:1\n    instance: { type: ${type} }\n${extra}`;

/** SMP8xxx: the compiled Arguments against the SageMaker API (the AWS SDK's models). */
export const API = {
  SMP8001: {
    explain: 'A field in arguments: (or one a step compiles to) is not in the SageMaker API request (CreateProcessingJob, CreateTrainingJob, …). CreatePipeline would reject it.',
    example: prep('    arguments: { Enviroment: { LOG_LEVEL: info } }\n'),
    fix: prep('    arguments: { Environment: { LOG_LEVEL: info } }\n'),
  },
  SMP8002: {
    explain: 'A field the SageMaker API request requires is missing, often inside arguments: (a VpcConfig without SecurityGroupIds).',
    example: prep('    arguments: { NetworkConfig: { VpcConfig: { Subnets: [subnet-0abc] } } }\n'),
    fix: prep('    arguments: { NetworkConfig: { VpcConfig: { Subnets: [subnet-0abc], SecurityGroupIds: [sg-0def] } } }\n'),
  },
  SMP8003: {
    explain: 'A value is not in the API\'s list of allowed values: most often an instance type (the hint suggests the closest; ml.g5.48xlarge, not g5.48xlarge). A parameter used there has its default and enum values checked too.',
    example: prep('', 'ml.m5.xlarg'),
    fix: prep('', 'ml.m5.xlarge'),
  },
  SMP8004: {
    explain: 'A number, length or count is outside the range the SageMaker API reference gives (src/check/api-shapes/ranges.ts lists them with their sources).',
    example: prep('    arguments: { ProcessingResources: { ClusterConfig: { InstanceCount: 101 } } }\n'),
    fix: prep('    arguments: { ProcessingResources: { ClusterConfig: { InstanceCount: 100 } } }\n'),
  },
  SMP8005: {
    explain: 'A value has the wrong JSON type for its API field (a list where a map belongs), or an expression of the wrong type stands there.',
    example: prep('    arguments: { Environment: [LOG_LEVEL=info] }\n'),
    fix: prep('    arguments: { Environment: { LOG_LEVEL: info } }\n'),
  },
  SMP8006: {
    explain: 'The compiled definition does not pass AWS\'s pipeline definition schema (corrected where the service accepts more). Checked last, only when nothing else is wrong (it would repeat earlier findings), and placed at the arguments:, envelope: or field line the value came from; it usually means a raw arguments: value on a step kind or a step Type smpipe does not check field by field (a raw step of Type ClarifyCheck, QualityCheck, Callback, …).',
    example: `${HEAD}steps:\n  Stop:\n    kind: fail\n    message: stopped\n    arguments: { ErrorMessage: [stopped] }\n`,
    fix: `${HEAD}steps:\n  Stop:\n    kind: fail\n    message: stopped\n`,
  },
} satisfies Explanations;
