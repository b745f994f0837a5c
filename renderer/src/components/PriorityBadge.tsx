// P1–P4 as a coloured badge: P1 red, P2 orange, P3 yellow, P4 grey.
import { useTranslation } from 'react-i18next';
import type { Priority } from '../../../src/domain/ticket';

export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  return (
    <span className={`priority-badge priority-${priority.toLowerCase()}`} title={t(`priority.${priority}`)}>
      {priority}
    </span>
  );
}
