/**
 * The entrypoint script of a processing step that runs code from a folder, as the SageMaker
 * Python SDK's FrameworkProcessor generates it (`_generate_framework_script` in
 * sagemaker/processing.py): unpack sourcedir.tar.gz in the code input, install
 * requirements.txt if present, run the entry script with the job's arguments. Differences,
 * on purpose: `set -e` comes first, so a failed unpack fails the job instead of running
 * stale or missing code; the `pip uninstall --yes typing` workaround for old Python 3
 * images is dropped (today's DLCs ship no `typing` backport); paths are shell-quoted.
 */

export const CODE_DIR = '/opt/ml/processing/input/code/';
export const SOURCE_ARCHIVE = 'sourcedir.tar.gz';

/** POSIX single quotes: safe for any text except NUL. */
export function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./=:@%+-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

export interface RunprocOptions {
  /** The interpreter command; FrameworkProcessor's `command`. Default: python3. */
  command?: readonly string[];
}

/**
 * runproc.sh for `entry` (a path relative to the code folder, e.g. "evaluate.py"). Pure: the
 * same arguments give the same bytes (LF line ends, no dates), so its sha256 and S3 key are stable.
 */
export function frameworkRunproc(entry: string, options: RunprocOptions = {}): string {
  if (entry === '' || entry.startsWith('/') || /[\0\n\r]/.test(entry)) {
    throw new Error(`entry script must be a relative path inside the code folder: "${entry}"`);
  }
  const command = (options.command ?? ['python3']).map(shellQuote).join(' ');
  return [
    '#!/bin/bash',
    '',
    '# Exit on any error. SageMaker uses the exit code to mark the job failed.',
    'set -e',
    '',
    `cd ${CODE_DIR}`,
    `tar -xzf ${SOURCE_ARCHIVE}`,
    '',
    "if [[ -f 'requirements.txt' ]]; then",
    '    pip install -r requirements.txt',
    'fi',
    '',
    `${command} ${shellQuote(entry)} "$@"`,
    '',
  ].join('\n');
}
