// The calendars of the contracts file: zone, weekly working hours and holidays, as a table.
import { useTranslation } from 'react-i18next';
import type { ContractsConfig } from '../../../src/sla/contracts';
import { weekSummary } from '../contracts-summary';

export function CalendarTable({ calendars }: { calendars: ContractsConfig['calendars'] }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="calendars" aria-label={t('contracts.calendars')}>
      <h3>{t('contracts.calendars')}</h3>
      <table className="contracts-table">
        <thead>
          <tr>
            <th scope="col">{t('contracts.calendar')}</th>
            <th scope="col">{t('contracts.zone')}</th>
            <th scope="col">{t('contracts.hours')}</th>
            <th scope="col">{t('contracts.holidays')}</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(calendars).map(([name, calendar]) => {
            const week = weekSummary(calendar, i18n.language);
            const extraDays =
              (calendar.holidays?.length ?? 0) + Object.keys(calendar.dateOverrides ?? {}).length;
            return (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td>{calendar.timeZone}</td>
                <td>
                  {week === null
                    ? t('contracts.aroundTheClock')
                    : week.length === 0
                      ? t('contracts.neverOpen')
                      : week.map((line) => (
                          <div key={line.days}>
                            {line.days} {line.hours}
                          </div>
                        ))}
                </td>
                <td>
                  {calendar.holidayRegion ?? <span className="muted">{t('contracts.noRegion')}</span>}
                  {extraDays > 0 && (
                    <div className="muted">{t('contracts.extraDays', { count: extraDays })}</div>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
