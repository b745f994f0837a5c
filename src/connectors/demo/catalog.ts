// The demo desk's fixed cast and phrasebook: customers with contracts, the support team, ticket and note templates.
import type { ContactPerson } from '../../domain/ticket';

export interface DemoCustomer {
  externalId: string;
  name: string;
  /** Relative share of the ticket stream. */
  weight: number;
  timeZone: string;
  uptimePromise: string;
  tam: ContactPerson;
  leadEngineer: ContactPerson;
  /** Words the ticket templates fill in: the customer's application, its services and domain. */
  product: string;
  services: readonly string[];
  domain: string;
}

export const DEMO_CUSTOMERS: readonly DemoCustomer[] = [
  {
    externalId: 'CUST-NOORDKADE',
    name: 'Havenbedrijf Noordkade B.V.',
    weight: 25,
    timeZone: 'Europe/Amsterdam',
    uptimePromise: '99.95%',
    tam: { name: 'Eva Smit', phone: '+31104567120', email: 'eva.smit@supportdesk.example' },
    leadEngineer: {
      name: 'Joris van Dijk',
      phone: '+31612345078',
      email: 'joris.vandijk@supportdesk.example',
    },
    product: 'Berth Planner',
    services: ['berth-api', 'AIS ingest', 'customs gateway', 'crane scheduler'],
    domain: 'noordkade.example',
  },
  {
    externalId: 'CUST-WATERLAND',
    name: 'Zorggroep Waterland',
    weight: 25,
    timeZone: 'Europe/Amsterdam',
    uptimePromise: '99.9%',
    tam: { name: 'Pieter Hendriks', phone: '+31205550183', email: 'pieter.hendriks@supportdesk.example' },
    leadEngineer: {
      name: 'Fatima El Amrani',
      phone: '+31623456189',
      email: 'fatima.elamrani@supportdesk.example',
    },
    product: 'Cliëntportaal',
    services: ['appointment service', 'HL7 interface', 'DigiD login', 'medication module'],
    domain: 'zorggroep-waterland.example',
  },
  {
    externalId: 'CUST-VDMEULEN',
    name: 'Van der Meulen & Zonen Bakkerijen',
    weight: 15,
    timeZone: 'Europe/Amsterdam',
    uptimePromise: '99.5%',
    tam: { name: 'Eva Smit', phone: '+31104567120', email: 'eva.smit@supportdesk.example' },
    leadEngineer: { name: 'Daan Bakker', phone: '+31634567210', email: 'daan.bakker@supportdesk.example' },
    product: 'Bestelportaal',
    services: ['order API', 'route planner', 'iDEAL checkout', 'EDI link to wholesalers'],
    domain: 'vandermeulen-bakkerijen.example',
  },
  {
    externalId: 'CUST-TULPSTAD',
    name: 'Tulpstad Energie N.V.',
    weight: 20,
    timeZone: 'Europe/Amsterdam',
    uptimePromise: '99.99%',
    tam: { name: 'Lotte Vermeulen', phone: '+31302233419', email: 'lotte.vermeulen@supportdesk.example' },
    leadEngineer: { name: 'Mila Jansen', phone: '+31645678321', email: 'mila.jansen@supportdesk.example' },
    product: 'Meterdata Hub',
    services: ['smart-meter ingest', 'billing export', 'customer app backend', 'Kafka cluster'],
    domain: 'tulpstad-energie.example',
  },
  {
    externalId: 'CUST-HUDSON',
    name: 'Hudson Harbor Analytics Inc.',
    weight: 15,
    timeZone: 'America/New_York',
    uptimePromise: '99.9%',
    tam: { name: 'Rachel Morgan', phone: '+12125550142', email: 'rachel.morgan@supportdesk.example' },
    leadEngineer: { name: 'Tom Peeters', phone: '+32470123456', email: 'tom.peeters@supportdesk.example' },
    product: 'Insight Dashboards',
    services: ['reporting API', 'ETL pipeline', 'Snowflake connector', 'SAML login'],
    domain: 'hudsonharbor.example',
  },
];

/** The support engineers who pick up tickets; "Sanne de Vries" is the app's default user, so she gets a large share. */
export const DEMO_TEAM: readonly (readonly [string, number])[] = [
  ['Sanne de Vries', 3],
  ['Daan Bakker', 1.5],
  ['Fatima El Amrani', 1.5],
  ['Joris van Dijk', 1.5],
  ['Mila Jansen', 1.5],
  ['Tom Peeters', 1.5],
];

export interface TicketTemplate {
  subject: string;
  description: string;
  weight: number;
}

