import type { Db } from '~db/client';
import { institutions, users, workshops } from '~db/schema';
import { hashPassword } from '~/lib/server/auth/password';
import { seedCasesDemo } from './cases';
import { seedContentDemo } from './content';
import { seedEventsDemo } from './events';
import { seedRequestsDemo } from './requests';
import { seedSchedulingDemo } from './scheduling';

/**
 * Demo data: believable accounts, catalogue, schools, requests, activities, events, posts and cases.
 * Loaded only by `scripts/seed.ts` (which `npm start` runs before the server) on an empty embedded
 * database or with SEED_DEMO=1. Nothing on the server's own path imports this folder.
 */

export const DEMO_PASSWORD = 'linea-ciudadana-demo';

export const DEMO_USERS = [
  { name: 'Mariana Ochoa Delgado', email: 'coordinacion@vinculo.test', role: 'admin' },
  { name: 'Jorge Armendáriz Loya', email: 'supervision@vinculo.test', role: 'supervisor' },
  { name: 'Lucía Chávez Terrazas', email: 'operadora@vinculo.test', role: 'operator' },
  { name: 'Ricardo Villalobos Prieto', email: 'operador@vinculo.test', role: 'operator' },
  { name: 'Daniela Quintana Ruiz', email: 'comunicacion@vinculo.test', role: 'comms' },
] as const;

const DEMO_WORKSHOPS = [
  {
    slug: 'prevencion-acoso-escolar',
    title: 'Prevención del acoso escolar',
    summary: 'Cómo reconocer el acoso entre pares, qué hacer cuando ocurre y a quién pedir ayuda.',
    description:
      'Trabajamos con el grupo para distinguir un conflicto de un caso de acoso, reconocer las señales en quien lo sufre y en quien lo ejerce, y ensayar formas seguras de intervenir. Al personal docente le damos una ruta de atención y los contactos de la Línea Ciudadana.',
    audience: 'Alumnado de primaria alta y secundaria; personal docente',
    titleEn: 'Preventing bullying at school',
    summaryEn:
      'How to recognise bullying between peers, what to do when it happens and whom to ask for help.',
    descriptionEn:
      "We work with the group to tell a conflict from bullying, recognise the signs in whoever suffers it and whoever does it, and rehearse safe ways to step in. Teachers get a response route and the Línea Ciudadana's contacts.",
    audienceEn: 'Upper primary and secondary students; teachers',
    durationMinutes: 60,
    modality: 'ambas' as const,
  },
  {
    slug: 'violencia-en-el-noviazgo',
    title: 'Noviazgo sin violencia',
    summary: 'Señales de control y violencia en las relaciones de pareja jóvenes, y cómo salir de ellas.',
    description:
      'Con dinámicas breves, las y los jóvenes identifican conductas de control (revisar el celular, aislar, celar), la escalada de la violencia y los apoyos disponibles, incluida la asesoría gratuita y confidencial de la línea.',
    audience: 'Secundaria, preparatoria y universidad',
    titleEn: 'Dating without violence',
    summaryEn: "Signs of control and violence in young people's relationships, and how to get out of them.",
    descriptionEn:
      "Through short activities, young people spot controlling behaviour (checking a phone, isolating, jealousy), how violence escalates and the help available, including the hotline's free and confidential advice.",
    audienceEn: 'Secondary school, high school and university',
    durationMinutes: 90,
    modality: 'ambas' as const,
  },
  {
    slug: 'extorsion-telefonica',
    title: 'Cómo actuar ante la extorsión telefónica',
    summary: 'Las modalidades más comunes en Chihuahua, cómo cortar la llamada a tiempo y cómo denunciar.',
    description:
      'Revisamos casos reales (sin datos personales) de extorsión y fraude telefónico, qué información nunca dar, qué hacer si ya se pagó y cómo presentar la denuncia. Incluye material para compartir con familias.',
    audience: 'Personal de empresas, madres y padres de familia, personas adultas mayores',
    titleEn: 'What to do about phone extortion',
    summaryEn: 'The most common schemes in Chihuahua, how to hang up in time and how to report it.',
    descriptionEn:
      'We go through real cases (with no personal data) of phone extortion and fraud: what never to share, what to do if you already paid, and how to file a report. Includes material to share with families.',
    audienceEn: 'Company staff, parents, older adults',
    durationMinutes: 60,
    modality: 'ambas' as const,
  },
  {
    slug: 'seguridad-digital-adolescentes',
    title: 'Seguridad digital para adolescentes',
    summary: 'Ciberacoso, sextorsión y grooming: cómo cuidarse en redes y qué hacer si algo pasa.',
    description:
      'Hablamos sin regaños de privacidad, contraseñas, contenido íntimo y acoso en línea. Explicamos qué es un delito, cómo guardar evidencia y cómo pedir ayuda sin culpa.',
    audience: 'Secundaria y preparatoria',
    titleEn: 'Digital safety for teenagers',
    summaryEn:
      'Cyberbullying, sextortion and grooming: how to stay safe online and what to do if something happens.',
    descriptionEn:
      'We talk without scolding about privacy, passwords, intimate content and online harassment. We explain what counts as a crime, how to keep evidence and how to ask for help without guilt.',
    audienceEn: 'Secondary and high school',
    durationMinutes: 60,
    modality: 'ambas' as const,
  },
  {
    slug: 'cultura-de-la-denuncia',
    title: 'Cultura de la denuncia',
    summary: 'Por qué denunciar importa, cómo se presenta una denuncia y qué derechos tiene la víctima.',
    description:
      'Explicamos paso a paso cómo presentar una denuncia ante la Fiscalía, qué pasa después, qué derechos reconoce la Ley General de Víctimas y cómo la Línea Ciudadana puede acompañar el proceso.',
    audience: 'Público general, centros comunitarios y centros de trabajo',
    titleEn: 'Why reporting matters',
    summaryEn: 'Why reporting a crime matters, how a report is filed and what rights victims have.',
    descriptionEn:
      "Step by step: how to file a report with the State Prosecutor's Office, what happens next, which rights the General Victims Act recognises, and how the Línea Ciudadana can support you through it.",
    audienceEn: 'General public, community centres and workplaces',
    durationMinutes: 60,
    modality: 'ambas' as const,
  },
  {
    slug: 'primeros-auxilios-psicologicos',
    title: 'Primeros auxilios psicológicos',
    summary: 'Herramientas básicas para acompañar a alguien después de una experiencia violenta.',
    description:
      'Para docentes, personal de recursos humanos y líderes comunitarios: cómo escuchar, contener y canalizar a una persona en crisis sin revictimizarla, y cuándo llamar a la línea.',
    audience: 'Personal docente, recursos humanos, líderes comunitarios',
    titleEn: 'Psychological first aid',
    summaryEn: 'Basic tools to support someone after a violent experience.',
    descriptionEn:
      'For teachers, HR staff and community leaders: how to listen, steady and refer a person in crisis without harming them again, and when to call the hotline.',
    audienceEn: 'Teachers, HR staff, community leaders',
    durationMinutes: 120,
    modality: 'presencial' as const,
  },
  {
    slug: 'violencia-laboral',
    title: 'Prevención de la violencia y el acoso laboral',
    summary: 'Acoso laboral y sexual en el trabajo: cómo prevenirlo y atenderlo conforme a la NOM-035.',
    description:
      'Revisamos las conductas que constituyen acoso y hostigamiento, las obligaciones del centro de trabajo y un protocolo de atención con canalización a servicios gratuitos.',
    audience: 'Centros de trabajo',
    durationMinutes: 90,
    modality: 'ambas' as const,
  },
];

