/**
 * Works a student can cite, and the pure text logic around citing: finding the `@` being typed,
 * fuzzy matching, and writing a citation in pandoc's syntax. No JupyterLab here, so jest tests it.
 */

export interface IWork {
  key: string;
  author: string;
  year: string;
  title: string;
  reference: string;
  where: 'entry' | 'library';
  /** Place in the reference list of every work the notebook can cite (the style's order). */
  rank?: number;
}

/** Characters of a pandoc citation key after its first one (as `references.citations.KEY`). */
const KEY_TAIL = "[\\w:.#$%&+?<>~/-]*";
const AT_BEFORE_CURSOR = new RegExp(`(^|[\\s\\[;(])(-?)@(${KEY_TAIL})$`, 'u');

/** The citation key being typed just before the cursor: where it starts and what is typed so far. */
export function keyAtCursor(textBefore: string): { start: number; query: string } | null {
  const match = AT_BEFORE_CURSOR.exec(textBefore);
  if (!match) {
    return null;
  }
  const query = match[3];
  return { start: textBefore.length - query.length, query };
}

/** Letters without accents, lower case: "Schön" finds "schon" and "sch" finds "Schön". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * How well `query` matches `text`: every character of the query in order (a subsequence), scored
 * higher for matches at word starts and in runs. null when it does not match.
 */
export function fuzzyScore(query: string, text: string): number | null {
  const q = fold(query).replace(/\s+/g, '');
  const t = fold(text);
  if (!q) {
    return 0;
  }
  let score = 0;
  let from = firstAtWordStart(t, q[0]);
  if (from < 0) {
    return null; // "sch" should not find "Dickinson" through its middle
  }
  let previous = -2;
  for (const ch of q) {
    const at = t.indexOf(ch, from);
    if (at < 0) {
      return null;
    }
    const wordStart = isWordStart(t, at);
    score += 1 + (at === previous + 1 ? 2 : 0) + (wordStart ? 3 : 0);
    previous = at;
    from = at + 1;
  }
  return score - t.length / 1000;
}

const isWordStart = (t: string, at: number): boolean => at === 0 || /[^\p{L}\p{N}]/u.test(t[at - 1]);

function firstAtWordStart(t: string, ch: string): number {
  for (let at = t.indexOf(ch); at >= 0; at = t.indexOf(ch, at + 1)) {
    if (isWordStart(t, at)) {
      return at;
    }
  }
  return -1;
}

/** What a work is searched by: key, authors, year and title. */
export function haystack(work: IWork): string {
  return `${work.key} ${work.author} ${work.year} ${work.title}`;
}

/** Works matching `query`, best first; ties keep the embedded works before the library's. */
export function search(works: IWork[], query: string, limit = 50): IWork[] {
  const scored: Array<[number, number, IWork]> = [];
  works.forEach((work, index) => {
    const best = Math.max(fuzzyScore(query, work.key) ?? -1, fuzzyScore(query, haystack(work)) ?? -1);
    if (best >= 0 || !query) {
      scored.push([best, index, work]);
    }
  });
  scored.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  return scored.slice(0, limit).map(([, , work]) => work);
}

/** Embedded works first, then library works whose key is not embedded. */
export function mergeWorks(embedded: IWork[], library: IWork[]): IWork[] {
  const seen = new Set(embedded.map(w => w.key));
  return [...embedded, ...library.filter(w => !seen.has(w.key))];
}

/**
 * `keys` in the reference list's order. The server sends the works in that order (its style sorts them by
 * author, year and suffix), embedded and library works each; merged, they are ordered again here by rank.
 */
export function sortedKeys(works: IWork[], keys: string[]): string[] {
  const rank = new Map(works.map(w => [w.key, w.rank ?? 0]));
  return [...keys].sort((a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity));
}

/** What the Narrative checkbox says: the form that will be written for the ticked work. */
export function narrativePreview(works: IWork[], locator = ''): string {
  if (works.length === 0) {
    return 'Narrative (tick one work)';
  }
  if (works.length > 1) {
    return 'Narrative (one work only)';
  }
  const place = locator.trim() ? `, ${locator.trim()}` : '';
  return `Narrative: ${works[0].author} (${works[0].year}${place})`;
}

export interface ICitationOptions {
  /** A locator such as "p. 6", applied to the last work. */
  locator?: string;
  /** Narrative form: "Schön (1983)" instead of "(Schön, 1983)". Only for one work. */
  narrative?: boolean;
  /** Text before the citation, such as "see". */
  prefix?: string;
}

/** A citation in pandoc's syntax: `[@a; @b, p. 6]`, `@a [p. 6]`, `[see @a]`. */
export function citationText(keys: string[], options: ICitationOptions = {}): string {
  if (keys.length === 0) {
    throw new Error('choose at least one work to cite');
  }
  const locator = (options.locator ?? '').trim();
  if (options.narrative) {
    if (keys.length > 1) {
      throw new Error('the narrative form names one work');
    }
    return `@${keys[0]}` + (locator ? ` [${locator}]` : '');
  }
  const prefix = (options.prefix ?? '').trim();
  const items = keys.map((key, i) => {
    const last = i === keys.length - 1;
    return `${i === 0 && prefix ? prefix + ' ' : ''}@${key}${last && locator ? ', ' + locator : ''}`;
  });
  return `[${items.join('; ')}]`;
}

/** Where each `needle` occurs in `text`, without overlaps, earliest and longest first. */
export function findAll(text: string, needles: string[]): Array<{ start: number; end: number; needle: string }> {
  const found: Array<{ start: number; end: number; needle: string }> = [];
  const unique = Array.from(new Set(needles.filter(n => n.length > 0))).sort((a, b) => b.length - a.length);
  for (const needle of unique) {
    let at = text.indexOf(needle);
    while (at >= 0) {
      const end = at + needle.length;
      if (!found.some(f => at < f.end && end > f.start)) {
        found.push({ start: at, end, needle });
      }
      at = text.indexOf(needle, at + 1);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
