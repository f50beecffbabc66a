/**
 * "Describe this figure…": the text alternative of the active code cell's figure, written into its output's
 * metadata under the key every export reads (the server names it). Offered only where it can act: the
 * active cell of an entry, a code cell with a figure among its outputs.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { InputDialog } from '@jupyterlab/apputils';
import { CodeCell } from '@jupyterlab/cells';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { LabIcon } from '@jupyterlab/ui-components';
import { entryInfo } from './api';
import { el } from './dom';
import { figureToDescribe, IFigureNames, IOutputJSON, isFigure, ownAlt, withAlt } from './figures';

export const DESCRIBE_FIGURE = 'journal:describe-figure';

const figureIcon = new LabIcon({
  name: 'journal-lab:figure',
  svgstr: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path class="jp-icon3" fill="#616161" ' +
    'd="M4 4h16a1 1 0 0 1 1 1v14a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1zm1 2v10l4-4 3 3 4-5 3 4V6H5z"/></svg>'
});

interface ITarget {
  cell: CodeCell;
  names: IFigureNames;
  index: number;
  position: number;
  of: number;
}

export function addDescribeFigure(app: JupyterFrontEnd, notebooks: INotebookTracker): void {
  // The server's figure names per path, once it answered (null: not an entry); the command asks synchronously.
  const known = new Map<string, IFigureNames | null>();
  const notify = () => app.commands.notifyCommandChanged(DESCRIBE_FIGURE);
  const learn = (panel: NotebookPanel) => {
    const path = panel.context.path;
    if (!known.has(path)) {
      void entryInfo(path).then(info => {
        known.set(path, info.entry ? info.figures : null);
        notify();
      }).catch(() => undefined); // no server extension: never offered
    }
  };
  const target = (): ITarget | null => {
    const panel = notebooks.currentWidget;
    const cell = panel?.content.activeCell;
    const names = panel ? known.get(panel.context.path) : null;
    if (!(cell instanceof CodeCell) || !names) {
      return null;
    }
    const found = figureToDescribe(cell.model.outputs.toJSON() as IOutputJSON[], names);
    return found.index < 0 ? null : { cell, names, ...found };
  };

  // Running the cell (a figure appears or goes), another cell or notebook, a rename: ask again.
  let watched: CodeCell['model']['outputs'] | null = null;
  const follow = () => {
    watched?.changed.disconnect(notify);
    const panel = notebooks.currentWidget;
    if (panel) {
      learn(panel);
    }
    const cell = panel?.content.activeCell;
    watched = cell instanceof CodeCell ? cell.model.outputs : null;
    watched?.changed.connect(notify);
    notify();
  };
  notebooks.currentChanged.connect(follow);
  notebooks.activeCellChanged.connect(follow);
  notebooks.widgetAdded.connect((_, panel) => panel.context.pathChanged.connect(follow));

  app.commands.addCommand(DESCRIBE_FIGURE, {
    label: 'Describe this figure…',
    caption: "Write the text alternative the exports give the selected cell's figure",
    icon: figureIcon,
    isEnabled: () => target() !== null,
    isVisible: () => target() !== null,
    execute: async () => {
      const found = target();
      if (found) {
        await describe(found);
      }
    }
  });
}

/** Ask for the figure's description, prefilled with the one it has (its output's, else its cell's). */
async function describe({ cell, names, index, position, of }: ITarget): Promise<void> {
  const outputs = cell.model.outputs;
  const output = outputs.get(index).toJSON() as IOutputJSON;
  const result = await InputDialog.getText({
    title: of > 1 ? `Describe figure ${position} of ${of} in this cell` : 'Describe this figure',
    label: 'What the figure shows, for readers who cannot see it',
    text: ownAlt(output, names) || String(cell.model.getMetadata(names.alt) ?? '').trim(),
    okLabel: 'Describe'
  });
  // The cell may have been run again while the dialog was open: write only onto a figure still there.
  if (!result.button.accept || result.value === null || cell.isDisposed || index >= outputs.length) {
    return;
  }
  const now = outputs.get(index).toJSON() as IOutputJSON;
  if (isFigure(now, names)) {
    // Replacing the output (not editing its model in place) is what JupyterLab passes on to the saved file.
    outputs.set(index, withAlt(now, result.value, names) as any);
  }
}

/** A button for the command, there only while the command can act (it follows the active cell). */
export function describeButton(app: JupyterFrontEnd): HTMLButtonElement {
  const button = el('button', 'Describe this figure', 'jp-mod-styled jp-journal-action jp-journal-describe');
  button.addEventListener('click', () => void app.commands.execute(DESCRIBE_FIGURE));
  const update = () => {
    button.hidden = !app.commands.isEnabled(DESCRIBE_FIGURE);
    button.title = app.commands.caption(DESCRIBE_FIGURE);
  };
  app.commands.commandChanged.connect((_, changed) => {
    if (!changed.id || changed.id === DESCRIBE_FIGURE) {
      update();
    }
  });
  update();
  return button;
}
