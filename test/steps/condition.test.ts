import { test } from 'node:test';
import { HEADER, runErrors, runOk, type ErrorCase, type OkCase } from './harness.js';

const PARAMS = `parameters:
  Acc: { type: float, default: 0.5 }
  Min: { type: float, default: 0.6 }
  Mode: { type: string, default: fast }
  Count: { type: integer, default: 1 }
  On: { type: boolean, default: true }
`;

const gate = (when: string, extra = '') => `${HEADER}${PARAMS}steps:
  Gate:
    kind: condition
    when: ${when}
    then: [Yes]
    else: [No]${extra}
  Yes: { kind: fail, message: yes }
  No: { kind: fail, message: no }
  UsesEveryParameter: { kind: fail, message: "\${params.Acc} \${params.Min} \${params.Mode} \${params.Count} \${params.On}" }
`;

const yes = { Name: 'Yes', Type: 'Fail', Arguments: { ErrorMessage: 'yes' } };
const no = { Name: 'No', Type: 'Fail', Arguments: { ErrorMessage: 'no' } };
const P = (n: string) => ({ Get: `Parameters.${n}` });
const step = (conditions: unknown[]) => ({ Gate: { Name: 'Gate', Type: 'Condition', Arguments: { Conditions: conditions, IfSteps: [yes], ElseSteps: [no] } } });

const ok: OkCase[] = [
  { name: 'every comparison operator', spec: gate('"${params.Acc} >= ${params.Min} and ${params.Acc} > 0.1 and ${params.Count} < 5 and ${params.Count} <= 5 and ${params.Mode} == \'fast\'"'), steps: step([
    { Type: 'GreaterThanOrEqualTo', LeftValue: P('Acc'), RightValue: P('Min') },
    { Type: 'GreaterThan', LeftValue: P('Acc'), RightValue: 0.1 },
    { Type: 'LessThan', LeftValue: P('Count'), RightValue: 5 },
    { Type: 'LessThanOrEqualTo', LeftValue: P('Count'), RightValue: 5 },
    { Type: 'Equals', LeftValue: P('Mode'), RightValue: 'fast' },
  ]) },
  { name: '!= is Not(Equals), in, or, not, parentheses', spec: gate('"${params.Mode} != \'slow\' and (${params.Mode} in [\'a\', \'b\'] or not ${params.On} == true)"'), steps: step([
    { Type: 'Not', Expression: { Type: 'Equals', LeftValue: P('Mode'), RightValue: 'slow' } },
    { Type: 'Or', Conditions: [
      { Type: 'In', QueryValue: P('Mode'), Values: ['a', 'b'] },
      { Type: 'Not', Expression: { Type: 'Equals', LeftValue: P('On'), RightValue: true } },
    ] },
  ]) },
  { name: 'and nested inside or uses De Morgan', spec: gate('"${params.Count} == 1 or (${params.Acc} > 0.5 and ${params.Min} < 0.9)"'), steps: step([
    { Type: 'Or', Conditions: [
      { Type: 'Equals', LeftValue: P('Count'), RightValue: 1 },
      { Type: 'Not', Expression: { Type: 'Or', Conditions: [
        { Type: 'Not', Expression: { Type: 'GreaterThan', LeftValue: P('Acc'), RightValue: 0.5 } },
        { Type: 'Not', Expression: { Type: 'LessThan', LeftValue: P('Min'), RightValue: 0.9 } },
      ] } },
    ] },
  ]) },
  { name: 'a list of conditions means all of them', spec: gate('["${params.Acc} > 0.1", "${params.Count} == 2"]'), steps: step([
    { Type: 'GreaterThan', LeftValue: P('Acc'), RightValue: 0.1 },
    { Type: 'Equals', LeftValue: P('Count'), RightValue: 2 },
  ]) },
];

const errors: ErrorCase[] = [
  { name: 'syntax error', spec: gate('"${params.Acc} >>= 1"'), expect: [{ code: 'SMP3001', at: '"${params.Acc} >>= 1"' }] },
  { name: 'missing operand', spec: gate('"${params.Acc} >="'), expect: [{ code: 'SMP3001', at: '"${params.Acc} >="' }] },
  { name: 'ordering on a string', spec: gate('"${params.Mode} > 1"'), expect: [{ code: 'SMP3010', at: '${params.Mode} > 1' }] },
  { name: 'equality across types', spec: gate('"${params.Count} == \'one\'"'), expect: [{ code: 'SMP3010', at: '${params.Count} ==' }] },
  { name: 'unknown parameter in when', spec: gate('"${params.Nope} > 1"'), expect: [{ code: 'SMP3002', at: '${params.Nope}' }] },
  { name: 'unknown branch step', spec: `${HEADER}steps:\n  Gate:\n    kind: condition\n    when: "1 == 1"\n    then: [Ghost]\n`, expect: [{ code: 'SMP3005', at: 'Ghost' }] },
  { name: 'outcome is the only property', spec: `${HEADER}steps:\n  Gate:\n    kind: condition\n    when: "1 == 1"\n  After:\n    kind: fail\n    message: "\${steps.Gate.result}"\n`, expect: [{ code: 'SMP3013', at: '${steps.Gate.result}' }] },
];

for (const c of ok) test(`condition ok: ${c.name}`, () => runOk(c));
for (const c of errors) test(`condition error: ${c.name}`, () => runErrors(c));
