import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { EVENT_DETAIL_TYPE } from '../../containers/labeling-bridge/completion.js';
import { configFromEnv } from '../../containers/labeling-bridge/config.js';
import { JOB_PREFIX } from '../../containers/labeling-bridge/job-name.js';
import { commandsIn, evaluate, intrinsics, loadTemplate, reachableModules, type Scope } from './cfn.js';
import { allows, type Statement } from './iam.js';

/**
 * containers/labeling-bridge/stack.yaml, checked without AWS: references resolve, each function's
 * role allows every call its code makes and nothing more, with resources scoped.
 */
const template = loadTemplate();
const resources = template.Resources;
const PSEUDO = new Set(['AWS::Region', 'AWS::AccountId', 'AWS::Partition', 'AWS::StackName', 'AWS::StackId', 'AWS::URLSuffix', 'AWS::NoValue']);
const ATTRIBUTES: Record<string, string[]> = {
  'AWS::SQS::Queue': ['Arn', 'QueueName', 'QueueUrl'],
  'AWS::IAM::Role': ['Arn', 'RoleId'],
  'AWS::Lambda::Function': ['Arn'],
  'AWS::Logs::LogGroup': ['Arn'],
  'AWS::Events::Rule': ['Arn'],
};

/** Which module each function's handler runs (index.ts wires them; the bundle test checks the exports). */
const ENTRY: Record<string, string> = {
  'index.callbackMessages': 'containers/labeling-bridge/handler.ts',
  'index.labelingJobEvent': 'containers/labeling-bridge/completion.ts',
  'index.sweep': 'containers/labeling-bridge/completion.ts',
  'index.preAnnotation': 'containers/labeling-bridge/pre-annotation.ts',
  'index.consolidation': 'containers/labeling-bridge/consolidation.ts',
};

/** SDK command → the IAM actions it needs (CreateLabelingJob with Tags also needs AddTags, and passes the labeling role). */
const ACTIONS: Record<string, string[]> = {
  CreateLabelingJob: ['sagemaker:CreateLabelingJob', 'sagemaker:AddTags', 'iam:PassRole'],
  DescribeLabelingJob: ['sagemaker:DescribeLabelingJob'],
  StopLabelingJob: ['sagemaker:StopLabelingJob'],
  ListLabelingJobs: ['sagemaker:ListLabelingJobs'],
  AddTags: ['sagemaker:AddTags'],
  SendPipelineExecutionStepSuccess: ['sagemaker:SendPipelineExecutionStepSuccess'],
  SendPipelineExecutionStepFailure: ['sagemaker:SendPipelineExecutionStepFailure'],
  ListPipelineExecutionSteps: ['sagemaker:ListPipelineExecutionSteps'],
  HeadObject: ['s3:GetObject'],
  GetObject: ['s3:GetObject'],
};

/** Actions without resource-level permissions: the only ones allowed on "*". */
const NO_RESOURCE_LEVEL = new Set(['sagemaker:ListLabelingJobs']);
const LOG_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents'];
const QUEUE_ACTIONS = ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'];

const list = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

function statements(roleName: string): Statement[] {
  const role = resources[roleName];
  assert.ok(role, `role ${roleName}`);
  return (role.Properties.Policies as { PolicyDocument: { Statement: Statement[] } }[]).flatMap((p) => p.PolicyDocument.Statement);
}

function functions(): [string, { Handler: string; Role: unknown }][] {
  return Object.entries(resources).filter(([, r]) => r.Type === 'AWS::Lambda::Function').map(([name, r]) => [name, r.Properties as { Handler: string; Role: unknown }]);
}

function roleOf(fn: { Role: unknown }): string {
  const role = (fn.Role as { 'Fn::GetAtt'?: string[] })['Fn::GetAtt'];
  assert.ok(role && role[1] === 'Arn', 'Role: !GetAtt X.Arn');
  return role[0] as string;
}

