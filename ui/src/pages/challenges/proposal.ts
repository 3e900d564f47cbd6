import type { Proposal } from '$lib/api';

/** The proposal's sections, in the order of the two-sides-of-A4 template, with their labels. */
export const PROPOSAL_SECTIONS: readonly { key: keyof Proposal; label: string }[] = [
  { key: 'service_strategy', label: 'Service strategy it serves' },
  { key: 'evidence_base', label: 'Evidence base, national and international' },
  { key: 'current_service', label: 'Strengths and weaknesses of the current service' },
  { key: 'patient_pathway', label: 'The patient pathway and how it will improve' },
  { key: 'patient_involvement', label: 'Evidence of patient involvement' },
  { key: 'support_of_others', label: 'Support of other services and professionals' },
  { key: 'outcomes_targets', label: 'Outcomes against national and local targets' },
  { key: 'financial_implications', label: 'Financial implications, including staffing' },
  { key: 'efficiencies', label: 'Efficiencies expected' },
];

export function emptyProposal(): Proposal {
  return {
    service_strategy: '',
    evidence_base: '',
    current_service: '',
    patient_pathway: '',
    patient_involvement: '',
    support_of_others: '',
    outcomes_targets: '',
    financial_implications: '',
    efficiencies: '',
  };
}

/** The core's "proposal.evidence_base" is the form's "proposal-evidence_base" (a dot would break CSS ids). */
export const PROPOSAL_FIELD_IDS: Readonly<Record<string, string>> = Object.fromEntries(
  PROPOSAL_SECTIONS.map(({ key }) => [`proposal.${key}`, `proposal-${key}`]),
);
