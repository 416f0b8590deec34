import type { SchemaCorrection } from '../correction.js';
import { at, def, ref, type JsonObject } from '../json.js';
import { MISSING_API_MEMBERS } from './api-members.js';

/** Resolves a MISSING_API_MEMBERS key ("Def/Prop/*\/Prop", "#Def/...") to its object schema. */
function objectAt(schema: JsonObject, key: string): JsonObject {
  const [head = '', ...rest] = key.replace(/^#/, '').split('/');
  let node = def(schema, head);
  for (const segment of rest) {
    node = segment === '*' ? at(node, 'items') : at(node, 'properties', segment);
  }
  return node;
}

/** An open slot: the exact member shape is the API-shape check's job (SMP8xxx), not ours. */
function apiMember(name: string): JsonObject {
  return {
    description: `${name}: a SageMaker API request member; its shape is checked against the API models.`,
  };
}

function addMissingMembers(schema: JsonObject): void {
  for (const [key, members] of Object.entries(MISSING_API_MEMBERS)) {
    const properties = at(objectAt(schema, key), 'properties');
    for (const name of members) properties[name] ??= apiMember(name);
  }
}

export const ARGUMENT_CORRECTIONS: readonly SchemaCorrection[] = [
  {
    id: 'register-model-package-name',
    kind: 'schema-bug',
    why:
      'In the vendored RegisterModelStep, ModelPackageName sits beside "properties" instead of in ' +
      'it (an unknown keyword, so the member is silently forbidden); it is moved into place.',
    apply(schema) {
      const args = at(def(schema, 'RegisterModelStep'), 'properties', 'Arguments');
      const misplaced = at(args, 'ModelPackageName');
      delete args['ModelPackageName'];
      at(args, 'properties')['ModelPackageName'] = misplaced;
    },
  },
  {
    id: 'api-request-members',
    kind: 'service',
    why:
      'Job steps\' Arguments are the Create* request minus the job name, and the vendored schema ' +
      'predates members the API now accepts and the SDK emits (AppManaged on processing inputs ' +
      'and outputs, Environment and ProfilerConfig on training, ModelApprovalStatus and ' +
      'SkipModelValidation on RegisterModel, Environment and Framework on its containers, ...); ' +
      'they are added as open slots, typed by the API-shape check instead.',
    apply: addMissingMembers,
  },
  {
    id: 'model-data-url-expression',
    kind: 'service',
    why:
      'A model container\'s ModelDataUrl is usually a run-time value, the training step\'s ' +
      '{"Get": "Steps.T.ModelArtifacts.S3ModelArtifacts"}, as in the SDK reference CreateModel ' +
      'step; the vendored ContainerDefinition accepts only a literal s3:// or https:// string.',
    apply(schema) {
      const properties = at(def(schema, 'ContainerDefinition'), 'properties');
      const literal = at(properties, 'ModelDataUrl');
      // Any string value; a literal must still look like an s3:// or https:// URL.
      properties['ModelDataUrl'] = {
        description: 'S3 (or https) location of the model artifacts, literal or computed.',
        allOf: [ref('StringArgumentValue'), { if: { type: 'string' }, then: literal }],
      };
    },
  },
  {
    id: 'variant-weight-float',
    kind: 'service',
    why:
      'ProductionVariant.InitialVariantWeight is a Float in the CreateEndpointConfig API (0.5 is ' +
      'a normal weight); the vendored schema types it as an integer.',
    apply(schema) {
      const variant = at(def(schema, 'ProductionVariants'), 'items', 'properties');
      variant['InitialVariantWeight'] = ref('FloatArgumentValue');
    },
  },
  {
    id: 'tuning-warm-start-required',
    kind: 'service',
    why:
      'The vendored WarmStartConfig requires "TargetObjectiveMetricValue", which it does not ' +
      'define and forbids, so it rejects every warm start; the API requires ' +
      'ParentHyperParameterTuningJobs and WarmStartType.',
    apply(schema) {
      const warmStart = at(def(schema, 'TuningStep'), 'properties', 'Arguments', 'properties');
      at(warmStart, 'WarmStartConfig')['required'] = ['ParentHyperParameterTuningJobs', 'WarmStartType'];
    },
  },
];
