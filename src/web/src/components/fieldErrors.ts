// The per-field error of a coded API error, for every form of the app (the Front's, the finance
// screens'): the catalogue's messages name the payload's field ("Thiếu trường bắt buộc date."),
// which is a code, not a word an officer reads; under the field that name becomes the field's
// label, and ISO dates read dd/mm/yyyy.
import { isApiError } from '../api/client';
import { useErrorText } from './ErrorPanel';

/**
 * The message of a failed save under the field it names (`field`, or any `field[i]…` below it),
 * and whether it belongs to no field of the form (then the form shows it in an alert). `labels`
 * maps each payload key the form sends to the label the person sees.
 */
export function useFieldErrors(error: unknown, labels: Readonly<Record<string, string>>) {
  const errorText = useErrorText();
  const named = isApiError(error) ? error.field : undefined;
  const fields = Object.keys(labels);
  const owner =
    named === undefined ? undefined : fields.find((f) => named === f || named.startsWith(`${f}[`));
  const text = () => labelled(errorText(error), named, labels[owner!]!);
  return {
    of: (f: string) => (owner !== undefined && owner === f ? text() : undefined),
    orphan: error !== null && error !== undefined && owner === undefined,
  };
}

/**
 * A message naming a payload key, with the key (as a word of its own: "name" in an English
 * "named" is not the field) replaced by the field's label, and ISO dates read dd/mm/yyyy.
 */
export function labelled(message: string, key: string | undefined, label: string): string {
  const word = key === undefined ? null : new RegExp(`(?<![\\p{L}\\d_])${escape(key)}(?![\\p{L}\\d_])`, 'gu');
  return (word ? message.replace(word, () => `“${label}”`) : message).replace(
    /\b(\d{4})-(\d{2})-(\d{2})\b/g,
    '$3/$2/$1',
  );
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
