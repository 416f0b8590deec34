/**
 * CloudWatch Logs is moto's, with one correction: moto 5.2.1's FilterLogEvents ignores
 * logStreamNamePrefix (moto/logs/models.py filters by logStreamNames only), so every stream of the
 * group comes back. The service returns only the streams whose names start with the prefix
 * (API reference, FilterLogEvents), which is how a job's streams are found.
 */
import type { MotoClient } from './moto-client.js';
import type { Handlers, Params } from './sagemaker/context.js';

export const LOGS_TARGET = 'Logs_20140328.';

export function logsHandlers(moto: MotoClient): Handlers {
  return {
    FilterLogEvents: async (p: Params) => {
      const answer = await moto.json('logs', `${LOGS_TARGET}FilterLogEvents`, p);
      const prefix = typeof p['logStreamNamePrefix'] === 'string' ? p['logStreamNamePrefix'] : '';
      if (!prefix) return answer;
      const events = (answer['events'] as Array<{ logStreamName?: string }> | undefined) ?? [];
      const searched = (answer['searchedLogStreams'] as Array<{ logStreamName?: string }> | undefined) ?? [];
      return { ...answer, events: events.filter((e) => e.logStreamName?.startsWith(prefix)), searchedLogStreams: searched.filter((s) => s.logStreamName?.startsWith(prefix)) };
    },
  };
}
