// A stand-in for the Rust core in component tests: answers commands from a table, and
// rejects anything not in it the way the core rejects an unknown command.
import type { ApiError, Commands } from '$lib/api';

export type Handlers = {
  [K in keyof Commands]?: (args: Commands[K]['req']) => Commands[K]['res'] | Promise<Commands[K]['res']>;
};

export function fakeCore(handlers: Handlers) {
  return async (command: keyof Commands, args: unknown): Promise<unknown> => {
    const handler = handlers[command] as ((a: unknown) => unknown) | undefined;
    if (!handler) {
      const error: ApiError = { kind: 'not_found', message: `Not in this test: ${command}`, field: null, fields: [] };
      throw error;
    }
    return handler(args);
  };
}

export function apiError(kind: ApiError['kind'], message: string, fields: ApiError['fields'] = []): ApiError {
  return { kind, message, field: fields[0]?.field ?? null, fields };
}
