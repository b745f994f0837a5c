// One SLA policy in the Contracts dialog: P1–P4 response and resolution targets with their calendars, what
// pauses the clocks, the warnings, the security targets, and the customers it applies to.
import { useTranslation } from 'react-i18next';
import type { ContractsView } from '../../../src/api';
import { PRIORITIES } from '../../../src/domain/ticket';
import type { ContractsConfig, ContractsPolicy } from '../../../src/sla/contracts';
import { DEFAULT_PAUSE_STATUSES, DEFAULT_SECURITY, DEFAULT_WARNINGS, percent } from '../contracts-summary';

interface PolicyCardProps {
  name: string;
  policy: ContractsPolicy;
  isDefault: boolean;
  config: ContractsConfig;
  customers: ContractsView['customers'];
}

export function PolicyCard({ name, policy, isDefault, config, customers }: PolicyCardProps) {
  const { t } = useTranslation();
  const zoneOf = (calendar: string): string => config.calendars[calendar]?.timeZone ?? '?';
  const security = policy.security ?? {};
  const pauses = policy.pauseStatuses ?? DEFAULT_PAUSE_STATUSES;
  const warnings = policy.warnings ?? DEFAULT_WARNINGS;
  const securityCalendar = security.calendar
    ? `${security.calendar}, ${zoneOf(security.calendar)}`
    : t('contracts.aroundTheClockIn', { zone: zoneOf(policy.calendar) });

  return (
    <section className="policy" aria-label={t('contracts.policyLabel', { name })}>
      <h3>
        {name}
        {isDefault && <span className="policy-default">{t('contracts.default')}</span>}
      </h3>
      <table className="contracts-table">
        <thead>
          <tr>
            <th scope="col">{t('contracts.priority')}</th>
            <th scope="col">{t('contracts.response')}</th>
            <th scope="col">{t('contracts.resolution')}</th>
            <th scope="col">{t('contracts.calendar')}</th>
          </tr>
        </thead>
        <tbody>
          {PRIORITIES.map((priority) => {
            const target = policy.priorities[priority];
            const calendar = target.calendar ?? policy.calendar;
            return (
              <tr key={priority}>
                <th scope="row">{priority}</th>
                <td className="duration">{target.response}</td>
                <td className="duration">{target.resolution}</td>
                <td>
                  {calendar} <span className="muted">({zoneOf(calendar)})</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <dl className="policy-facts">
        <dt>{t('contracts.pauses')}</dt>
        <dd>
          {pauses.length === 0
            ? t('contracts.neverPaused')
            : pauses.map((status) => t(`status.${status}`)).join(', ')}
        </dd>
        <dt>{t('contracts.warnings')}</dt>
        <dd>{warnings.length === 0 ? t('contracts.noWarnings') : warnings.map(percent).join(', ')}</dd>
        <dt>{t('contracts.security')}</dt>
        <dd>
          {t('contracts.securityTargets', {
            plan: security.plan ?? DEFAULT_SECURITY.plan,
            patch: security.patch ?? DEFAULT_SECURITY.patch,
            severities: (security.severities ?? DEFAULT_SECURITY.severities).join(', '),
          })}{' '}
          <span className="muted">({securityCalendar})</span>
        </dd>
        <dt>{t('contracts.securityMetBy')}</dt>
        <dd>
          {t(`contracts.planMetBy.${security.planMetBy ?? DEFAULT_SECURITY.planMetBy}`)};{' '}
          {t(`contracts.patchMetBy.${security.patchMetBy ?? DEFAULT_SECURITY.patchMetBy}`)}
        </dd>
        <dt>{t('contracts.customers')}</dt>
        <dd>
          {customers.length === 0 && !isDefault && (
            <span className="muted">{t('contracts.noCustomers')}</span>
          )}
          {customers.map((customer) => customer.customerName).join(', ')}
          {isDefault && (
            <span className="muted">
              {customers.length > 0 ? ' · ' : ''}
              {t('contracts.everyOtherCustomer')}
            </span>
          )}
        </dd>
      </dl>
    </section>
  );
}
