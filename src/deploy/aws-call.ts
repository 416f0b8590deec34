import { explainAwsError, type AwsCall } from './explain-error.js';

export type { AwsCall } from './explain-error.js';

/** Runs one AWS request (the SDK retries it); a failure comes back as a DeployError naming `call`. */
export async function callAws<T>(call: AwsCall, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw explainAwsError(error, call);
  }
}