test('stack: every Ref, GetAtt, Sub variable, Condition and DependsOn resolves', () => {
  const names = new Set([...Object.keys(template.Parameters), ...Object.keys(resources)]);
  for (const [fn, arg] of intrinsics(template)) {
    if (fn === 'Ref') assert.ok(names.has(arg as string) || PSEUDO.has(arg as string), `Ref ${String(arg)}`);
    if (fn === 'Fn::GetAtt') {
      const [resource, attribute] = arg as [string, string];
      assert.ok(resources[resource], `GetAtt ${resource}`);
      assert.ok(ATTRIBUTES[resources[resource].Type]?.includes(attribute), `${resource}.${attribute}`);
    }
    if (fn === 'Fn::Sub') {
      // !Sub [template, {Name: value}] defines its own variables.
      const [text, local] = Array.isArray(arg) ? [String(arg[0]), Object.keys(arg[1] as object)] : [String(arg), []];
      for (const m of text.matchAll(/\$\{([^}!]+)\}/g)) {
        const [name, attribute] = (m[1] as string).split('.');
        assert.ok(names.has(name as string) || PSEUDO.has(m[1] as string) || local.includes(m[1] as string), `\${${m[1]}} in ${text}`);
        if (attribute) assert.ok(ATTRIBUTES[resources[name as string]?.Type ?? '']?.includes(attribute), `\${${m[1]}}`);
      }
    }
  }
  for (const [name, r] of Object.entries(resources)) {
    if (r.Condition) assert.ok(template.Conditions?.[r.Condition], `${name}: condition ${r.Condition}`);
    for (const dep of list(r.DependsOn ?? [])) assert.ok(resources[dep], `${name} DependsOn ${dep}`);
  }
  for (const output of ['QueueUrl', 'PreAnnotationLambdaArn', 'ConsolidationLambdaArn']) assert.ok(template.Outputs[output], `output ${output}`);
});

test('stack: every function\'s role allows every AWS call its code makes, and nothing else', () => {
  for (const [name, fn] of functions()) {
    const entry = ENTRY[fn.Handler];
    assert.ok(entry, `${name}: handler ${fn.Handler} is mapped to its module`);
    const needed = new Set(commandsIn(reachableModules(entry)).flatMap((c) => {
      assert.ok(ACTIONS[c], `${name}: no IAM mapping for ${c}Command`);
      return ACTIONS[c] as string[];
    }));
    for (const a of LOG_ACTIONS) needed.add(a);
    const sqsSource = Object.values(resources).some((r) => r.Type === 'AWS::Lambda::EventSourceMapping' && (r.Properties.FunctionName as { Ref?: string }).Ref === name);
    if (sqsSource) for (const a of QUEUE_ACTIONS) needed.add(a);
    const allowed = new Set(statements(roleOf(fn)).filter((s) => s.Effect === 'Allow').flatMap((s) => list(s.Action)));
    // Roles shared by functions with the same module (event and sweep) allow the same set.
    assert.deepEqual([...allowed].sort(), [...needed].sort(), `${name} (${entry})`);
  }
});

test('stack: nothing broader than needed: no wildcard actions, "*" only where IAM has no resource level, scoped ARNs', () => {
  for (const [name, r] of Object.entries(resources)) {
    if (r.Type !== 'AWS::IAM::Role') continue;
    for (const s of statements(name)) {
      // A Deny only narrows (its NotResource is what stays allowed); the Allows are checked here.
      if (s.Effect === 'Deny') continue;
      assert.equal(s.Effect, 'Allow');
      for (const action of list(s.Action)) {
        assert.ok(!action.includes('*'), `${name}: ${action}`);
        if (s.Resource === '*') assert.ok(NO_RESOURCE_LEVEL.has(action), `${name}: ${action} on "*"`);
      }
      for (const resource of list(s.Resource as unknown)) {
        const text = JSON.stringify(resource);
        if (text.includes(':labeling-job/')) assert.match(text, /labeling-job\/smp-\*/, `${name}: only smpipe's jobs`);
        if (text.includes(':s3:::')) assert.match(text, /\$\{ArtifactsBucket\}\/\$\{ArtifactsPrefix\}\*/, `${name}: only the artifacts prefix`);
      }
      if (list(s.Action).includes('iam:PassRole')) {
        assert.deepEqual(s.Resource, { Ref: 'LabelingRoleArn' }, 'PassRole on the labeling role only');
        assert.deepEqual(s.Condition, { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } });
      }
    }
  }
});

