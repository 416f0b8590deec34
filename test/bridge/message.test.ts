import assert from 'node:assert/strict';
import { test } from 'node:test';
import { labelingJobName, stepOf } from '../../containers/labeling-bridge/job-name.js';
import { parseCallbackMessage } from '../../containers/labeling-bridge/message.js';
import { labelingJobRequest } from '../../containers/labeling-bridge/request.js';

const ARN = 'arn:aws:sagemaker:us-east-1:111122223333:pipeline/llama3-dpo-alignment/execution/4wdwz3tt8zxe';
const NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

const names: { step: string; arn: string; token: string; expected?: string }[] = [
  { step: 'CollectPreferences', arn: ARN, token: 'AbC123xyZ9', expected: 'smp-collectpreferences-4wdwz3tt8zxe-abc123xyz9' },
  { step: 'A'.repeat(64), arn: ARN, token: 'AbC123xyZ9' },
  { step: '__--__', arn: ARN, token: 'AbC123xyZ9', expected: 'smp-step-4wdwz3tt8zxe-abc123xyz9' },
  { step: 'rank_v2-final', arn: `${ARN.replace('4wdwz3tt8zxe', 'x'.repeat(40))}`, token: 'z'.repeat(10) },
];

for (const c of names) {
  test(`job name: ${c.step.slice(0, 20)} stays within LabelingJobName's pattern and is stable`, () => {
    const name = labelingJobName(c.arn, c.step, c.token);
    assert.match(name, NAME);
    assert.ok(name.length <= 63, `${name.length} characters`);
    assert.equal(name, labelingJobName(c.arn, c.step, c.token), 'deterministic');
    assert.notEqual(name, labelingJobName(c.arn, c.step, 'Other12345'), 'another callback, another job');
    if (c.expected) assert.equal(name, c.expected);
  });
}

const messages: { name: string; body: string; expect: ReturnType<typeof parseCallbackMessage> }[] = [
  {
    name: 'the developer guide\'s keys',
    body: JSON.stringify({ token: 'AbC123xyZ9', pipelineExecutionArn: ARN, arguments: { a: 1 }, status: 'Executing' }),
    expect: { ok: true, message: { token: 'AbC123xyZ9', executionArn: ARN, status: 'Executing', arguments: { a: 1 } } },
  },
  {
    name: 'the API reference\'s capitalised Status, no arguments',
    body: JSON.stringify({ Token: 'AbC123xyZ9', PipelineExecutionArn: ARN, Status: 'Stopping' }),
    expect: { ok: true, message: { token: 'AbC123xyZ9', executionArn: ARN, status: 'Stopping', arguments: {} } },
  },
  { name: 'not JSON', body: '{', expect: { ok: false, reason: 'the message body is not JSON' } },
  { name: 'an array', body: '[]', expect: { ok: false, reason: 'the message body is not a JSON object' } },
  { name: 'no token', body: JSON.stringify({ pipelineExecutionArn: ARN }), expect: { ok: false, reason: 'the message has no callback token' } },
  { name: 'a token with odd characters', body: JSON.stringify({ token: 'a b' }), expect: { ok: false, reason: 'the message has no callback token' } },
  { name: 'a bad execution ARN', body: JSON.stringify({ token: 'AbC123xyZ9', pipelineExecutionArn: 'arn:x' }), expect: { ok: false, token: 'AbC123xyZ9', reason: 'the message has no valid pipelineExecutionArn' } },
  { name: 'arguments that are a list', body: JSON.stringify({ token: 'AbC123xyZ9', pipelineExecutionArn: ARN, arguments: [] }), expect: { ok: false, token: 'AbC123xyZ9', reason: 'the message arguments are not a JSON object' } },
];

for (const c of messages) test(`callback message: ${c.name}`, () => assert.deepEqual(parseCallbackMessage(c.body), c.expect));

const ARGS = {
  LabelAttributeName: 'ranking',
  RoleArn: 'arn:aws:iam::111122223333:role/Labeling',
  InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: 's3://b/m.jsonl' } } },
  OutputConfig: { S3OutputPath: 's3://b/out' },
  HumanTaskConfig: {
    WorkteamArn: 'arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/t',
    UiConfig: { UiTemplateS3Uri: 's3://b/ui.html' },
    PreHumanTaskLambdaArn: 'arn:aws:lambda:us-east-1:111122223333:function:pre',
    TaskTitle: 't',
    TaskDescription: 'd',
    NumberOfHumanWorkersPerDataObject: '3',
    TaskTimeLimitInSeconds: 900,
    AnnotationConsolidationConfig: { AnnotationConsolidationLambdaArn: 'arn:aws:lambda:us-east-1:111122223333:function:post' },
  },
  Tags: [{ Key: 'smpipe:step', Value: 'Rank' }, { Key: 'smpipe:callback-token', Value: 'forged' }],
};

