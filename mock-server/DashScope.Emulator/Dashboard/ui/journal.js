// The request journal: the latest requests, newest first, filtered by account and endpoint. The journal never
// holds a key (the emulator records the account a key acts for), so there is none to hide here.

import { state, timeOfDay, fullTime } from './state.js';

/** The most rows drawn at once. */
export const rowLimit = 200;

export function renderJournal() {
  const account = document.getElementById('journal-account').value;
  const endpoint = document.getElementById('journal-endpoint').value;
  const entries = [...state.journal.values()]
    .filter(e => (!account || e.accountId === account) && (!endpoint || e.endpoint === endpoint))
    .sort((a, b) => b.sequence - a.sequence)
    .slice(0, rowLimit);
  document.getElementById('journal').replaceChildren(...entries.map(row));
}

function row(entry) {
  const tr = document.createElement('tr');
  tr.dataset.testid = 'journal-row';
  tr.dataset.sequence = entry.sequence;
  if (entry.statusCode >= 400 || entry.statusCode === 0) tr.className = 'failed';
  const latency = entry.latencyMilliseconds === null || entry.latencyMilliseconds === undefined
    ? '–'
    : entry.latencyMilliseconds.toFixed(1) + ' ms';
  const cells = [
    entry.sequence,
    timeOfDay(entry.receivedAt),
    entry.method,
    entry.path,
    entry.endpoint || '–',
    entry.accountId || '–',
    entry.statusCode === 0 ? 'dropped' : entry.statusCode,
    entry.errorCode || '',
    latency,
    entry.fault || '',
  ];
  for (const value of cells) {
    const td = document.createElement('td');
    td.textContent = value;
    tr.append(td);
  }
  tr.children[1].title = fullTime(entry.receivedAt);
  tr.children[3].className = 'path';
  return tr;
}
