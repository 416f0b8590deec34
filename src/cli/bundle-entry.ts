/** The entry of the CLI's bundle (scripts/bundle-cli.ts): what src/cli/start.ts calls in it. */
export { main } from './main.js';
export { commandNamed } from './registry.js';
export { setBuildIdentity } from '../util/build-identity.js';
