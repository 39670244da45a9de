// Accent-insensitive search keys: "Nguyễn Văn Hùng" and "nguyen van hung" fold to the same text.
// The folded key is stored beside the name, so the database compares plain ASCII with an index.

/** Lower-case, accent-free, single-spaced text (đ → d). */
export function foldText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The search tokens of a query, folded; empty tokens dropped. */
export function searchTokens(query: string): string[] {
  return foldText(query).split(' ').filter(Boolean);
}
