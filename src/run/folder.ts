/**
 * Reads a compiled folder (build/<pipeline>: definition.json, manifest.json, assets/): the bytes
 * upsert would register. Kept to this one file so it can give way to a shared reader of the
 * compiled folder without touching the rest of the runner.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../assets/hash.js';
import type { Manifest } from '../compile/manifest.js';
import type { Json } from '../expr/types.js';
import { RunError } from './errors.js';

export interface CompiledFolder {
  dir: string;
  definitionFile: string;
  definitionText: string;
  definition: { [key: string]: Json };
  manifest: Manifest;
  /** Absolute path of each asset's bytes by its S3 URI. */
  assets: Map<string, string>;
}

function broken(message: string, hint?: string): RunError {
  return new RunError('SMP9509', message, { hint: hint ?? 'compile it again: smpipe compile SPEC (or pass the spec to smpipe run)' });
}

function readJson(path: string, what: string): { text: string; value: unknown } {
  if (!existsSync(path)) throw broken(`${path}: no ${what}`);
  const text = readFileSync(path, 'utf8');
  try {
    return { text, value: JSON.parse(text) };
  } catch (error) {
    throw broken(`${path}: not JSON (${(error as Error).message})`);
  }
}

export function readCompiledFolder(dir: string): CompiledFolder {
  if (!existsSync(dir)) throw broken(`${dir}: no such folder`, 'give a spec file or a folder written by smpipe compile');
  const manifest = readJson(join(dir, 'manifest.json'), 'manifest.json').value as Manifest;
  const definitionFile = join(dir, 'definition.json');
  const { text, value } = readJson(definitionFile, 'definition.json');
  if (manifest?.definition?.sha256 && sha256Hex(text) !== manifest.definition.sha256) {
    throw broken(`${definitionFile} was changed after it was compiled (its sha256 differs from manifest.json)`);
  }
  if (typeof value !== 'object' || value === null || !Array.isArray((value as { Steps?: unknown }).Steps)) {
    throw broken(`${definitionFile}: no Steps list`);
  }
  return { dir, definitionFile, definitionText: text, definition: value as CompiledFolder['definition'], manifest, assets: assetFiles(dir, manifest) };
}

function assetFiles(dir: string, manifest: Manifest): Map<string, string> {
  const assets = new Map<string, string>();
  for (const asset of manifest.assets ?? []) {
    const path = join(dir, asset.file);
    if (!existsSync(path)) throw broken(`${path}: asset ${asset.name} (${asset.s3Uri}) is missing`);
    if (sha256Hex(readFileSync(path)) !== asset.sha256) throw broken(`${path}: asset ${asset.name} does not match its sha256 in manifest.json`);
    assets.set(asset.s3Uri, path);
  }
  return assets;
}
