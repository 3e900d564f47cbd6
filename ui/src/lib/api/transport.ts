// The only module that talks to the app shell: Tauri IPC in the desktop app, HTTP when the same UI
// is served by the programme server to a browser. Everything else goes through `call`.
import { invoke } from '@tauri-apps/api/core';
import type { Commands, Document } from './generated';
import { toApiError } from './errors';

/** True inside the desktop app (Tauri puts its internals on the window). */
export function inDesktopApp(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

/**
 * The programme server's CSRF token, from the cookie only pages of its own origin can read. Over
 * HTTPS its name carries the `__Host-` prefix; that one wins over any unprefixed one left behind.
 */
function csrfToken(): string {
  for (const name of ['__Host-fellowship_csrf', 'fellowship_csrf']) {
    const match = new RegExp(`(?:^|;\\s*)${name}=([^;]+)`).exec(document.cookie);
    if (match) return match[1];
  }
  return '';
}

async function overHttp<T>(command: string, args: unknown): Promise<T> {
  const response = await fetch(`/api/${command}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'x-fellowship-csrf': csrfToken() },
    body: JSON.stringify(args ?? null),
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    throw body ?? `The programme server answered ${response.status} ${response.statusText}.`;
  }
  return body as T;
}

/** Runs one core command. Rejects with an ApiError, whatever went wrong. */
export async function call<K extends keyof Commands>(command: K, args: Commands[K]['req']): Promise<Commands[K]['res']> {
  try {
    if (!inDesktopApp()) return await overHttp<Commands[K]['res']>(command, args);
    return await invoke<Commands[K]['res']>('call', { command, args });
  } catch (e) {
    throw toApiError(e);
  }
}

/** Hands the browser a document the core made, as a download; returns what to tell the user. */
function download(document_: Document): string {
  const bytes = Uint8Array.from(atob(document_.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: document_.mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = document_.file_name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return `${document_.file_name} (your browser's downloads)`;
}

/** Hands a document the core made (e.g. a PDF) to the shell, which saves it; returns where. */
export async function saveDocument(document_: Document): Promise<string> {
  try {
    if (!inDesktopApp()) return download(document_);
    return await invoke<string>('save_document', { document: document_ });
  } catch (e) {
    throw toApiError(e);
  }
}
