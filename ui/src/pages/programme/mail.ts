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
