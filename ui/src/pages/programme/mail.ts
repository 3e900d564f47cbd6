// The email settings as the form holds them: the core sends numbers and lists, and takes back
// what was typed, so that it can say what is wrong with it.
import type { MailSettings, MailSettingsInput } from '$lib/api';

/** The form's starting values: the saved settings, no password typed. */
export function mailForm(settings: MailSettings): MailSettingsInput {
  return {
    enabled: settings.enabled,
    host: settings.host,
    port: String(settings.port),
    security: settings.security,
    username: settings.username,
    password: '',
    forget_password: false,
    from_address: settings.from_address,
    from_name: settings.from_name,
    app_url: settings.app_url,
    reminder_days: settings.reminder_days.join(', '),
    extra_ca: settings.extra_ca,
  };
}

/** The password's hint: whether one is kept, and whether this computer can use it. */
export function passwordHint(settings: MailSettings): string {
  if (!settings.password_set) return 'No password is saved. Enter one if the server asks for a username.';
  if (!settings.password_readable) {
    return 'The password was saved on another computer and cannot be read here: enter it again.';
  }
  return 'A password is saved. Leave this blank to keep it.';
}

/** Each of the core's field names, as this form's control ids (the programme form has a "name"). */
export const MAIL_FIELDS: Readonly<Record<keyof MailSettingsInput, string>> = {
  enabled: 'mail_enabled',
  host: 'mail_host',
  port: 'mail_port',
  security: 'mail_security',
  username: 'mail_username',
  password: 'mail_password',
  forget_password: 'mail_forget_password',
  from_address: 'mail_from_address',
  from_name: 'mail_from_name',
  app_url: 'mail_app_url',
  reminder_days: 'mail_reminder_days',
  extra_ca: 'mail_extra_ca',
};

/** One line of the settings' summary, e.g. "SMTP server: send.nhs.net, port 587". */
export type SummaryRow = { key: string; value: string };

/** "7 and 2 days before a round closes"; "None" when no reminders are sent. */
function reminderText(days: readonly number[]): string {
  if (days.length === 0) return 'None';
  const list = days.length === 1 ? String(days[0]) : `${days.slice(0, -1).join(', ')} and ${days.at(-1)}`;
  return `${list} ${days.length === 1 && days[0] === 1 ? 'day' : 'days'} before a round closes`;
}

/** Whether a password is kept, and whether this computer can use it. */
function passwordText(settings: MailSettings): string {
  if (!settings.password_set) return 'None saved';
  return settings.password_readable ? 'Saved' : 'Saved on another computer: enter it again here';
}

/**
 * The saved settings in a few lines, shown in place of the long form: whether email is on and,
 * if it is, where it goes from and what it says. The security choice loses its explanation in
 * brackets, which the form gives.
 */
export function mailSummary(settings: MailSettings): SummaryRow[] {
  if (!settings.enabled) {
    return [{ key: 'Email', value: 'Off. Nothing is sent: you copy sign-up links and codes from the app yourself.' }];
  }
  const security = settings.security_options.find((o) => o.code === settings.security)?.label ?? settings.security;
  const sender = settings.from_name ? `${settings.from_name}, ${settings.from_address}` : settings.from_address;
  return [
    { key: 'Email', value: 'On' },
    { key: 'SMTP server', value: `${settings.host}, port ${settings.port}` },
    { key: 'Security', value: security.replace(/\s*\(.*\)$/, '') },
    { key: 'Sender', value: sender || 'Not set' },
    { key: 'Address of the app', value: settings.app_url || 'Not set' },
    { key: 'Reminders to raters', value: reminderText(settings.reminder_days) },
    { key: 'Password', value: passwordText(settings) },
  ];
}