test('stack: the queue has a dead-letter queue, partial batch failures on, visibility over the handler\'s timeout', () => {
  const queue = resources.CallbackQueue?.Properties as { VisibilityTimeout: number; RedrivePolicy: { deadLetterTargetArn: unknown; maxReceiveCount: number } };
  assert.deepEqual(queue.RedrivePolicy.deadLetterTargetArn, { 'Fn::GetAtt': ['DeadLetterQueue', 'Arn'] });
  assert.ok(queue.RedrivePolicy.maxReceiveCount >= 2);
  const mapping = Object.values(resources).find((r) => r.Type === 'AWS::Lambda::EventSourceMapping')?.Properties as { FunctionResponseTypes: string[] };
  assert.deepEqual(mapping.FunctionResponseTypes, ['ReportBatchItemFailures']);
  assert.ok(queue.VisibilityTimeout >= 6 * (resources.CallbackFunction?.Properties.Timeout as number));
});

test('stack: the event rule matches what the completion handler accepts, the schedule runs the sweep', () => {
  const pattern = resources.LabelingJobRule?.Properties.EventPattern as { 'detail-type': string[]; resources: { prefix: { 'Fn::Sub': string } }[] };
  assert.deepEqual(pattern['detail-type'], [EVENT_DETAIL_TYPE]);
  assert.ok(pattern.resources[0]?.prefix['Fn::Sub'].endsWith(`:labeling-job/${JOB_PREFIX}`));
  assert.ok(resources.SweepRule?.Properties.ScheduleExpression);
  for (const [rule, fn] of [['LabelingJobRule', 'CompletionFunction'], ['SweepRule', 'SweepFunction']]) {
    const targets = resources[rule as string]?.Properties.Targets as { Arn: unknown }[];
    assert.deepEqual(targets[0]?.Arn, { 'Fn::GetAtt': [fn, 'Arn'] });
    const permission = Object.values(resources).find((r) => r.Type === 'AWS::Lambda::Permission' && (r.Properties.SourceArn as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0] === rule);
    assert.deepEqual(permission?.Properties.FunctionName, { Ref: fn }, `${rule} may invoke ${fn}`);
  }
});

test('stack: each handler named in the stack is an export of index.ts', () => {
  const index = readFileSync('containers/labeling-bridge/index.ts', 'utf8');
  for (const [, fn] of functions()) assert.match(index, new RegExp(`export const ${fn.Handler.replace('index.', '')} =`));
});

/** A deploy as `smpipe labeling deploy` makes it: the stack's policies with their parameters filled in. */
const SCOPE: Scope = {
  region: 'us-east-1',
  accountId: '111122223333',
  parameters: {
    WorkteamArns: ['arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/example-bank-labelers'],
    PipelineNames: ['llama3-dpo-alignment', 'nightly'],
    ExtraLambdaArns: [''],
    ArtifactsBucket: 'example-bucket-111122223333',
    ArtifactsPrefix: 'smpipe/',
    LabelingRoleArn: 'arn:aws:iam::111122223333:role/Labeling',
  },
};

function deployedStatements(roleName: string): Statement[] {
  return evaluate(statements(roleName), SCOPE) as Statement[];
}

const TEAM = (SCOPE.parameters.WorkteamArns as string[])[0] as string;
const PUBLIC_CROWD = 'arn:aws:sagemaker:us-east-1:394669845002:workteam/public-crowd/default';
const JOB = 'arn:aws:sagemaker:us-east-1:111122223333:labeling-job/smp-rank-abc-token';
const execution = (pipeline: string, region = 'us-east-1', account = '111122223333') => `arn:aws:sagemaker:${region}:${account}:pipeline/${pipeline}/execution/4wdwz3tt8zxe`;

