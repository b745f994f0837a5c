// One connection's sync state in words, for the header's sync status and the Connections dialog.
import type { TFunction } from 'i18next';
import type { ConnectionSyncStatus } from '../../src/api';
import { formatAge } from './format';

export function connectionStateText(t: TFunction, status: ConnectionSyncStatus): string {
  return t(`syncStatus.state.${status.state}`);
}

/** "Last synced 3 min ago" or "Not synced yet". */
export function lastSyncText(
  t: TFunction,
  status: ConnectionSyncStatus,
  now: number,
  language: string,
): string {
  return status.lastSuccessAt === null
    ? t('sync.neverSynced')
    : t('sync.lastSynced', { when: formatAge(status.lastSuccessAt, now, language) });
}
