import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { eventIcs } from '~/features/events/ics';
import { buildCalendar } from '~/features/scheduling/ics';
import { buildIcs, foldLine } from '~/lib/ics';

const organizer = { name: 'Línea Ciudadana, A.C.', email: 'no-responder@lineaciudadana.org.mx' };
const octets = (s: string) => new TextEncoder().encode(s).length;

function parse(text: string) {
  const component = new ICAL.Component(ICAL.parse(text));
  return { component, events: component.getAllSubcomponents('vevent') };
}

describe('the iCalendar writer', () => {
  it('folds long accented lines at 75 octets without splitting a character', () => {
    const line = `DESCRIPTION:${'Plática de prevención sobre violencia en el noviazgo, ñandú y acción. '.repeat(4)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(3);
    for (const part of parts) expect(octets(part)).toBeLessThanOrEqual(75);
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
  });

  it('an event file parses in ical.js with its organizer, sequence and text intact', () => {
    const text = eventIcs(
      {
        id: 7,
        title: 'Foro: derechos de las víctimas; qué hacer, a quién llamar',
        summary: 'Entrada libre.\nHabrá intérprete de lengua de señas.',
        place: 'Auditorio Municipal',
        address: 'Av. Juárez 123, Col. Centro',
        startsAt: new Date('2027-01-20T17:00:00Z'),
        endsAt: new Date('2027-01-20T19:00:00Z'),
        status: 'published',
        sequence: 3,
      },
      {
        organizer: 'Línea Ciudadana',
        host: 'vinculo.example',
        eventUrl: 'https://vinculo.example/eventos/foro',
      },
    );
    for (const line of text.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
    const { component, events } = parse(text);
    expect(component.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(events).toHaveLength(1);
    const vevent = events[0]!;
    expect(vevent.getFirstPropertyValue('summary')).toBe(
      'Foro: derechos de las víctimas; qué hacer, a quién llamar',
    );
    expect(vevent.getFirstPropertyValue('description')).toBe(
      'Entrada libre.\nHabrá intérprete de lengua de señas.',
    );
    expect(vevent.getFirstPropertyValue('sequence')).toBe(3);
    const org = vevent.getFirstProperty('organizer')!;
    expect(String(org.getFirstValue())).toMatch(/^mailto:/);
    expect(org.getParameter('cn')).toBe('Línea Ciudadana');
    expect(String(vevent.getFirstPropertyValue('dtstart'))).toBe('2027-01-20T17:00:00Z');
  });

  it('a cancelled activity is a METHOD:CANCEL with an ORGANIZER (RFC 5546)', () => {
    const text = buildCalendar(
      [
        {
          id: 12,
          title: 'Taller: prevención del acoso escolar',
          startsAt: new Date('2027-02-03T16:00:00Z'),
          endsAt: new Date('2027-02-03T18:00:00Z'),
          status: 'cancelled',
          place: 'Secundaria Técnica 3, Chihuahua',
          onlineUrl: null,
          sequence: 2,
        },
      ],
      { host: 'vinculo.example', organizer, method: 'CANCEL' },
    );
    const { component, events } = parse(text);
    expect(component.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(events[0]!.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(events[0]!.getFirstProperty('organizer')!.getParameter('cn')).toBe('Línea Ciudadana, A.C.');
  });

  it('an empty feed is still a valid calendar', () => {
    const { events } = parse(buildIcs({ prodId: '-//Vinculo//Agenda//ES', method: 'PUBLISH', events: [] }));
    expect(events).toHaveLength(0);
  });
});
