// The Zendesk kind of connection: how to read the address the user typed, its default name, and its Connector.
import type { ConnectorKind } from '../registry';
import { zendeskBaseUrl, zendeskDefaultId } from './base-url';
import { createZendeskConnector } from './zendesk-connector';

export const zendesk: ConnectorKind = {
  label: 'Zendesk',
  baseUrl: zendeskBaseUrl,
  defaultId: zendeskDefaultId,
  create: createZendeskConnector,
};
