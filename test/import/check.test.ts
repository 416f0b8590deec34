/**
 * smpipe check on definitions nobody wrote a spec for (issue 15 item 4): each check finds its
 * defect and places it at the definition's own line and column.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDefinitionText } from '../../src/import/check.js';
import { positionOf } from '../steps/harness.js';

const ROLE = 'arn:aws:iam::111122223333:role/R';
const processing = (name: string, extra: object = {}, args: object = {}) => ({
  Name: name, Type: 'Processing',
  Arguments: {
    ProcessingResources: { ClusterConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 } },
    AppSpecification: { ImageUri: '111122223333.dkr.ecr.us-east-1.amazonaws.com/p:1' },
    RoleArn: ROLE,
    ProcessingOutputConfig: { Outputs: [{ OutputName: 'out', AppManaged: false, S3Output: { S3Uri: 's3://b/out', LocalPath: '/opt/ml/processing/output/out', S3UploadMode: 'EndOfJob' } }] },
    ...args,
  },
  ...extra,
});
const fail = (name: string, message: unknown) => ({ Name: name, Type: 'Fail', Arguments: { ErrorMessage: message } });
const text = (steps: unknown[], parameters: unknown[] = []) => `${JSON.stringify({ Version: '2020-12-01', Metadata: {}, Parameters: parameters, Steps: steps }, null, 2)}\n`;

/** The findings as `CODE line:col`, sorted. */
function findings(source: string): string[] {
  return checkDefinitionText('definition.json', source).reporter.diagnostics.map((d) => `${d.code} ${d.range?.start.line}:${d.range?.start.col}`).sort();
}

const at = (source: string, needle: string, after = '') => positionOf(source, needle, after);

test('a sound definition has no findings', () => {
  const source = text([processing('Prep'), fail('Stop', { Get: "Steps.Prep.ProcessingOutputConfig.Outputs['out'].S3Output.S3Uri" })]);
  assert.deepEqual(findings(source), []);
});

test('references: unknown parameters, execution variables and steps, its own properties, paths not in the Describe shape', () => {
  const source = text([
    processing('Prep', { DependsOn: ['Nope'] }, { Environment: { A: { Get: 'Parameters.Missing' }, B: { Get: 'Execution.PipelineExecutionIdd' }, C: { Get: 'Steps.Prep.ProcessingJobName' } } }),
    fail('Stop', { 'Std:Join': { On: ' ', Values: [{ Get: 'Steps.Ghost.X' }, { Get: 'Steps.Prep.ProcessingJobNam' }] } }),
  ]);
  assert.deepEqual(findings(source), [
    `SMP3002 ${at(source, '{', '"A"')}`,
    `SMP3005 ${at(source, '"Nope"')}`,
    `SMP3005 ${at(source, '{', '"ErrorMessage"')}`,
    `SMP3008 ${at(source, '{', '"ErrorMessage"')}`,
    `SMP3009 ${at(source, '{', '"B"')}`,
    `SMP3012 ${at(source, '{', '"C"')}`,
  ].sort());
});

test('property files and output parameters a step does not declare', () => {
  const source = text([
    processing('Eval', { PropertyFiles: [{ PropertyFileName: 'Report', OutputName: 'out', FilePath: 'r.json' }] }),
    { Name: 'Notify', Type: 'Lambda', FunctionArn: 'arn:aws:lambda:us-east-1:111122223333:function:f', OutputParameters: [{ OutputName: 'ok', OutputType: 'String' }], Arguments: {} },
    fail('Stop', { 'Std:Join': { On: '', Values: [{ 'Std:JsonGet': { PropertyFile: { Get: 'Steps.Eval.PropertyFiles.Reprt' }, Path: 'a' } }, { Get: "Steps.Notify.OutputParameters['okk']" }] } }),
  ]);
  const stop = at(source, '{', '"ErrorMessage"');
  assert.deepEqual(findings(source), [`SMP3006 ${stop}`, `SMP3007 ${stop}`]);
});

