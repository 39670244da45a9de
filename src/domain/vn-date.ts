// Vietnam's civil date at an instant (GMT+7, no daylight saving), apart from the rest of dates.ts
// so that the web app's start can know today's date without the date parsers and their error
// catalogue.

export const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The civil date in Vietnam at an instant. */
export function vnDateOf(instant: Date): string {
  return new Date(instant.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}
