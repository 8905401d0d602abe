/** Staff navigation entry for the agenda (staff screens otherwise use Spanish literals). */
export const es = {
  'app.agenda': 'Agenda',
} as const;

export const en: Record<keyof typeof es, string> = {
  'app.agenda': 'Calendar',
};
