/**
 * One-time and private links in outgoing mail (issue 12 #9): password set/reset links and
 * the private status/manage links of requests and registrations. The outbox reader shows
 * them masked; revealing them is a separate, audited step.
 */
const PRIVATE_LINK = /(\/(?:contrasena|solicitud|registro)\/)([A-Za-z0-9_-]{12,})/g;

export const MASK = '[enlace privado oculto]';

export interface MaskedText {
  text: string;
  /** The raw tokens found, in order (never shown or logged; hashed for the audit). */
  tokens: string[];
}

export function maskPrivateLinks(text: string): MaskedText {
  const tokens: string[] = [];
  const masked = text.replace(PRIVATE_LINK, (_all, prefix: string, token: string) => {
    tokens.push(token);
    return `${prefix}${MASK}`;
  });
  return { text: masked, tokens };
}
