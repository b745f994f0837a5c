// The contracts capability: the contracts in force (the last valid contracts.json), and their handlers.
import type { ContractsView, PiketHandlers } from '../api/contract';
import { DEFAULT_CONTRACTS, type ContractsConfig } from '../sla/contracts';
import type { TicketStore } from '../store/ticket-store';
import { contractsPath, loadContractsFile } from './contracts-file';
import type { EventHub } from './event-hub';
import type { SlaTracker } from './sla-tracker';

export type ContractsHandlers = Pick<PiketHandlers, 'getContracts' | 'reloadContracts'>;

/** The contracts file of a data folder and what is in force: its last valid content, or the defaults. */
export class ActiveContracts {
  readonly file: string;
  private current: ContractsConfig = DEFAULT_CONTRACTS;
  private problem: string | null = null;

  /** `createIfMissing`: only the owner of the data folder writes the default file. */
  constructor(
    dataDir: string,
    private readonly createIfMissing: boolean,
    private readonly log: (line: string) => void,
  ) {
    this.file = contractsPath(dataDir);
    this.load();
  }

  get config(): ContractsConfig {
    return this.current;
  }

  get error(): string | null {
    return this.problem;
  }

  /** Reads the file again; returns whether it was valid and so replaced the contracts in force (a broken file keeps them). */
  load(): boolean {
    const loaded = loadContractsFile(this.file, { create: this.createIfMissing });
    if (!loaded.ok) {
      this.problem = loaded.error;
      this.log(`contracts: ${loaded.error}`);
      return false;
    }
    this.problem = null;
    this.current = loaded.config;
    return true;
  }
}

export interface ContractsDeps {
  contracts: ActiveContracts;
  sla: SlaTracker;
  tickets: TicketStore;
  events: EventHub;
}

export function contractsHandlers({ contracts, sla, tickets, events }: ContractsDeps): ContractsHandlers {
  const view = (): ContractsView => ({
    file: contracts.file,
    error: contracts.error,
    config: contracts.config,
    customers: tickets.listCustomers().map((customer) => ({
      customerId: customer.id,
      customerName: customer.name,
      policy: sla.policy(customer.id).name,
    })),
  });
  return {
    getContracts: view,
    reloadContracts: () => {
      if (contracts.load()) sla.setContracts(contracts.config);
      const current = view();
      events.emit('contractsChanged', current);
      events.emit('queueChanged', { ticketIds: [] });
      return current;
    },
  };
}
