import { describe, expect, it } from 'vitest';
import { compareNames, sortByName, USUAL_MUNICIPALITIES } from '~/lib/sort';

describe('Spanish name order', () => {
  it('sorts accented names as a dictionary does', () => {
    const names = [
      'Guerrero',
      'Julimes',
      'Gómez Farías',
      'Juárez',
      'Ahumada',
      'Ñuñez',
      'Nuevo Casas Grandes',
    ];
    expect([...names].sort(compareNames)).toEqual([
      'Ahumada',
      'Gómez Farías',
      'Guerrero',
      'Juárez',
      'Julimes',
      'Nuevo Casas Grandes',
      'Ñuñez',
    ]);
  });

  it('puts the usual municipalities first, then the rest in order', () => {
    const list = [
      { id: '08037', name: 'Juárez' },
      { id: '08001', name: 'Ahumada' },
      { id: '08019', name: 'Chihuahua' },
      { id: '08017', name: 'Cuauhtémoc' },
    ];
    const sorted = sortByName(list, (m) => m.name, { first: USUAL_MUNICIPALITIES, key: (m) => m.id });
    expect(sorted.map((m) => m.name)).toEqual(['Chihuahua', 'Juárez', 'Ahumada', 'Cuauhtémoc']);
  });
});
