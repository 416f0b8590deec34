import type { Json } from '../../expr/types.js';
import type { Field } from '../../spec/field.js';
import { object, text, type ObjectOf } from '../../spec/schema-helpers.js';
import type { StepServices } from '../types.js';
import { environmentField, imageField, uncompressedField } from './fields.js';
import { environment, put } from './job-settings.js';

/**
 * The inference container shared by model (CreateModel PrimaryContainer) and
 * register-model (CreateModelPackage InferenceSpecification.Containers[]).
 */
export const containerFields = {
  image: imageField,
  modelData: text('Model artifacts: an S3 URI or expression, usually ${steps.Train.modelArtifacts}.'),
  uncompressed: uncompressedField,
  environment: environmentField,
};

export const packageContainerSchema = object('An inference container of the model package.', {
  ...containerFields,
  framework: text('Machine learning framework of the image, e.g. PYTORCH (Framework).'),
  frameworkVersion: text('Framework version, e.g. 2.3 (FrameworkVersion).'),
}, ['image']);

/** The container fields, wherever they sit: the model step itself, or an item of `containers:`. */
type ContainerSpec = ObjectOf<typeof containerFields, never>;

/** Image, Environment and the model data of one container. */
export function containerDefinition(ctx: StepServices, container: Field<ContainerSpec>): Record<string, Json> {
  const out: Record<string, Json> = {};
  put(out, 'Image', ctx.image(container.at('image'), 'inference'));
  put(out, 'Environment', environment(ctx, container.at('environment')));
  const data = ctx.value(container.at('modelData'), 's3uri');
  if (data !== undefined && isUncompressed(ctx, container.at('uncompressed'))) {
    out.ModelDataSource = { S3DataSource: { S3Uri: asPrefix(data), S3DataType: 'S3Prefix', CompressionType: 'None' } };
  } else {
    put(out, 'ModelDataUrl', data);
  }
  return out;
}

function isUncompressed(ctx: StepServices, field: Field<boolean | string | undefined>): boolean {
  if (field.raw === undefined) return false;
  const value = ctx.compileTime(field);
  return value === true || value === 'true';
}

/**
 * With S3DataType S3Prefix, "a valid key name prefix identified by S3Uri always ends with a
 * forward slash" (S3ModelDataSource, SageMaker API reference): without it, s3://b/model would
 * also match s3://b/model-old/*. A run-time value gets the slash through Std:Join.
 */
export function asPrefix(uri: Json): Json {
  if (typeof uri === 'string') return uri.endsWith('/') ? uri : `${uri}/`;
  const join = isObject(uri) ? uri['Std:Join'] : undefined;
  if (isObject(join) && join.On === '' && Array.isArray(join.Values)) {
    const values = [...join.Values];
    const last = values[values.length - 1];
    if (typeof last === 'string') values[values.length - 1] = last.endsWith('/') ? last : `${last}/`;
    else values.push('/');
    return { 'Std:Join': { On: '', Values: values } };
  }
  return { 'Std:Join': { On: '', Values: [uri, '/'] } };
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
