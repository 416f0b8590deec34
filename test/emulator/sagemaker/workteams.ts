/**
 * Work teams (CreateWorkteam, DescribeWorkteam), which moto lacks: enough for preflight to ask
 * whether the team a ground-truth step names exists. Members, notifications and the labeling
 * portal are not simulated.
 */
import { seconds, type Handlers, type Params } from './context.js';
import { ServiceError } from './errors.js';
import { checkRules, type Rule } from './validate.js';

const NAME_RULE: Rule = { path: 'WorkteamName', required: true, min: 1, max: 63 };

export class WorkteamStore {
  private readonly teams = new Map<string, Params>();

  constructor(private readonly region: string, private readonly accountId: string) {}

  create(name: string, description: string): Params {
    if (this.teams.has(name)) throw new ServiceError('ResourceInUse', `Workteam '${name}' already exists.`);
    const now = seconds(Date.now());
    const team = {
      WorkteamName: name,
      WorkteamArn: `arn:aws:sagemaker:${this.region}:${this.accountId}:workteam/private-crowd/${name}`,
      Description: description,
      MemberDefinitions: [],
      CreateDate: now,
      LastUpdatedDate: now,
    };
    this.teams.set(name, team);
    return team;
  }

  describe(name: string): Params {
    const team = this.teams.get(name);
    // DescribeWorkteam documents no ResourceNotFound; a ValidationException naming the team is
    // our guess at the service's answer (preflight reads either as "missing").
    if (!team) throw new ServiceError('ValidationException', `Workteam arn:aws:sagemaker:${this.region}:${this.accountId}:workteam/private-crowd/${name} does not exist.`);
    return team;
  }
}

export function workteamHandlers(store: WorkteamStore): Handlers {
  return {
    CreateWorkteam: async (p) => {
      checkRules(p, [NAME_RULE, { path: 'Description', required: true, min: 1, max: 200 }]);
      return { WorkteamArn: store.create(String(p['WorkteamName']), String(p['Description']))['WorkteamArn'] };
    },
    DescribeWorkteam: async (p) => {
      checkRules(p, [NAME_RULE]);
      return { Workteam: store.describe(String(p['WorkteamName'])) };
    },
  };
}