/**
 * Placeholders: {product} {service} {partner} {version} {percent} {count} {minutes} {env} {domain}.
 * Some texts carry <, >, & and quotes on purpose: the UI must render customer text as text.
 */
export const INCIDENT_TEMPLATES: readonly TicketTemplate[] = [
  {
    subject: 'VPN gateway drops sessions after certificate rotation',
    description:
      'Since the certificate rotation last night, site-to-site VPN sessions to {domain} drop every {minutes} minutes. Users of {product} lose their connection mid-transaction. The gateway log says "TLS handshake failed: certificate unknown".',
    weight: 1,
  },
  {
    subject: 'Payment export to SAP fails with timeout',
    description:
      'The hourly payment export from {product} to SAP has failed {count} times in a row with "java.net.SocketTimeoutException: Read timed out after 30000 ms". Finance cannot close the day until this runs.',
    weight: 1,
  },
  {
    subject: 'Login via Azure AD returns "AADSTS50011" for all users',
    description:
      'Nobody can log in to {product} on {env}. Microsoft shows AADSTS50011: the redirect URI https://{domain}/auth/callback does not match. Nothing changed on our side as far as we know.',
    weight: 1,
  },
  {
    subject: '{service} returns HTTP 502 for {percent}% of requests',
    description:
      'Monitoring shows {percent}% of calls to the {service} ending in 502 Bad Gateway for the last {minutes} minutes. Retrying sometimes works. Release {version} went live this morning.',
    weight: 1,
  },
  {
    subject: 'Nightly invoice batch stuck in "running"',
    description:
      'The nightly invoice batch has been in status "running" for {minutes} minutes; normally it finishes in 20. About {count} invoices are waiting. Can you check the job queue on {env}?',
    weight: 1,
  },
  {
    subject: 'Search results empty after index rebuild',
    description:
      'After the index rebuild on {env}, searching in {product} returns nothing for queries like "container > 40ft" or "Jansen & Co". Filtering by date still works.',
    weight: 1,
  },
  {
    subject: 'Webhook deliveries to {partner} delayed by > 30 minutes',
    description:
      'Webhooks from {service} to {partner} arrive {minutes} minutes late. {partner} already called us twice. The delivery dashboard shows a growing retry queue ({count} events).',
    weight: 1,
  },
  {
    subject: 'Mobile app crashes on startup on Android 15',
    description:
      'Since app version {version}, the {product} app crashes right after the splash screen on Android 15 devices. Roughly {count} users affected. Crash log mentions "NullPointerException in ConfigLoader".',
    weight: 1,
  },
  {
    subject: "PDF export renders 'é' and '&' as garbage",
    description:
      'PDF exports from {product} show "Caf&amp;#233;" instead of "Café" and "R&D" as "R&amp;D". It started with release {version}. Customers receive these PDFs directly.',
    weight: 1,
  },
  {
    subject: 'Dashboard shows <null> instead of totals',
    description:
      'The management dashboard in {product} shows the literal text <null> in every total since {minutes} minutes. The underlying reports still have numbers.',
    weight: 1,
  },
  {
    subject: 'Slow checkout: p95 > 4 s since last deploy',
    description:
      'Since deploy {version} the p95 response time of the checkout in {product} went from 600 ms to more than 4 s. Conversion dropped by {percent}% this morning.',
    weight: 1,
  },
  {
    subject: 'iDEAL payments stuck in status "pending"',
    description:
      '{count} iDEAL payments from the last {minutes} minutes are stuck in "pending" although the bank confirms them. Orders are not released to the warehouse.',
    weight: 1,
  },
  {
    subject: 'Password reset e-mails land in spam',
    description:
      'Users report that password reset e-mails from no-reply@{domain} end up in spam at Outlook and Gmail. SPF/DKIM might be broken after the DNS migration.',
    weight: 1,
  },
  {
    subject: 'CSV import rejects files with semicolon separator',
    description:
      'Uploading a CSV with ";" as separator fails with "Expected 12 columns, got 1". Our Dutch Excel exports always use semicolons. {count} files are waiting.',
    weight: 1,
  },
  {
    subject: 'SSO session expires after 5 minutes',
    description:
      'Users of {product} are sent back to the login page every 5 minutes. Session lifetime should be 8 hours. Happens on {env} only.',
    weight: 1,
  },
  {
    subject: 'Consumer lag growing on {service}',
    description:
      'Consumer lag on {service} is at {count} messages and still growing. Downstream data in {product} is {minutes} minutes behind.',
    weight: 1,
  },
  {
    subject: 'Background jobs fail with OutOfMemoryError',
    description:
      'Workers of {service} restart in a loop with "java.lang.OutOfMemoryError: Java heap space". {count} jobs failed in the last hour.',
    weight: 1,
  },
  {
    subject: 'Customer portal unreachable from Belgian offices',
    description:
      'Colleagues in Antwerp and Gent cannot reach https://{domain} (connection reset). From the Netherlands it works. Traceroute attached in the next mail.',
    weight: 1,
  },
  {
    subject: 'Price calculation off by one cent on orders > €1,000',
    description:
      'Orders above €1,000 get a total one cent lower than the sum of the lines. Example: 3 × €333.34 shows €1,000.01 instead of €1,000.02. Rounding issue?',
    weight: 1,
  },
  {
    subject: 'Calendar sync with Outlook duplicates appointments',
    description:
      'Appointments created in {product} appear two or three times in Outlook since {minutes} minutes ago. About {count} calendars affected.',
    weight: 1,
  },
  {
    subject: 'Push notifications not delivered on iOS',
    description:
      'No push notifications reach iOS devices since this morning; Android is fine. The APNs certificate for {domain} may have expired.',
    weight: 1,
  },
  {
    subject: 'Certificate for api.{domain} expires in 3 days',
    description:
      'Our monitoring warns that the TLS certificate of api.{domain} expires in 3 days and auto-renewal failed with "ACME challenge timed out".',
    weight: 1,
  },
  {
    subject: 'Elevated 5xx rate on {service} after failover',
    description:
      'After the planned database failover, {service} answers {percent}% of requests with 500/503. Error: "could not obtain connection from pool within 5000 ms".',
    weight: 1,
  },
  {
    subject: 'Stock levels not synchronised with warehouse system',
    description:
      'Stock levels in {product} have not been updated from the warehouse system for {minutes} minutes. Items shown as available are sold out.',
    weight: 1,
  },
  {
    subject: 'Notification banner shows raw HTML',
    description:
      'The notification banner in {product} now shows the raw markup we entered: <script>alert("piket")</script> and the preview of our logo is <img src=x onerror="alert(\'xss\')">. Text with "quotes" & ampersands looks broken too. Please check the escaping on your side.',
    weight: 0.8,
  },
];

