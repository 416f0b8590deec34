/** Ground Truth labeling jobs, which moto lacks, with the test controls that finish them. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  CreateLabelingJobCommand, DescribeLabelingJobCommand, ListLabelingJobsCommand, StopLabelingJobCommand,
  type CreateLabelingJobCommandInput, type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import type { Emulator } from '../index.js';
import { ROLE } from './fixtures.js';
import { waitUntil, type Harness } from './harness.js';

/** Set from the shared harness before the suites run. */
let emulator: Emulator;
let sagemaker: SageMakerClient;

function request(name: string): CreateLabelingJobCommandInput {
  return {
    LabelingJobName: name,
    LabelAttributeName: 'ranking',
    InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: 's3://bucket/input.manifest' } } },
    OutputConfig: { S3OutputPath: 's3://bucket/labels/' },
    RoleArn: ROLE,
    HumanTaskConfig: {
      WorkteamArn: 'arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/labelers',
      UiConfig: { UiTemplateS3Uri: 's3://bucket/template.liquid.html' },
      PreHumanTaskLambdaArn: 'arn:aws:lambda:us-east-1:111122223333:function:pre',
      TaskTitle: 'Rank answers', TaskDescription: 'Rank the answers', NumberOfHumanWorkersPerDataObject: 3, TaskTimeLimitInSeconds: 600,
      AnnotationConsolidationConfig: { AnnotationConsolidationLambdaArn: 'arn:aws:lambda:us-east-1:111122223333:function:post' },
    },
  };
}

const describeJob = (name: string) => sagemaker.send(new DescribeLabelingJobCommand({ LabelingJobName: name }));

export function labelingSuites(harness: () => Harness): void {
  describe('labeling', () => {
    before(() => { ({ emulator, sagemaker } = harness()); });

    describe('labeling jobs', () => {
      it('creates a job that stays InProgress until completed with an output manifest', async () => {
        const created = await sagemaker.send(new CreateLabelingJobCommand(request('Rank-1')));
        assert.equal(created.LabelingJobArn, 'arn:aws:sagemaker:us-east-1:111122223333:labeling-job/rank-1');
        assert.equal((await describeJob('Rank-1')).LabelingJobStatus, 'InProgress');
        emulator.completeLabelingJob('Rank-1', 's3://bucket/labels/Rank-1/manifests/output/output.manifest');
        const done = await describeJob('Rank-1');
        assert.equal(done.LabelingJobStatus, 'Completed');
        assert.deepEqual(done.LabelingJobOutput, { OutputDatasetS3Uri: 's3://bucket/labels/Rank-1/manifests/output/output.manifest' });
        assert.equal(done.HumanTaskConfig?.NumberOfHumanWorkersPerDataObject, 3);
      });

      it('fails a job with a reason, and stops one', async () => {
        await sagemaker.send(new CreateLabelingJobCommand(request('Rank-2')));
        emulator.failLabelingJob('Rank-2', 'ClientError: the manifest is empty');
        assert.deepEqual(await describeJob('Rank-2').then((d) => [d.LabelingJobStatus, d.FailureReason]), ['Failed', 'ClientError: the manifest is empty']);
        await sagemaker.send(new CreateLabelingJobCommand(request('Rank-3')));
        await sagemaker.send(new StopLabelingJobCommand({ LabelingJobName: 'Rank-3' }));
        assert.ok(['Stopping', 'Stopped'].includes((await describeJob('Rank-3')).LabelingJobStatus ?? ''));
        await waitUntil(async () => (await describeJob('Rank-3')).LabelingJobStatus === 'Stopped');
      });

      it('lists jobs with filters', async () => {
        await sagemaker.send(new CreateLabelingJobCommand(request('Other-1')));
        const ranks = await sagemaker.send(new ListLabelingJobsCommand({ NameContains: 'Rank', SortBy: 'Name', SortOrder: 'Ascending' }));
        assert.deepEqual(ranks.LabelingJobSummaryList?.map((j) => j.LabelingJobName), ['Rank-1', 'Rank-2', 'Rank-3']);
        const inProgress = await sagemaker.send(new ListLabelingJobsCommand({ StatusEquals: 'InProgress' }));
        assert.deepEqual(inProgress.LabelingJobSummaryList?.map((j) => j.LabelingJobName), ['Other-1']);
      });

      it('validates requests and reports missing and duplicate jobs', async () => {
        const invalid = await sagemaker.send(new CreateLabelingJobCommand({ ...request('bad_name'), RoleArn: undefined as unknown as string })).catch((e: Error) => e);
        assert.match(String(invalid), /^ValidationException: 2 validation errors detected: Value 'bad_name' at 'labelingJobName'.*Value null at 'roleArn'/);
        const duplicate = await sagemaker.send(new CreateLabelingJobCommand(request('Rank-1'))).catch((e: Error) => e);
        assert.equal((duplicate as Error).name, 'ResourceInUse');
        const missing = await describeJob('Nope').catch((e: Error) => e);
        assert.equal((missing as Error).name, 'ResourceNotFound');
        assert.throws(() => emulator.completeLabelingJob('Rank-1', 's3://x'), /already Completed/);
      });
    });
  });
}
