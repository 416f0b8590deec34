import type { Json } from '../../expr/types.js';
import { object, text } from '../../spec/schema-helpers.js';
import type { JsonSchema, StepContext } from '../types.js';
import { environmentField, imageField, uncompressedField } from './fields.js';
import { put } from './job-settings.js';
import { escapePointer, specAt } from './pointer.js';
import { setOwn } from '../../util/own.js';

/**
 * The inference container shared by model (CreateModel PrimaryContainer) and
 * register-model (CreateModelPackage InferenceSpecification.Containers[]).
 */
export const containerFields: Readonly<Record<string, JsonSchema>> = {
  image: imageField,
  modelData: text('Model artifacts: an S3 URI or expression, usually ${steps.Train.modelArtifacts}.'),
  uncompressed: uncompressedField,
  environment: environmentField,
};

export const packageContainerSchema: JsonSchema = object('An inference container of the model package.', {
  ...containerFields,
  framework: text('Machine learning framework of the image, e.g. PYTORCH (Framework).'),
  frameworkVersion: text('Framework version, e.g. 2.3 (FrameworkVersion).'),
}, ['image']);

/**
 * Image, Environment and the model data of one container whose fields sit under `base`
 * ('' for the step itself, 'containers/0/' for a list item).
 */
export function containerDefinition(ctx: StepContext, base: string): Record<string, Json> {
  const container: Record<string, Json> = {};
  put(container, 'Image', ctx.image(`${base}image`));
  put(container, 'Environment', containerEnvironment(ctx, `${base}environment`));
  const data = ctx.value(`${base}modelData`, 's3uri');
  if (data !== undefined && isUncompressed(ctx, `${base}uncompressed`)) {
    container.ModelDataSource = { S3DataSource: { S3Uri: asPrefix(data), S3DataType: 'S3Prefix', CompressionType: 'None' } };
  } else {
    put(container, 'ModelDataUrl', data);
  }
  return container;
}

function isUncompressed(ctx: StepContext, rel: string): boolean {
  if (specAt(ctx.spec, rel) === undefined) return false;
  const value = ctx.compileTime(rel);
  return value === true || value === 'true';
}

/**
 * With S3DataType S3Prefix, "a valid key name prefix identified by S3Uri always ends with a
 * forward slash" (S3ModelDataSource, SageMaker API reference): without it, s3://b/model would
 * also match s3://b/model-old/*. A run-time value gets the slash through Std:Join.
 */
export function asPrefix(uri: Json): Json {
  if (typeof uri === 'string') return uri.endsWith('/') ? uri : `${uri}/`;
  const join = (uri as { 'Std:Join'?: { On: string; Values: Json[] } })['Std:Join'];
  if (join && join.On === '') {
    const values = [...join.Values];
    const last = values[values.length - 1];
    if (typeof last === 'string') values[values.length - 1] = last.endsWith('/') ? last : `${last}/`;
    else values.push('/');
    return { 'Std:Join': { On: '', Values: values } };
  }
  return { 'Std:Join': { On: '', Values: [uri, '/'] } };
}

/** Environment variables at `rel`, each lowered to a string where it stands. */
function containerEnvironment(ctx: StepContext, rel: string): Json | undefined {
  const env = specAt(ctx.spec, rel) as Record<string, unknown> | undefined;
  if (!env) return undefined;
  const out: Record<string, Json> = {};
  for (const key of Object.keys(env)) setOwn(out, key, ctx.value(`${rel}/${escapePointer(key)}`, 'string') ?? '');
  return out;
}
