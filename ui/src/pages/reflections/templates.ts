// The reflective templates: their labels and sections, and which sections' text an entry sends.
import type { SectionText, Template, TemplateInfo, TemplateSection } from '$lib/api';

/** The template a new entry starts with. */
export const DEFAULT_TEMPLATE: Template = 'what_so_what';

/** The sections of a template, in order; none for a code the list does not have. */
export function sectionsOf(templates: readonly TemplateInfo[], code: string): TemplateSection[] {
  return templates.find((t) => t.code === code)?.sections ?? [];
}

/** A template's label, from the core's list. */
export function templateLabel(templates: readonly TemplateInfo[] | null | undefined, code: Template): string {
  return templates?.find((t) => t.code === code)?.label ?? code;
}

/**
 * A section's heading from the core's list: any template's label for that key (text may be kept
 * from an earlier template), else the key itself.
 */
export function sectionLabel(templates: readonly TemplateInfo[] | null | undefined, key: string): string {
  for (const t of templates ?? []) {
    const section = t.sections.find((s) => s.key === key);
    if (section) return section.label;
  }
  return key;
}

/**
 * The sections to save: every section of the chosen template (empty or not), then any text
 * kept from another template, so switching template never loses what was written.
 */
export function sectionsToSend(shown: readonly TemplateSection[], texts: Readonly<Record<string, string>>): SectionText[] {
  const keys = shown.map((s) => s.key);
  const kept = Object.keys(texts).filter((key) => !keys.includes(key) && texts[key] !== '');
  return [...keys, ...kept].map((key) => ({ key, body: texts[key] ?? '' }));
}
