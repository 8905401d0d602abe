import { describe, expect, it } from 'vitest';
import {
  PG_BIGINT_SAFE_MAX,
  PG_INT_MAX,
  filter,
  idSchema,
  ignoredFiltersNotice,
  isCalendarDate,
  parseId,
  readFilters,
} from '~/lib/params';
import { safeNext } from '~/lib/safe-next';

describe('ids and query parameters', () => {
  it('an id is a plain positive integer within the column range', () => {
    expect(parseId('1')).toBe(1);
    expect(parseId(String(PG_INT_MAX))).toBe(PG_INT_MAX);
    for (const raw of [
      '2147483648',
      '0',
      '-1',
      '1e3',
      '0x10',
      ' 12',
      '12 ',
      '012',
      '1.5',
      '',
      '\u0000',
      'abc',
      null,
      undefined,
    ])
      expect({ raw, id: parseId(raw) }).toEqual({ raw, id: null });
    // bigint columns take more, while a JavaScript number stays exact.
    expect(parseId('2147483648', PG_BIGINT_SAFE_MAX)).toBe(2147483648);
    expect(parseId('99999999999999999', PG_BIGINT_SAFE_MAX)).toBeNull();
    expect(idSchema().safeParse('2147483648').success).toBe(false);
    expect(idSchema().safeParse('42')).toEqual({ success: true, data: 42 });
  });

  it('bad filters are dropped and named for a notice; good ones are kept', () => {
    const params = new URLSearchParams(
      'operador=2147483648&accion=login.failure&dia=2026-02-31&turno=toString',
    );
    const { values, ignored } = readFilters(params, {
      operador: filter.id,
      accion: filter.key,
      dia: filter.date,
      turno: filter.oneOf(['matutino', 'vespertino']),
      ausente: filter.id,
    });
    expect(values).toEqual({ accion: 'login.failure' });
    expect(ignored).toEqual(['operador', 'dia', 'turno']);
    expect(ignoredFiltersNotice(ignored, { operador: 'persona' })).toContain('«persona, dia, turno»');
    expect(ignoredFiltersNotice([])).toBeNull();
    expect(filter.key('\u0000')).toBeNull();
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
  });
});

describe('safeNext', () => {
  it('keeps staff paths and sends everything else to /app', () => {
    expect(safeNext('/app/casos?estado=abierto#x')).toBe('/app/casos?estado=abierto#x');
    for (const next of [
      '/app?\r\nX-Injected: 1',
      '/app\nSet-Cookie: a=b',
      '/app/\u0000',
      '/app/ con espacio',
      '//malo.example/app',
      '/app\\..\\',
      'https://malo.example/app',
      '/application',
      '/app/' + 'x'.repeat(3000),
    ])
      expect({ next, to: safeNext(next) }).toEqual({ next, to: '/app' });
  });
});
