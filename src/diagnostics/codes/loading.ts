import type { CodeInfo } from './types.js';

/** SMP1xxx: loading: reading the spec and vars files, YAML. */
export const LOADING = {
  SMP1001: {
    severity: 'error',
    title: 'YAML syntax error, or bytes YAML does not allow (invalid UTF-8, a NUL or control character)',
    messages: {
      yaml: '{{message}}',
      tabIndent: { message: 'YAML indentation cannot use tabs; use spaces', hint: 'replace the tab at the start of this line with spaces (your editor can show tabs)' },
      expressionInFlow: { message: '{{expression}} inside { } or [ ] is read as YAML, not as an expression', hint: 'quote the value: "{{expression}}"' },
      forbiddenCharacter: { message: '{{character}} is not allowed in YAML', hint: 'a NUL or control character usually means the file is binary or was saved in another encoding' },
      nul: 'a NUL character (U+0000) is not allowed here',
      invalidUtf8: 'invalid UTF-8 (byte 0x{{byte}}): save the file as UTF-8',
    },
  },
  SMP1002: {
    severity: 'error',
    title: 'Duplicate key in a YAML mapping',
    messages: {
      yaml: '{{message}}',
      duplicateKey: 'duplicate key "{{key}}": the mapping already has it',
    },
  },
  SMP1003: {
    severity: 'error',
    title: 'Spec or vars file cannot be read (a folder, a pipe or device), or is empty',
    messages: {
      empty: 'the document is empty',
      folder: '{{path}} is a folder, not a file',
      notRegularFile: '{{path}} is not a regular file (a pipe, socket or device); save it to a file first',
    },
  },
  SMP1004: {
    severity: 'error',
    title: 'Malformed --set argument (expected key=value)',
    messages: {
      setSyntax: '--set {{pair}}: expected key=value',
    },
  },
  SMP1005: {
    severity: 'error',
    title: 'Spec too large, or a value or alias expansion over the size limit',
    messages: {
      yaml: '{{message}}',
      fileSize: 'file is {{size}} bytes; the limit is {{limit}}',
      nesting: 'YAML nesting deeper than {{limit}} levels',
      aliases: 'YAML aliases expand too far: {{message}}',
      longKey: 'key is {{length}} characters; the limit is {{limit}}',
      longValue: 'value is {{length}} characters; the limit is {{limit}}',
      overLimit: 'file is over the {{limit}}-byte limit',
    },
  },
  SMP1006: {
    severity: 'error',
    title: 'Unsupported YAML feature (custom tag, non-string key, merge key, an alias inside the node it names)',
    messages: {
      yaml: '{{message}}',
      customTag: 'custom YAML tag {{tag}} is not supported',
      selfAlias: 'alias *{{alias}} refers to a node that contains it, so the document would contain itself',
      keyNotString: 'mapping keys must be plain strings',
      mergeKey: { message: 'YAML merge keys (<<) are not supported: write the keys out', hint: 'anchors and aliases (&name, *name) of whole values still work' },
    },
  },
  SMP1010: { severity: 'error', title: 'Output folder refused: smpipe did not write it (no .smpipe-output marker), or it is a file, a link, the current folder or holds the spec' },
  SMP1011: { severity: 'error', title: 'Output folder cannot be written (read-only, no permission, disk full)' },
} as const satisfies Record<string, CodeInfo>;
