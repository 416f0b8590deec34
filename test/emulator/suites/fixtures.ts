/** Small pipeline definitions for the emulator's tests (no SDK here, so unit tests load fast). */
export const ROLE = 'arn:aws:iam::111122223333:role/SageMakerPipelines';
type Step = Record<string, unknown>;

export function definition(steps: Step[], parameters: Step[] = []): string {
  return JSON.stringify({ Version: '2020-12-01', Metadata: {}, Parameters: parameters, Steps: steps });
}

export function processing(name: string, outputs: Record<string, unknown> = { out: `s3://bucket/${name}/out` }, extra: Step = {}): Step {
  return {
    Name: name,
    Type: 'Processing',
    Arguments: {
      ProcessingResources: { ClusterConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 } },
      AppSpecification: { ImageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/proc:1' },
      RoleArn: ROLE,
      ProcessingOutputConfig: { Outputs: Object.entries(outputs).map(([OutputName, S3Uri]) => ({ OutputName, S3Output: { S3Uri, LocalPath: `/opt/ml/processing/${OutputName}`, S3UploadMode: 'EndOfJob' } })) },
      ...((extra['Arguments'] as Step | undefined) ?? {}),
    },
    ...Object.fromEntries(Object.entries(extra).filter(([k]) => k !== 'Arguments')),
  };
}

export function training(name: string, input: unknown, extra: Step = {}): Step {
  return {
    Name: name,
    Type: 'Training',
    Arguments: {
      AlgorithmSpecification: { TrainingImage: '123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1', TrainingInputMode: 'File' },
      OutputDataConfig: { S3OutputPath: 's3://bucket/models' },
      ResourceConfig: { InstanceType: 'ml.g5.xlarge', InstanceCount: 1, VolumeSizeInGB: 50 },
      StoppingCondition: { MaxRuntimeInSeconds: 3600 },
      RoleArn: ROLE,
      InputDataConfig: [{ ChannelName: 'train', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: input } } }],
    },
    ...extra,
  };
}

export const get = (path: string): { Get: string } => ({ Get: path });

/** A unique-enough pipeline name per test, so tests sharing an emulator never collide. */
let counter = 0;
export const uniqueName = (prefix: string): string => `${prefix}-${process.pid}-${++counter}`;
