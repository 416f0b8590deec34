/**
 * Pipeline registration. moto keeps the pipelines (and their tags); this layer validates each
 * request as the service does, parses the definition, reads PipelineDefinitionS3Location from the
 * emulated S3 (moto would store it as a JSON object, not the string the service returns),
 * answers ClientRequestToken retries, and turns moto's errors into the service's.
 */
import { parseDefinition } from '../definition/parse.js';
import { pipelineNameOf, seconds, type Handlers, type Params, type SageMakerContext } from './context.js';
import { pipelineNotFound, ServiceError, validationError } from './errors.js';
import { BUCKET, checkRules, PIPELINE_NAME, PIPELINE_NAME_OR_ARN, ROLE_ARN, TOKEN_RULE, type Rule } from './validate.js';

const DEFINITION_RULES: Rule[] = [
  { path: 'PipelineDefinition', min: 1, max: 1_048_576 },
  { path: 'PipelineDefinitionS3Location.Bucket', min: 3, max: 63, pattern: BUCKET },
  { path: 'PipelineDefinitionS3Location.ObjectKey', min: 1, max: 1024 },
  { path: 'PipelineDescription', max: 3072 },
  { path: 'ParallelismConfiguration.MaxParallelExecutionSteps', minValue: 1 },
];
const CREATE_RULES: Rule[] = [
  { path: 'PipelineName', required: true, min: 1, max: 256, pattern: PIPELINE_NAME },
  // The API model gives display names the pipeline-name pattern: no spaces.
  { path: 'PipelineDisplayName', min: 1, max: 256, pattern: PIPELINE_NAME },
  TOKEN_RULE(true),
  { path: 'RoleArn', required: true, min: 20, max: 2048, pattern: ROLE_ARN },
  { path: 'Tags', max: 50 },
  ...DEFINITION_RULES,
];
const UPDATE_RULES: Rule[] = [
  { path: 'PipelineName', required: true, min: 1, max: 256, pattern: PIPELINE_NAME },
  { path: 'PipelineDisplayName', min: 1, max: 256, pattern: PIPELINE_NAME },
  { path: 'RoleArn', min: 20, max: 2048, pattern: ROLE_ARN },
  ...DEFINITION_RULES,
];
const NAME_OR_ARN: Rule = { path: 'PipelineName', required: true, min: 1, max: 2048, pattern: PIPELINE_NAME_OR_ARN };

export function pipelineHandlers(ctx: SageMakerContext): Handlers {
  const versions = ctx.versions;
  return {
    CreatePipeline: (p) => create(ctx, p),
    UpdatePipeline: (p) => update(ctx, p),
    DescribePipeline: async (p) => {
      checkRules(p, [NAME_OR_ARN, { path: 'PipelineVersionId', minValue: 1 }]);
      const name = pipelineNameOf(p['PipelineName']);
      const answer = await describePipeline(ctx, name, p['PipelineVersionId'] as number | undefined);
      const modified = versions.lastModified(name);
      return modified ? { ...answer, LastModifiedTime: seconds(modified) } : answer;
    },
    DeletePipeline: async (p) => {
      checkRules(p, [{ path: 'PipelineName', required: true, min: 1, max: 256, pattern: PIPELINE_NAME }, TOKEN_RULE(true)]);
      const name = String(p['PipelineName']);
      return ctx.idempotency.once('DeletePipeline', p, async () => {
        const answer = await callMoto(ctx, 'DeletePipeline', p, name);
        versions.deleted(name);
        return answer;
      });
    },
    ListPipelines: (p) => list(ctx, p),
  };
}

async function create(ctx: SageMakerContext, p: Params): Promise<Params> {
  checkRules(p, CREATE_RULES);
  const definition = await definitionText(ctx, p, true);
  parseDefinition(definition!);
  return ctx.idempotency.once('CreatePipeline', p, async () => {
    const answer = await callMoto(ctx, 'CreatePipeline', inline(p, definition), String(p['PipelineName']));
    ctx.versions.created(String(p['PipelineName']), definition!);
    return answer;
  });
}

