import { type RequestMessages, buildRequestSchema, requestErrors } from './request-schema';
import { SPAM_FIELDS } from '~/lib/spam';

/**
 * Progressive enhancement of the request form: the schema the server uses (request-schema.ts,
 * with the messages and today's date the server wrote into the form) checks a field when the
 * person leaves it, and the whole form before sending. Without JavaScript the server does the same
 * checks and answers with the same messages; the phone number and a daylight-saving gap are
 * checked only there, and their message comes back beside the field.
 */
export function enhanceRequestForm(form: HTMLFormElement): void {
  const schema = buildRequestSchema({
    messages: JSON.parse(form.dataset.messages ?? '{}') as RequestMessages,
    today: form.dataset.today ?? '',
    timeZone: form.dataset.timeZone ?? 'America/Chihuahua',
  });
  const touched = new Set<string>();

  const collect = () => {
    const data = new FormData(form);
    const out: Record<string, string | string[]> = {};
    for (const key of new Set(data.keys()))
      out[key] = key === 'topics' ? data.getAll(key).map(String) : String(data.get(key) ?? '');
    out.topics ??= [];
    return out;
  };
  const check = () => {
    const parsed = schema.safeParse(collect());
    return parsed.success ? {} : requestErrors(parsed.error.issues);
  };

  const containerOf = (name: string): HTMLElement | null => {
    const el = form.querySelector<HTMLElement>(`[name="${name}"]`);
    if (!el) return null;
    return el.closest<HTMLElement>('[data-group]') ?? el.closest<HTMLElement>('.field');
  };
  const show = (name: string, message: string | undefined) => {
    const container = containerOf(name);
    if (!container) return;
    const id = `f-${name}-error`;
    let node = form.querySelector<HTMLElement>(`#${id}`);
    const inputs = form.querySelectorAll<HTMLElement>(`[name="${name}"]`);
    const target = container.matches('[data-group]') ? [container] : [...inputs];
    if (!message) {
      node?.remove();
      inputs.forEach((i) => i.removeAttribute('aria-invalid'));
      target.forEach((el) => setDescribedBy(el, id, false));
      return;
    }
    if (!node) {
      node = document.createElement('p');
      node.className = 'field-error';
      node.id = id;
      container.append(node);
    }
    node.textContent = message;
    inputs.forEach((i) => i.setAttribute('aria-invalid', 'true'));
    target.forEach((el) => setDescribedBy(el, id, true));
  };

  const fieldName = (el: EventTarget | null) =>
    el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement
      ? el.name
      : '';
  const refresh = () => {
    const errors = check();
    for (const name of touched) show(name, errors[name]);
  };
  form.addEventListener('focusout', (event) => {
    const name = fieldName(event.target);
    if (!name || name === SPAM_FIELDS.honeypot) return;
    touched.add(name);
    refresh();
  });
  // While typing, only clear a fixed error (never add one mid-word), so nothing jumps under the pointer.
  form.addEventListener('input', (event) => {
    const name = fieldName(event.target);
    if (!name || !touched.has(name)) return;
    const errors = check();
    if (!errors[name]) show(name, undefined);
  });
  form.addEventListener('change', (event) => {
    const name = fieldName(event.target);
    if (name && (touched.has(name) || name === 'topics' || name === 'modality' || name === 'consent')) {
      touched.add(name);
      refresh();
    }
  });
  form.addEventListener('submit', (event) => {
    const errors = check();
    const names = Object.keys(errors);
    if (names.length === 0) return;
    event.preventDefault();
    for (const name of names) touched.add(name);
    refresh();
    const first =
      form.querySelector<HTMLElement>(`#f-${names[0]}`) ??
      form.querySelector<HTMLElement>(`[name="${names[0]}"]`);
    // An error in option 2 or 3 opens its "Agregar otra opción" first.
    for (let d = first?.closest('details'); d; d = d.parentElement?.closest('details') ?? null) d.open = true;
    first?.focus();
  });
}

function setDescribedBy(el: HTMLElement, id: string, on: boolean) {
  const ids = new Set((el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean));
  if (on) ids.add(id);
  else ids.delete(id);
  if (ids.size) el.setAttribute('aria-describedby', [...ids].join(' '));
  else el.removeAttribute('aria-describedby');
}
