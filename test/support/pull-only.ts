// For test connectors that only serve pulls: the push side of the Connector interface, refusing in words, so a
// test that pushes by mistake fails with a clear message.
import type { Connector } from '../../src/connectors/connector';

const refuse = (what: string) => () => Promise.reject(new Error(`This test connector does not ${what}.`));

export const PULL_ONLY: Pick<Connector, 'push' | 'findPushed' | 'fetchTicket'> = {
  push: refuse('take changes'),
  findPushed: refuse('look up changes'),
  fetchTicket: refuse('serve single tickets'),
};