test('duplicate names, a cycle, a branch step used from outside its branch', () => {
  const source = text([
    fail('A', { Get: 'Steps.B.ProcessingJobName' }),
    processing('B', { DependsOn: ['A'] }),
    { Name: 'Gate', Type: 'Condition', Arguments: { Conditions: [{ Type: 'Equals', LeftValue: 1, RightValue: 1 }], IfSteps: [processing('Inner')], ElseSteps: [fail('A', 'again')] } },
    fail('Outside', { Get: 'Steps.Inner.ProcessingJobName' }),
  ]);
  assert.deepEqual(findings(source), [
    `SMP4001 ${at(source, '"Name": "A"')}`,
    `SMP4003 ${at(source, '"Name": "Outside"')}`,
    `SMP8008 ${at(source, '"A"', '"ElseSteps"')}`,
  ].sort());
});

test('the schema and the API shapes, at the member\'s own line, one finding per mistake', () => {
  const retry = { RetryPolicies: [{ ExceptionType: ['Step.OOPS'], MaxAttempts: 2 }] };
  const source = text([processing('Prep', retry, { ProcessingResources: { ClusterConfig: { InstanceType: 'ml.m5.xlarg', InstanceCount: 1, VolumeSizeInGB: 30 } }, Enviroment: {} })]);
  assert.deepEqual(findings(source), [
    `SMP8001 ${at(source, '"Enviroment"')}`, // the schema refuses it too: not said twice
    `SMP8003 ${at(source, '"ml.m5.xlarg"')}`,
    `SMP8006 ${at(source, '"Step.OOPS"')}`, // what only the schema knows
  ].sort());
});

test('cache safety: a cached step keyed on the execution id is never reused', () => {
  const source = text([processing('Prep', { CacheConfig: { Enabled: true, ExpireAfter: 'P30D' } }, { Environment: { RUN: { Get: 'Execution.PipelineExecutionId' } } })]);
  assert.deepEqual(findings(source), [`SMP4007 ${at(source, '{', '"RUN"')}`]);
});

test('not a definition: not JSON (at the offending character), no Steps, another Version', () => {
  const broken = '{\n  "Version": "2020-12-01",\n  "Steps": [\n    {"Name": "A",}\n  ]\n}\n';
  assert.deepEqual(findings(broken), [`SMP8007 ${at(broken, '}', '"A",')}`]);
  assert.deepEqual(findings('[1, 2]'), ['SMP8007 1:1']);
  assert.deepEqual(findings('{"Version": "2020-12-01"}'), ['SMP8007 1:1']);
  const version = '{"Version": "2019-01-01", "Steps": []}';
  assert.deepEqual(findings(version), [`SMP8007 ${at(version, '"2019-01-01"')}`]);
  const duplicate = '{"Version": "2020-12-01", "Steps": [], "Steps": []}';
  assert.deepEqual(findings(duplicate), [`SMP1002 ${at(duplicate, '"Steps"', '[],')}`]);
});

test('real SDK output checks clean but for the cache findings the SDK reference really has', () => {
  for (const file of ['test/import/fixtures/sdk/abalone.json', 'test/import/fixtures/sdk/tuning.json', 'test/import/fixtures/sdk/script-mode.json']) {
    assert.deepEqual(findings(readFileSync(file, 'utf8')), [], file);
  }
  const reference = checkDefinitionText('ref.json', readFileSync('test/check/fixtures/sdk-v2-dpo-reference.json', 'utf8')).reporter.diagnostics;
  assert.deepEqual(reference.map((d) => d.code), ['SMP4008', 'SMP4008'], 'DeployEndpoint is cached but reads two steps that never cache');
});

test('every golden definition, the new step types included, checks without errors (its warnings are the compile\'s own)', () => {
  for (const file of readdirSync('test/golden/ok').filter((f) => f.endsWith('.definition.json'))) {
    const errors = checkDefinitionText(file, readFileSync(join('test/golden/ok', file), 'utf8')).reporter.diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(errors.map((d) => `${d.code} ${d.message}`), [], file);
  }
});
