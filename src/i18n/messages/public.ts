/** The public site's shell: quick exit, language switch, after-hours notice, English fallbacks. */
export const es = {
  'exit.label': 'Salir rápido',
  'exit.hint': 'o pulsa Esc tres veces',
  'lang.switchLabel': 'Idioma',
  'lang.switchTo': 'English',
  'footer.more': 'Más información',
  'ah.closedToday':
    'Ahora estamos fuera de horario. Si estás en peligro, llama al 911. Te respondemos desde las {time}.',
  'ah.closedTomorrow':
    'Ahora estamos fuera de horario. Si estás en peligro, llama al 911. Te respondemos mañana desde las {time}.',
  'ah.closedOn':
    'Ahora estamos fuera de horario. Si estás en peligro, llama al 911. Te respondemos el {day} desde las {time}.',
  'en.spanishOnly': 'Disponible solo en español.',
  'day.1': 'lunes',
  'day.2': 'martes',
  'day.3': 'miércoles',
  'day.4': 'jueves',
  'day.5': 'viernes',
  'day.6': 'sábado',
  'day.7': 'domingo',
  'en.talksInSpanish': 'Las pláticas se imparten en español.',
  'safety.title': 'Si alguien revisa tu teléfono o tu computadora',
  'safety.exit':
    'El botón «Salir rápido», arriba en cada página, te lleva de inmediato a un sitio neutro (también pulsando Esc tres veces) y el botón «Atrás» no regresa aquí.',
  'safety.history':
    'Las páginas que viste antes siguen en el historial del navegador: bórralo después o usa una ventana privada (de incógnito), que no guarda historial.',
  'safety.calls':
    'Si llamas o escribes desde un teléfono compartido, la llamada queda en su registro de llamadas y el chat en WhatsApp: bórralos si es necesario, o llámanos desde un teléfono seguro.',
  'privacy.description':
    'Cómo la Línea Ciudadana cuida tus datos personales: qué recabamos, para qué, con quién los compartimos y cómo ejercer tus derechos.',
  'privacy.summaryTitle': 'Resumen en inglés',
  'privacy.fullSpanish': 'Aviso completo (en español)',
  'privacy.noSummary': 'Todavía no hay un resumen en inglés de esta versión.',
  'req.description':
    'Solicita una plática o taller gratuito de prevención para tu escuela, centro de trabajo o comunidad en Chihuahua.',
  'notFound.description': 'No encontramos esta página. El teléfono de la Línea Ciudadana está arriba.',
  'recover.link': '¿Perdiste tu enlace?',
  'recover.title': '¿Perdiste tu enlace?',
  'recover.requestDescription':
    'Recupera el enlace privado de tu solicitud de plática con tu folio y tu correo.',
  'recover.eventDescription': 'Recupera el enlace de tu registro a un evento con tu correo.',
  'recover.requestIntro':
    'Escribe el folio de tu solicitud y el correo que usaste. Te enviaremos un enlace nuevo; el anterior dejará de funcionar.',
  'recover.eventIntro':
    'Elige el evento y escribe el correo con que te registraste. Te enviaremos un enlace nuevo; los anteriores dejarán de funcionar.',
  'recover.folio': 'Folio',
  'recover.folioHint': 'Viene en el primer correo que te enviamos, por ejemplo T-2026-0042.',
  'recover.email': 'Correo electrónico',
  'recover.event': 'Evento',
  'recover.chooseEvent': 'Elige un evento',
  'recover.submit': 'Enviarme un enlace nuevo',
  'recover.done':
    'Listo. Si el folio y el correo coinciden con una solicitud, en unos minutos te llegará un correo con el enlace nuevo. Revisa también tu correo no deseado.',
  'recover.doneEvent':
    'Listo. Si hay un registro a ese evento con ese correo, en unos minutos te llegará un correo con el enlace nuevo. Revisa también tu correo no deseado.',
  'recover.throttled': 'Hiciste varios intentos seguidos. Intenta de nuevo en {minutes} minutos.',
  'recover.fix': 'Revisa los campos marcados.',
  'recover.err.folio': 'Escribe el folio como viene en tu correo, por ejemplo T-2026-0042.',
  'recover.err.event': 'Elige el evento.',
} as const;

export const en: Record<keyof typeof es, string> = {
  'exit.label': 'Quick exit',
  'exit.hint': 'or press Esc three times',
  'lang.switchLabel': 'Language',
  'lang.switchTo': 'Español',
  'footer.more': 'More',
  'ah.closedToday': 'We are closed right now. If you are in danger, call 911. We will answer from {time}.',
  'ah.closedTomorrow':
    'We are closed right now. If you are in danger, call 911. We will answer tomorrow from {time}.',
  'ah.closedOn':
    'We are closed right now. If you are in danger, call 911. We will answer on {day} from {time}.',
  'en.spanishOnly': 'Available in Spanish only.',
  'day.1': 'Monday',
  'day.2': 'Tuesday',
  'day.3': 'Wednesday',
  'day.4': 'Thursday',
  'day.5': 'Friday',
  'day.6': 'Saturday',
  'day.7': 'Sunday',
  'en.talksInSpanish': 'Talks and workshops are given in Spanish.',
  'safety.title': 'If someone checks your phone or computer',
  'safety.exit':
    'The “Quick exit” button at the top of every page takes you straight to a neutral site (so does pressing Esc three times), and the Back button does not return here.',
  'safety.history':
    'Pages you saw before stay in the browser’s history: clear it afterwards, or use a private (incognito) window, which keeps no history.',
  'safety.calls':
    'If you call or message from a shared phone, the call shows up in its call log and the chat in WhatsApp: delete them if you need to, or call us from a safe phone.',
  'privacy.description':
    'How the Línea Ciudadana looks after your personal data: what we collect, why, who we share it with and how to exercise your rights.',
  'privacy.summaryTitle': 'Summary in English',
  'privacy.fullSpanish': 'Full notice (in Spanish, legally binding)',
  'privacy.noSummary': 'There is no English summary of this version yet; the Spanish text below applies.',
  'req.description':
    'Request a free prevention talk or workshop for your school, workplace or community in Chihuahua.',
  'notFound.description': 'We could not find this page. The Línea Ciudadana’s phone number is at the top.',
  'recover.link': 'Lost your link?',
  'recover.title': 'Lost your link?',
  'recover.requestDescription':
    'Get a new private link to your talk request with its reference number and your e-mail.',
  'recover.eventDescription': 'Get a new link to your event registration with your e-mail.',
  'recover.requestIntro':
    'Enter your request’s reference number and the e-mail you used. We will send you a new link; the earlier one will stop working.',
  'recover.eventIntro':
    'Choose the event and enter the e-mail you registered with. We will send you a new link; the earlier ones will stop working.',
  'recover.folio': 'Reference number',
  'recover.folioHint': 'It is in the first e-mail we sent you, for example T-2026-0042.',
  'recover.email': 'E-mail',
  'recover.event': 'Event',
  'recover.chooseEvent': 'Choose an event',
  'recover.submit': 'Send me a new link',
  'recover.done':
    'Done. If the reference number and the e-mail match a request, an e-mail with the new link will arrive in a few minutes. Check your spam folder too.',
  'recover.doneEvent':
    'Done. If there is a registration for that event with that e-mail, an e-mail with the new link will arrive in a few minutes. Check your spam folder too.',
  'recover.throttled': 'You made several attempts in a row. Try again in {minutes} minutes.',
  'recover.fix': 'Check the fields marked.',
  'recover.err.folio': 'Enter the reference number as it appears in your e-mail, for example T-2026-0042.',
  'recover.err.event': 'Choose the event.',
};
