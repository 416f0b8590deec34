import type { CodeInfo } from './types.js';

/** SMP6xxx: files, assets, images. */
export const FILES = {
  SMP6001: {
    severity: 'error',
    title: 'Code folder not found',
    messages: {
      codeFolder: 'code must name a folder (relative to the spec file)',
      notAFolder: 'cannot pack {{folder}}: not a folder',
      folderNotFound: 'folder {{folder}} not found',
    },
  },
  SMP6002: {
    severity: 'error',
    title: 'Entry script not found in the code folder',
    messages: {
      entryPath: 'entry must be a path relative to {{folder}}, got {{script}}',
      entryMissing: '{{script}} is not in {{folder}}',
    },
  },
  SMP6003: {
    severity: 'error',
    title: 'Local input file or folder not found',
    messages: {
      fileNotFound: 'file {{path}} not found',
      allowOutsideMissing: '{{path}} does not exist',
    },
  },
  SMP6004: {
    severity: 'error',
    title: 'Unknown or missing AWS region for an image lookup',
    messages: {
      noRegion: { message: 'a Deep Learning Container image needs the AWS Region, and none is set', hint: 'set region in the vars file (or --set region=us-east-1), or give the image as a full URI' },
      regionWithoutDlc: { message: 'no Deep Learning Containers registry is known for Region {{region}}', hint: 'give the image as a full ECR URI (an image you copied into your own registry)' },
      unknownRegion: { message: 'unknown AWS Region "{{region}}"', hint: 'did you mean {{guess}}?' },
      unknownRegionListed: { message: 'unknown AWS Region "{{region}}"', hint: 'Regions with Deep Learning Containers: {{regions}}' },
    },
  },
  SMP6005: {
    severity: 'error',
    title: 'Unknown Deep Learning Container image or version',
    messages: {
      noVersion: { message: '{{image}} has no version "{{version}}"', hint: 'listed versions: {{versions}}' },
      noPython: { message: '{{image}} {{version}} has no {{python}} build', hint: 'Python builds: {{builds}}' },
      noGpuBuild: { message: '{{image}} {{version}} has no GPU build, only CPU', hint: 'set gpu: false' },
      noCpuBuild: { message: '{{image}} {{version}} has no CPU build, only GPU', hint: 'remove gpu: false (and use a GPU instance), or pick another image' },
      unknownImage: { message: 'unknown Deep Learning Container "{{dlc}}"', hint: 'known: {{known}}' },
      unknownImageGuess: { message: 'unknown Deep Learning Container "{{dlc}}"', hint: 'did you mean {{guess}}? known: {{known}}' },
    },
  },
  SMP6006: {
    severity: 'error',
    title: 'Invalid S3 URI',
    messages: {
      notS3Uri: { message: '"{{text}}" is not an S3 URI', hint: 'write it as s3://bucket/prefix' },
    },
  },
  SMP6007: {
    severity: 'error',
    title: 'Local path outside the project (the git work tree, else the spec\'s folder) and not listed in localFiles.allowOutside',
    messages: {
      outsideProject: { message: '{{path}} is outside the project ({{root}})', hint: 'list it under localFiles.allowOutside in the spec if the spec is meant to read it' },
      linkOutside: { message: 'cannot pack {{folder}}: "{{path}}" links to {{target}}, outside the project', hint: 'list that path under localFiles.allowOutside in the spec if it is meant to ship' },
    },
  },
  SMP6008: {
    severity: 'error',
    title: 'Code folder over the archive size limit (localFiles.maxArchiveMiB)',
    messages: {
      tooLarge: { message: '{{folder}} holds {{size}} of files, over the {{limit}} limit per code archive; largest: {{largest}}', hint: 'leave data and weights out (list them in {{ignoreFile}}, gitignore syntax) and read them from S3; or raise localFiles.maxArchiveMiB' },
    },
  },
  SMP6010: {
    severity: 'error',
    title: 'Secret in a file packed into a code archive (.env, credentials, a token in source)',
    messages: {
      secretInCode: { message: '{{file}}:{{line}} holds {{what}}, which would be uploaded in {{archive}}', hint: 'remove it (pass secrets at run time, e.g. from AWS Secrets Manager), or leave the file out with {{ignoreFile}} (gitignore syntax)' },
    },
  },
  SMP6011: {
    severity: 'error',
    title: 'Code folder cannot be packed (broken or looping link, unreadable file, path too long for tar, changed while packing)',
    messages: {
      brokenLink: 'cannot pack {{folder}}: "{{path}}" is a broken symbolic link or unreadable',
      linkCycle: 'cannot pack {{folder}}: "{{path}}" links back to a folder that contains it (symlink cycle)',
      pathTooLong: 'path too long for a ustar archive: "{{path}}" (the file name must fit 100 bytes and the folders before it 155); shorten the path or leave it out of the code folder',
      fileTooLarge: 'file too large for a ustar archive (over 8 GiB): {{path}}',
      fileChanged: { message: 'cannot pack {{folder}}: "{{path}}" changed while it was being packed', hint: 'compile again once nothing writes to the folder' },
      filesChanged: { message: 'cannot pack {{folder}}: its files changed while it was being packed', hint: 'compile again once nothing writes to the folder' },
      unreadable: 'cannot pack {{folder}}: {{problem}}',
    },
  },
  SMP6016: {
    severity: 'error',
    title: 'Unknown first-party image framework (image: {framework})',
    messages: {
      unknownFramework: { message: 'unknown image framework "{{framework}}"', hint: 'did you mean {{guess}}? known: {{known}}' },
      unknownFrameworkListed: { message: 'unknown image framework "{{framework}}"', hint: 'known: {{known}}' },
    },
  },
  SMP6017: {
    severity: 'error',
    title: 'First-party image combination the SDK\'s image tables do not list (version, scope, Python build, CPU/GPU)',
    messages: {
      noVersion: { message: '{{framework}} ({{scope}}) has no version "{{version}}"', hint: 'did you mean {{guess}}? listed: {{versions}}' },
      noVersionListed: { message: '{{framework}} ({{scope}}) has no version "{{version}}"', hint: 'listed: {{versions}}' },
      versionNeeded: { message: '{{framework}} ({{scope}}) lists several versions: say which', hint: 'add version: one of {{versions}}' },
      noScope: { message: '{{framework}} has no {{use}} image', hint: 'its images: {{scopes}}' },
      noPython: { message: '{{framework}} {{version}} has no {{python}} build', hint: 'Python builds: {{builds}}' },
      pythonNeeded: { message: '{{framework}} {{version}} has several Python builds: say which', hint: 'add python: one of {{builds}}' },
      noProcessor: { message: '{{framework}} {{version}} has no {{processor}} build', hint: 'builds: {{processors}}' },
      processorNeeded: { message: '{{framework}} {{version}} has CPU and GPU builds: say which', hint: 'add gpu: true or gpu: false' },
      notApplicable: { message: '{{framework}} {{version}} has no {{field}} choice', hint: 'remove {{field}}: the image has one build' },
    },
  },
  SMP6018: {
    severity: 'error',
    title: 'First-party image not published in the AWS Region (vars.region)',
    messages: {
      notInRegion: { message: '{{framework}} {{version}} is not published in {{region}}', hint: 'Regions: {{regions}}' },
      notInRegionGuess: { message: '{{framework}} {{version}} is not published in {{region}}', hint: 'did you mean {{guess}}?' },
    },
  },
} as const satisfies Record<string, CodeInfo>;
