// The task board: PENDING, RUNNING and finished columns, each showing at most `cardLimit` cards, so a board
// with hundreds of tasks stays as light as one with a few. Cards are rebuilt only when their task changed.

import { admin, run } from './api.js';
import { state, timeOfDay, fullTime, seconds } from './state.js';

/** The most cards one column shows; the rest are counted below it. */
export const cardLimit = 40;

const cards = new Map();

/** Draws the three columns for the chosen account. */
export function renderBoard(accountFilter) {
  const columns = { pending: [], running: [], finished: [] };
  let total = 0;
  for (const task of state.tasks.values()) {
    if (accountFilter && task.accountId !== accountFilter) continue;
    total++;
    columns[columnOf(task)].push(task);
  }
  columns.pending.sort((a, b) => compare(a.submitTime, b.submitTime));
  columns.running.sort((a, b) => compare(a.scheduledTime, b.scheduledTime));
  columns.finished.sort((a, b) => compare(b.endTime, a.endTime));

  for (const [name, tasks] of Object.entries(columns)) {
    const column = document.querySelector(`.column[data-column="${name}"]`);
    const shown = tasks.slice(0, cardLimit).map(card);
    column.querySelector('.cards').replaceChildren(...shown);
    column.querySelector('.count').textContent = tasks.length;
    column.querySelector('.more').textContent =
      tasks.length > cardLimit ? `showing ${cardLimit} of ${tasks.length}; choose an account to narrow` : '';
  }
  document.getElementById('task-total').textContent = `${total} task${total === 1 ? '' : 's'}`;
  forgetCardsOfGoneTasks();
}

function columnOf(task) {
  if (task.status === 'Pending') return 'pending';
  return ['Succeeded', 'Failed', 'Canceled', 'Unknown'].includes(task.status) ? 'finished' : 'running';
}

function compare(a, b) {
  return (a || '').localeCompare(b || '');
}

/** The card of a task, reused while the task is unchanged (a playing video keeps playing). */
function card(task) {
  const key = JSON.stringify(task);
  const cached = cards.get(task.taskId);
  if (cached && cached.key === key) {
    return cached.element;
  }
  const element = buildCard(task);
  cards.set(task.taskId, { key, element });
  return element;
}

function forgetCardsOfGoneTasks() {
  for (const id of cards.keys()) {
    if (!state.tasks.has(id)) cards.delete(id);
  }
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function buildCard(task) {
  const status = task.status.toUpperCase();
  const item = el('li', 'card status-' + task.status.toLowerCase());
  item.dataset.taskId = task.taskId;
  item.dataset.status = status;
  item.dataset.testid = 'task-card';

  const head = el('div', 'card-head');
  head.append(el('span', 'badge', status), el('code', 'task-id', task.taskId.slice(0, 8)), el('span', 'account', task.accountId));
  head.querySelector('.task-id').title = task.taskId;
  if (task.isHeld) head.append(el('span', 'badge held', 'HELD'));
  if (task.plannedFailureCode) head.append(el('span', 'badge planned', 'will fail: ' + task.plannedFailureCode));
  item.append(head, inputs(task), timeline(task));

  if (task.resultUrl) {
    const video = el('video', 'result');
    video.controls = true;
    video.preload = 'none';
    video.src = task.resultUrl;
    video.dataset.testid = 'result-video';
    item.append(video);
  }
  if (task.errorCode) {
    const failure = el('p', 'failure');
    const code = el('code', 'error-code', task.errorCode);
    code.dataset.testid = 'error-code';
    failure.append(code, el('span', 'error-message', ' ' + (task.errorMessage || '')));
    item.append(failure);
  }
  item.append(controls(task));
  return item;
}

function inputs(task) {
  const box = el('div', 'inputs');
  if (task.imageUrl && /^https?:/i.test(task.imageUrl)) {
    const image = el('img', 'thumb');
    image.loading = 'lazy';
    image.alt = 'input image';
    image.src = task.imageUrl;
    image.title = task.imageUrl;
    box.append(image);
  } else if (task.imageUrl) {
    box.append(el('span', 'muted', task.imageUrl));
  }
  const audio = el('span', 'audio', 'audio ' + seconds(task.audioSeconds));
  audio.title = task.audioUrl || '';
  box.append(audio, el('span', 'muted', task.endpoint + ' · ' + task.model));
  return box;
}

function timeline(task) {
  const list = el('dl', 'timeline');
  const row = (label, instant, note) => {
    const value = el('dd', '', timeOfDay(instant));
    value.title = fullTime(instant);
    if (note) value.append(el('span', 'muted', ' ' + note));
    list.append(el('dt', '', label), value);
  };
  row('submitted', task.submitTime);
  row('scheduled', task.scheduledTime, task.scheduledTime ? 'after ' + seconds(task.queuedSeconds) + ' queued' : 'queued ' + seconds(task.queuedSeconds));
  const ran = task.runningSeconds !== null && task.runningSeconds !== undefined ? seconds(task.runningSeconds) + ' running' : '';
  row('ended', task.endTime, task.endTime ? [ran, seconds(task.totalSeconds) + ' total'].filter(Boolean).join(', ') : ran);
  return list;
}

function controls(task) {
  const box = el('div', 'task-controls');
  const status = el('select', 'force-status');
  status.dataset.testid = 'force-status';
  for (const [value, label] of [['Succeeded', 'SUCCEEDED'], ['Failed', 'FAILED'], ['Canceled', 'CANCELED'], ['Running', 'RUNNING'], ['Pending', 'PENDING (hold)']]) {
    status.append(new Option(label, value));
  }
  const code = el('input', 'force-code');
  code.placeholder = 'code for FAILED';
  code.dataset.testid = 'force-code';
  const force = button('Force', 'force', () => {
    const body = { status: status.value };
    if (code.value.trim()) body.code = code.value.trim();
    return run('Force ' + task.taskId.slice(0, 8), () => admin('POST', `tasks/${encodeURIComponent(task.taskId)}/force`, body));
  });
  const hold = button('Hold', 'hold', () => run('Hold ' + task.taskId.slice(0, 8), () => admin('POST', `tasks/${encodeURIComponent(task.taskId)}/hold`)));
  const release = button('Release', 'release', () => run('Release ' + task.taskId.slice(0, 8), () => admin('POST', `tasks/${encodeURIComponent(task.taskId)}/release`)));
  box.append(status, code, force, hold, release);
  return box;
}

function button(text, testid, action) {
  const node = el('button', '', text);
  node.type = 'button';
  node.dataset.testid = testid;
  node.addEventListener('click', action);
  return node;
}
