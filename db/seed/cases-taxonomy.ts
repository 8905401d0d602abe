import { isNull } from 'drizzle-orm';
import type { Executor } from '../client';
import { caseCategories } from '../schema';
import { readSeedCsv } from './csv';

/**
 * Problems a victim hotline hears that are not (or not only) crimes in the SESNSP catalogue.
 * Violencia familiar is already a SESNSP type; these complete the picture.
 */
const HOTLINE_PROBLEMS: ReadonlyArray<readonly [string, readonly string[]]> = [
  [
    'Orientación general',
    [
      'Información sobre cómo denunciar',
      'Orientación jurídica sin delito',
      'Información sobre servicios de la línea',
    ],
  ],
  ['Crisis emocional', ['Ansiedad o angustia', 'Duelo por muerte violenta', 'Ideación suicida']],
  ['Desaparición de persona', ['Persona desaparecida', 'Persona no localizada']],
  ['Violencia escolar', ['Acoso escolar', 'Ciberacoso']],
  ['Violencia en el noviazgo', []],
  ['Conflicto vecinal o comunitario', []],
  [
    'Violencia digital',
    ['Difusión de contenido íntimo sin consentimiento', 'Suplantación de identidad en redes'],
  ],
];

/**
 * Seeds the two-level taxonomy of crimes and problems: SESNSP tipo_de_delito → subtipo_de_delito
 * (a type whose only subtype has its own name gets no children) plus the hotline's own problems.
 * Idempotent through `seed_key`: entries an admin renamed or retired are left as they are.
 */
export async function seedCaseTaxonomy(db: Executor): Promise<void> {
  const rows = readSeedCsv('sesnsp-delitos.csv');
  const types = new Map<string, Set<string>>();
  for (const r of rows) {
    const type = r.tipo_de_delito!.trim();
    const subtype = r.subtipo_de_delito!.trim();
    if (!types.has(type)) types.set(type, new Set());
    if (subtype !== type) types.get(type)!.add(subtype);
  }
  const tree: { key: string; name: string; source: string; children: string[] }[] = [];
  for (const [type, subs] of types)
    tree.push({ key: `sesnsp:${type}`, name: type, source: 'sesnsp', children: [...subs] });
  for (const [name, subs] of HOTLINE_PROBLEMS)
    tree.push({ key: `linea:${name}`, name, source: 'linea', children: [...subs] });

  await db
    .insert(caseCategories)
    .values(tree.map((n, i) => ({ seedKey: n.key, name: n.name, source: n.source, sortOrder: i })))
    .onConflictDoNothing();
  const parents = await db
    .select({ id: caseCategories.id, seedKey: caseCategories.seedKey })
    .from(caseCategories)
    .where(isNull(caseCategories.parentId));
  const idByKey = new Map(parents.map((p) => [p.seedKey, p.id]));
  const children = tree.flatMap((n) =>
    n.children.map((name, i) => ({
      parentId: idByKey.get(n.key)!,
      seedKey: `${n.key}|${name}`,
      name,
      source: n.source,
      sortOrder: i,
    })),
  );
  if (children.length > 0) await db.insert(caseCategories).values(children).onConflictDoNothing();
}
