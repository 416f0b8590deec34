/**
 * The one place messages shorten user text. A 60,000-character step name echoed whole makes a
 * diagnostic unreadable (and a JSON report huge), so every message, hint and quoted value goes
 * through here: long text keeps its start and end, and says how long it was.
 */

/** Longest unbroken run of characters a message keeps (an ARN or S3 URI fits; a pasted blob does not). */
export const MAX_RUN = 160;

/** `text` cut to `max` characters: head … tail, with the full length, when it is longer. */
export function truncate(text: string, max: number = MAX_RUN): string {
  if (text.length <= max) return text;
  const note = `… (${text.length} characters) …`;
  const room = Math.max(2, max - note.length);
  const head = Math.ceil((room * 2) / 3);
  return `${text.slice(0, head)}${note}${text.slice(text.length - (room - head))}`;
}

/** A message with every unbroken run (quotes excluded) longer than `maxRun` shortened, so quoted user values stay readable. */
export function shortenMessage(message: string, maxRun: number = MAX_RUN): string {
  if (message.length <= maxRun) return message;
  return message.replace(new RegExp(`[^\\s"'\\x60]{${maxRun + 1},}`, 'g'), (run) => truncate(run, maxRun));
}
