// Which sections of the challenge page are open. The page starts with each folded to its
// heading and a one-line summary, so it reads as an overview and stays a few screens long;
// the open ones are kept in the address, so coming back (from a measure's page) finds them
// as they were.
import { SECTIONS, type SectionId } from './sections';

export const FOLDS = Symbol('challenge sections');

export class SectionFolds {
  open = $state<SectionId[]>([]);

  constructor(
    initial: readonly string[],
    private readonly onChange: (open: readonly SectionId[]) => void = () => {},
  ) {
    this.open = SECTIONS.map((s) => s.id).filter((id) => initial.includes(id));
  }

  isOpen(id: SectionId): boolean {
    return this.open.includes(id);
  }

  /** Every foldable section is open. */
  get allOpen(): boolean {
    return FOLDABLE.every((id) => this.open.includes(id));
  }

  toggle(id: SectionId): void {
    this.set(this.isOpen(id) ? this.open.filter((o) => o !== id) : [...this.open, id]);
  }

  /** Opens one section (e.g. to take the user to it); a no-op if it is open already. */
  show(id: SectionId): void {
    if (!this.isOpen(id)) this.set([...this.open, id]);
  }

  setAll(open: boolean): void {
    this.set(open ? [...FOLDABLE] : []);
  }

  private set(next: SectionId[]): void {
    this.open = SECTIONS.map((s) => s.id).filter((id) => next.includes(id));
    this.onChange(this.open);
  }
}

/** The summary is always open: it is the challenge itself. */
export const FOLDABLE: readonly SectionId[] = SECTIONS.map((s) => s.id).filter((id) => id !== 'challenge-summary');
