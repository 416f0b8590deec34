import type { Explanations } from './types.js';

/** A small definition, one line per step, as `smpipe check` reads one. */
const definition = (steps: string[]) => `{
  "Version": "2020-12-01", "Metadata": {}, "Parameters": [],
  "Steps": [
    ${steps.join(',\n    ')}
  ]
}
`;

const FAIL = '{"Name": "Stop", "Type": "Fail", "Arguments": {"ErrorMessage": "stopped"}}';

/** SMP8007-SMP8010: smpipe check and smpipe import, on a pipeline definition. */
export const DEFINITIONS = {
  SMP8007: {
    explain: 'smpipe check and smpipe import read a pipeline definition: a JSON object with "Version": "2020-12-01" and a "Steps" list, as the SageMaker Python SDK\'s pipeline.definition() prints it and DescribePipeline returns it. Anything else is refused at the first place it goes wrong.',
    example: definition(['{"Name": "Stop", "Type": "Fail", "Arguments": {"ErrorMessage": "stopped",}}']),
    fix: definition([FAIL]),
    definition: true,
  },
  SMP8008: {
    explain: 'Step names must be unique across a definition, steps inside condition branches included: properties are read as Steps.<name>…, and CreatePipeline rejects a definition that repeats one.',
    example: definition([FAIL, FAIL]),
    fix: definition([FAIL, FAIL.replace('"Stop"', '"StopAgain"')]),
    definition: true,
  },
  SMP8009: {
    explain: 'smpipe import compiles the spec it writes and compares the result with the definition (the same Parameters and Steps, up to spellings the service reads alike: Std:Join forms, 30d for P30D). Where a step still differs no spec field can say what the definition says, for instance a retry policy with neither MaxAttempts nor ExpireAfterMin (every compiled policy has one), or a PipelineExperimentConfig with fixed names.',
    example: 'smpipe import pipeline.json, where a step\'s RetryPolicies entry has no MaxAttempts: the imported spec compiles MaxAttempts 3 into it.',
    fix: 'Read the path the warning names and decide: keep what the spec says (the usual case: a default SageMaker would apply anyway), or keep that step\'s definition elsewhere. Nothing else in the spec is affected.',
    situation: true,
  },
  SMP8010: {
    explain: 'smpipe import --out FILE replaces a file only when smpipe import wrote it (its first line says so), so an import never overwrites a spec you wrote.',
    example: 'smpipe import pipeline.json --out pipeline-specs/llama3-dpo.yaml, where that spec is yours.',
    fix: 'Give another --out, or delete the file yourself if you mean to replace it.',
    situation: true,
  },
} satisfies Explanations;
