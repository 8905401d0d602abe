/** Content calendar (staff only: the screens use Spanish literals; only the nav entry is here). */
export const es = {
  'app.content': 'Contenido',
} as const;

export const en: Record<keyof typeof es, string> = {
  'app.content': 'Content',
};
