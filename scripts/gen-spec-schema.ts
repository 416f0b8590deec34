// Writes schema/smpipe-spec.schema.json: the spec's JSON Schema for editors (YAML language server).
import { writeFileSync } from 'node:fs';
import { publishedSpecSchema } from '../src/spec/published-schema.js';

const path = new URL('../schema/smpipe-spec.schema.json', import.meta.url);
writeFileSync(path, publishedSpecSchema());
console.log(`wrote ${path.pathname}`);