export const REQUEST_TEMPLATES: readonly TicketTemplate[] = [
  {
    subject: 'Add user accounts for {count} new colleagues',
    description:
      'Please create accounts in {product} for {count} new colleagues starting Monday. The list is attached; roles as in our previous request.',
    weight: 1,
  },
  {
    subject: 'Extend API rate limit for the spring campaign',
    description:
      'For our campaign next month we expect {percent}% more traffic on the {service}. Can you raise our rate limit from 100 to 250 requests/s for that period?',
    weight: 1,
  },
  {
    subject: 'Please allow IP range 203.0.113.0/24',
    description:
      'Our new office uses 203.0.113.0/24. Please add it to the allow list of {env} so our admins can reach the {product} back office.',
    weight: 1,
  },
  {
    subject: 'Question about data retention & GDPR export',
    description:
      'Our DPO asks how long {product} keeps audit logs and whether we can export all data of one person (GDPR art. 15). Is there a documented procedure?',
    weight: 1,
  },
  {
    subject: 'Schedule maintenance window for database upgrade',
    description:
      'We would like to plan the PostgreSQL upgrade of {env} in a maintenance window outside office hours. Which dates work for you?',
    weight: 1,
  },
  {
    subject: 'Refresh staging with anonymised production data',
    description:
      'Please refresh the staging environment of {product} with an anonymised copy of production. Our testers start a regression round on Thursday.',
    weight: 1,
  },
  {
    subject: "Translation missing for 'Terms & Conditions' page in German",
    description:
      'The German version of {product} shows the English "Terms & Conditions" page. Can you add the translation we sent in March?',
    weight: 1,
  },
  {
    subject: 'Increase storage quota for document archive',
    description:
      'The document archive of {product} is at {percent}% of its quota. Please increase it by 500 GB; the purchase order is on its way.',
    weight: 1,
  },
  {
    subject: 'Export of audit log for the annual audit',
    description:
      'Our auditors need the audit log of {product} for the last 12 months as CSV. Can you provide a download link?',
    weight: 1,
  },
  {
    subject: 'Add "Cost centre" field to invoice export',
    description:
      'Finance asks for an extra column "Cost centre" in the invoice export of {service}. Values are in the customer master data already.',
    weight: 1,
  },
  {
    subject: 'Change of contact person for {product}',
    description:
      'From next month our new functional administrator is the contact for {product}. Please update your contact list and give her access to the portal.',
    weight: 1,
  },
];

