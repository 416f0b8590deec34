import { COMMANDS, commandNamed } from './registry.js';

const VERSION = '0.1.0';

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `smpipe ${VERSION}: YAML specs → Amazon SageMaker Pipeline definitions, checked before AWS sees them

Usage: smpipe COMMAND [options]   (smpipe COMMAND --help for details)

Commands:
${rows.join('\n')}

Exit status: 0 ok, 1 errors in the spec, 2 usage or internal error.
`;
}

/**
 * A reader that goes away (`smpipe explain | head`, a closed terminal) raises EPIPE on the next
 * write, as an 'error' event that would end the process with a stack trace. Output nobody reads
 * is dropped instead; the command finishes, with its own exit status.
 */
function dropOutputNobodyReads(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (!stream.listeners('error').includes(ignoreWriteError)) stream.on('error', ignoreWriteError);
  }
}

function ignoreWriteError(): void {
  // EPIPE or a stream destroyed after it: there is no one left to tell.
}

/** Runs one command; resolves to the exit status. User errors never print a stack trace. */
export async function main(argv: string[]): Promise<number> {
  dropOutputNobodyReads();
  const [name, ...rest] = argv;
  // `smpipe help compile` is `smpipe compile --help`, as with git and npm.
  if (name === 'help' && rest.length > 0) return main([rest[0] as string, '--help']);
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(help());
    return name ? 0 : 2;
  }
  if (name === '--version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const command = commandNamed(name);
  if (!command) {
    process.stderr.write(`smpipe: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    // Loaded on failure only: it names the deploy errors, which compile never loads.
    const { describeFailure } = await import('./failure.js');
    const failure = describeFailure(name, command.usage, error);
    process.stderr.write(failure.text);
    return failure.usage ? 2 : 1;
  }
}