const DEMO_INSTITUTIONS = [
  {
    name: 'Escuela Primaria Federal Miguel Hidalgo',
    type: 'primaria',
    municipalityId: '08019',
    address: 'Calle 20 de Noviembre 1204, Col. Centro, Chihuahua',
  },
  {
    name: 'Escuela Secundaria Técnica No. 3',
    type: 'secundaria',
    municipalityId: '08019',
    address: 'Av. Tecnológico 5700, Col. Magisterial Universidad, Chihuahua',
  },
  {
    name: 'Colegio de Bachilleres Plantel 2',
    type: 'preparatoria',
    municipalityId: '08019',
    address: 'Av. Pacheco 2906, Col. Pacífico, Chihuahua',
  },
  {
    name: 'Facultad de Derecho, UACH',
    type: 'universidad',
    municipalityId: '08019',
    address: 'Circuito Universitario, Campus II, Chihuahua',
  },
  {
    name: 'Escuela Secundaria Estatal 3013',
    type: 'secundaria',
    municipalityId: '08037',
    address: 'Calle Valle del Cedro 1650, Fracc. Valle del Sol, Ciudad Juárez',
  },
  {
    name: 'Centro Comunitario Francisco I. Madero',
    type: 'centro_comunitario',
    municipalityId: '08037',
    address: 'Calle Tlaxcala 450, Col. Francisco I. Madero, Ciudad Juárez',
  },
  {
    name: 'Planta de arneses automotrices del Parque Industrial Antonio J. Bermúdez',
    type: 'empresa',
    municipalityId: '08037',
    address: 'Blvd. Manuel Talamás Camandari 7000, Ciudad Juárez',
  },
  {
    name: 'CBTIS 128',
    type: 'preparatoria',
    municipalityId: '08037',
    address: 'Av. Tecnológico 1340, Ciudad Juárez',
  },
] as const;

/** Believable demo data: catalogue, one account per role, schools and workplaces. */
export async function seedDemo(db: Db): Promise<typeof DEMO_USERS> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    await tx
      .insert(users)
      .values(DEMO_USERS.map((u) => ({ ...u, passwordHash, passwordChangedAt: new Date() })))
      .onConflictDoNothing();
    await tx
      .insert(workshops)
      .values(DEMO_WORKSHOPS.map((w, i) => ({ ...w, sortOrder: i })))
      .onConflictDoNothing();
    await tx.insert(institutions).values([...DEMO_INSTITUTIONS]);
  });
  await seedContentDemo(db);
  await seedRequestsDemo(db);
  await seedSchedulingDemo(db);
  await seedEventsDemo(db);
  await seedCasesDemo(db);
  return DEMO_USERS;
}
