// Whom a ladder target names at an instant: the on-call of a schedule (a schedule made in Piket through onCallAt
// of src/rotation, or a subscribed feed through its entries), "*" for whoever is on call in any schedule of the
// data folder, a person named in the contract file, or the customer's lead engineer or TAM as the ticket system
// reports them. Schedule names match ignoring case, as the schedule store looks them up. A target that names
// nobody yields one entry that says why ("no lead engineer in the contract for Noordkade"), never an error, so
// the rest of the ladder still shows.
import type { ContactPerson } from '../domain/ticket';
import type { Schedule } from '../rotation/model';
import { onCallAt, sameMember } from '../rotation/on-call';
import type { LadderContact, MissingReason, ResolveTarget } from './ladder';
import type { LadderTarget } from './ladder-schema';

/** Someone on call, as a schedule or a feed names them. */
export interface OnCallPerson {
  name: string;
  phone?: string | null | undefined;
  email?: string | null | undefined;
}

/** A schedule the ladder can ask who is on call: one made in Piket (scheduleSource), or a subscribed feed. */
export interface OnCallSource {
  name: string;
  /** Who is on call at `at`: empty in a gap; a feed whose entries overlap may name several. */
  onCallAt(at: number): OnCallPerson[];
}

/** A schedule made in Piket as an on-call source: whom its final schedule pages. */
export function scheduleSource(schedule: Schedule): OnCallSource {
  return {
    name: schedule.name,
    onCallAt: (at) => {
      const member = onCallAt(schedule, at).final.member;
      return member ? [member] : [];
    },
  };
}

/** The customer of the ticket: its name (for messages) and its contacts, as the store has them. */
export interface CustomerContacts {
  name: string;
  leadEngineer: ContactPerson | null;
  tam: ContactPerson | null;
}

const orNull = (value: string | null | undefined): string | null =>
  value === null || value === undefined || value.trim() === '' ? null : value;

const samePerson = (a: OnCallPerson, b: OnCallPerson): boolean =>
  sameMember({ name: a.name, email: a.email ?? undefined }, { name: b.name, email: b.email ?? undefined });

const sameName = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

function missing(
  role: LadderContact['role'],
  reason: MissingReason,
  message: string,
  schedule: string | null = null,
): LadderContact {
  return { role, schedule, name: null, phone: null, email: null, missing: { reason, message } };
}

function contact(
  role: LadderContact['role'],
  person: OnCallPerson,
  schedule: string | null = null,
): LadderContact {
  return {
    role,
    schedule,
    name: person.name,
    phone: orNull(person.phone),
    email: orNull(person.email),
    missing: null,
  };
}

/** Resolves ladder targets for one customer's ticket against the schedules of the data folder. */
export function targetResolver(
  customer: CustomerContacts,
  schedules: readonly OnCallSource[],
): ResolveTarget {
  const fromContract = (role: 'leadEngineer' | 'tam'): LadderContact => {
    const person = customer[role];
    if (person && person.name.trim() !== '') return contact(role, person);
    return role === 'leadEngineer'
      ? missing(role, 'noLeadEngineer', `no lead engineer in the contract for ${customer.name}`)
      : missing(role, 'noTam', `no TAM in the contract for ${customer.name}`);
  };

  const anyone = (at: number): LadderContact[] => {
    if (schedules.length === 0) {
      return [missing('onCall', 'noSchedules', 'no rotation schedule in this data folder')];
    }
    const found: Array<{ member: OnCallPerson; schedule: string }> = [];
    for (const schedule of schedules) {
      for (const member of schedule.onCallAt(at)) {
        if (!found.some((seen) => samePerson(seen.member, member))) {
          found.push({ member, schedule: schedule.name });
        }
      }
    }
    if (found.length === 0) return [missing('onCall', 'nobodyOnCall', 'nobody is on call in any schedule')];
    return found.map(({ member, schedule }) => contact('onCall', member, schedule));
  };

  const onCall = (name: string, at: number): LadderContact[] => {
    if (name === '*') return anyone(at);
    const schedule = schedules.find((candidate) => sameName(candidate.name, name));
    if (!schedule) {
      const known = schedules.map((candidate) => JSON.stringify(candidate.name)).join(', ') || 'none';
      const message = `no schedule named ${JSON.stringify(name)} (known: ${known})`;
      return [missing('onCall', 'unknownSchedule', message, name)];
    }
    const members = schedule.onCallAt(at);
    if (members.length === 0) {
      const message = `nobody is on call in ${JSON.stringify(schedule.name)}`;
      return [missing('onCall', 'nobodyOnCall', message, schedule.name)];
    }
    return members.map((member) => contact('onCall', member, schedule.name));
  };

  return (target: LadderTarget, at: number): LadderContact[] => {
    if (target === 'leadEngineer' || target === 'tam') return [fromContract(target)];
    if ('onCall' in target) return onCall(target.onCall, at);
    return [contact('person', target.person)];
  };
}
