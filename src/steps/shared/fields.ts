import { anyOf, boolean, integer, literalBoolean, object, oneOfText, stringMap, text, type Static } from '../../spec/schema-helpers.js';

/** Schema fragments shared by the job kinds, so each field is described once. */
export const imageField = anyOf('Container image: a full ECR URI, an AWS Deep Learning Container, or a first-party SageMaker image by framework, resolved for vars.region.', [
  text('A full image URI, e.g. 763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.5.1-gpu-py311-cu124-ubuntu22.04-sagemaker.'),
  object('An AWS Deep Learning Container, resolved to the regional registry of vars.region.', {
    dlc: text('Image name, e.g. pytorch-training, huggingface-pytorch-tgi-inference.'),
    version: text('Framework version or a prefix of it ("2.5" picks the newest 2.5.x listed).'),
    gpu: literalBoolean('GPU (CUDA) image; default true.'),
    python: text('Python tag such as py311; default: the newest for that version.'),
  }, ['dlc', 'version']),
  object('A first-party SageMaker image from the SageMaker Python SDK\'s image tables (image_uri_config), resolved for vars.region as sagemaker.image_uris.retrieve does.', {
    framework: text('xgboost, sklearn, spark, clarify, model-monitor, djl-lmi, vllm (the SDK\'s huggingface-vllm), huggingface-llm (TGI), huggingface-tei, huggingface-tei-cpu, huggingface-vllm, huggingface-sglang or huggingface-llamacpp.'),
    version: text('The version as the SDK lists it (xgboost 1.7-1, sklearn 1.2-1, spark 3.3, djl-lmi 0.36.0) or one of its aliases; may be left out where only one is listed (clarify, model-monitor).'),
    gpu: literalBoolean('GPU build (true) or CPU build (false), where the image has both; otherwise leave it out.'),
    python: text('Python build (py39, 3.12) where the version has several.'),
  }, ['framework']),
]);

/** `image:` as written: a full URI, or a Deep Learning Container to resolve. */
export type ImageSpec = Static<typeof imageField>;

export function instanceField(defaultVolume: number) {
  return object('Compute for the job.', {
    type: text('Instance type, e.g. ml.g5.48xlarge (an expression such as ${params.InstanceType} is fine).'),
    count: integer('Number of instances; default 1.', { min: 1 }),
    volumeGb: integer(`Storage volume per instance in GB; default ${defaultVolume}.`, { min: 1 }),
  }, ['type']);
}

export const roleField = text('IAM role ARN for this job; default: defaults.role.');
export const environmentField = stringMap('Environment variables of the container. Never put secrets here: pass a Secrets Manager ARN instead.');
export const maxRuntimeField = integer('Stop the job after this many seconds (StoppingCondition.MaxRuntimeInSeconds).', { min: 1 });
export const codeField = text('Local folder (relative to this spec file) packed into a deterministic, content-addressed tar.gz; or the S3 URI of a tar.gz already there (s3://bucket/…/sourcedir.tar.gz), used as it is.');
export const entryField = text('Script inside the code folder that the job runs.');

/** The fields every job kind starts with: the image and compute, and in script mode the code folder and entry. */
export const jobFields = {
  image: imageField,
  instance: instanceField(30),
  role: roleField,
  code: codeField,
  entry: entryField,
};

export const jobTagsField = stringMap('Tags on this job, added to defaults.tags.', { type: 'string' });

export const s3InputModeField = oneOfText('How the data reaches the container.', ['File', 'Pipe', 'FastFile']);
export const distributionField = oneOfText('Copy all data to every instance, or shard it by S3 key.', ['FullyReplicated', 'ShardedByS3Key']);
export const s3DataTypeField = oneOfText('The source names a prefix, a manifest file, or an augmented manifest.', ['S3Prefix', 'ManifestFile', 'AugmentedManifestFile']);
export const compressionField = oneOfText('Whether the source objects are gzip-compressed.', ['None', 'Gzip']);
export const uncompressedField = boolean('Model data is an uncompressed S3 prefix (large models) instead of a model.tar.gz.');
