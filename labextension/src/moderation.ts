/**
 * The moderation panel: a main-area panel fed by the server extension (`/journal-lab/moderation`), so it needs
 * no kernel and shows no console. Pending / Approved / Spam / Trash as tabs, each comment with its actions
 * named by their object, Edit, Empty trash, and a status line that clears on the next action or tab.
 */
import { ISignal, Signal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';
import { IModerationComment, IModerationReply, post, requestAPI } from './api';
import { el } from './dom';

const STATUSES = ['pending', 'approved', 'spam', 'trash'] as const;
const LABELS: Record<string, string> = { approve: 'Approve', spam: 'Spam', trash: 'Trash', restore: 'Restore', reply: 'Reply', edit: 'Edit' };
const POLL_MS = 5000;

// The panels' one way of writing a time, "12 Oct 2026, 14:05" (widgets/cards.when), in the reader's own clock;
// spelt out, since a locale's short months differ ("Sept").
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');
const written = (d: Date) =>
  `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}, ${two(d.getHours())}:${two(d.getMinutes())}`;
const title = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export class ModerationPanel extends Widget {
  constructor(readonly journalPath: string, journalTitle: string) {
    super();
    this.id = 'journal-moderation';
    this.addClass('jp-journal-Moderation');
    this.title.label = `Moderate: ${journalTitle}`;
    this.title.closable = true;
    this._status.setAttribute('role', 'status'); // there from the start, empty: its changes are announced
    this._status.className = 'jp-journal-status';
    this._tabs.setAttribute('role', 'tablist');
    this._tabs.setAttribute('aria-label', 'Comments by status');
    this.node.append(el('h2', 'Moderate comments'), this._tabs, this._toolbar, this._status, this._list);
    this._timer = window.setInterval(() => void this.poll(), POLL_MS);
  }

  /** Emitted after every change this panel made, so the sidebar recounts at once. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get status(): string {
    return this._current;
  }

  dispose(): void {
    window.clearInterval(this._timer);
    super.dispose();
  }

  async showStatus(status: string): Promise<void> {
    this._current = status;
    this.say('');
    await this.refresh();
  }

  async refresh(): Promise<void> {
    try {
      this._reply = await requestAPI<IModerationReply>('moderation', {}, { path: this.journalPath, status: this._current });
    } catch (reason) {
      this.say((reason as Error).message, false);
      return;
    }
    this._seen = JSON.stringify(this._reply);
    this.render();
  }

  /** Redraw only when what the server has changed (another process acted, a peer commented). */
  private async poll(): Promise<void> {
    if (!this.isVisible || this._editing) {
      return;
    }
    try {
      const reply = await requestAPI<IModerationReply>('moderation', {}, { path: this.journalPath, status: this._current });
      if (JSON.stringify(reply) !== this._seen) {
        this._reply = reply;
        this._seen = JSON.stringify(reply);
        this.render();
      }
    } catch {
      // the next poll tries again; an action reports its own failure
    }
  }

  async act(action: string, ids: string[], body = ''): Promise<void> {
    this.say('');
    try {
      const done = await post<{ message: string }>('moderation', { path: this.journalPath, action, ids, body });
      this._editing = '';
      await this.refresh();
      this.say(done.message);
      this._changed.emit();
    } catch (reason) {
      this.say((reason as Error).message, false);
    }
  }

  private say(text: string, ok = true): void {
    this._status.textContent = text;
    this._status.classList.toggle('jp-journal-refused', !ok);
  }

  private render(): void {
    const reply = this._reply;
    if (!reply) {
      return;
    }
    if (!reply.can_moderate) {
      this._tabs.replaceChildren();
      this._toolbar.replaceChildren();
      this._list.replaceChildren(el('p', "Moderation is for the journal's author and tutors."));
      return;
    }
    this._tabs.replaceChildren(...STATUSES.map(status => {
      const tab = el('button', `${title(status)} (${reply.totals?.[status] ?? 0})`, 'jp-mod-styled jp-journal-tab');
      tab.setAttribute('role', 'tab');
      tab.setAttribute('aria-selected', String(status === this._current));
      tab.tabIndex = status === this._current ? 0 : -1;
      tab.addEventListener('click', () => void this.showStatus(status));
      tab.addEventListener('keydown', event => this.arrow(event, status));
      return tab;
    }));
    const shown = reply.comments.map(c => c.id);
    const bulk = reply.actions.filter(a => a !== 'reply' && a !== 'edit').map(action =>
      this.button(`${LABELS[action]} selected`, `${LABELS[action]} the selected comments`,
        () => this.act(action, shown.filter(id => this._ticked.has(id)))));
    this._toolbar.replaceChildren(...bulk);
    if (this._current === 'trash' && reply.comments.length && reply.empties_trash) {
      this._toolbar.append(this.button('Empty trash', 'Empty trash: delete every comment in the trash for good',
        () => this.act('empty-trash', []), 'jp-mod-warn'));
    }
    this._ticked = new Set([...this._ticked].filter(id => shown.includes(id)));
    const count = reply.comments.length;
    const summary = el('p', `${count} ${this._current} comment${count === 1 ? '' : 's'}`);
    this._list.replaceChildren(summary, ...reply.comments.map(c => this.card(c, reply.actions)));
  }

  private card(comment: IModerationComment, actions: string[]): HTMLElement {
    const name = comment.author_name || 'Anonymous';
    const whose = `comment by ${name} on ${comment.entry_title}`;
    const card = el('article', '', 'jp-journal-mod-comment');
    card.dataset.id = comment.id;
    const box = el('input');
    box.type = 'checkbox';
    box.checked = this._ticked.has(comment.id);
    box.setAttribute('aria-label', `Select ${whose}`);
    box.addEventListener('change', () => (box.checked ? this._ticked.add(comment.id) : this._ticked.delete(comment.id)));
    const head = el('div', '', 'jp-journal-mod-head');
    const who = el('bdi', name);
    const when = el('time', comment.submitted_at ? written(new Date(comment.submitted_at)) : '');
    when.dateTime = comment.submitted_at || '';
    head.append(box, el('strong', ''), ' · ', when, ' · on ', el('em', comment.entry_title));
    head.querySelector('strong')!.append(who);
    if (comment.author_role && comment.author_role !== 'peer') {
      head.append(el('span', comment.author_role, 'jp-journal-badge'));
    }
    const meta: string[] = [];
    if (comment.author_email) {
      meta.push(comment.author_email);
    }
    if (comment.reason && this._current !== 'approved') {
      meta.push(comment.held_by_rules ? `held because: ${comment.reason}` : comment.reason);
    }
    const body = el('div', comment.body, 'jp-journal-mod-body');
    body.dir = 'auto';
    card.append(head, ...(meta.length ? [el('div', meta.join(' · '), 'jp-journal-mod-meta')] : []), body);
    if (this._editing === comment.id) {
      card.append(this.editor(comment, 'edit', `Edit the comment by ${name}`, comment.body));
    } else if (this._editing === `reply:${comment.id}`) {
      card.append(this.editor(comment, 'reply', `Reply to ${name}`, ''));
    }
    const row = el('div', '', 'jp-journal-actions');
    for (const action of actions) {
      const aria = action === 'reply' ? `Reply to ${name}` : `${LABELS[action]} ${whose}`;
      row.append(this.button(LABELS[action], aria, async () => {
        if (action === 'edit' || action === 'reply') {
          this.say('');
          this._editing = action === 'edit' ? comment.id : `reply:${comment.id}`;
          this.render();
          (this.node.querySelector('.jp-journal-mod-editor textarea') as HTMLTextAreaElement | null)?.focus();
        } else {
          await this.act(action, [comment.id]);
        }
      }));
    }
    card.append(row);
    return card;
  }

  private editor(comment: IModerationComment, action: 'edit' | 'reply', label: string, text: string): HTMLElement {
    const form = el('form', '', 'jp-journal-mod-editor');
    const area = el('textarea');
    area.value = text;
    area.setAttribute('aria-label', label);
    const send = el('button', action === 'edit' ? 'Save edit' : 'Send reply', 'jp-mod-styled jp-mod-accept');
    send.type = 'submit';
    const cancel = this.button('Cancel', `Cancel: ${label}`, async () => {
      this._editing = '';
      this.render();
    });
    cancel.type = 'button';
    form.append(area, send, cancel);
    form.addEventListener('submit', event => {
      event.preventDefault();
      void this.act(action, [comment.id], area.value);
    });
    return form;
  }

  /** Left and right move between the tabs, as a tablist does. */
  private arrow(event: KeyboardEvent, status: string): void {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) {
      return;
    }
    const next = STATUSES[(STATUSES.indexOf(status as typeof STATUSES[number]) + step + STATUSES.length) % STATUSES.length];
    void this.showStatus(next).then(() => (this._tabs.querySelector('[aria-selected="true"]') as HTMLElement | null)?.focus());
  }

  private button(text: string, aria: string, action: () => Promise<void>, cls = ''): HTMLButtonElement {
    const button = el('button', text, `jp-mod-styled jp-journal-action ${cls}`.trim());
    button.type = 'button';
    button.setAttribute('aria-label', aria);
    button.addEventListener('click', () => void action());
    return button;
  }

  private _current = 'pending';
  private _reply: IModerationReply | null = null;
  private _seen = '';
  private _editing = '';
  private _ticked = new Set<string>();
  private _timer = 0;
  private _changed = new Signal<this, void>(this);
  private _tabs = el('div', '', 'jp-journal-tabs');
  private _toolbar = el('div', '', 'jp-journal-actions');
  private _status = el('p');
  private _list = el('div', '', 'jp-journal-mod-list');
}
