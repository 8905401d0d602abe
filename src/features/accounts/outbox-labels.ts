/** The outbox's statuses as the admin reads them, with the badge tone of each. */
export const MAIL_STATUS: Record<string, { label: string; tone: 'ok' | 'warn' | 'err' }> = {
  pending: { label: 'pendiente', tone: 'warn' },
  sending: { label: 'enviándose', tone: 'warn' },
  sent: { label: 'enviado', tone: 'ok' },
  failed: { label: 'falló', tone: 'err' },
};
export const mailStatusLabel = (status: string) => MAIL_STATUS[status]?.label ?? status;