test('stack IAM: CreateLabelingJob only with a work team given at deploy (sagemaker:WorkteamArn), and only by the SQS handler', () => {
  const callback = deployedStatements('CallbackRole');
  assert.ok(allows(callback, 'sagemaker:CreateLabelingJob', JOB, { 'sagemaker:WorkteamArn': TEAM }));
  assert.ok(!allows(callback, 'sagemaker:CreateLabelingJob', JOB, { 'sagemaker:WorkteamArn': PUBLIC_CROWD }), 'the public crowd');
  assert.ok(!allows(callback, 'sagemaker:CreateLabelingJob', JOB, { 'sagemaker:WorkteamArn': `${TEAM}-2` }), 'another private team');
  assert.ok(!allows(callback, 'sagemaker:CreateLabelingJob', JOB), 'no work team in the request context');
  assert.ok(allows(callback, 'sagemaker:AddTags', JOB), 'tagging the job it creates stays allowed');
  for (const role of ['CompletionRole', 'PreAnnotationRole', 'ConsolidationRole']) {
    assert.ok(!allows(deployedStatements(role), 'sagemaker:CreateLabelingJob', JOB, { 'sagemaker:WorkteamArn': TEAM }), role);
  }
});

test('stack IAM: the callback steps answered (and looked up) are those of the pipelines named at deploy, in this account and region', () => {
  const cases: [string, boolean][] = [
    [execution('llama3-dpo-alignment'), true],
    [execution('nightly'), true],
    [execution('someone-elses-pipeline'), false],
    [execution('llama3-dpo-alignment-2'), false],
    [execution('llama3-dpo-alignment', 'eu-west-1'), false],
    [execution('llama3-dpo-alignment', 'us-east-1', '444455556666'), false],
  ];
  const actions: [string, string[]][] = [
    ['CallbackRole', ['sagemaker:SendPipelineExecutionStepFailure', 'sagemaker:ListPipelineExecutionSteps']],
    ['CompletionRole', ['sagemaker:SendPipelineExecutionStepSuccess', 'sagemaker:SendPipelineExecutionStepFailure']],
  ];
  for (const [role, names] of actions) {
    const policy = deployedStatements(role);
    for (const action of names) for (const [arn, expected] of cases) assert.equal(allows(policy, action, arn), expected, `${role} ${action} ${arn}`);
  }
});

test('stack: the SQS handler\'s environment says what it was deployed for, in the form config.ts reads', () => {
  const variables = evaluate((resources.CallbackFunction?.Properties.Environment as { Variables: unknown }).Variables, SCOPE) as Record<string, string>;
  assert.deepEqual(configFromEnv(variables), {
    workteamArns: [TEAM],
    lambdaArns: ['<PreAnnotationFunction.Arn>', '<ConsolidationFunction.Arn>'],
    pipelines: ['llama3-dpo-alignment', 'nightly'],
    labelingRoleArn: 'arn:aws:iam::111122223333:role/Labeling',
    artifacts: 's3://example-bucket-111122223333/smpipe/',
  });
  const withExtra = evaluate((resources.CallbackFunction?.Properties.Environment as { Variables: unknown }).Variables, { ...SCOPE, parameters: { ...SCOPE.parameters, ExtraLambdaArns: ['arn:aws:lambda:us-east-1:111122223333:function:mine'] } }) as Record<string, string>;
  assert.deepEqual(configFromEnv(withExtra).lambdaArns, ['<PreAnnotationFunction.Arn>', '<ConsolidationFunction.Arn>', 'arn:aws:lambda:us-east-1:111122223333:function:mine']);
});

test('stack: the deploy-time lists are CommaDelimitedList parameters whose AllowedPattern fits what smpipe labeling deploy passes', () => {
  const pattern = (name: string) => new RegExp(`^(?:${template.Parameters[name]?.AllowedPattern ?? '(missing)'})$`);
  for (const name of ['WorkteamArns', 'PipelineNames', 'ExtraLambdaArns']) assert.equal(template.Parameters[name]?.Type, 'CommaDelimitedList', name);
  assert.match(TEAM, pattern('WorkteamArns'));
  assert.doesNotMatch('arn:aws:sagemaker:us-east-1:111122223333:labeling-job/x', pattern('WorkteamArns'));
  assert.match('llama3-dpo-alignment', pattern('PipelineNames'));
  assert.doesNotMatch('a/b', pattern('PipelineNames'));
  assert.match('', pattern('ExtraLambdaArns'), 'the default: none');
  assert.match('arn:aws:lambda:us-east-1:111122223333:function:mine:live', pattern('ExtraLambdaArns'));
});
