import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { EVENT_DETAIL_TYPE } from '../../containers/labeling-bridge/completion.js';
import { JOB_PREFIX } from '../../containers/labeling-bridge/job-name.js';
import { commandsIn, intrinsics, loadTemplate, reachableModules } from './cfn.js';

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
  HeadObject: ['s3:GetObject'],
  GetObject: ['s3:GetObject'],
};

/** Actions without resource-level permissions: the only ones allowed on "*". */
const NO_RESOURCE_LEVEL = new Set(['sagemaker:ListLabelingJobs']);
const LOG_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents'];
const QUEUE_ACTIONS = ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'];

interface Statement { Effect: string; Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, string>> }

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
      for (const m of String(arg).matchAll(/\$\{([^}!]+)\}/g)) {
        const [name, attribute] = (m[1] as string).split('.');
        assert.ok(names.has(name as string) || PSEUDO.has(m[1] as string), `\${${m[1]}} in ${String(arg)}`);
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
    const allowed = new Set(statements(roleOf(fn)).flatMap((s) => list(s.Action)));
    // Roles shared by functions with the same module (event and sweep) allow the same set.
    assert.deepEqual([...allowed].sort(), [...needed].sort(), `${name} (${entry})`);
  }
});

test('stack: nothing broader than needed: no wildcard actions, "*" only where IAM has no resource level, scoped ARNs', () => {
  for (const [name, r] of Object.entries(resources)) {
    if (r.Type !== 'AWS::IAM::Role') continue;
    for (const s of statements(name)) {
      assert.equal(s.Effect, 'Allow');
      for (const action of list(s.Action)) {
        assert.ok(!action.includes('*'), `${name}: ${action}`);
        if (s.Resource === '*') assert.ok(NO_RESOURCE_LEVEL.has(action), `${name}: ${action} on "*"`);
      }
      for (const resource of list(s.Resource)) {
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