async function update(ctx: SageMakerContext, p: Params): Promise<Params> {
  checkRules(p, UPDATE_RULES);
  const name = String(p['PipelineName']);
  const definition = await definitionText(ctx, p, false);
  if (definition !== undefined) parseDefinition(definition);
  const current = String((await describePipeline(ctx, name))['PipelineDefinition']);
  const answer = await callMoto(ctx, 'UpdatePipeline', inline(p, definition), name);
  return { ...answer, PipelineVersionId: ctx.versions.updated(name, definition, current) };
}

/** moto matches the prefix anywhere in the name; the service matches prefixes. */
async function list(ctx: SageMakerContext, p: Params): Promise<Params> {
  const answer = await callMoto(ctx, 'ListPipelines', p, '');
  const prefix = typeof p['PipelineNamePrefix'] === 'string' ? p['PipelineNamePrefix'] : '';
  const summaries = (answer['PipelineSummaries'] as Array<{ PipelineName: string }> | undefined) ?? [];
  return { ...answer, PipelineSummaries: summaries.filter((s) => s.PipelineName.startsWith(prefix)) };
}

/**
 * DescribePipeline from moto, with the definition always a string, as the service returns it;
 * with a version, that version's definition.
 */
export async function describePipeline(ctx: SageMakerContext, name: string, version?: number): Promise<Params> {
  const answer = await callMoto(ctx, 'DescribePipeline', { PipelineName: name }, name);
  if (version !== undefined) return { ...answer, PipelineDefinition: ctx.versions.definition(name, version, String(answer['PipelineArn'])) };
  const definition = answer['PipelineDefinition'];
  return typeof definition === 'string' ? answer : { ...answer, PipelineDefinition: JSON.stringify(definition) };
}

/** The request moto gets: the definition inline, whatever the caller sent. */
function inline(p: Params, definition: string | undefined): Params {
  const { PipelineDefinitionS3Location: _location, ...rest } = p;
  return definition === undefined ? rest : { ...rest, PipelineDefinition: definition };
}

/** The definition text from the request or from S3; undefined when neither is given (updates). */
async function definitionText(ctx: SageMakerContext, p: Params, required: boolean): Promise<string | undefined> {
  const text = p['PipelineDefinition'];
  const location = p['PipelineDefinitionS3Location'] as { Bucket?: string; ObjectKey?: string } | undefined;
  if (text !== undefined && location !== undefined) throw validationError('Provide either PipelineDefinition or PipelineDefinitionS3Location, not both.');
  if (typeof text === 'string') return text;
  if (location === undefined) {
    if (required) throw validationError('Either PipelineDefinition or PipelineDefinitionS3Location must be provided.');
    return undefined;
  }
  checkRules(p, [{ path: 'PipelineDefinitionS3Location.Bucket', required: true }, { path: 'PipelineDefinitionS3Location.ObjectKey', required: true }]);
  const bytes = await ctx.moto.s3Get(location.Bucket!, location.ObjectKey!);
  if (bytes === undefined) throw validationError(`Could not read the pipeline definition from s3://${location.Bucket}/${location.ObjectKey}: the object does not exist.`);
  return bytes.toString('utf8');
}

/** Calls moto and gives its errors the service's codes and wording. */
export async function callMoto(ctx: SageMakerContext, action: string, body: Params, name: string): Promise<Params> {
  try {
    return await ctx.moto.sagemaker(action, body);
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    if (error.message.startsWith('Could not find pipeline')) throw pipelineNotFound(ctx.region, ctx.accountId, name);
    throw new ServiceError(error.code, error.message.replace(/^An error occurred \(\w+\) when calling the \w+ operation: /, ''), error.status);
  }
}
