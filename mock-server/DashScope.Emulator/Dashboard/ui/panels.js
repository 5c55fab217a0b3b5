// The side panels and header: clock, plans for the next tasks, faults, media, accounts, uploads; and the
// forms that steer them. Every form posts to the admin API and shows its refusal as it is.

import { admin, run, numberField, textField } from './api.js';
import { state, timeOfDay, fullTime, fillSelect } from './state.js';

export function renderClock() {
  const clock = state.clock;
  if (!clock) return;
  const kind = document.getElementById('clock-kind');
  kind.textContent = clock.canAdvance ? 'fake clock' : 'real clock';
  kind.dataset.kind = clock.canAdvance ? 'fake' : 'real';
  const now = document.getElementById('clock-now');
  now.textContent = timeOfDay(clock.now);
  now.dateTime = clock.now;
  now.title = fullTime(clock.now);
  for (const button of document.querySelectorAll('[data-advance]')) {
    button.title = clock.canAdvance ? '' : 'The clock is real; start the emulator with a fake clock to advance it.';
  }
}

export function renderPlans() {
  const plans = state.plans;
  const parts = [];
  if (plans && plans.failNextCount > 0) parts.push(`fail next ${plans.failNextCount} with ${plans.failNextCode}`);
  if (plans && plans.holdNextCount > 0) parts.push(`hold next ${plans.holdNextCount}`);
  document.getElementById('plans').textContent = parts.length ? parts.join('; ') : 'none planned';
}

export function renderFaults() {
  const items = state.faults.map(fault => {
    const li = document.createElement('li');
    li.dataset.testid = 'fault';
    li.dataset.faultId = fault.id;
    const what = fault.kind === 'Respond' ? `answer ${fault.statusCode ?? 500}${fault.body ? ' (own body)' : ''}`
      : fault.kind === 'Delay' ? `delay ${fault.delay}` : 'drop connection';
    const text = document.createElement('span');
    text.textContent = `${fault.endpoint}: ${what} × ${fault.remaining}`;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = 'Remove';
    remove.dataset.testid = 'remove-fault';
    remove.addEventListener('click', () => run('Remove fault', () => admin('DELETE', 'faults/' + encodeURIComponent(fault.id))));
    li.append(text, remove);
    return li;
  });
  document.getElementById('fault-list').replaceChildren(...items);
}

export function renderEndpoints() {
  fillSelect(document.querySelector('#fault-form [name=endpoint]'), state.endpoints);
  fillSelect(document.getElementById('journal-endpoint'), state.endpoints, 'all');
}

export function renderAccounts() {
  const items = state.accounts.map(account => {
    const li = document.createElement('li');
    li.textContent = `${account.accountId} (${account.keyCount} key${account.keyCount === 1 ? '' : 's'})`;
    return li;
  });
  document.getElementById('accounts').replaceChildren(...items);
}

export function renderUploads() {
  document.getElementById('uploads-section').hidden = !state.uploadsEnabled;
  const rows = state.uploads.map(file => {
    const tr = document.createElement('tr');
    for (const value of [file.accountId, file.model, file.key, file.sizeBytes + ' B', fullTime(file.uploadedAt), fullTime(file.expiresAt)]) {
      const td = document.createElement('td');
      td.textContent = value;
      tr.append(td);
    }
    return tr;
  });
  document.getElementById('uploads').replaceChildren(...rows);
}

/** Wires the header buttons and the side forms to their admin operations. */
export function wireControls() {
  for (const button of document.querySelectorAll('[data-advance]')) {
    const by = Number(button.dataset.advance);
    button.addEventListener('click', () => run(`Advance ${button.textContent}`, () => admin('POST', 'clock/advance', { seconds: by })));
  }
  document.getElementById('reset').addEventListener('click', () => run('Reset', () => admin('POST', 'reset')));
  document.getElementById('clear-journal').addEventListener('click', () => run('Clear journal', () => admin('DELETE', 'journal')));
  document.getElementById('clear-faults').addEventListener('click', () => run('Remove faults', () => admin('DELETE', 'faults')));

  onSubmit('fail-next-form', 'Fail next', form =>
    admin('POST', 'tasks/fail-next', { count: numberField(form, 'count'), code: textField(form, 'code') }));
  onSubmit('hold-next-form', 'Hold next', form =>
    admin('POST', 'tasks/hold-next', { count: numberField(form, 'count') }));
  onSubmit('no-face-form', 'Mark faceless', form =>
    admin('POST', 'media/no-face', { url: textField(form, 'url') }));
  onSubmit('fault-form', 'Add fault', form => admin('POST', 'faults', faultBody(form)));
}

function faultBody(form) {
  const kind = form.elements.kind.value;
  const body = { endpoint: form.elements.endpoint.value || null, kind, count: numberField(form, 'count') };
  if (kind === 'Respond') {
    body.statusCode = numberField(form, 'statusCode');
    body.body = textField(form, 'body');
  }
  if (kind === 'Delay') {
    body.delayMilliseconds = numberField(form, 'delayMilliseconds');
  }
  return body;
}

function onSubmit(id, label, action) {
  const form = document.getElementById(id);
  form.addEventListener('submit', event => {
    event.preventDefault();
    run(label, () => action(form));
  });
}
