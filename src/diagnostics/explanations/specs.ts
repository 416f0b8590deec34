/** Building blocks of the example specs, so each example shows only what matters to its code. */
export const HEAD = 'pipeline: demo\nartifacts: s3://my-bucket/smpipe\ndefaults: { role: "arn:aws:iam::111122223333:role/SageMaker" }\n';

/** A processing step named Prep with one output, `data`. */
export const PREP = '  Prep:\n    kind: processing\n    image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/prep:1\n    instance: { type: ml.m5.xlarge }\n    outputs: { data: {} }\n';

/** A fail step named Stop with this message. */
export const stop = (message: string): string => `  Stop:\n    kind: fail\n    message: "${message}"\n`;
