// The measure form's values as typed, and the input the core takes. Numbers stay as typed
// strings, so a failed save keeps them for correcting.
import type { OutcomeMeasure, OutcomeMeasureInput } from '$lib/api';

export type MeasureForm = Omit<OutcomeMeasureInput, 'id'> & { id: number | null };

export function blankMeasure(): MeasureForm {
  return {
    id: null,
    code: '',
    name: '',
    category: '',
    value_type: '',
    choices: '',
    scale_points: '',
    scale_low: '',
    scale_high: '',
    kirkpatrick: '',
    retired: false,
  };
}

/** A saved measure back in the form, its choices one "code=Label" per line. */
export function measureForm(m: OutcomeMeasure): MeasureForm {
  return {
    id: m.id,
    code: m.code,
    name: m.name,
    category: m.category,
    value_type: m.value_type,
    choices: m.choices.map((c) => `${c.code}=${c.label}`).join('\n'),
    scale_points: m.scale_points === null ? '' : String(m.scale_points),
    scale_low: m.scale_low,
    scale_high: m.scale_high,
    kirkpatrick: m.kirkpatrick,
    retired: m.retired,
  };
}

/**
 * What to save. Fields hidden for the kind of answer chosen are sent empty: the core stores
 * choices and scale labels whatever the kind, and a text measure should not keep stale ones.
 */
export function measureInput(f: MeasureForm): OutcomeMeasureInput {
  const scale = f.value_type === 'scale';
  return {
    ...f,
    choices: f.value_type === 'choice' ? f.choices : '',
    scale_points: scale ? f.scale_points : '',
    scale_low: scale ? f.scale_low : '',
    scale_high: scale ? f.scale_high : '',
  };
}
