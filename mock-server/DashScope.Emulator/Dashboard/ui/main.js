// Starts the page: opens the event stream, applies each update and redraws only the parts it touched,
// at most once per animation frame however many updates arrive.

import { renderBoard } from './board.js';
import { renderJournal } from './journal.js';
import { renderClock, renderPlans, renderFaults, renderEndpoints, renderAccounts, renderUploads, wireControls } from './panels.js';
import { state, apply, knownAccounts, fillSelect } from './state.js';

const pending = new Set();
let frame = 0;

const painters = {
  filters: () => {
    const accounts = knownAccounts();
    fillSelect(document.getElementById('account-filter'), accounts, 'all');
    fillSelect(document.getElementById('journal-account'), accounts, 'all');
  },
  endpoints: renderEndpoints,
  board: () => renderBoard(document.getElementById('account-filter').value),
  journal: renderJournal,
  clock: renderClock,
  plans: renderPlans,
  faults: renderFaults,
  accounts: renderAccounts,
  uploads: renderUploads,
};

function schedule(parts) {
  parts.forEach(part => pending.add(part));
  if (!frame && pending.size) {
    frame = requestAnimationFrame(paint);
  }
}

function paint() {
  frame = 0;
  for (const [part, painter] of Object.entries(painters)) {
    if (pending.delete(part)) painter();
  }
  document.body.dataset.version = state.version;
}

function setConnection(text, stateName) {
  const badge = document.getElementById('connection');
  badge.textContent = text;
  badge.dataset.state = stateName;
}

function connect() {
  // EventSource reconnects by itself and sends the last event id, so a reconnect gets only what it missed.
  const source = new EventSource('/__emulator/events');
  source.addEventListener('open', () => setConnection('live', 'live'));
  source.addEventListener('error', () => setConnection('reconnecting…', 'reconnecting'));
  source.addEventListener('update', event => schedule(apply(JSON.parse(event.data))));
}

wireControls();
document.getElementById('account-filter').addEventListener('change', () => schedule(['board']));
document.getElementById('journal-account').addEventListener('change', () => schedule(['journal']));
document.getElementById('journal-endpoint').addEventListener('change', () => schedule(['journal']));
connect();
