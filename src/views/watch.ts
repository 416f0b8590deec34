import { TERMINAL, type ExecutionSnapshot } from '../deploy/execution.js';
import { renderStepTable, stepEvents } from './steps.js';
import type { Io } from './io.js';

/**
 * Shows snapshots as they come: on a terminal the table is redrawn in place; otherwise (a log, a
 * pipe, CI) one line is appended per step status change, and the final table at the end.
 */
export function watchView(io: Io, now: () => Date = () => new Date()): (snapshot: ExecutionSnapshot) => void {
  let drawn = 0;
  let previous: ExecutionSnapshot | undefined;
  return (snapshot) => {
    if (io.isTTY) {
      const lines = renderStepTable(snapshot, now());
      io.out(`${drawn ? `\x1b[${drawn}A\r\x1b[J` : ''}${lines.join('\n')}\n`);
      drawn = lines.length;
    } else {
      const events = stepEvents(previous, snapshot);
      if (events.length) io.out(`${events.join('\n')}\n`);
      if (TERMINAL.has(snapshot.status)) io.out(`\n${renderStepTable(snapshot, now()).join('\n')}\n`);
      else if (snapshot.status !== previous?.status) io.out(`execution ${snapshot.status}\n`);
    }
    previous = snapshot;
  };
}
