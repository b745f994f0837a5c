// The tab's title and icon (it renders nothing): while a P1 waits unsnoozed, the title alternates each second between
// "(!) P1: subject — Piket" and the plain title, and the icon between Piket's and a red alert; otherwise the title
// carries the counts ("Piket (2 breached)"). A component of its own, so its ticking re-renders nothing else.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tabTitle } from '../p1-alerts';
import { useActiveP1s } from '../state/attention';
import { useOverviewStore } from '../state/overview-store';

const FLASH_MS = 1000;
const ICONS = {
  normal: `${import.meta.env.BASE_URL}favicon.svg`,
  alert: `${import.meta.env.BASE_URL}favicon-alert.svg`,
};

function setIcon(href: string): void {
  const link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (link !== null && link.getAttribute('href') !== href) link.setAttribute('href', href);
}

export function TabAttention() {
  const { t } = useTranslation();
  const overview = useOverviewStore((state) => state.overview);
  const active = useActiveP1s();
  const flashing = active.length > 0;
  const [flashOn, setFlashOn] = useState(true);

  useEffect(() => {
    setFlashOn(true);
    if (!flashing) return;
    const timer = setInterval(() => setFlashOn((on) => !on), FLASH_MS);
    return () => clearInterval(timer);
  }, [flashing]);

  const alerting = flashing && flashOn;
  const title = tabTitle(t, overview, active, alerting);
  useEffect(() => {
    document.title = title;
    setIcon(alerting ? ICONS.alert : ICONS.normal);
  }, [title, alerting]);
  return null;
}
