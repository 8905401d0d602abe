/** Staff navigation labels for the case area (the screens themselves are Spanish-only staff UI). */
export const es = {
  'app.cases': 'Casos',
  'app.followups': 'Seguimientos',
  'app.categories': 'Categorías',
  'app.directory': 'Directorio',
  'app.dailyLog': 'Bitácora',
  'app.retention': 'Conservación',
};

export const en: Record<keyof typeof es, string> = {
  'app.cases': 'Cases',
  'app.followups': 'Follow-ups',
  'app.categories': 'Categories',
  'app.directory': 'Referral directory',
  'app.dailyLog': 'Daily log',
  'app.retention': 'Data retention',
};
