import type { Db } from '~db/client';
import {
  dirContacts,
  dirLocations,
  dirOrganizations,
  dirPhones,
  dirServiceAtLocation,
  dirServices,
} from '~db/schema';
import { subtractMonths } from '~/features/directory/labels';

type Svc = {
  name: string;
  categories: string[];
  description: string;
  eligibility: string;
  fees: string;
  applicationProcess: string;
  hours: string;
  verifiedMonthsAgo: number | null;
};
type Org = {
  name: string;
  description: string;
  website?: string;
  locations: { name: string; address1: string; city: string; municipalityId: string; postalCode: string }[];
  phones: { number: string; type?: string; description: string }[];
  contacts?: { name: string; title: string }[];
  services: Svc[];
};

/**
 * Demo referral directory (believable public services in Chihuahua and Ciudad Juárez). Phone
 * numbers other than the national 911 and 089 are placeholders for the demo: verify before use.
 * One service is stale and one was never verified, so the flag shows up.
 */
const ORGS: Org[] = [
  {
    name: 'Centro de Justicia para las Mujeres (CEJUM) Chihuahua',
    description:
      'Atención integral a mujeres víctimas de violencia: Ministerio Público, asesoría jurídica, psicológica y médica en un mismo lugar.',
    locations: [
      {
        name: 'Sede Chihuahua',
        address1: 'Calle Eugenio Prado 2900, Col. Santa Rosa',
        city: 'Chihuahua',
        municipalityId: '08019',
        postalCode: '31050',
      },
    ],
    phones: [{ number: '614 429 3300', description: 'Conmutador (demostración)' }],
    contacts: [{ name: 'Lic. Adriana Ruiz Holguín', title: 'Coordinación de atención inicial' }],
    services: [
      {
        name: 'Denuncia y órdenes de protección',
        categories: ['procuracion', 'mujeres'],
        description:
          'Recepción de denuncias por violencia familiar y de género; trámite de órdenes de protección de emergencia.',
        eligibility: 'Mujeres, niñas y niños víctimas de violencia.',
        fees: 'Gratuito',
        applicationProcess: 'Acudir con identificación, si se tiene. Atención las 24 horas.',
        hours: 'Todos los días, 24 horas',
        verifiedMonthsAgo: 1,
      },
      {
        name: 'Atención psicológica para mujeres',
        categories: ['psicologica', 'mujeres'],
        description: 'Sesiones individuales de contención y acompañamiento terapéutico.',
        eligibility: 'Mujeres víctimas de violencia con o sin denuncia.',
        fees: 'Gratuito',
        applicationProcess: 'Cita por teléfono o canalización.',
        hours: 'L-V 8:00 a 20:00',
        verifiedMonthsAgo: 2,
      },
    ],
  },
  {
    name: 'Comisión Ejecutiva Estatal de Atención a Víctimas (CEEAV)',
    description:
      'Registro estatal de víctimas, asesoría jurídica gratuita y medidas de ayuda y reparación conforme a la Ley General de Víctimas.',
    locations: [
      {
        name: 'Oficina Chihuahua',
        address1: 'Av. Venustiano Carranza 601, Col. Obrera',
        city: 'Chihuahua',
        municipalityId: '08019',
        postalCode: '31350',
      },
      {
        name: 'Oficina Juárez',
        address1: 'Av. Tecnológico 1250, Col. Partido Escobedo',
        city: 'Ciudad Juárez',
        municipalityId: '08037',
        postalCode: '32330',
      },
    ],
    phones: [
      { number: '614 410 6400', description: 'Chihuahua (demostración)' },
      { number: '656 629 3300', description: 'Juárez (demostración)' },
    ],
    services: [
      {
        name: 'Asesoría jurídica a víctimas',
        categories: ['legal', 'victimas'],
        description: 'Asesor jurídico que representa a la víctima en el proceso penal.',
        eligibility: 'Víctimas directas e indirectas de delitos del fuero común.',
        fees: 'Gratuito',
        applicationProcess: 'Solicitar registro; llevar copia de la denuncia si existe.',
        hours: 'L-V 8:00 a 16:00',
        verifiedMonthsAgo: 8,
      },
    ],
  },
  {
    name: 'Fiscalía Especializada en Personas Desaparecidas, Zona Norte',
    description: 'Investigación y búsqueda de personas desaparecidas y no localizadas.',
    locations: [
      {
        name: 'Ciudad Juárez',
        address1: 'Calle Eje Vial Juan Gabriel 2201, Col. Margaritas',
        city: 'Ciudad Juárez',
        municipalityId: '08037',
        postalCode: '32300',
      },
    ],
    phones: [
      { number: '089', description: 'Denuncia anónima (nacional)' },
      { number: '656 629 3300', description: 'Extensión de búsqueda (demostración)' },
    ],
    services: [
      {
        name: 'Reporte de persona desaparecida',
        categories: ['procuracion', 'busqueda'],
        description: 'Recepción inmediata del reporte; no hay que esperar 72 horas.',
        eligibility: 'Familiares o cualquier persona que conozca la desaparición.',
        fees: 'Gratuito',
        applicationProcess: 'Acudir con fotografía reciente y datos de la persona.',
        hours: 'Todos los días, 24 horas',
        verifiedMonthsAgo: 3,
      },
    ],
  },
  {
    name: 'Casa Amiga Centro de Crisis',
    description:
      'Organización civil de Ciudad Juárez que atiende a mujeres, niñas y niños en situación de violencia.',
    website: 'https://casa-amiga.org.mx',
    locations: [
      {
        name: 'Centro de crisis',
        address1: 'Calle Perú Norte 878, Col. Centro',
        city: 'Ciudad Juárez',
        municipalityId: '08037',
        postalCode: '32000',
      },
    ],
    phones: [{ number: '656 615 3850', description: 'Línea de crisis (demostración)' }],
    services: [
      {
        name: 'Refugio temporal',
        categories: ['refugio', 'mujeres', 'ninez'],
        description: 'Alojamiento seguro y confidencial para mujeres y sus hijas e hijos en riesgo.',
        eligibility: 'Mujeres en riesgo alto por violencia.',
        fees: 'Gratuito',
        applicationProcess: 'Valoración de riesgo por la línea de crisis.',
        hours: '24 horas',
        verifiedMonthsAgo: null,
      },
      {
        name: 'Acompañamiento legal',
        categories: ['legal', 'mujeres'],
        description: 'Acompañamiento a audiencias y seguimiento de carpetas de investigación.',
        eligibility: 'Mujeres atendidas por el centro.',
        fees: 'Gratuito',
        applicationProcess: 'Primera cita en el centro.',
        hours: 'L-V 9:00 a 17:00',
        verifiedMonthsAgo: 4,
      },
    ],
  },
  {
    name: 'Centro de Integración Juvenil Chihuahua',
    description: 'Prevención y tratamiento del consumo de drogas para jóvenes y sus familias.',
    locations: [
      {
        name: 'Unidad Chihuahua',
        address1: 'Calle Degollado 1800, Col. Centro',
        city: 'Chihuahua',
        municipalityId: '08019',
        postalCode: '31000',
      },
    ],
    phones: [{ number: '614 415 7222', description: 'Citas (demostración)' }],
    services: [
      {
        name: 'Tratamiento ambulatorio de adicciones',
        categories: ['adicciones', 'salud'],
        description: 'Consulta, terapia individual y familiar.',
        eligibility: 'Adolescentes y personas adultas.',
        fees: 'Cuota de recuperación según estudio socioeconómico',
        applicationProcess: 'Llamar para cita de primera vez.',
        hours: 'L-V 8:00 a 20:00',
        verifiedMonthsAgo: 5,
      },
    ],
  },
];

