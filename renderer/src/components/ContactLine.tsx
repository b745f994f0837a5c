// A contact on the customer's contract: name, a tel: link to call them, and their e-mail (a mailto: link only for a
// plain address; anything else is shown as text).
import { useTranslation } from 'react-i18next';
import type { ContactPerson } from '../../../src/domain/ticket';
import { mailtoHref, telHref } from '../contact-links';

export function ContactLine({ person }: { person: ContactPerson }) {
  const { t } = useTranslation();
  const tel = person.phone ? telHref(person.phone) : null;
  const mailto = person.email ? mailtoHref(person.email) : null;
  return (
    <span className="contact">
      <span className="contact-name">{person.name}</span>
      {!person.phone ? (
        <span className="contact-missing">{t('detail.noPhone')}</span>
      ) : tel ? (
        <a className="contact-phone" href={tel}>
          {person.phone}
        </a>
      ) : (
        <span className="contact-phone">{person.phone}</span>
      )}
      {person.email &&
        (mailto ? (
          <a className="contact-email" href={mailto}>
            {person.email}
          </a>
        ) : (
          <span className="contact-email">{person.email}</span>
        ))}
    </span>
  );
}
