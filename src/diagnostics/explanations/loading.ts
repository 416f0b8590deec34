import type { Explanations } from './types.js';

/** SMP1xxx: reading the spec and vars files. */
export const LOADING = {
  SMP1001: {
    explain: 'The file is not valid YAML, or holds bytes YAML does not allow (invalid UTF-8, a NUL byte). Only the first syntax error is reported: after it the parser is lost and the rest are echoes. A tab in the indentation and an unquoted ${...} inside { } are the usual causes.',
    example: 'pipeline: demo\nsteps:\n  Stop:\n    kind: fail\n    message: { text: ${vars.why} }\n',
    fix: 'pipeline: demo\nsteps:\n  Stop:\n    kind: fail\n    message: "stopped"\n',
  },
  SMP1002: {
    explain: 'A mapping names the same key twice. YAML parsers disagree on which one wins, so smpipe refuses both instead of guessing.',
    example: 'pipeline: demo\nsteps:\n  Stop:\n    kind: fail\n    message: first\n    message: second\n',
    fix: 'pipeline: demo\nsteps:\n  Stop:\n    kind: fail\n    message: second\n',
  },
  SMP1003: {
    explain: 'The spec or vars file is empty (only comments), a folder, or not a regular file: a pipe or a device (/dev/zero) is refused before anything is read, because it may never end.',
    example: '# a spec with nothing in it yet\n',
    fix: 'pipeline: demo\nsteps:\n  Stop:\n    kind: fail\n    message: nothing to do yet\n',
  },
  SMP1004: {
    explain: 'A --set argument must be KEY=VALUE, with a non-empty key. The value may be empty (--set note=) and may hold "=" itself.',
    example: 'pipeline: demo\nvars: { region: null }\nsteps:\n  Stop:\n    kind: fail\n    message: "region ${vars.region}"\n',
    fix: 'pipeline: demo\nvars: { region: null }\nsteps:\n  Stop:\n    kind: fail\n    message: "region ${vars.region}"\n',
    set: { example: ['region'], fix: ['region=us-east-1'] },
  },
  SMP1005: {
    explain: 'Specs are written by hand, so smpipe bounds what it reads: files up to 4 MiB, values up to 64 KiB, nesting up to 64 levels, and aliases that may not expand into a huge document (an "alias bomb" can turn a few lines into gigabytes).',
    example: 'pipeline: demo\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\nsteps:\n  Stop: { kind: fail, message: boom }\n',
    fix: 'pipeline: demo\nsteps:\n  Stop: { kind: fail, message: boom }\n',
  },
  SMP1006: {
    explain: 'A YAML feature smpipe does not read: custom tags (!Ref), keys that are not plain strings, merge keys (<<), or an alias inside the node it names (the document would contain itself). Anchors and aliases of whole values work.',
    example: 'pipeline: demo\nbase: &base { kind: fail, message: stopped }\nsteps:\n  Stop:\n    <<: *base\n',
    fix: 'pipeline: demo\nsteps:\n  Stop:\n    kind: fail\n    message: stopped\n',
  },
  SMP1010: {
    explain: '`smpipe compile --out DIR` (and plan/upsert/start given a spec) replace DIR as a whole, so they only ever replace a folder smpipe wrote: one holding the .smpipe-output marker, an empty one, or an older smpipe output. The current folder, one of its parents, a folder of other files, a file, a link or the folder holding the spec are refused and left untouched.',
    example: 'smpipe compile spec.yaml --out . (in a repository: it would replace the spec and .git), or --out build while build/ holds other pipelines\' folders.',
    fix: 'Leave --out out (build/<pipeline>), or name a new or empty folder: smpipe compile spec.yaml --out build/my-pipeline.',
    situation: true,
  },
  SMP1011: {
    explain: 'The output folder cannot be written: read-only, no permission, or the disk is full. Nothing is half-written: the output is staged beside it and swapped in only when complete, so the previous output stays as it was.',
    example: 'smpipe compile spec.yaml --out /read-only-mount/build, or a compile that fills the disk.',
    fix: 'Free space or pick a writable folder with --out, then compile again.',
    situation: true,
  },
} satisfies Explanations;
