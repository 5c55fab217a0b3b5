// What the page knows, kept up to date from the event stream's updates (each carries only what changed).

/** The most journal entries the page keeps; older ones fall off. */
export const journalLimit = 500;

export const state = {
  version: 0,
  now: null,
  clock: null,
  tasks: new Map(),
  journal: new Map(),
  faults: [],
  plans: null,
  accounts: [],
  uploads: [],
  uploadsEnabled: false,
  endpoints: [],
};

/** Applies one update; returns which parts of the page need drawing again. */
export function apply(update) {
  const dirty = new Set();
  if (update.full) {
    state.tasks.clear();
    state.journal.clear();
    state.endpoints = update.endpoints || [];
    state.uploadsEnabled = !!update.uploadsEnabled;
    ['board', 'journal', 'filters', 'endpoints', 'uploads'].forEach(part => dirty.add(part));
  }
  state.version = update.version;
  state.now = update.now;
  for (const task of update.tasks) {
    if (!state.tasks.has(task.taskId)) {
      dirty.add('filters');
    }
    state.tasks.set(task.taskId, task);
    dirty.add('board');
  }
  for (const id of update.removedTaskIds) {
    state.tasks.delete(id);
    dirty.add('board');
  }
  for (const entry of update.journal) {
    state.journal.set(entry.sequence, entry);
    dirty.add('journal');
  }
  trimJournal();
  if (update.clock) {
    state.clock = update.clock;
    dirty.add('clock');
  }
  if (update.faults) {
    state.faults = update.faults;
    dirty.add('faults');
  }
  if (update.plans) {
    state.plans = update.plans;
    dirty.add('plans');
  }
  if (update.accounts) {
    state.accounts = update.accounts;
    dirty.add('accounts');
    dirty.add('filters');
  }
  if (update.uploads) {
    state.uploads = update.uploads;
    dirty.add('uploads');
  }
  if (update.journal.length) {
    dirty.add('filters');
  }
  return dirty;
}

function trimJournal() {
  if (state.journal.size <= journalLimit) {
    return;
  }
  const keys = [...state.journal.keys()].sort((a, b) => a - b);
  for (const key of keys.slice(0, keys.length - journalLimit)) {
    state.journal.delete(key);
  }
}

/** Every account id the page has seen: registered accounts, task owners, journal callers. */
export function knownAccounts() {
  const ids = new Set(state.accounts.map(a => a.accountId));
  for (const task of state.tasks.values()) ids.add(task.accountId);
  for (const entry of state.journal.values()) if (entry.accountId) ids.add(entry.accountId);
  return [...ids].sort();
}

/** An instant as a time of day in UTC with milliseconds, e.g. 03:33:08.146. */
export function timeOfDay(instant) {
  return instant ? new Date(instant).toISOString().slice(11, 23) : '–';
}

/** An instant as date and time in UTC, for titles. */
export function fullTime(instant) {
  return instant ? new Date(instant).toISOString().replace('T', ' ').replace('Z', ' UTC') : '';
}

/** Seconds, e.g. "5 s" or "2.79 s". */
export function seconds(value) {
  return value === null || value === undefined ? '–' : Number(value.toFixed(3)) + ' s';
}

/** Replaces a select's options, keeping the chosen value when it is still offered. */
export function fillSelect(select, values, allLabel) {
  const chosen = select.value;
  const options = [];
  if (allLabel !== undefined) {
    options.push(new Option(allLabel, ''));
  }
  for (const value of values) {
    options.push(new Option(value, value));
  }
  select.replaceChildren(...options);
  if ([...select.options].some(o => o.value === chosen)) {
    select.value = chosen;
  }
}
