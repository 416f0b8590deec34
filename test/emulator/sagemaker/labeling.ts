/** CreateLabelingJob, DescribeLabelingJob, StopLabelingJob, ListLabelingJobs. */
import { page, seconds, type Handlers, type Params, type SageMakerContext } from './context.js';
import type { LabelingJob } from './labeling-store.js';
import { checkRules, LABEL_ATTRIBUTE_NAME, LABELING_JOB_NAME, ROLE_ARN, S3_URI, SORT_ORDER, type Rule } from './validate.js';

const NAME_RULE: Rule = { path: 'LabelingJobName', required: true, min: 1, max: 63, pattern: LABELING_JOB_NAME };
const CREATE_RULES: Rule[] = [
  NAME_RULE,
  { path: 'LabelAttributeName', required: true, min: 1, max: 127, pattern: LABEL_ATTRIBUTE_NAME },
  { path: 'InputConfig', required: true },
  { path: 'InputConfig.DataSource', required: true },
  { path: 'OutputConfig', required: true },
  { path: 'OutputConfig.S3OutputPath', required: true, max: 1024, pattern: S3_URI },
  { path: 'RoleArn', required: true, min: 20, max: 2048, pattern: ROLE_ARN },
  { path: 'HumanTaskConfig', required: true },
  { path: 'HumanTaskConfig.WorkteamArn', required: true },
  { path: 'HumanTaskConfig.TaskTitle', required: true },
  { path: 'HumanTaskConfig.TaskDescription', required: true },
  { path: 'HumanTaskConfig.NumberOfHumanWorkersPerDataObject', required: true, minValue: 1 },
  { path: 'HumanTaskConfig.TaskTimeLimitInSeconds', required: true, minValue: 30 },
  { path: 'Tags', max: 50 },
];
const LIST_RULES: Rule[] = [
  { path: 'SortBy', enum: ['Name', 'CreationTime', 'Status'] }, { path: 'SortOrder', enum: SORT_ORDER },
  { path: 'StatusEquals', enum: ['Initializing', 'InProgress', 'Completed', 'Failed', 'Stopping', 'Stopped'] },
  { path: 'MaxResults', minValue: 1 }, { path: 'NameContains', max: 63 },
];
const STOP_MS = 10;

export function labelingHandlers(ctx: SageMakerContext): Handlers {
  return {
    CreateLabelingJob: async (p) => {
      checkRules(p, CREATE_RULES);
      return { LabelingJobArn: ctx.labeling.create(String(p['LabelingJobName']), p).arn };
    },
    DescribeLabelingJob: async (p) => {
      checkRules(p, [NAME_RULE]);
      return describe(ctx.labeling.get(String(p['LabelingJobName'])));
    },
    StopLabelingJob: async (p) => {
      checkRules(p, [NAME_RULE]);
      const job = ctx.labeling.get(String(p['LabelingJobName']));
      if (job.status === 'InProgress' || job.status === 'Initializing') {
        Object.assign(job, { status: 'Stopping', modified: Date.now() });
        setTimeout(() => Object.assign(job, { status: 'Stopped', modified: Date.now() }), STOP_MS).unref();
      }
      return {};
    },
    ListLabelingJobs: async (p) => {
      checkRules(p, LIST_RULES);
      const jobs = [...ctx.labeling.jobs.values()].filter((job) => matches(job, p)).sort(order(p));
      const { items, NextToken } = page(jobs, p);
      return { LabelingJobSummaryList: items.map(summary), ...(NextToken ? { NextToken } : {}) };
    },
  };
}

function matches(job: LabelingJob, p: Params): boolean {
  const since = (field: string): number => (typeof p[field] === 'number' ? (p[field] as number) * 1000 : NaN);
  if (typeof p['NameContains'] === 'string' && !job.name.includes(p['NameContains'])) return false;
  if (typeof p['StatusEquals'] === 'string' && job.status !== p['StatusEquals']) return false;
  if (job.created <= since('CreationTimeAfter') || job.created >= since('CreationTimeBefore')) return false;
  return !(job.modified <= since('LastModifiedTimeAfter') || job.modified >= since('LastModifiedTimeBefore'));
}

function order(p: Params): (a: LabelingJob, b: LabelingJob) => number {
  const key = (job: LabelingJob): string | number => (p['SortBy'] === 'Name' ? job.name : p['SortBy'] === 'Status' ? job.status : job.created);
  const direction = p['SortOrder'] === 'Ascending' ? 1 : -1;
  return (a, b) => (key(a) < key(b) ? -direction : key(a) > key(b) ? direction : 0);
}

const COUNTERS = { TotalLabeled: 0, HumanLabeled: 0, MachineLabeled: 0, FailedNonRetryableError: 0, Unlabeled: 0 };

function describe(job: LabelingJob): Params {
  const r = job.request;
  return {
    LabelingJobStatus: job.status, LabelCounters: COUNTERS, CreationTime: seconds(job.created), LastModifiedTime: seconds(job.modified),
    JobReferenceCode: job.referenceCode, LabelingJobName: job.name, LabelingJobArn: job.arn,
    LabelAttributeName: r['LabelAttributeName'], InputConfig: r['InputConfig'], OutputConfig: r['OutputConfig'], RoleArn: r['RoleArn'],
    HumanTaskConfig: r['HumanTaskConfig'],
    ...pick(r, ['LabelCategoryConfigS3Uri', 'StoppingConditions', 'LabelingJobAlgorithmsConfig', 'Tags']),
    ...(job.failureReason !== undefined ? { FailureReason: job.failureReason } : {}),
    ...(job.outputManifestUri !== undefined ? { LabelingJobOutput: { OutputDatasetS3Uri: job.outputManifestUri } } : {}),
  };
}

function summary(job: LabelingJob): Params {
  const human = job.request['HumanTaskConfig'] as Params;
  return {
    LabelingJobName: job.name, LabelingJobArn: job.arn, CreationTime: seconds(job.created), LastModifiedTime: seconds(job.modified),
    LabelingJobStatus: job.status, LabelCounters: COUNTERS, WorkteamArn: human['WorkteamArn'], InputConfig: job.request['InputConfig'],
    ...pick(human, ['PreHumanTaskLambdaArn']),
    ...(job.failureReason !== undefined ? { FailureReason: job.failureReason } : {}),
    ...(job.outputManifestUri !== undefined ? { LabelingJobOutput: { OutputDatasetS3Uri: job.outputManifestUri } } : {}),
  };
}

function pick(source: Params, keys: string[]): Params {
  return Object.fromEntries(keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]]));
}
