import type { SchemaCorrection } from '../correction.js';
import { at, def, isObject, ref, type JsonObject } from '../json.js';

const STRING_OR_GET = [{ type: 'string' }, ref('GetFunction')];

/** A Std:Join value: a primitive or an expression, Join included (the SDK nests Joins). */
function joinValue(): JsonObject {
  return {
    description: 'One joined value: a primitive, or a Get, Std:Join or Std:JsonGet expression.',
    anyOf: [{ type: ['string', 'number', 'boolean'] }, ref('GetFunction'), ref('JoinFunction')],
  };
}

function joinFunction(): JsonObject {
  return {
    description: 'Std:Join: the Values, rendered as text, joined with On (evaluated at run time).',
    type: 'object',
    properties: {
      'Std:Join': {
        type: 'object',
        properties: {
          On: { type: 'string', description: 'Separator placed between the values.' },
          Values: { type: 'array', items: ref('JoinValue'), description: 'Values to join.' },
        },
        required: ['On', 'Values'],
        additionalProperties: false,
      },
    },
    required: ['Std:Join'],
    additionalProperties: false,
  };
}

function jsonGetFunction(): JsonObject {
  return {
    description: 'Std:JsonGet: a value read at run time from a JSON file a step wrote.',
    type: 'object',
    properties: {
      'Std:JsonGet': {
        type: 'object',
        properties: {
          PropertyFile: {
            ...ref('GetFunction'),
            description: 'A processing step\'s property file: {"Get": "Steps.S.PropertyFiles.NAME"}.',
          },
          S3Uri: { ...ref('StringArgumentValue'), description: 'A JSON object in S3 (@step outputs).' },
          Path: { type: 'string', description: 'JSONPath into the file, e.g. metrics.accuracy.value.' },
        },
        required: ['Path'],
        oneOf: [{ required: ['PropertyFile'] }, { required: ['S3Uri'] }],
        additionalProperties: false,
      },
    },
    required: ['Std:JsonGet'],
    additionalProperties: false,
  };
}

/**
 * Every string position references StringArgumentValue, so widening that one definition
 * reaches S3Uri, HyperParameters, ErrorMessage, condition operands and the rest at once.
 */
function widenStringValue(schema: JsonObject, extra: JsonObject[]): void {
  const value = def(schema, 'StringArgumentValue');
  const current = (value['anyOf'] ?? value['oneOf'] ?? STRING_OR_GET) as JsonObject[];
  delete value['oneOf'];
  // anyOf: the branches are disjoint anyway, and anyOf stops at the first match.
  value['anyOf'] = [...current, ...extra];
}

export const EXPRESSION_CORRECTIONS: readonly SchemaCorrection[] = [
  {
    id: 'std-join-in-string-values',
    kind: 'service',
    why:
      'The service evaluates {"Std:Join": {"On", "Values"}} wherever a string is expected and the ' +
      'SDK emits it for S3 output paths, hyperparameters of non-string parameters and Fail ' +
      'messages (sagemaker.workflow.functions.Join); the vendored JoinFunction is malformed ' +
      '(Values/required placed as keywords, no On) and no value position references it.',
    apply(schema) {
      const definitions = at(schema, 'definitions');
      def(schema, 'JoinFunction'); // must exist: we replace a known, broken definition
      definitions['JoinFunction'] = joinFunction();
      definitions['JoinValue'] = joinValue();
      widenStringValue(schema, [ref('JoinFunction')]);
    },
  },
  {
    id: 'std-json-get-in-string-values',
    kind: 'service',
    why:
      'Std:JsonGet reads a property file (or, for @step outputs, an S3 JSON object) at run time; ' +
      'the SDK emits it in condition operands, Fail messages and model data URLs ' +
      '(sagemaker.workflow.functions.JsonGet); the vendored schema has no such function.',
    apply(schema) {
      at(schema, 'definitions')['JsonGetFunction'] = jsonGetFunction();
      widenStringValue(schema, [ref('JsonGetFunction')]);
      // With std-join-in-string-values (applied first), a joined value may be a JsonGet too.
      const joinValue = at(schema, 'definitions')['JoinValue'];
      if (isObject(joinValue)) (joinValue['anyOf'] as JsonObject[]).push(ref('JsonGetFunction'));
    },
  },
];
