import type { CreateLabelingJobRequest } from '@aws-sdk/client-sagemaker';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { artifactsPrefix, configFromEnv, ENV, type BridgeConfig } from '../../containers/labeling-bridge/config.js';
import { pipelineRefusal, refusals } from '../../containers/labeling-bridge/pins.js';

/** The bridge refuses any labeling job outside what it was deployed for (issue 10 item 5). */
const CONFIG: BridgeConfig = {
  workteamArns: ['arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/labelers'],
  lambdaArns: ['arn:aws:lambda:us-east-1:111122223333:function:s-pre-LabelingFunction', 'arn:aws:lambda:us-east-1:111122223333:function:s-acs-LabelingFunction'],
  pipelines: ['llama3-dpo-alignment'],
  labelingRoleArn: 'arn:aws:iam::111122223333:role/Labeling',
  artifacts: 's3://bucket/smpipe/',
};

const REQUEST: CreateLabelingJobRequest = {
  LabelingJobName: 'smp-rank-x-token',
  LabelAttributeName: 'ranking',
  RoleArn: CONFIG.labelingRoleArn,
  InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: 's3://bucket/smpipe/p/e/Generate/output/manifest/manifest.jsonl' } } },
  OutputConfig: { S3OutputPath: 's3://bucket/smpipe/p/e/Rank/labels' },
  HumanTaskConfig: {
    WorkteamArn: CONFIG.workteamArns[0],
    UiConfig: { UiTemplateS3Uri: 's3://bucket/smpipe/p/assets/ui.liquid' },
    PreHumanTaskLambdaArn: CONFIG.lambdaArns[0],
    TaskTitle: 't',
    TaskDescription: 'd',
    NumberOfHumanWorkersPerDataObject: 1,
    TaskTimeLimitInSeconds: 900,
    AnnotationConsolidationConfig: { AnnotationConsolidationLambdaArn: CONFIG.lambdaArns[1] },
  },
};

function human(extra: Record<string, unknown>): CreateLabelingJobRequest {
  return { ...REQUEST, HumanTaskConfig: { ...REQUEST.HumanTaskConfig, ...extra } as CreateLabelingJobRequest['HumanTaskConfig'] };
}

test('pins: what the bridge was deployed for passes', () => {
  assert.deepEqual(refusals(REQUEST, CONFIG), []);
});

