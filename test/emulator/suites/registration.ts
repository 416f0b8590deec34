/** Pipeline registration, validation, S3 and request recording, through the real SDK clients. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  CreatePipelineCommand, DeletePipelineCommand, DescribePipelineCommand, ListPipelinesCommand, ListTagsCommand,
  SageMakerClient, UpdatePipelineCommand,
} from '@aws-sdk/client-sagemaker';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Emulator } from '../index.js';
import { definition, get, processing, ROLE, training, uniqueName } from './fixtures.js';
import { failure, type Harness } from './harness.js';

/** Set from the shared harness before the suites run. */
let emulator: Emulator;
let sagemaker: SageMakerClient;
let s3: S3Client;

const DEFINITION = definition([processing('Prep'), training('Train', get("Steps.Prep.ProcessingOutputConfig.Outputs['out'].S3Output.S3Uri"))]);

export function registrationSuites(harness: () => Harness): void {
  describe('registration', () => {
    before(async () => {
      ({ emulator, sagemaker, s3 } = harness());
      await s3.send(new CreateBucketCommand({ Bucket: 'artifacts' }));
    });

    describe('pipeline registration', () => {
      it('creates and describes a pipeline, keeping the definition byte for byte', async () => {
        const name = uniqueName('create');
        const created = await sagemaker.send(new CreatePipelineCommand({
          PipelineName: name, PipelineDefinition: DEFINITION, RoleArn: ROLE, PipelineDescription: 'd',
          Tags: [{ Key: 'team', Value: 'ml' }], ParallelismConfiguration: { MaxParallelExecutionSteps: 2 },
        }));
        assert.equal(created.PipelineArn, `arn:aws:sagemaker:us-east-1:111122223333:pipeline/${name}`);
        const described = await sagemaker.send(new DescribePipelineCommand({ PipelineName: name }));
        assert.equal(described.PipelineDefinition, DEFINITION);
        assert.equal(described.RoleArn, ROLE);
        assert.deepEqual(described.ParallelismConfiguration, { MaxParallelExecutionSteps: 2 });
        const byArn = await sagemaker.send(new DescribePipelineCommand({ PipelineName: created.PipelineArn }));
        assert.equal(byArn.PipelineName, name);
        const tags = await sagemaker.send(new ListTagsCommand({ ResourceArn: created.PipelineArn }));
        assert.deepEqual(tags.Tags, [{ Key: 'team', Value: 'ml' }]);
      });

      it('answers a missing pipeline with ResourceNotFound, as the service does (moto says ValidationException)', async () => {
        const error = await failure(sagemaker.send(new DescribePipelineCommand({ PipelineName: 'no-such-pipeline' })));
        assert.equal(error.name, 'ResourceNotFound');
        assert.equal(error.message, "Pipeline 'arn:aws:sagemaker:us-east-1:111122223333:pipeline/no-such-pipeline' does not exist.");
        assert.equal((await failure(sagemaker.send(new UpdatePipelineCommand({ PipelineName: 'no-such-pipeline', PipelineDescription: 'x' })))).name, 'ResourceNotFound');
      });

      it('reads PipelineDefinitionS3Location from the emulated S3 and returns the definition as a string', async () => {
        const name = uniqueName('from-s3');
        const big = definition([processing('Prep', undefined, { Description: 'x'.repeat(1_100_000) })]);
        await s3.send(new PutObjectCommand({ Bucket: 'artifacts', Key: `${name}/definition.json`, Body: big }));
        await sagemaker.send(new CreatePipelineCommand({ PipelineName: name, PipelineDefinitionS3Location: { Bucket: 'artifacts', ObjectKey: `${name}/definition.json` }, RoleArn: ROLE }));
        const described = await sagemaker.send(new DescribePipelineCommand({ PipelineName: name }));
        assert.equal(described.PipelineDefinition, big);
      });

      it('updates a pipeline: new version, new LastModifiedTime', async () => {
        const name = uniqueName('update');
        await sagemaker.send(new CreatePipelineCommand({ PipelineName: name, PipelineDefinition: DEFINITION, RoleArn: ROLE }));
        const before = await sagemaker.send(new DescribePipelineCommand({ PipelineName: name }));
        await new Promise((resolve) => setTimeout(resolve, 5));
        const changed = definition([processing('Prep2')]);
        const updated = await sagemaker.send(new UpdatePipelineCommand({ PipelineName: name, PipelineDefinition: changed }));
        assert.equal(updated.PipelineVersionId, 2);
        const described = await sagemaker.send(new DescribePipelineCommand({ PipelineName: name }));
        assert.equal(described.PipelineDefinition, changed);
        assert.ok(described.LastModifiedTime! > before.LastModifiedTime!);
      });

      it('repeats the answer for a repeated ClientRequestToken instead of failing with "already exists"', async () => {
        const name = uniqueName('token');
        const request = { PipelineName: name, PipelineDefinition: DEFINITION, RoleArn: ROLE, ClientRequestToken: `${name}-token-000000000000000000000000` };
        const first = await sagemaker.send(new CreatePipelineCommand(request));
        const second = await sagemaker.send(new CreatePipelineCommand(request));
        assert.equal(second.PipelineArn, first.PipelineArn);
        const duplicate = await failure(sagemaker.send(new CreatePipelineCommand({ ...request, ClientRequestToken: undefined })));
        assert.match(duplicate.message, /^Pipeline names must be unique within an AWS account and region/);
      });

      it('lists pipelines by name prefix and deletes them', async () => {
        const name = uniqueName('listed');
        await sagemaker.send(new CreatePipelineCommand({ PipelineName: name, PipelineDefinition: DEFINITION, RoleArn: ROLE }));
        const listed = await sagemaker.send(new ListPipelinesCommand({ PipelineNamePrefix: 'listed-' }));
        assert.deepEqual(listed.PipelineSummaries?.map((s) => s.PipelineName), [name]);
        assert.equal((await sagemaker.send(new ListPipelinesCommand({ PipelineNamePrefix: 'isted-' }))).PipelineSummaries?.length, 0);
        await sagemaker.send(new DeletePipelineCommand({ PipelineName: name }));
        assert.equal((await failure(sagemaker.send(new DescribePipelineCommand({ PipelineName: name })))).name, 'ResourceNotFound');
      });
    });

    describe('validation like the service', () => {
      const create = (overrides: Record<string, unknown>): Promise<unknown> =>
        sagemaker.send(new CreatePipelineCommand({ PipelineName: uniqueName('v'), PipelineDefinition: DEFINITION, RoleArn: ROLE, ...overrides }));

      it('checks names, display names and role ARNs with the API patterns', async () => {
        const error = await failure(create({ PipelineName: 'bad_name', RoleArn: 'role/x' }));
        assert.equal(error.name, 'ValidationException');
        assert.equal(error.$metadata?.httpStatusCode, 400);
        assert.match(error.message, /^3 validation errors detected: Value 'bad_name' at 'pipelineName' failed to satisfy constraint/);
        assert.match(error.message, /Value 'role\/x' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20/);
        assert.ok(error.message.endsWith("at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: ^arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+"));
        assert.match((await failure(create({ PipelineDisplayName: 'Has spaces' }))).message, /at 'pipelineDisplayName'/);
      });

      it('needs exactly one of PipelineDefinition and PipelineDefinitionS3Location', async () => {
        assert.match((await failure(create({ PipelineDefinition: undefined }))).message, /Either PipelineDefinition or PipelineDefinitionS3Location/);
        const both = await failure(create({ PipelineDefinitionS3Location: { Bucket: 'artifacts', ObjectKey: 'k' } }));
        assert.match(both.message, /not both/);
        const missing = await failure(create({ PipelineDefinition: undefined, PipelineDefinitionS3Location: { Bucket: 'artifacts', ObjectKey: 'absent.json' } }));
        assert.match(missing.message, /s3:\/\/artifacts\/absent\.json: the object does not exist/);
      });

      it('limits an inline definition to 1 MiB', async () => {
        const big = definition([processing('Prep', undefined, { Description: 'x'.repeat(1_048_576) })]);
        const error = await failure(create({ PipelineDefinition: big }));
        assert.equal(error.message, "1 validation error detected: Value at 'pipelineDefinition' failed to satisfy constraint: Member must have length less than or equal to 1048576");
      });

      it('parses the definition and names the step at fault', async () => {
        const bad = definition([training('TrainDPO', get('Steps.Missing.ModelArtifacts.S3ModelArtifacts'))]);
        const error = await failure(create({ PipelineDefinition: bad }));
        assert.equal(error.name, 'ValidationException');
        assert.match(error.message, /^Unable to parse pipeline definition\. Step 'TrainDPO' references step 'Missing'/);
        assert.match((await failure(create({ PipelineDefinition: '{"Steps": [' }))).message, /Invalid JSON/);
      });
    });

    describe('S3 and recording', () => {
      it('puts, heads and gets objects, recording each request with its operation name', async () => {
        emulator.clearRequests();
        await s3.send(new PutObjectCommand({ Bucket: 'artifacts', Key: 'code/a b.tar.gz', Body: 'abc', Metadata: { sha256: 'f00d' } }));
        const head = await s3.send(new HeadObjectCommand({ Bucket: 'artifacts', Key: 'code/a b.tar.gz' }));
        assert.equal(head.ContentLength, 3);
        assert.equal(head.Metadata?.['sha256'], 'f00d');
        const got = await s3.send(new GetObjectCommand({ Bucket: 'artifacts', Key: 'code/a b.tar.gz' }));
        assert.equal(await got.Body?.transformToString(), 'abc');
        await sagemaker.send(new ListPipelinesCommand({}));
        assert.deepEqual(emulator.requests.map((r) => `${r.service}:${r.action}`), ['s3:PutObject', 's3:HeadObject', 's3:GetObject', 'sagemaker:ListPipelines']);
        assert.equal(emulator.count('PutObject'), 1);
        assert.deepEqual(emulator.requests[0]?.params, { Bucket: 'artifacts', Key: 'code/a b.tar.gz', query: { 'x-id': 'PutObject' }, ContentLength: 3, Metadata: { sha256: 'f00d' } });
        assert.ok(Math.abs(emulator.requests[0]!.at - Date.now()) < 10_000);
        emulator.clearRequests();
        assert.equal(emulator.requests.length, 0);
      });

      it('serves clients configured only through AWS_ENDPOINT_URL', async () => {
        const saved = process.env['AWS_ENDPOINT_URL'];
        process.env['AWS_ENDPOINT_URL'] = emulator.endpoint;
        try {
          const plain = new SageMakerClient({ region: emulator.region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
          emulator.clearRequests();
          await plain.send(new ListPipelinesCommand({}));
          assert.equal(emulator.count('ListPipelines'), 1);
        } finally {
          if (saved === undefined) delete process.env['AWS_ENDPOINT_URL'];
          else process.env['AWS_ENDPOINT_URL'] = saved;
        }
      });

      it('records SageMaker requests with their parsed parameters', async () => {
        emulator.clearRequests();
        await failure(sagemaker.send(new DescribePipelineCommand({ PipelineName: 'nothing-here' })));
        assert.deepEqual(emulator.requests.map((r) => [r.service, r.action, r.params]), [['sagemaker', 'DescribePipeline', { PipelineName: 'nothing-here' }]]);
      });
    });
  });
}
