/**
 * A figure among a cell's outputs and its text alternative, by the names the server hands over
 * (`entry_info`'s `figures`): the key the exports read and what makes an output a figure. These mirror
 * `export.preprocessors.figures.is_figure` and `journal.figures.output_alt`; the names stay the server's.
 */

/** The server's names for figures (`journal.lab.sidebar.entry_info`). */
export interface IFigureNames {
  alt: string;
  image_types: string[];
  shown_before: string[];
}

/** An output as nbformat writes it (the part read here). */
export interface IOutputJSON {
  output_type: string;
  data?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  [key: string]: unknown;
}

/** Whether an output is a figure the exports describe: a picture, and nothing they show before pictures. */
export function isFigure(output: IOutputJSON, names: IFigureNames): boolean {
  const data = output.data ?? {};
  return names.image_types.some(m => m in data) && !names.shown_before.some(m => m in data);
}

/** The text alternative an output carries itself ('' when none): its own metadata, then its image type's
 * (where the kernel's matplotlib hook writes it). */
export function ownAlt(output: IOutputJSON, names: IFigureNames): string {
  const metadata = output.metadata ?? {};
  let found = metadata[names.alt];
  for (const mime of names.image_types) {
    const typed = metadata[mime];
    if (!found && typed && typeof typed === 'object') {
      found = (typed as Record<string, unknown>)[names.alt];
    }
  }
  return found ? String(found).trim() : '';
}

/** Which output to describe: the first figure without a text alternative of its own, else the first figure
 * (index -1: none). `position` counts from 1 among the cell's `of` figures. */
export function figureToDescribe(outputs: IOutputJSON[], names: IFigureNames):
    { index: number; position: number; of: number } {
  const figures = outputs.map((o, i) => (isFigure(o, names) ? i : -1)).filter(i => i >= 0);
  const bare = figures.findIndex(i => !ownAlt(outputs[i], names));
  const rank = figures.length ? Math.max(bare, 0) : -1;
  return { index: rank < 0 ? -1 : figures[rank], position: rank + 1, of: figures.length };
}

/** The output with `text` as its own text alternative; an empty text removes it (the exports then fall back
 * on the cell's, the kernel's or the numbered default). */
export function withAlt(output: IOutputJSON, text: string, names: IFigureNames): IOutputJSON {
  const metadata = { ...(output.metadata ?? {}) };
  if (text.trim()) {
    metadata[names.alt] = text.trim();
  } else {
    delete metadata[names.alt];
  }
  return { ...output, metadata };
}
