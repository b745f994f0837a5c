// A contact on the customer's contract: name, a tel: link to call them, and their e-mail.
import { useTranslation } from 'react-i18next';
import type { ContactPerson } from '../../../src/domain/ticket';

/** Only digits and a leading plus go into the tel: URL, whatever the customer record holds. */
function telHref(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  return `tel:${digits.startsWith('+') ? '+' : ''}${digits.replace(/\+/g, '')}`;
}

export function ContactLine({ person }: { person: ContactPerson }) {
  const { t } = useTranslation();
  return (
    <span className="contact">
      <span className="contact-name">{person.name}</span>
      {person.phone ? (
        <a className="contact-phone" href={telHref(person.phone)}>
          {person.phone}
        </a>
      ) : (
        <span className="contact-missing">{t('detail.noPhone')}</span>
      )}
      {person.email && (
        <a className="contact-email" href={`mailto:${person.email}`}>
          {person.email}
        </a>
      )}
    </span>
  );
}
