// A rater's answers so far, kept in this browser (never sent) until they submit, so a closed tab
// loses nothing. The entry's name is a hash of the code and its contents are encrypted with a key
// made from the code: on a shared computer, no one without the same code can find or read it.
import type { Questions } from '$lib/api';
import { today } from '$lib/format';
import { NOT_OBSERVED } from '../feedback/scale';

export type Draft = {
  ratings: Record<number, string>;
  importance: Record<number, string>;
  comment: string;
};

/** What is written to localStorage: the round's closing date in clear, so stale entries can go. */
type Stored = { expires: string; iv: string; data: string };

const PREFIX = 'fellowship.rater-draft.';

/** The code as the core reads it: spaces, dashes and case are forgiven, O, I and L are digits. */
export function canonicalCode(code: string): string {
  return code
    .replace(/[\s-]/g, '')
    .toUpperCase()
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

async function sha256(text: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
}

const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
const toBase64 = (bytes: ArrayBuffer | Uint8Array) => btoa(String.fromCharCode(...new Uint8Array(bytes)));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));


/** Removes every kept draft whose round has closed: its code can no longer be used. */
export function forgetExpired(now = today()): void {
  for (let i = localStorage.length - 1; i >= 0; i--) {
    const name = localStorage.key(i);
    if (!name?.startsWith(PREFIX)) continue;
    let expires = '';
    try {
      expires = (JSON.parse(localStorage.getItem(name) ?? '') as Stored).expires;
    } catch {
      // Unreadable: nothing can come of it.
    }
    if (!expires || expires < now) localStorage.removeItem(name);
  }
}

/** Only what still fits the questionnaire: a framework may have changed since the draft was kept. */
export function fitDraft(draft: Partial<Draft> | null, questions: Questions): Draft | null {
  if (!draft || typeof draft !== 'object') return null;
  const values = new Set(questions.scale.map((p) => String(p.value)));
  const ratingValues = new Set([...values, ...(questions.allows_not_observed ? [NOT_OBSERVED] : [])]);
  const out: Draft = { ratings: {}, importance: {}, comment: typeof draft.comment === 'string' ? draft.comment : '' };
  for (const d of questions.dimensions) {
    const rating = draft.ratings?.[d.id];
    const importance = draft.importance?.[d.id];
    if (typeof rating === 'string' && ratingValues.has(rating)) out.ratings[d.id] = rating;
    if (typeof importance === 'string' && values.has(importance)) out.importance[d.id] = importance;
  }
  return out;
}

function isEmpty(draft: Draft): boolean {
  return !Object.values(draft.ratings).some(Boolean) && !Object.values(draft.importance).some(Boolean) && draft.comment.trim() === '';
}

/** One code's kept answers. Writes go one after another, so the last change is the one kept. */
export class DraftStore {
  #queue: Promise<void> = Promise.resolve();
  #closed = false;

  private constructor(
    private readonly name: string,
    private readonly key: CryptoKey,
    private readonly expires: string,
  ) {}

  /** Whether answers can be kept: Web Crypto exists only in secure contexts (https, localhost, the app). */
  static available(): boolean {
    return typeof crypto !== 'undefined' && crypto.subtle !== undefined && typeof localStorage !== 'undefined';
  }

  /** The store for this code, or null where the browser cannot keep answers safely. */
  static async open(code: string, expires: string): Promise<DraftStore | null> {
    if (!DraftStore.available()) return null;
    try {
      const clean = canonicalCode(code);
      const name = PREFIX + hex(await sha256(`name:${clean}`));
      const raw = await sha256(`key:${clean}`);
      const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
      return new DraftStore(name, key, expires);
    } catch {
      return null;
    }
  }

  /** The kept answers, or null when there are none (or they cannot be read). */
  async load(): Promise<Partial<Draft> | null> {
    const text = localStorage.getItem(this.name);
    if (!text) return null;
    try {
      const stored = JSON.parse(text) as Stored;
      const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(stored.iv) }, this.key, fromBase64(stored.data));
      return JSON.parse(new TextDecoder().decode(plain)) as Partial<Draft>;
    } catch {
      return null;
    }
  }

  /** Keeps these answers, replacing what was kept; nothing chosen removes the entry. */
  save(draft: Draft): Promise<void> {
    const copy: Draft = JSON.parse(JSON.stringify(draft));
    return this.#then(async () => {
      if (this.#closed) return;
      if (isEmpty(copy)) {
        localStorage.removeItem(this.name);
        return;
      }
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, this.key, new TextEncoder().encode(JSON.stringify(copy)));
      if (this.#closed) return;
      const stored: Stored = { expires: this.expires, iv: toBase64(iv), data: toBase64(data) };
      localStorage.setItem(this.name, JSON.stringify(stored));
    });
  }

  /** Forgets the answers for good, once they are sent; later saves are ignored. */
  clear(): Promise<void> {
    this.#closed = true;
    localStorage.removeItem(this.name);
    return this.#then(async () => localStorage.removeItem(this.name));
  }

  #then(step: () => Promise<void>): Promise<void> {
    // A failed write (storage full, say) must not stop the ones after it.
    this.#queue = this.#queue.then(step).catch(() => undefined);
    return this.#queue;
  }
}
