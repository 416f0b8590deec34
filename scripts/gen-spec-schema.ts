// Writes schema/smpipe-spec.schema.json (the spec's JSON Schema for editors, YAML language server)
// and src/spec/spec-validators.generated.cts (the same schemas precompiled by ajv, for fast starts).
import { writeFileSync } from 'node:fs';
import { publishedSpecSchema } from '../src/spec/published-schema.js';
import { SPEC_VALIDATORS_FILE, writeSpecValidators } from '../src/spec/spec-validators.js';

const path = new URL('../schema/smpipe-spec.schema.json', import.meta.url);
writeFileSync(path, publishedSpecSchema());
console.log(`wrote ${path.pathname}`);
writeSpecValidators();
console.log(`wrote ${SPEC_VALIDATORS_FILE}`);
