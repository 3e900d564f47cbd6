// The only module that talks to Tauri; everything else goes through `call`.
import { invoke } from '@tauri-apps/api/core';
import type { Commands } from './generated';
import { toApiError } from './errors';

/** Runs one core command. Rejects with an ApiError, whatever went wrong. */
export async function call<K extends keyof Commands>(command: K, args: Commands[K]['req']): Promise<Commands[K]['res']> {
  try {
    return await invoke<Commands[K]['res']>('call', { command, args });
  } catch (e) {
    throw toApiError(e);
  }
}
