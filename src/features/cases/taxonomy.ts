/** Pure helpers for the two-level taxonomy, shared by the entry island and the pages. */
export interface Category {
  id: number;
  parentId: number | null;
  name: string;
}

/** Lower-case without accents, so "violacion" finds "Violación". */
export const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/** "Robo › Robo de vehículo automotor" for a subtype, the name alone for a top-level entry. */
export function categoryLabel(c: Category, all: readonly Category[]): string {
  if (c.parentId === null) return c.name;
  const parent = all.find((p) => p.id === c.parentId);
  return parent ? `${parent.name} › ${c.name}` : c.name;
}

/** Whether every word typed appears in the entry's label (its parent's name counts too). */
export function matches(c: Category, all: readonly Category[], query: string): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const label = fold(categoryLabel(c, all));
  return words.every((w) => label.includes(w));
}
