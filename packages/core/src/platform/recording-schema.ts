import * as v from 'valibot';

/**
 * The answer of `POST /interactions/{id}/recording` (201): the stored
 * recording's id and where the platform keeps it.
 */
export const RecordingAnswerSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  url: v.pipe(v.string(), v.minLength(1), v.maxLength(2000)),
});

/** A stored recording: `{ id, url }`. */
export type RecordingAnswer = v.InferOutput<typeof RecordingAnswerSchema>;
