import { list, object, text, unchecked, type Static } from '../spec/schema-helpers.js';

/** Default cap on one code archive's files, before compression. */
export const DEFAULT_MAX_ARCHIVE_MIB = 256;

/** `localFiles:` in a spec: how far the compile may read the local disk, and how much it packs. */
export const localFilesSchema = object(
  'Which local files the compile may read and pack. By default `code:`, local input `file:`, `values:` and `template:` must lie inside the project: the git work tree that holds the spec, else the spec\'s folder (links are followed before the check).',
  {
    allowOutside: list(
      'Files or folders outside the project that this spec may read anyway (relative to the spec file, or absolute), e.g. a shared library checked out beside the repository. Listing a path is the explicit opt-in: nothing outside the project is read without it.',
      text('A file or folder outside the project.'),
      { uniqueItems: true },
    ),
    maxArchiveMiB: unchecked<number>({
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 8192,
      description: `Largest total size of the files packed into one code archive, in MiB, before compression; default ${DEFAULT_MAX_ARCHIVE_MIB}. Data and model weights belong in S3: list them in the code folder's .smpipeignore (gitignore syntax) rather than raising this.`,
    }),
  },
);

export type LocalFilesSpec = Static<typeof localFilesSchema>;
