import { toApiError } from '$lib/api';
import type { ApiError } from '$lib/api';

export type SummaryItem = { field: string | null; message: string };

/** The message to show beside each field at fault (the first, if the core sent several). */
export function fieldMessages(error: ApiError | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (!error) return out;
  for (const { field, message } of error.fields) {
    if (!(field in out)) out[field] = message;
  }
  if (error.field && !(error.field in out)) out[error.field] = error.message;
  return out;
}

/** The lines of the error summary: one per field at fault, or the error's own message. */
export function summaryItems(error: ApiError | null): SummaryItem[] {
  if (!error) return [];
  const messages = fieldMessages(error);
  const fields = Object.keys(messages);
  if (fields.length === 0) return [{ field: null, message: error.message }];
  return fields.map((field) => ({ field, message: messages[field] }));
}

/**
 * The error with its fields renamed, for a form whose control ids differ from the core's field
 * names (e.g. two forms on one page that both have a "status"), so messages and summary links
 * still find their control.
 */
export function renameFields(error: ApiError, names: Readonly<Record<string, string>>): ApiError {
  const rename = (field: string) => names[field] ?? field;
  return {
    ...error,
    field: error.field === null ? null : rename(error.field),
    fields: error.fields.map((f) => ({ ...f, field: rename(f.field) })),
  };
}

/** Every message for one field, in the order the core sent them (e.g. one per bad pasted line). */
export function messagesFor(error: ApiError | null, field: string): string[] {
  if (!error) return [];
  const messages = error.fields.filter((f) => f.field === field).map((f) => f.message);
  if (messages.length === 0 && error.field === field) messages.push(error.message);
  return messages;
}

/** A form's errors from its last save: the whole error for the summary, and per-field messages. */
export class FormErrors {
  error = $state<ApiError | null>(null);
  fields = $derived(fieldMessages(this.error));

  /** `names` maps the core's field names to this form's control ids, where they differ. */
  constructor(private readonly names: Readonly<Record<string, string>> = {}) {}

  set(e: unknown): void {
    this.error = renameFields(toApiError(e), this.names);
  }

  clear(): void {
    this.error = null;
  }
}

/**
 * Runs a save: clears the old errors, and on failure keeps the new ones (the form's values are
 * untouched, so nothing typed is lost). Returns the result, or undefined if it failed.
 */
export async function attempt<T>(errors: FormErrors, save: () => Promise<T>): Promise<T | undefined> {
  errors.clear();
  try {
    return await save();
  } catch (e) {
    errors.set(e);
    return undefined;
  }
}