/** Placeholders as above plus {cve} and {library}. */
export const SECURITY_TEMPLATES: readonly TicketTemplate[] = [
  {
    subject: '{cve} in {library}: assess exposure of {product}',
    description:
      'A new advisory for {library} ({cve}) was published. Our CISO asks whether {product} and the {service} are affected and when a patch is planned.',
    weight: 1,
  },
  {
    subject: '{cve}: patch {library} on {service}',
    description:
      'Our vulnerability scanner flags {library} on {service} ({env}) for {cve}. Please patch within the contractual 72 hours and confirm.',
    weight: 1,
  },
  {
    subject: 'Pen test finding: stored XSS in comment field ({cve})',
    description:
      'The pen testers could store <svg onload=alert(1)> in the comment field of {product}; it executes for other users. Registered as {cve}. Please treat as urgent.',
    weight: 0.6,
  },
];

export const SECURITY_LIBRARIES: readonly string[] = [
  'OpenSSL',
  'Apache Tomcat',
  'log4j-core',
  'libxml2',
  'nginx',
  'Spring Framework',
  'jackson-databind',
  'PostgreSQL JDBC driver',
];

export const PARTNERS: readonly string[] = [
  'PostNL',
  'Exact Online',
  'Adyen',
  'Mollie',
  'Salesforce',
  'Twinfield',
];
export const ENVIRONMENTS: readonly string[] = ['production', 'production', 'production', 'acceptance'];

/** Note phrasebook, by moment in the lifecycle; the same placeholders as the tickets plus {lead}. */
export const NOTES = {
  acknowledged: [
    'Picked up, checking the {service} logs.',
    'Looking into this now.',
    'On it. First look at the dashboards for {product}.',
  ],
  firstReply: [
    'Hello, thank you for reporting this. We are investigating and will update you within {hours} hours.',
    'Hi, we have picked this up and are looking at {service} right now. Next update within {hours} hours.',
    'Thanks for the clear report. An engineer is working on it; we will keep you posted.',
  ],
  firstReplyP1: [
    'We are on it: an incident bridge is open and the lead engineer is involved. Next update in 30 minutes.',
    'Confirmed on our side. All hands on {service}; we will update you every 30 minutes.',
  ],
  escalatedP1: ['Paged {lead} (lead engineer), bridge open.', 'Escalated to {lead}; status page updated.'],
  question: [
    'Could you send us the exact time of the last failure and a request id from the error page?',
    'Can you tell us which users are affected and whether it also happens in {env}?',
    'Could you attach a HAR file of a failing request? Please remove passwords & tokens first.',
  ],
  customerReplied: [
    'Customer replied with the requested details, continuing.',
    'Customer called back: still happening for about {count} users.',
    'Logs received from the customer, request ids look like "req-7f3a…".',
  ],
  noReaction: ['We have not heard back in a week, so we are resolving this ticket. Reply to reopen it.'],
  workaround: [
    'Workaround: restart the job from Admin > Jobs > "Retry failed". We are working on a permanent fix.',
    'As a workaround we have rerouted traffic to the standby node. Root cause analysis is ongoing.',
    'Temporary fix in place: we raised the timeout on {service} to 120 s. A structural fix follows.',
  ],
  priorityRaised: [
    'Raised to P2: more users affected than reported.',
    'Upgraded to P2 after call with the customer.',
  ],
  internal: [
    'Root cause looks like connection pool exhaustion after deploy {version}.',
    'Reproduced on {env}; a config change from last week is the likely cause.',
    'Checked with {lead}, fix goes into the next hotfix release.',
  ],
  resolved: [
    'The fix is live since this morning. Please let us know if you still see issues.',
    'Resolved: release {version} is deployed and the backlog has been processed.',
    'All done on our side; we will close this ticket in a few days if we do not hear from you.',
  ],
  requestDone: [
    'Done, the change is in place on {env}.',
    'This has been arranged; details are in the attachment.',
    'Completed. Please check and let us know if anything is missing.',
  ],
  reopened: [
    'Customer reports the problem is back; reopening.',
    'Reopened: the issue came back after the weekend.',
  ],
  securityPlan: [
    'Plan of approach: {product} uses {library}; we assessed the exposure as {severity} and will patch all environments within 72 hours.',
    'Assessment done: {service} is affected by {cve}. Patch is being prepared and tested on acceptance first.',
  ],
  securityMitigation: [
    'Mitigation in place: a WAF rule blocks the known exploit path while we patch.',
    'Mitigation: the vulnerable endpoint is disabled until the patch is deployed.',
  ],
  securityPatched: [
    'Patched: {library} is updated on all environments of {product}. Scan report attached.',
    'The patch for {cve} is deployed to production and verified by a rescan.',
  ],
} as const satisfies Record<string, readonly string[]>;