export async function seedDirectoryDemo(db: Db, today: string): Promise<number[]> {
  const serviceIds: number[] = [];
  await db.transaction(async (tx) => {
    for (const o of ORGS) {
      const [org] = await tx
        .insert(dirOrganizations)
        .values({ name: o.name, description: o.description, website: o.website ?? '' })
        .returning({ id: dirOrganizations.id });
      const locIds: number[] = [];
      for (const l of o.locations)
        locIds.push(
          (
            await tx
              .insert(dirLocations)
              .values({ organizationId: org!.id, ...l })
              .returning({ id: dirLocations.id })
          )[0]!.id,
        );
      for (const p of o.phones)
        await tx.insert(dirPhones).values({
          organizationId: org!.id,
          number: p.number,
          type: p.type ?? 'voice',
          description: p.description,
        });
      for (const c of o.contacts ?? [])
        await tx.insert(dirContacts).values({ organizationId: org!.id, ...c });
      for (const { verifiedMonthsAgo, ...s } of o.services) {
        const [svc] = await tx
          .insert(dirServices)
          .values({
            organizationId: org!.id,
            ...s,
            lastVerifiedOn: verifiedMonthsAgo === null ? null : subtractMonths(today, verifiedMonthsAgo),
          })
          .returning({ id: dirServices.id });
        serviceIds.push(svc!.id);
        await tx
          .insert(dirServiceAtLocation)
          .values(locIds.map((locationId) => ({ serviceId: svc!.id, locationId })));
      }
    }
  });
  return serviceIds;
}
