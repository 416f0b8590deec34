import assert from 'node:assert/strict';
import { test } from 'node:test';
import { desiredFromFolder } from '../../src/deploy/desired.js';
import { explainAwsError } from '../../src/deploy/explain-error.js';
import { explainRejection, namedStep } from '../../src/deploy/rejection.js';
import { compileToFolder } from './folders.js';

const call = { action: 'sagemaker:CreatePipeline', resource: 'pipeline p', region: 'us-east-1' };
const s3call = { action: 's3:PutObject', resource: 's3://other-bucket/a/b.tar.gz', region: 'us-east-1' };

function awsError(name: string, message: string, status: number, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status, attempts: 6 }, ...extra });
}

test('missing credentials say how to configure them', () => {
  const e = explainAwsError(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }), call);
  assert.equal(e.code, 'SMP9004');
  assert.match(e.hint ?? '', /aws sso login/);
});

test('AccessDenied names the action and resource from the message', () => {
  const message = 'User: arn:aws:sts::111122223333:assumed-role/Dev/me is not authorized to perform: sagemaker:CreatePipeline on resource: arn:aws:sagemaker:us-east-1:111122223333:pipeline/p because no identity-based policy allows the sagemaker:CreatePipeline action';
  const e = explainAwsError(awsError('AccessDeniedException', message, 400), call);
  assert.equal(e.code, 'SMP9005');
  assert.equal(e.message, 'access denied: arn:aws:sts::111122223333:assumed-role/Dev/me may not sagemaker:CreatePipeline on arn:aws:sagemaker:us-east-1:111122223333:pipeline/p');
  const s3 = explainAwsError(awsError('Forbidden', '', 403), s3call);
  assert.equal(s3.message, 'access denied: your AWS identity may not s3:PutObject on s3://other-bucket/a/b.tar.gz');
});

test('a bucket in another region: from the redirect header, the error body, or the message', () => {
  const header = explainAwsError(awsError('PermanentRedirect', '', 301, { $response: { headers: { 'x-amz-bucket-region': 'eu-west-1' } } }), s3call);
  assert.equal(header.code, 'SMP9006');
  assert.equal(header.message, 'S3 bucket other-bucket is in eu-west-1, but this deploy targets us-east-1');
  assert.match(header.hint ?? '', /--region eu-west-1/);
  const malformed = explainAwsError(awsError('AuthorizationHeaderMalformed', "The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'ap-south-1'", 400), s3call);
  assert.match(malformed.message, /is in ap-south-1/);
});

test('throttling after every retry, region missing, not found, server errors, connection loss', () => {
  assert.equal(explainAwsError(awsError('ThrottlingException', 'Rate exceeded', 400), call).code, 'SMP9007');
  assert.match(explainAwsError(awsError('ThrottlingException', 'Rate exceeded', 400), call).message, /after 6 attempts/);
  assert.equal(explainAwsError(new Error('Region is missing'), call).code, 'SMP9008');
  assert.equal(explainAwsError(awsError('ResourceNotFound', 'Pipeline p does not exist', 400), call).code, 'SMP9009');
  assert.equal(explainAwsError(awsError('InternalFailure', '', 500), call).code, 'SMP9012');
  assert.equal(explainAwsError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), s3call).code, 'SMP9011');
  assert.equal(explainAwsError(awsError('NoSuchBucket', 'The specified bucket does not exist', 404), s3call).code, 'SMP9011');
});

test('namedStep prefers quoted names, then the earliest whole-word name', () => {
  const names = ['Train', 'TrainDPO', 'Evaluate'];
  assert.equal(namedStep("Step 'TrainDPO' is invalid", names), 'TrainDPO');
  assert.equal(namedStep('Invalid property reference in Evaluate used by TrainDPO', names), 'Evaluate');
  assert.equal(namedStep('TrainDPOX is not a step', names), undefined);
});

const SPEC = `pipeline: rejected
artifacts: s3://bucket/prefix
defaults:
  role: arn:aws:iam::111122223333:role/Missing
steps:
  Prep:
    kind: fail
    message: nothing to see
  TrainDPO:
    kind: fail
    message: stop
`;

test('a ValidationException naming a step points at its YAML key; one naming the role at defaults.role', (t) => {
  const compiled = compileToFolder(SPEC, 'rejected.yaml');
  t.after(compiled.cleanup);
  const source = compiled.result.sources.get('rejected.yaml');
  assert.ok(source);
  const desired = desiredFromFolder(compiled.folder, { file: 'rejected.yaml', source });
  const step = explainRejection(awsError('ValidationException', "Step 'TrainDPO': Invalid ErrorMessage", 400), desired, 'CreatePipeline');
  assert.equal(step?.code, 'SMP9001');
  assert.deepEqual([step?.diagnostic?.pointer, step?.diagnostic?.range?.start], ['/steps/TrainDPO', { line: 9, col: 3 }]);
  const role = explainRejection(awsError('ValidationException', 'Role arn:aws:iam::111122223333:role/Missing does not exist', 400), desired, 'CreatePipeline');
  assert.equal(role?.code, 'SMP9002');
  assert.deepEqual(role?.diagnostic?.range?.start, { line: 4, col: 3 });
  assert.equal(explainRejection(awsError('ThrottlingException', 'x', 400), desired, 'CreatePipeline'), undefined);
  const bare = explainRejection(awsError('ValidationException', "Step 'TrainDPO': Invalid ErrorMessage", 400), desiredFromFolder(compiled.folder), 'CreatePipeline');
  assert.deepEqual([bare?.code, bare?.diagnostic], ['SMP9001', undefined], 'a folder deployed on its own has no YAML to point at');
  assert.match(bare?.hint ?? '', /names step TrainDPO/);
});

test('a request that timed out after every retry is SMP9016, naming the call and the knobs', () => {
  const e = explainAwsError(Object.assign(new Error('the request socket timed out after 200 ms of inactivity'), { name: 'TimeoutError', $metadata: { attempts: 2 } }), s3call);
  assert.equal(e.code, 'SMP9016');
  assert.equal(e.message, 's3:PutObject on s3://other-bucket/a/b.tar.gz: AWS did not answer in time (2 attempts): the request socket timed out after 200 ms of inactivity');
  assert.match(e.hint ?? '', /--request-timeout/);
});
