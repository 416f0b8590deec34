/** Fault injection, seen from the real SDK clients: what they retry and what reaches them. */
import assert from 'node:assert/strict';
import { afterEach, before, describe, it } from 'node:test';
import { CreatePipelineCommand, DescribePipelineCommand, ListPipelinesCommand, type SageMakerClient } from '@aws-sdk/client-sagemaker';
import {
  AbortMultipartUploadCommand, CreateBucketCommand, CreateMultipartUploadCommand, HeadObjectCommand, ListMultipartUploadsCommand, PutObjectCommand,
  UploadPartCommand, type S3Client,
} from '@aws-sdk/client-s3';
import type { Emulator } from '../index.js';
import { definition, processing, ROLE, uniqueName } from './fixtures.js';
import { failure, type Harness } from './harness.js';

/** Set from the shared harness before the suites run. */
let emulator: Emulator;
let sagemaker: SageMakerClient;
let s3: S3Client;

const createPipeline = (name = uniqueName('f')) =>
  sagemaker.send(new CreatePipelineCommand({ PipelineName: name, PipelineDefinition: definition([processing('Prep')]), RoleArn: ROLE }));

const exists = async (key: string): Promise<boolean> =>
  s3.send(new HeadObjectCommand({ Bucket: 'faults', Key: key })).then(() => true, () => false);

export function faultSuites(harness: () => Harness): void {
  describe('faults', () => {
    before(async () => {
      ({ emulator, sagemaker, s3 } = harness());
      await s3.send(new CreateBucketCommand({ Bucket: 'faults' }));
    });
    afterEach(() => { emulator.clearFaults(); emulator.clearRequests(); });

    describe('faults', () => {
      it('throttle: 400 ThrottlingException, which the SDK retries', async () => {
        emulator.injectFault({ action: 'CreatePipeline', kind: 'throttle' });
        const created = await createPipeline();
        assert.equal(created.$metadata.attempts, 2);
        assert.equal(emulator.count('CreatePipeline'), 2);
      });

      it('throttle on S3: 503 SlowDown, retried', async () => {
        emulator.injectFault({ action: 'PutObject', kind: 'throttle' });
        const put = await s3.send(new PutObjectCommand({ Bucket: 'faults', Key: 'throttled', Body: 'x' }));
        assert.equal(put.$metadata.attempts, 2);
      });

      it('error500: retried, and surfaced as InternalFailure once the SDK gives up', async () => {
        emulator.injectFault({ action: 'ListPipelines', kind: 'error500', times: 2 });
        assert.equal((await sagemaker.send(new ListPipelinesCommand({}))).$metadata.attempts, 3);
        emulator.injectFault({ action: 'ListPipelines', kind: 'error500', times: Infinity });
        const error = await failure(sagemaker.send(new ListPipelinesCommand({})));
        assert.equal(error.name, 'InternalFailure');
        assert.equal(error.$metadata?.httpStatusCode, 500);
        assert.equal(emulator.count('ListPipelines'), 6);
      });

      it('slow: answers after the delay', async () => {
        emulator.injectFault({ action: 'ListPipelines', kind: 'slow', delayMs: 300 });
        const started = Date.now();
        await sagemaker.send(new ListPipelinesCommand({}));
        assert.ok(Date.now() - started >= 300);
      });

      it('drop: the connection dies without an answer; the SDK retries', async () => {
        emulator.injectFault({ action: 'DescribePipeline', kind: 'drop' });
        const error = await failure(sagemaker.send(new DescribePipelineCommand({ PipelineName: 'absent' })));
        assert.equal(error.name, 'ResourceNotFound'); // the retry reached the emulator
        assert.equal(emulator.count('DescribePipeline'), 2);
      });

      it('drop on PutObject: an upload killed half way stores nothing', async () => {
        emulator.injectFault({ action: 'PutObject', kind: 'drop', times: Infinity });
        const body = Buffer.alloc(2 * 1024 * 1024, 7);
        const error = await failure(s3.send(new PutObjectCommand({ Bucket: 'faults', Key: 'big.bin', Body: body })));
        assert.notEqual(error.name, 'AssertionError');
        assert.equal(emulator.count('PutObject'), 3);
        emulator.clearFaults();
        assert.equal(await exists('big.bin'), false);
        await s3.send(new PutObjectCommand({ Bucket: 'faults', Key: 'big.bin', Body: body }));
        assert.equal(await exists('big.bin'), true);
      });

      it('drop on UploadPart: the multipart upload cannot complete', async () => {
        const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'faults', Key: 'multi.bin' }));
        emulator.injectFault({ action: 'UploadPart', kind: 'drop', times: Infinity });
        await failure(s3.send(new UploadPartCommand({ Bucket: 'faults', Key: 'multi.bin', UploadId, PartNumber: 1, Body: Buffer.alloc(5 * 1024 * 1024, 1) })));
        assert.equal(emulator.count('UploadPart'), 3);
        assert.equal(emulator.count('CreateMultipartUpload'), 1);
        await s3.send(new AbortMultipartUploadCommand({ Bucket: 'faults', Key: 'multi.bin', UploadId }));
        assert.equal(await exists('multi.bin'), false);
      });

      it('ListMultipartUploads: open uploads under a prefix, with the time each was started (moto says 2010)', async () => {
        const before = Date.now() - 1000;
        const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'faults', Key: 'open/a.bin' }));
        await s3.send(new CreateMultipartUploadCommand({ Bucket: 'faults', Key: 'elsewhere/b.bin' }));
        const listed = await s3.send(new ListMultipartUploadsCommand({ Bucket: 'faults', Prefix: 'open/' }));
        assert.deepEqual(listed.Uploads?.map((u) => [u.Key, u.UploadId]), [['open/a.bin', UploadId]]);
        const initiated = listed.Uploads?.[0]?.Initiated?.getTime() ?? 0;
        assert.ok(initiated >= before && initiated <= Date.now() + 1000, `Initiated ${new Date(initiated).toISOString()}`);
        await s3.send(new AbortMultipartUploadCommand({ Bucket: 'faults', Key: 'open/a.bin', UploadId }));
        assert.deepEqual((await s3.send(new ListMultipartUploadsCommand({ Bucket: 'faults', Prefix: 'open/' }))).Uploads ?? [], []);
      });

      it('error: any service error, e.g. AccessDenied, not retried', async () => {
        emulator.injectFault({ action: 'CreatePipeline', kind: 'error', code: 'AccessDeniedException', message: 'User is not authorized to perform: sagemaker:CreatePipeline' });
        const error = await failure(createPipeline());
        assert.equal(error.name, 'AccessDeniedException');
        assert.match(error.message, /sagemaker:CreatePipeline/);
        assert.equal(emulator.count('CreatePipeline'), 1);
      });

      it('only hits its action, and clearFaults disarms', async () => {
        emulator.injectFault({ action: 'CreatePipeline', kind: 'error500', times: Infinity });
        await sagemaker.send(new ListPipelinesCommand({}));
        emulator.clearFaults();
        await createPipeline();
        assert.equal(emulator.count('CreatePipeline'), 1);
      });
    });
  });
}
