import type { CodeOption } from '$lib/api';
import type { SelectOption } from '$lib/components/SelectField.svelte';

/** Reference-data codes as select options. */
export function codeOptions(list: readonly CodeOption[] | undefined): SelectOption[] {
  return (list ?? []).map(({ code, label }) => ({ value: code, label }));
}

/** Records with ids as select options; select values are strings, so ids are too. */
export function recordOptions(list: readonly { id: number; name: string }[] | null | undefined): SelectOption[] {
  return (list ?? []).map(({ id, name }) => ({ value: String(id), label: name }));
}

/** A select's value back as an id, or null for the empty option. */
export function idOrNull(value: string): number | null {
  return value === '' ? null : Number(value);
}