const cases: [string, CreateLabelingJobRequest, RegExp][] = [
  ['the public crowd', human({ WorkteamArn: 'arn:aws:sagemaker:us-east-1:394669845002:workteam/public-crowd/default' }), /^HumanTaskConfig\.WorkteamArn ".*public-crowd\/default" is not a work team the bridge was deployed for \(--workteam-arn\)$/],
  ['another Lambda before each task', human({ PreHumanTaskLambdaArn: 'arn:aws:lambda:us-east-1:999988887777:function:exfiltrate' }), /^HumanTaskConfig\.PreHumanTaskLambdaArn ".*:function:exfiltrate" is not a Lambda/],
  ['another consolidation Lambda', human({ AnnotationConsolidationConfig: { AnnotationConsolidationLambdaArn: 'arn:aws:lambda:us-east-1:111122223333:function:other' } }), /^HumanTaskConfig\.AnnotationConsolidationConfig\.AnnotationConsolidationLambdaArn ".*:function:other" is not a Lambda/],
  ['another role', { ...REQUEST, RoleArn: 'arn:aws:iam::111122223333:role/Admin' }, /^RoleArn ".*role\/Admin" is not the labeling role/],
  ['a manifest in another bucket', { ...REQUEST, InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: 's3://attacker/manifest.jsonl' } } } }, /^InputConfig\.DataSource\.S3DataSource\.ManifestS3Uri "s3:\/\/attacker\/manifest\.jsonl" is not under s3:\/\/bucket\/smpipe\/$/],
  ['a bucket whose name starts like ours', { ...REQUEST, OutputConfig: { S3OutputPath: 's3://bucket-2/smpipe/out' } }, /^OutputConfig\.S3OutputPath .* is not under/],
  ['output beside the prefix', { ...REQUEST, OutputConfig: { S3OutputPath: 's3://bucket/smpipe-other/out' } }, /^OutputConfig\.S3OutputPath .* is not under/],
  ['a ".." segment', { ...REQUEST, OutputConfig: { S3OutputPath: 's3://bucket/smpipe/../private/out' } }, /^OutputConfig\.S3OutputPath .* is not under/],
  ['an https:// worker UI', human({ UiConfig: { UiTemplateS3Uri: 'https://bucket.s3.amazonaws.com/smpipe/ui.liquid' } }), /^HumanTaskConfig\.UiConfig\.UiTemplateS3Uri .* is not under/],
  ['a label category file elsewhere', { ...REQUEST, LabelCategoryConfigS3Uri: 's3://attacker/labels.json' }, /^LabelCategoryConfigS3Uri .* is not under/],
  ['a human task UI ARN', human({ UiConfig: { UiTemplateS3Uri: REQUEST.HumanTaskConfig?.UiConfig?.UiTemplateS3Uri, HumanTaskUiArn: 'arn:aws:sagemaker:us-east-1:999988887777:human-task-ui/phish' } }), /^HumanTaskConfig\.UiConfig\.HumanTaskUiArn: the worker UI must be a template/],
  ['a streaming input topic', { ...REQUEST, InputConfig: { DataSource: { ...REQUEST.InputConfig?.DataSource, SnsDataSource: { SnsTopicArn: 'arn:aws:sns:us-east-1:1:t' } } } }, /^InputConfig\.DataSource\.SnsDataSource: streaming labeling jobs are not supported$/],
  ['an output topic', { ...REQUEST, OutputConfig: { S3OutputPath: REQUEST.OutputConfig?.S3OutputPath as string, SnsTopicArn: 'arn:aws:sns:us-east-1:999988887777:labels' } }, /^OutputConfig\.SnsTopicArn: streaming/],
  ['automated labeling', { ...REQUEST, LabelingJobAlgorithmsConfig: { LabelingJobAlgorithmSpecificationArn: 'arn:aws:sagemaker:us-east-1:027400017018:labeling-job-algorithm-specification/image-classification' } }, /^LabelingJobAlgorithmsConfig: automated data labeling is not supported$/],
];

for (const [name, request, expected] of cases) {
  test(`pins: refuses ${name}, naming it`, () => {
    const found = refusals(request, CONFIG);
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0] as string, expected);
  });
}

test('pins: a bridge deployed without work teams, Lambdas, role or prefix allows nothing', () => {
  const empty = configFromEnv({});
  assert.equal(refusals(REQUEST, empty).length, 7, refusals(REQUEST, empty).join('\n'));
});

test('pins: pipelines by name, case-insensitively (SageMaker lower-cases them in ARNs)', () => {
  const arn = (name: string) => `arn:aws:sagemaker:us-east-1:111122223333:pipeline/${name}/execution/4wdwz3tt8zxe`;
  assert.equal(pipelineRefusal(arn('llama3-dpo-alignment'), CONFIG), undefined);
  assert.equal(pipelineRefusal(arn('Llama3-DPO-Alignment'), configFromEnv({ [ENV.pipelines]: 'LLAMA3-dpo-alignment' })), undefined);
  assert.equal(pipelineRefusal(arn('other'), CONFIG), 'pipeline "other" is not a pipeline the bridge was deployed for (--pipeline)');
});

test('config: the environment stack.yaml sets, with empty items and whitespace dropped; a bad prefix allows nothing', () => {
  const config = configFromEnv({ [ENV.workteams]: 'arn:a, arn:b', [ENV.lambdas]: 'arn:pre,arn:acs,', [ENV.pipelines]: 'P1', [ENV.labelingRole]: 'arn:r', [ENV.artifacts]: 's3://bucket/smpipe' });
  assert.deepEqual(config, { workteamArns: ['arn:a', 'arn:b'], lambdaArns: ['arn:pre', 'arn:acs'], pipelines: ['p1'], labelingRoleArn: 'arn:r', artifacts: 's3://bucket/smpipe/' });
  assert.equal(artifactsPrefix('s3://bucket/'), 's3://bucket/', 'the whole bucket');
  assert.equal(artifactsPrefix('bucket/smpipe'), '');
  assert.equal(artifactsPrefix('s3://bucket'), '', 'no "/" after the bucket: no prefix can be checked');
});
