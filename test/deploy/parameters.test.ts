import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeployError } from '../../src/deploy/errors.js';
import { checkParameters, parseAs, rulesFromDefinition, rulesFromSpec } from '../../src/deploy/parameters.js';

const rules = rulesFromSpec({
  Instance: { type: 'string', default: 'ml.g5.48xlarge', enum: ['ml.g5.48xlarge', 'ml.g5.12xlarge'] },
  Beta: { type: 'float', default: 0.1 },
  Rank: { type: 'integer', default: 16, enum: [8, 16, 32] },
  FourBit: { type: 'boolean', default: false },
  Required: { type: 'string' },
});

function problems(args: string[]): string[] {
  try {
    checkParameters(args, rules);
  } catch (error) {
    assert.ok(error instanceof DeployError);
    assert.equal(error.code, 'SMP9003');
    return error.message.split('\n').map((l) => l.trim());
  }
  return [];
}

test('valid parameters pass through as strings in their plain form', () => {
  const values = checkParameters(['Beta=0.25', 'Rank=+32', 'FourBit=TRUE', 'Instance=ml.g5.12xlarge', 'Required=x=y'], rules);
  assert.deepEqual(values, [
    { Name: 'Beta', Value: '0.25' },
    { Name: 'Rank', Value: '32' },
    { Name: 'FourBit', Value: 'true' },
    { Name: 'Instance', Value: 'ml.g5.12xlarge' },
    { Name: 'Required', Value: 'x=y' },
  ]);
});

test('every problem is reported at once: unknown name (with a suggestion), type, enum, duplicate, missing required', () => {
  assert.deepEqual(problems(['Betta=1', 'Beta=fast', 'Rank=12', 'Rank=1.5', 'FourBit=yes', 'Instance=ml.t3.medium', 'novalue']), [
    'unknown parameter Betta (did you mean Beta?)',
    'parameter Beta is a float, got "fast"',
    'parameter Rank must be one of 8, 16, 32, got "12"',
    'parameter Rank is an integer, got "1.5"',
    'parameter FourBit is a boolean, got "yes"',
    'parameter Instance must be one of "ml.g5.48xlarge", "ml.g5.12xlarge", got "ml.t3.medium"',
    '--param novalue: expected NAME=VALUE',
    'parameter Required has no default: pass --param Required=VALUE',
  ]);
  assert.deepEqual(problems(['Required=a', 'Required=b']), ['parameter Required is given twice']);
});

test('parseAs is strict about numbers', () => {
  assert.equal(parseAs('1e3', 'float'), 1000);
  assert.equal(parseAs('', 'float'), undefined);
  assert.equal(parseAs('0x10', 'integer'), undefined);
  assert.equal(parseAs('NaN', 'float'), undefined);
});

test('rules from a deployed definition: types and string enums', () => {
  const defRules = rulesFromDefinition({ Parameters: [{ Name: 'T', Type: 'String', DefaultValue: 'a', EnumValues: ['a', 'b'] }, { Name: 'N', Type: 'Integer' }] });
  assert.deepEqual(defRules, [{ name: 'T', type: 'string', hasDefault: true, enum: ['a', 'b'] }, { name: 'N', type: 'integer', hasDefault: false }]);
});
