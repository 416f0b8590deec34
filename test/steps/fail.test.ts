import { test } from 'node:test';
import { HEADER, runErrors, runOk, type ErrorCase, type OkCase } from './harness.js';

const ok: OkCase[] = [
  {
    name: 'a plain message',
    spec: `${HEADER}steps:
  Stop:
    kind: fail
    message: The model did not pass the quality gate.
`,
    steps: { Stop: { Name: 'Stop', Type: 'Fail', Arguments: { ErrorMessage: 'The model did not pass the quality gate.' } } },
  },
  {
    name: 'a message with run-time values, in the else-branch of a condition',
    spec: `${HEADER}parameters:
  MinAccuracy: { type: float, default: 0.6 }
  Accuracy: { type: float, default: 0.5 }
steps:
  Gate:
    kind: condition
    when: \${params.Accuracy} >= \${params.MinAccuracy}
    else: [TooWeak]
  TooWeak:
    kind: fail
    displayName: Too-weak
    message: "accuracy \${params.Accuracy} is below \${params.MinAccuracy} (run \${execution.id})"
`,
    steps: {
      TooWeak: {
        Name: 'TooWeak',
        Type: 'Fail',
        Arguments: {
          ErrorMessage: {
            'Std:Join': {
              On: '',
              Values: ['accuracy ', { Get: 'Parameters.Accuracy' }, ' is below ', { Get: 'Parameters.MinAccuracy' }, ' (run ', { Get: 'Execution.PipelineExecutionId' }, ')'],
            },
          },
        },
        DisplayName: 'Too-weak',
      },
    },
  },
];

const errors: ErrorCase[] = [
  {
    name: 'no message',
    spec: `${HEADER}steps:
  Stop:
    kind: fail
`,
    expect: [{ code: 'SMP2002', at: 'Stop:' }],
  },
  {
    name: 'cache and retry on a fail step',
    spec: `${HEADER}steps:
  Stop:
    kind: fail
    message: stop
    cache: P1D
    retry: standard
`,
    expect: [
      { code: 'SMP5006', at: 'cache:' },
      { code: 'SMP5005', at: 'retry:' },
    ],
  },
  {
    name: 'reading a property of a fail step; an unknown parameter in the message',
    spec: `${HEADER}steps:
  Stop:
    kind: fail
    message: "stopped by \${params.Nope}"
  After:
    kind: fail
    message: "\${steps.Stop.message}"
`,
    expect: [
      { code: 'SMP3002', at: '${params.Nope}' },
      { code: 'SMP3013', at: '${steps.Stop.message}' },
    ],
  },
];

for (const c of ok) test(`fail ok: ${c.name}`, () => runOk(c));
for (const c of errors) test(`fail error: ${c.name}`, () => runErrors(c));
