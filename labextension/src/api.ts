/** Calls to the `journal.lab` server extension, under `/journal-lab/`. */
import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';
import { IFigureNames } from './figures';
import { IWork } from './works';

export async function requestAPI<T>(endpoint: string, init: RequestInit = {}, query: Record<string, string> = {}): Promise<T> {
  const settings = ServerConnection.makeSettings();
  const search = new URLSearchParams(query).toString();
  const url = URLExt.join(settings.baseUrl, 'journal-lab', endpoint) + (search ? `?${search}` : '');
  const response = await ServerConnection.makeRequest(url, init, settings);
  const text = await response.text();
  let data: any = {};
  try {
    data = text ? JSON.parse(text) : {};
  } catch {
    data = { message: text };
  }
  if (!response.ok) {
    throw new Error(data.message || `${endpoint}: ${response.status} ${response.statusText}`);
  }
  return data as T;
}

export const post = <T>(endpoint: string, body: unknown): Promise<T> =>
  requestAPI<T>(endpoint, { method: 'POST', body: JSON.stringify(body) });

/** The server extension's answer about publishing an entry (`journal.lab.sidebar.set_status`, `status_of`). */
export interface IStatusReply {
  status: string;
  warnings: string[];
}

export interface IRenderedCitation {
  source: string;
  text: string;
  keys: string[];
  missing: string[];
}

export interface ICiteReply {
  style: string;
  cells: IRenderedCitation[][];
  references: Record<string, string>;
  list_html: string;
  keys: string[];
  missing: string[];
  library_only: string[];
  embed: string | null;
  problems: string[];
  library: string | null;
}

export interface IWorksReply {
  style: string;
  works: IWork[];
  problems: string[];
}

export interface IEntryRow {
  id: string;
  date: string;
  title: string;
  status: 'draft' | 'published';
  words: number;
  citations: number;
  approved: number;
  pending?: number;
  path: string;
  /** Who reads it on the course: a level, "withdrawn", "" (not shared); null outside a course. */
  shared: string | null;
}

export interface IJournalReply {
  title: string;
  author: string;
  role: 'author' | 'tutor' | 'peer';
  path: string;
  pending: number | null;
  entries: IEntryRow[];
  /** Whether the journal joined a course (the author's sidebar then shares entries). */
  course: boolean;
  /** The course's visibility levels, narrowest first, each with who that is ("your tutor group"). */
  levels: Record<string, string>;
  templates: Record<string, string>;
  can_write: boolean;
  stamp: string;
}

export interface ITemplate {
  label: string;
  description: string;
}

export interface IModerationComment {
  id: string;
  entry_id: string;
  entry_title: string;
  author_name: string;
  author_role: string;
  author_email: string;
  submitted_at: string;
  body: string;
  reason: string;
  held_by_rules: boolean;
}

export interface IModerationReply {
  role: 'author' | 'tutor' | 'peer';
  can_moderate: boolean;
  status: string;
  totals: Record<string, number> | null;
  actions: string[];
  empties_trash: boolean;
  comments: IModerationComment[];
}

export interface IEntryInfo {
  entry: boolean;
  panel_tag: string;
  list_tag: string;
  /** What makes an output a figure, and the key of its text alternative. */
  figures: IFigureNames;
  journal?: boolean;
  id?: string;
  panel_source?: string | null;
  kernel_setup?: string;
}

/** What the server says about a notebook, asked once per path. */
const entryInfos = new Map<string, Promise<IEntryInfo>>();
export function entryInfo(path: string): Promise<IEntryInfo> {
  if (!entryInfos.has(path)) {
    const asked = requestAPI<IEntryInfo>('entry', {}, { path });
    asked.catch(() => entryInfos.delete(path));
    entryInfos.set(path, asked);
  }
  return entryInfos.get(path)!;
}
