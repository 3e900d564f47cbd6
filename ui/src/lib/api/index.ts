import { call as send } from './transport';
import { toApiError } from './errors';
import type { ApiError, Commands } from './generated';

export type * from './generated';
export { isApiError, toApiError } from './errors';

let unauthenticated: ((error: ApiError) => void) | null = null;

/** Registers what to do when the core says the session has ended (the app shell re-checks status). */
export function onUnauthenticated(handler: ((error: ApiError) => void) | null): void {
  unauthenticated = handler;
}

/** `transport.call`, plus sending the user back to sign in whenever the session has gone. */
export async function call<K extends keyof Commands>(command: K, args: Commands[K]['req']): Promise<Commands[K]['res']> {
  try {
    return await send(command, args);
  } catch (e) {
    const error = toApiError(e);
    if (error.kind === 'unauthenticated') unauthenticated?.(error);
    throw error;
  }
}
export { inDesktopApp, saveDocument } from './transport';
