// The reflective log's data shaped as the core sends it, for component tests.
import type { Reflection, ReflectionInsights, ReflectionOptions, ReflectionSummary } from '$lib/api';

export const notice =
  'Keep patients and colleagues unidentifiable: no names, dates of birth, hospital numbers or details that could ' +
  'identify someone. Write about your own learning. Reflective notes are not legally privileged: a court or ' +
  'regulator can require them to be disclosed.';

const DIMENSIONS = [
  'Inspiring shared purpose',
  'Leading with care',
  'Evaluating information',
  'Connecting our service',
  'Sharing the vision',
  'Engaging the team',
  'Holding to account',
  'Developing capability',
  'Influencing for results',
];

export const reflectionOptions: ReflectionOptions = {
  templates: [
    {
      code: 'gibbs',
      label: "Gibbs' reflective cycle",
      sections: [
        { key: 'description', label: 'Description', prompt: 'What happened?' },
        { key: 'feelings', label: 'Feelings', prompt: 'What were you thinking and feeling?' },
        { key: 'evaluation', label: 'Evaluation', prompt: 'What was good and bad about the experience?' },
        { key: 'analysis', label: 'Analysis', prompt: 'What sense can you make of the situation?' },
        { key: 'conclusion', label: 'Conclusion', prompt: 'What else could you have done?' },
        { key: 'action_plan', label: 'Action plan', prompt: 'If it arose again, what would you do?' },
      ],
    },
    {
      code: 'kolb',
      label: "Kolb's experiential learning cycle",
      sections: [
        { key: 'concrete_experience', label: 'Concrete experience', prompt: 'What did you do or see?' },
        { key: 'reflective_observation', label: 'Reflective observation', prompt: 'What did you notice, looking back?' },
        {
          key: 'abstract_conceptualisation',
          label: 'Abstract conceptualisation',
          prompt: 'What does it mean? What ideas or theory explain it?',
        },
        { key: 'active_experimentation', label: 'Active experimentation', prompt: 'What will you try next?' },
      ],
    },
    {
      code: 'what_so_what',
      label: 'What? So what? Now what?',
      sections: [
        { key: 'what', label: 'What?', prompt: 'Describe the experience or event.' },
        { key: 'so_what', label: 'So what?', prompt: 'Why does it matter? What did you learn?' },
        { key: 'now_what', label: 'Now what?', prompt: 'What will you do differently as a result?' },
      ],
    },
    { code: 'free', label: 'Free text', sections: [{ key: 'text', label: 'Reflection', prompt: 'Write freely.' }] },
  ],
  dimensions: DIMENSIONS.map((name, i) => ({ id: i + 1, position: i + 1, name, description: `What ${name.toLowerCase()} looks like.` })),
  share_candidates: [
    { user_id: 1, name: 'Ada Lovelace', role: 'faculty' },
    { user_id: 4, name: 'Mo Mentor', role: 'mentor' },
  ],
  challenges: [{ id: 11, title: 'Reduce delayed discharges on the frailty ward' }],
  notice,
};

/** A finished entry, as its author sees it: shared with the mentor. */
export const reflection: Reflection = {
  id: 21,
  fellow_name: 'Sam Fellow',
  template: 'what_so_what',
  title: 'Board round with a new registrar',
  happened_on: '2026-11-03',
  challenge_id: 11,
  is_draft: false,
  sections: [
    { key: 'what', body: 'The board round overran.\nThe registrar was new.' },
    { key: 'so_what', body: 'I took over instead of coaching.' },
  ],
  dimension_ids: [2, 6],
  shares: [{ user_id: 4, name: 'Mo Mentor', role: 'mentor', shared_at: '2026-11-05T10:00:00Z' }],
  is_author: true,
  updated_at: '2026-11-05T09:00:00Z',
};

/** The same entry as the person it is shared with sees it. */
export const readerReflection: Reflection = { ...reflection, shares: [], is_author: false };

/** A draft with no title or date yet, written with Gibbs' cycle. */
export const draftReflection: Reflection = {
  id: 22,
  fellow_name: 'Sam Fellow',
  template: 'gibbs',
  title: '',
  happened_on: null,
  challenge_id: null,
  is_draft: true,
  sections: [{ key: 'description', body: 'A difficult handover.' }],
  dimension_ids: [],
  shares: [],
  is_author: true,
  updated_at: '2026-11-20T16:00:00Z',
};

export const summaries: ReflectionSummary[] = [
  {
    id: 22,
    fellow_name: 'Sam Fellow',
    template: 'gibbs',
    title: '',
    happened_on: null,
    is_draft: true,
    updated_at: '2026-11-20T16:00:00Z',
    snippet: null,
    shared_with: 0,
  },
  {
    id: 21,
    fellow_name: 'Sam Fellow',
    template: 'what_so_what',
    title: 'Board round with a new registrar',
    happened_on: '2026-11-03',
    is_draft: false,
    updated_at: '2026-11-05T09:00:00Z',
    snippet: null,
    shared_with: 1,
  },
];

export const searchResults: ReflectionSummary[] = [{ ...summaries[1], snippet: 'The board round overran ... registrar was new' }];

export const insights: ReflectionInsights = {
  finished: 3,
  drafts: 1,
  by_month: [
    { month: '2026-10', count: 1 },
    { month: '2026-11', count: 2 },
  ],
  by_dimension: DIMENSIONS.map((name, i) => ({ dimension_id: i + 1, name, count: i === 1 ? 2 : i === 5 ? 1 : 0 })),
};

/** What a member of faculty has been shared. */
export const sharedWithMe: ReflectionSummary[] = [{ ...summaries[1], shared_with: 1 }];
