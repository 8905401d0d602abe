/** Staff navigation text for the reports area (the report screens themselves are staff-only Spanish). */
export const es = {
  'app.reports': 'Reportes',
} as const;

export const en: Record<keyof typeof es, string> = {
  'app.reports': 'Reports',
};
