// The only module that talks to Tauri; everything else goes through `call`.
import { invoke } from '@tauri-apps/api/core';
import type { Commands, Document } from './generated';
import { toApiError } from './errors';

/** Runs one core command. Rejects with an ApiError, whatever went wrong. */
export async function call<K extends keyof Commands>(command: K, args: Commands[K]['req']): Promise<Commands[K]['res']> {
  try {
    return await invoke<Commands[K]['res']>('call', { command, args });
  } catch (e) {
    throw toApiError(e);
  }
}

/** Hands a document the core made (e.g. a PDF) to the app shell, which saves it; returns its path. */
export async function saveDocument(document: Document): Promise<string> {
  try {
    return await invoke<string>('save_document', { document });
  } catch (e) {
    throw toApiError(e);
  }
}
