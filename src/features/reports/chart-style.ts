/**
 * How series look in the charts, readable without colour: each series has, besides its
 * colour (Okabe–Ito, distinguishable with colour-blindness), a fill pattern for bars and a
 * dash style and point shape for lines. Values are also written on the chart itself.
 */
export interface SeriesStyle {
  color: string;
  /** Darker ink for the pattern lines and the outline. */
  ink: string;
  pattern: 'solid' | 'diagonal' | 'dots' | 'cross' | 'horizontal' | 'vertical' | 'zigzag';
  dash: number[];
  point: 'circle' | 'rect' | 'triangle' | 'rectRot' | 'crossRot' | 'star' | 'rectRounded';
}

export const SERIES_STYLES: readonly SeriesStyle[] = [
  { color: '#56B4E9', ink: '#0b4f75', pattern: 'solid', dash: [], point: 'circle' },
  { color: '#E69F00', ink: '#6b4a00', pattern: 'diagonal', dash: [8, 4], point: 'rect' },
  { color: '#009E73', ink: '#00513b', pattern: 'dots', dash: [2, 3], point: 'triangle' },
  { color: '#CC79A7', ink: '#6e2f55', pattern: 'cross', dash: [12, 3, 3, 3], point: 'rectRot' },
  { color: '#F0E442', ink: '#6b6400', pattern: 'horizontal', dash: [4, 4], point: 'crossRot' },
  { color: '#D55E00', ink: '#6d3000', pattern: 'vertical', dash: [16, 4], point: 'star' },
  { color: '#0072B2', ink: '#00385a', pattern: 'zigzag', dash: [1, 2], point: 'rectRounded' },
];

export function seriesStyle(index: number): SeriesStyle {
  return SERIES_STYLES[index % SERIES_STYLES.length]!;
}

/** A repeating fill for bars; 'solid' is the plain colour. Browser only. */
export function makePattern(style: SeriesStyle): CanvasPattern | string {
  if (style.pattern === 'solid' || typeof document === 'undefined') return style.color;
  const size = 10;
  const tile = document.createElement('canvas');
  tile.width = size;
  tile.height = size;
  const ctx = tile.getContext('2d');
  if (!ctx) return style.color;
  ctx.fillStyle = style.color;
  ctx.fillRect(0, 0, size, size);
  ctx.strokeStyle = style.ink;
  ctx.fillStyle = style.ink;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  switch (style.pattern) {
    case 'diagonal':
      ctx.moveTo(0, size);
      ctx.lineTo(size, 0);
      ctx.moveTo(-size / 2, size / 2);
      ctx.lineTo(size / 2, -size / 2);
      ctx.moveTo(size / 2, size * 1.5);
      ctx.lineTo(size * 1.5, size / 2);
      break;
    case 'dots':
      ctx.arc(size / 2, size / 2, 1.8, 0, Math.PI * 2);
      ctx.fill();
      break;
    case 'cross':
      ctx.moveTo(0, 0);
      ctx.lineTo(size, size);
      ctx.moveTo(size, 0);
      ctx.lineTo(0, size);
      break;
    case 'horizontal':
      ctx.moveTo(0, size / 2);
      ctx.lineTo(size, size / 2);
      break;
    case 'vertical':
      ctx.moveTo(size / 2, 0);
      ctx.lineTo(size / 2, size);
      break;
    case 'zigzag':
      ctx.moveTo(0, size * 0.7);
      ctx.lineTo(size / 2, size * 0.3);
      ctx.lineTo(size, size * 0.7);
      break;
  }
  ctx.stroke();
  return ctx.createPattern(tile, 'repeat') ?? style.color;
}
