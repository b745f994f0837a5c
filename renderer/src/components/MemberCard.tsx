// A contact card for a person on call: the name as text, the phone as a tel: link and the e-mail as a mailto: link
// when they are plain (contact-links.ts; anything else stays text), and the zone they live in when the schedule
// says.
import { useTranslation } from 'react-i18next';
import type { Member } from '../../../src/rotation/model';
import { mailtoHref, telHref } from '../contact-links';

export function MemberCard({ member, headingLevel = 4 }: { member: Member; headingLevel?: 3 | 4 }) {
  const { t } = useTranslation();
  const tel = member.phone ? telHref(member.phone) : null;
  const mailto = member.email ? mailtoHref(member.email) : null;
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <div className="member-card">
      <Heading className="member-name">{member.name}</Heading>
      <dl className="member-facts">
        {member.phone && (
          <>
            <dt>{t('rotation.phone')}</dt>
            <dd>{tel ? <a href={tel}>{member.phone}</a> : member.phone}</dd>
          </>
        )}
        {member.email && (
          <>
            <dt>{t('rotation.email')}</dt>
            <dd>{mailto ? <a href={mailto}>{member.email}</a> : member.email}</dd>
          </>
        )}
        {member.timeZone && (
          <>
            <dt>{t('rotation.memberZone')}</dt>
            <dd>{member.timeZone}</dd>
          </>
        )}
        {!member.phone && !member.email && (
          <>
            <dt className="visually-hidden">{t('rotation.contact')}</dt>
            <dd className="muted">{t('rotation.noContact')}</dd>
          </>
        )}
      </dl>
    </div>
  );
}
