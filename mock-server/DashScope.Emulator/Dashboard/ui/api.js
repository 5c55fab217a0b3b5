// Calls to the admin API, the same operations JSON clients use, and the page's error line.

const adminRoot = '/__emulator/';

/** An admin answer that was not a success: its status and the admin API's own message. */
export class AdminError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** Sends one admin request; resolves with the parsed answer or rejects with an AdminError. */
export async function admin(method, path, body) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(adminRoot + path, init);
  } catch (failure) {
    throw new AdminError(0, 'the emulator did not answer (' + failure.message + ')');
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    throw new AdminError(response.status, (data && data.error) || text || response.statusText);
  }
  return data;
}

/** Runs a control; a refusal becomes a visible message naming the control and the admin API's reason. */
export async function run(label, action) {
  try {
    await action();
    return true;
  } catch (failure) {
    const status = failure instanceof AdminError && failure.status ? ' (' + failure.status + ')' : '';
    showError(label + status + ': ' + failure.message);
    return false;
  }
}

/** Shows an error at the top of the page until it is dismissed; keeps the latest five. */
export function showError(text) {
  const box = document.getElementById('errors');
  const item = document.createElement('div');
  item.className = 'error';
  item.dataset.testid = 'error';
  const message = document.createElement('span');
  message.textContent = text;
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = '×';
  close.title = 'Dismiss';
  close.addEventListener('click', () => item.remove());
  item.append(message, close);
  box.prepend(item);
  while (box.children.length > 5) {
    box.lastElementChild.remove();
  }
}

/** A number typed in a form field, as typed: the admin API decides whether it is acceptable. */
export function numberField(form, name) {
  const raw = form.elements[name].value.trim();
  return raw === '' ? null : Number(raw);
}

/** A text typed in a form field, or null when empty. */
export function textField(form, name) {
  const raw = form.elements[name].value.trim();
  return raw === '' ? null : raw;
}
