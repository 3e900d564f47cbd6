// The reflective templates: their labels and sections, and which sections' text an entry sends.
import type { SectionText, Template, TemplateInfo, TemplateSection } from '$lib/api';

/** The template a new entry starts with. */
export const DEFAULT_TEMPLATE: Template = 'what_so_what';

/**
 * The core's template and section labels, for someone reading an entry shared with them: only
 * fellows may ask the core for the templates (reflection_options), and a reader needs the
 * headings too. Labels only; a fellow always gets them from the core.
 */
const READER_LABELS: Record<Template, { label: string; sections: Record<string, string> }> = {
  gibbs: {
    label: "Gibbs' reflective cycle",
    sections: {
      description: 'Description',
      feelings: 'Feelings',
      evaluation: 'Evaluation',
      analysis: 'Analysis',
      conclusion: 'Conclusion',
      action_plan: 'Action plan',
    },
  },
  kolb: {
    label: "Kolb's experiential learning cycle",
    sections: {
      concrete_experience: 'Concrete experience',
      reflective_observation: 'Reflective observation',
      abstract_conceptualisation: 'Abstract conceptualisation',
      active_experimentation: 'Active experimentation',
    },
  },
  what_so_what: { label: 'What? So what? Now what?', sections: { what: 'What?', so_what: 'So what?', now_what: 'Now what?' } },
  free: { label: 'Free text', sections: { text: 'Reflection' } },
};

/** The sections of a template, in order; none for a code the list does not have. */
export function sectionsOf(templates: readonly TemplateInfo[], code: string): TemplateSection[] {
  return templates.find((t) => t.code === code)?.sections ?? [];
}

/** A template's label, from the core's list when there is one. */
export function templateLabel(templates: readonly TemplateInfo[] | null | undefined, code: Template): string {
  return templates?.find((t) => t.code === code)?.label ?? READER_LABELS[code]?.label ?? code;
}

/**
 * A section's heading: from the core's list when there is one, else any template's label for
 * that key (text kept from an earlier template), else the key itself.
 */
export function sectionLabel(templates: readonly TemplateInfo[] | null | undefined, key: string): string {
  for (const t of templates ?? []) {
    const section = t.sections.find((s) => s.key === key);
    if (section) return section.label;
  }
  for (const t of Object.values(READER_LABELS)) {
    if (key in t.sections) return t.sections[key];
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
