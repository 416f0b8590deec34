/**
 * The emulator through the real SDK clients. One emulator (one moto) serves every suite, which
 * keeps the file to a few seconds; suites use their own pipeline, bucket and step names.
 */
import { after, before } from 'node:test';
import { startEmulator } from './index.js';
import { callbackSuites } from './suites/callback.js';
import { executionSuites } from './suites/execution.js';
import { faultSuites } from './suites/faults.js';
import { connect, type Harness } from './suites/harness.js';
import { labelingSuites } from './suites/labeling.js';
import { registrationSuites } from './suites/registration.js';
import { rerunSuites } from './suites/reruns.js';

let harness: Harness;

before(async () => { harness = connect(await startEmulator({ stepDefaults: { durationMs: 5 } })); });
after(async () => { await harness.emulator.stop(); });

const shared = (): Harness => harness;
registrationSuites(shared);
faultSuites(shared);
executionSuites(shared);
callbackSuites(shared);
labelingSuites(shared);
rerunSuites(shared);
