import type { SchemaCorrection } from '../correction.js';
import { at, def, ref, type JsonObject } from '../json.js';

/** A fresh object per use: schema nodes are never shared, so no correction can alias another. */
function operand(): JsonObject {
  return {
    description: 'A primitive or a Get, Std:Join or Std:JsonGet expression.',
    anyOf: [
      ref('StringArgumentValue'),
      ref('BooleanArgumentValue'),
      ref('IntegerArgumentValue'),
      ref('FloatArgumentValue'),
    ],
  };
}

/** ConditionIn.to_request in sagemaker.workflow.conditions. */
function inCondition(): JsonObject {
  return {
    description: 'True when QueryValue equals one of Values.',
    type: 'object',
    properties: {
      Type: { type: 'string', enum: ['In'] },
      QueryValue: operand(),
      Values: { type: 'array', items: operand(), minItems: 1 },
    },
    required: ['Type', 'QueryValue', 'Values'],
    additionalProperties: false,
  };
}

/** ConditionNot.to_request: the negated condition sits under "Expression". */
function notCondition(): JsonObject {
  return {
    description: 'True when Expression is false.',
    type: 'object',
    properties: { Type: { type: 'string', enum: ['Not'] }, Expression: ref('Condition') },
    required: ['Type', 'Expression'],
    additionalProperties: false,
  };
}

/** One condition of any kind, picked by its Type so errors name only that kind's fields. */
function anyCondition(schema: JsonObject): JsonObject {
  const kinds = ['BinaryCondition', 'InCondition', 'NotCondition', 'OrCondition'];
  const types = kinds.flatMap((name) => at(def(schema, name), 'properties', 'Type')['enum'] as string[]);
  return {
    description: 'A comparison, In, Not or Or condition (a list of conditions means "and").',
    type: 'object',
    properties: { Type: { type: 'string', enum: types, description: 'The kind of condition.' } },
    required: ['Type'],
    discriminator: { propertyName: 'Type' },
    oneOf: kinds.map(ref),
  };
}

export const CONDITION_CORRECTIONS: readonly SchemaCorrection[] = [
  {
    id: 'condition-in-query-value',
    kind: 'service',
    why:
      'The In condition is {"Type": "In", "QueryValue": v, "Values": [...]} as ConditionIn emits ' +
      'it (sagemaker.workflow.conditions); the vendored schema expects "Value" and "In" keys, ' +
      'which the SDK never writes.',
    apply(schema) {
      at(schema, 'definitions')['InCondition'] = inCondition();
    },
  },
  {
    id: 'condition-not-and-nesting',
    kind: 'service',
    why:
      'Conditions nest: Not wraps any condition under "Expression" and Or lists any conditions, ' +
      'Not and Or included (ConditionNot, ConditionOr); the vendored schema has no Not and lets ' +
      'Or hold only comparisons and In. Conditions are told apart by Type.',
    apply(schema) {
      const definitions = at(schema, 'definitions');
      definitions['NotCondition'] = notCondition();
      definitions['Condition'] = anyCondition(schema);
      at(def(schema, 'OrCondition'), 'properties', 'Conditions')['items'] = ref('Condition');
      const step = at(def(schema, 'ConditionStep'), 'properties', 'Arguments', 'properties');
      at(step, 'Conditions')['items'] = ref('Condition');
    },
  },
];