test('request: the arguments plus the name, numbers from text, the bridge\'s own tags replacing any given', () => {
  const built = labelingJobRequest(ARGS, 'smp-x', 'AbC123xyZ9', ARN);
  assert.ok(built.ok);
  assert.equal(built.request.LabelingJobName, 'smp-x');
  assert.equal(built.request.HumanTaskConfig?.NumberOfHumanWorkersPerDataObject, 3);
  assert.deepEqual(built.request.Tags, [
    { Key: 'smpipe:step', Value: 'Rank' },
    { Key: 'smpipe:callback-token', Value: 'AbC123xyZ9' },
    { Key: 'smpipe:pipeline-execution', Value: ARN },
  ]);
  assert.equal(stepOf(ARGS), 'Rank');
});

test('request: missing fields and a number that is not one are reasons, not exceptions', () => {
  assert.deepEqual(labelingJobRequest({}, 'n', 't', ARN), { ok: false, reason: `the step's arguments lack LabelAttributeName, RoleArn, InputConfig.DataSource.S3DataSource.ManifestS3Uri, OutputConfig.S3OutputPath, HumanTaskConfig.WorkteamArn, HumanTaskConfig.UiConfig.UiTemplateS3Uri, HumanTaskConfig.PreHumanTaskLambdaArn, HumanTaskConfig.TaskTitle, HumanTaskConfig.TaskDescription, HumanTaskConfig.AnnotationConsolidationConfig.AnnotationConsolidationLambdaArn (compile the spec with smpipe's ground-truth kind)` });
  const bad = labelingJobRequest({ ...ARGS, HumanTaskConfig: { ...ARGS.HumanTaskConfig, TaskTimeLimitInSeconds: 'soon' } }, 'n', 't', ARN);
  assert.deepEqual(bad, { ok: false, reason: 'HumanTaskConfig.TaskTimeLimitInSeconds is not an integer: the string "soon"' });
});

const tagCases: [string, unknown, string][] = [
  ['a string', 'smpipe:step=Rank', 'Tags must be a list of {"Key", "Value"} strings, not the string "smpipe:step=Rank"'],
  ['an object', { Key: 'a', Value: 'b' }, 'Tags must be a list of {"Key", "Value"} strings, not an object'],
  ['[null]', [null], 'Tags item 0 must be {"Key", "Value"} strings, not null'],
  ['a number Value', [{ Key: 'smpipe:step', Value: 'Rank' }, { Key: 'cost', Value: 3 }], 'Tags item 1 must be {"Key", "Value"} strings, not an object'],
];

for (const [name, tags, reason] of tagCases) {
  test(`request: Tags that are ${name} are a reason, not an exception`, () => {
    assert.deepEqual(labelingJobRequest({ ...ARGS, Tags: tags }, 'smp-x', 'AbC123xyZ9', ARN), { ok: false, reason });
  });
}

test('request: anything outside the CreateLabelingJob shape is refused, not forwarded', () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ ...ARGS, OutputConfig: { ...ARGS.OutputConfig, KmsKeyId: 7 } }, /OutputConfig.KmsKeyId must be a string, not the number 7/],
    [{ ...ARGS, Surprise: true }, /CreateLabelingJobRequest has no field Surprise/],
    [JSON.parse(`{"__proto__": {"polluted": true}, ${JSON.stringify(ARGS).slice(1)}`) as Record<string, unknown>, /__proto__|could not be checked/],
    [{ ...ARGS, HumanTaskConfig: { ...ARGS.HumanTaskConfig, TaskKeywords: 'ranking' } }, /TaskKeywords must be a list/],
    [{ ...ARGS, Tags: Array.from({ length: 49 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) }, /Tags must have between 0 and 50 entries, not 51|Tags must have at most 50 entries, not 51/],
    [{ ...ARGS, OutputConfig: { ...ARGS.OutputConfig, KmsKeyId: { Get: 'Parameters.Key' } } }, /unresolved pipeline expression/],
  ];
  for (const [args, reason] of cases) {
    const built = labelingJobRequest(args, 'smp-x', 'AbC123xyZ9', ARN);
    assert.equal(built.ok, false, String(reason));
    assert.match((built as { reason: string }).reason, reason);
  }
  assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype was touched');
});
