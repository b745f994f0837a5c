// The people and organizations tickets refer to by id, read from Zendesk in batches (users/show_many,
// organizations/show_many, at most 100 ids a request) and kept for the life of the connector, so each is asked once
// per run of Piket. An id Zendesk no longer knows (a deleted user or organization) gets a placeholder, also kept.
// The connection's own user is known from whoAmI and never asked for.
import { EARLIEST_INSTANT } from '../record-schemas';
import type { ZendeskHttp } from './http';
import { instant, type People, type Person } from './mapping';
import { organizationsSchema, usersSchema } from './wire';

const BATCH = 100;

export interface Organization {
  id: number;
  name: string;
  updatedAt: number;
}

function batches(ids: readonly number[]): number[][] {
  const result: number[][] = [];
  for (let start = 0; start < ids.length; start += BATCH) result.push(ids.slice(start, start + BATCH));
  return result;
}

export class ZendeskDirectory implements People {
  private readonly people = new Map<number, Person>();
  private readonly organizations = new Map<number, Organization>();

  constructor(private readonly http: ZendeskHttp) {}

  /** Makes sure every id in `ids` is known (asks Zendesk for the ones that are not). */
  async loadPeople(ids: Iterable<number>, signal: AbortSignal): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.people.has(id));
    for (const batch of batches(missing)) {
      const { users } = await this.http.get(
        '/api/v2/users/show_many.json',
        { ids: batch.join(',') },
        usersSchema,
        'the users of these tickets',
        signal,
      );
      for (const user of users)
        this.people.set(user.id, { name: user.name, agent: user.role === 'agent' || user.role === 'admin' });
      for (const id of batch)
        if (!this.people.has(id)) this.people.set(id, { name: `User ${id}`, agent: false });
    }
  }

  async loadOrganizations(ids: Iterable<number>, signal: AbortSignal): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.organizations.has(id));
    for (const batch of batches(missing)) {
      const { organizations } = await this.http.get(
        '/api/v2/organizations/show_many.json',
        { ids: batch.join(',') },
        organizationsSchema,
        'the organizations of these tickets',
        signal,
      );
      for (const organization of organizations) {
        const updatedAt = instant(organization.updated_at);
        this.organizations.set(organization.id, {
          id: organization.id,
          name: organization.name,
          updatedAt: Number.isNaN(updatedAt) ? EARLIEST_INSTANT : updatedAt,
        });
      }
      for (const id of batch)
        if (!this.organizations.has(id))
          this.organizations.set(id, { id, name: `Organization ${id}`, updatedAt: EARLIEST_INSTANT });
    }
  }

  /** Keeps a person known from elsewhere (the connection's own user, from users/me). */
  remember(id: number, person: Person): void {
    this.people.set(id, person);
  }

  /** A loaded person; one never loaded is named by id (callers load first). */
  person(id: number): Person {
    return this.people.get(id) ?? { name: `User ${id}`, agent: false };
  }

  /** A loaded organization; one never loaded is named by id (callers load first). */
  organization(id: number): Organization {
    return this.organizations.get(id) ?? { id, name: `Organization ${id}`, updatedAt: EARLIEST_INSTANT };
  }
}
