import type { Locale } from '~/i18n';
import { requestSchema } from './schemas';

/**
 * Progressive enhancement of the request form: the same zod schema the server uses checks a
 * field when the person leaves it, and the whole form before sending. Without JavaScript the
 * server does exactly the same checks and answers with the same messages.
 */
export function enhanceRequestForm(form: HTMLFormElement): void {
  const locale: Locale = form.dataset.locale === 'en' ? 'en' : 'es';
  const timeZone = form.dataset.timeZone ?? 'America/Chihuahua';
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
    const parsed = requestSchema({ locale, timeZone }).safeParse(collect());
    const errors: Record<string, string> = {};
    if (!parsed.success)
      for (const issue of parsed.error.issues) errors[String(issue.path.join('.'))] ??= issue.message;
    return errors;
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
    if (!name || name === 'website') return;
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
