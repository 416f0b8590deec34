import type { Json } from '../../expr/types.js';
import type { StepServices } from '../types.js';
import { put, vpcConfig } from './job-settings.js';

/** How an S3 input reaches a processing container (the SDK's ProcessingInput defaults when unset). */
export interface S3InputSettings {
  type?: string;
  mode?: string;
  distribution?: string;
  compression?: string;
}

/** One ProcessingInputs entry, as sagemaker.processing.ProcessingInput._to_request_dict writes it. */
export function s3Input(name: string, uri: Json, localPath: string, spec: S3InputSettings = {}): Json {
  return {
    InputName: name,
    AppManaged: false,
    S3Input: {
      S3Uri: uri,
      LocalPath: localPath,
      S3DataType: spec.type ?? 'S3Prefix',
      S3InputMode: spec.mode ?? 'File',
      S3DataDistributionType: spec.distribution ?? 'FullyReplicated',
      S3CompressionType: spec.compression ?? 'None',
    },
  };
}

/** One ProcessingOutputConfig.Outputs entry. */
export function s3Output(name: string, uri: Json, localPath: string, upload = 'EndOfJob'): Json {
  return { OutputName: name, AppManaged: false, S3Output: { S3Uri: uri, LocalPath: localPath, S3UploadMode: upload } };
}

/** NetworkConfig of a processing job from defaults.network, or undefined when nothing is set. */
export function networkConfig(ctx: StepServices): Json | undefined {
  const network = ctx.defaults.network;
  const config: Record<string, Json> = {};
  if (network?.isolation !== undefined) config.EnableNetworkIsolation = network.isolation;
  if (network?.interContainerEncryption !== undefined) config.EnableInterContainerTrafficEncryption = network.interContainerEncryption;
  put(config, 'VpcConfig', vpcConfig(ctx));
  return Object.keys(config).length ? config : undefined;
}
