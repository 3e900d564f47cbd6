// Email settings, the outbox and a person's email preference, shaped as the core sends them.
import type { EmailPreference, MailSettings, Outbox, OutboxMessage } from '$lib/api';
import type { Handlers } from './fakeCore';

export const securityOptions = [
  { code: 'starttls', label: 'STARTTLS (usually port 587, as NHSmail\'s relay)' },
  { code: 'tls', label: 'TLS from the start (usually port 465)' },
  { code: 'none', label: 'None (only for a relay on this computer or network)' },
];

/** Email set up and on, with a password kept that this computer can read. */
export const mailSettings: MailSettings = {
  enabled: true,
  host: 'send.nhs.net',
  port: 587,
  security: 'starttls',
  username: 'fellowship@nhs.net',
  password_set: true,
  password_readable: true,
  from_address: 'fellowship@nhs.net',
  from_name: 'North West Fellows',
  app_url: 'https://fellowship.example.nhs.uk',
  reminder_days: [7, 2],
  extra_ca: '',
  security_options: securityOptions,
};

/** As a programme starts: nothing set up, email off. */
export const mailSettingsOff: MailSettings = {
  ...mailSettings,
  enabled: false,
  host: '',
  username: '',
  password_set: false,
  from_address: '',
  from_name: '',
  app_url: '',
};

const message = (over: Partial<OutboxMessage>): OutboxMessage => ({
  id: 1,
  kind: 'rater_invitation',
  kind_label: 'Invitation to give 360° feedback',
  to: 'pip@nhs.net',
  subject: '360° feedback for Sam Fellow',
  state: 'sent',
  attempts: 1,
  created_at: '2026-11-26T09:00:00Z',
  next_attempt_at: null,
  sent_at: '2026-11-26T09:00:05Z',
  last_error: null,
  ...over,
});

export const outboxMessages: OutboxMessage[] = [
  message({
    id: 4,
    kind: 'password_reset',
    kind_label: 'Password reset link',
    to: 'lee@nhs.net',
    subject: 'Choose a new password',
    state: 'failed',
    attempts: 8,
    sent_at: null,
    created_at: '2026-11-27T10:00:00Z',
    last_error: '550 5.1.1 Mailbox unavailable',
  }),
  message({
    id: 3,
    kind: 'rater_reminder',
    kind_label: 'Reminder to give 360° feedback',
    to: 'lee.manager@nhs.net',
    subject: 'Reminder: 360° feedback for Sam Fellow',
    state: 'queued',
    attempts: 2,
    sent_at: null,
    next_attempt_at: '2026-11-27T10:30:00Z',
    last_error: '421 Service not available, try again later',
  }),
  message({
    id: 2,
    kind: 'reflection_shared',
    kind_label: 'Reflection shared with you',
    to: 'mo@nhs.net',
    subject: 'Sam Fellow shared a reflection with you',
    state: 'held',
    attempts: 0,
    sent_at: null,
  }),
  message({ id: 1 }),
];

export const outbox: Outbox = { messages: outboxMessages, queued: 1, sent: 1, failed: 1, held: 1, email_on: true };

export const emailPreference: EmailPreference = {
  frequency: 'now',
  options: [
    { code: 'now', label: 'Each message as it happens' },
    { code: 'weekly', label: 'One digest a week, on Monday' },
    { code: 'none', label: 'None (you still get sign-up and password links)' },
  ],
  email_on: true,
};

/** The mail commands answered from the fixtures above, for page-level tests. */
export const mailHandlers: Handlers = {
  get_mail_settings: () => mailSettings,
  list_outbox: ({ state }) => ({ ...outbox, messages: outboxMessages.filter((m) => !state || m.state === state) }),
  my_email_preference: () => emailPreference,
};
