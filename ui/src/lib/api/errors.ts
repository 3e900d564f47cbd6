import type { ApiError, ErrorKind } from './generated';

const KINDS: readonly ErrorKind[] = ['validation', 'not_found', 'forbidden', 'unauthenticated', 'conflict', 'bad_request', 'internal'];

/** True for a well-formed error object as the core sends it. */
export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.kind === 'string' &&
    (KINDS as readonly string[]).includes(v.kind) &&
    typeof v.message === 'string' &&
    Array.isArray(v.fields)
  );
}

/**
 * Anything a call can reject with, as an ApiError. Tauri itself rejects with plain strings
 * (e.g. when the command is missing), and code can throw Errors; the UI only handles one shape.
 */
export function toApiError(value: unknown): ApiError {
  if (isApiError(value)) {
    return { ...value, field: value.field ?? value.fields[0]?.field ?? null };
  }
  const message =
    typeof value === 'string' && value.trim() !== ''
      ? value
      : value instanceof Error && value.message
        ? value.message
        : 'Something went wrong talking to the app. Please try again.';
  return { kind: 'internal', message, field: null, fields: [] };
}
