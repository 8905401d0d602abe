/**
 * One layout for every e-mail: the organisation's name, a greeting, paragraphs, an optional
 * button, a closing. HTML and plain text come from the same content so they never disagree.
 * Callers pass plain strings; everything is escaped here.
 */
export interface MailContent {
  subject: string;
  greeting?: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Lines after the button, e.g. "Si no pediste esto, ignora este correo." */
  after?: string[];
  /** The language the mail is written in (html lang); Spanish unless said. */
  lang?: 'es-MX' | 'en';
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

export function renderMail(content: MailContent, org: { name: string; phone?: string }): RenderedMail {
  const p = (s: string) => `<p style="margin:0 0 16px;line-height:1.5">${escapeHtml(s)}</p>`;
  const parts: string[] = [];
  if (content.greeting) parts.push(p(content.greeting));
  parts.push(...content.paragraphs.map(p));
  if (content.action) {
    parts.push(
      `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="background:#7a1f5c;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block;font-weight:bold">${escapeHtml(content.action.label)}</a></p>`,
      `<p style="margin:0 0 16px;font-size:14px;color:#444">${content.lang === 'en' ? 'If the button does not work, copy this address into your browser:' : 'Si el botón no funciona, copia esta dirección en tu navegador:'}<br>${escapeHtml(content.action.url)}</p>`,
    );
  }
  parts.push(...(content.after ?? []).map(p));
  const footer = `${org.name}${org.phone ? ` · ${org.phone}` : ''}`;
  const html = `<!doctype html><html lang="${content.lang ?? 'es-MX'}"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>
<body style="margin:0;padding:0;background:#f6f3f1;font-family:Arial,Helvetica,sans-serif;color:#1d1d1f">
<div style="max-width:560px;margin:0 auto;padding:24px">
<p style="margin:0 0 24px;font-weight:bold;color:#7a1f5c;font-size:18px">${escapeHtml(org.name)}</p>
<div style="background:#ffffff;border-radius:8px;padding:24px">${parts.join('\n')}</div>
<p style="margin:24px 0 0;font-size:12px;color:#555">${escapeHtml(footer)}<br>Este correo se envió de forma automática; si necesitas ayuda, llámanos.</p>
</div></body></html>`;

  const textParts: string[] = [];
  if (content.greeting) textParts.push(content.greeting);
  textParts.push(...content.paragraphs);
  if (content.action) textParts.push(`${content.action.label}: ${content.action.url}`);
  textParts.push(...(content.after ?? []));
  textParts.push(`—\n${footer}`);
  return { subject: content.subject, html, text: textParts.join('\n\n') + '\n' };
}
