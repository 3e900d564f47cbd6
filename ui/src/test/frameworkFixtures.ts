// 360° frameworks as the core sends them, for component tests: the Healthcare Leadership
// Model in use (1), a current "Our values" (2) and the version it replaced (3).
import type { FrameworkDetail, FrameworkSummary } from '$lib/api';
import { apiError } from './fakeCore';
import { scale as hlmScale } from './feedbackReportFixtures';

export const frameworks: FrameworkSummary[] = [
  { id: 1, name: 'Healthcare Leadership Model', version: 1, is_default: true, in_use: true, dimensions: 9, replaced_by: null },
  { id: 2, name: 'Our values', version: 2, is_default: false, in_use: false, dimensions: 2, replaced_by: null },
  { id: 3, name: 'Our values', version: 1, is_default: false, in_use: true, dimensions: 2, replaced_by: 2 },
];

// The model's scale says what each level means; "Our values" has labels only.
const scale = hlmScale;
const bareScale = hlmScale.slice(0, 3).map((p) => ({ ...p, description: '' }));

export const hlmDetail: FrameworkDetail = {
  summary: frameworks[0],
  description: 'The NHS Leadership Academy model.',
  allows_not_observed: true,
  scale,
  dimensions: [
    {
      name: 'Inspiring shared purpose',
      description: 'Valuing a service ethos.',
      statements: ['Acts on the values of the NHS.', 'Takes a stand for patients.'],
    },
    { name: 'Leading with care', description: 'Having the essential personal qualities.', statements: [] },
  ],
};

export const valuesDetail: FrameworkDetail = {
  summary: frameworks[1],
  description: 'Our trust values.',
  allows_not_observed: false,
  scale: bareScale,
  dimensions: [
    { name: 'Compassion', description: '', statements: ['Listens first.'] },
    { name: 'Respect', description: '', statements: [] },
  ],
};

export const replacedDetail: FrameworkDetail = { ...valuesDetail, summary: frameworks[2] };

export const frameworkDetails: Record<number, FrameworkDetail> = { 1: hlmDetail, 2: valuesDetail, 3: replacedDetail };

export const frameworkInvalid = apiError('validation', 'There are 4 problems with what you entered.', [
  { field: 'name', message: "Enter the framework's name." },
  { field: 'scale', message: 'Give the scale 2 to 10 points, each with a label.' },
  { field: 'dimensions', message: 'Add at least one dimension.' },
  { field: 'dimensions.0.name', message: "Enter the dimension's name." },
]);
