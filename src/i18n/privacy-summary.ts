/**
 * English summaries of the privacy notice, per published version. The Spanish notice is the
 * legally binding text; a version without a summary here shows a note saying so.
 */
export const PRIVACY_SUMMARIES_EN: Record<string, readonly string[]> = {
  '2026-1': [
    'The Línea Ciudadana, a programme of a civil association at Calle Aldama 1510, Col. Centro, Chihuahua, is responsible for the personal data you give us, under Mexico’s Federal Law on the Protection of Personal Data Held by Private Parties (LFPDPPP).',
    'What we collect. For a talk or workshop request: your institution’s name, type, address and municipality, and your name, role, e-mail and phone. For an event registration: your name, e-mail, phone (if you give it), municipality and any accessibility needs you tell us. When you call or write to the hotline: only what you choose to share; you may stay anonymous. That may include sensitive data (for example about your emotional health or violence you lived through), which we protect most strictly.',
    'Why. To handle your request, schedule and confirm the talk or event, tell you about its status, give you legal and psychological advice, follow up, and refer you to other institutions when you agree. Also, unless you tell us not to, for statistics that do not identify you and to ask your opinion of the service; saying no does not affect the help you get.',
    'Who we share it with. We never sell or hand over your data. We share it only with an institution we refer you to, when you authorise it, or when a competent authority requires it by law. Our e-mail provider processes your address only to deliver our messages.',
    'Your rights. You can access, correct or cancel your data, object to its use (ARCO rights) and withdraw your consent by writing to contacto@lineaciudadana.org.mx or calling the hotline. We answer within 20 business days.',
    'We keep your data only as long as these purposes need, then anonymise or securely delete it. Any change to the notice is published on this page as a new version with its date; requests and registrations record the version you accepted.',
  ],
};
