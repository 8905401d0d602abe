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
};
