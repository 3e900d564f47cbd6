// What a rater's choices become when sent to the core.
import type { Answer, QuestionDimension } from '$lib/api';
import { NOT_OBSERVED } from '../feedback/scale';

/**
 * The answers to send: every dimension the rater chose something for. An unanswered dimension
 * is left out, so the core names it ("Rate ..."), rather than sent as "not observed".
 */
export function toAnswers(
  dimensions: readonly QuestionDimension[],
  ratings: Readonly<Record<number, string>>,
  importance: Readonly<Record<number, string>>,
): Answer[] {
  return dimensions
    .filter((d) => ratings[d.id])
    .map((d) => ({
      dimension_id: d.id,
      rating: ratings[d.id] === NOT_OBSERVED ? null : Number(ratings[d.id]),
      importance: importance[d.id] ? Number(importance[d.id]) : null,
    }));
}
