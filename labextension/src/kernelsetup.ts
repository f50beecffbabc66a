/**
 * An entry's kernel runs the journal's set-up (the server's `kernel_setup`: the hook that keeps each matplotlib
 * figure's title and axis labels as its text alternative) when it is first ready and again after every restart
 * or change of kernel, silently: the student sees no cell and no output. Like the panel's cell, this is code the
 * server names, never code of the extension's own.
 */
import { NotebookPanel } from '@jupyterlab/notebook';
import { Kernel } from '@jupyterlab/services';
import { IEntryInfo } from './api';

const watched = new WeakSet<NotebookPanel>();
// A kernel that starts anew (a first start, a restart, another kernel chosen) has lost the set-up.
const FRESH: Kernel.Status[] = ['starting', 'restarting', 'autorestarting'];

export async function keepKernelSetup(panel: NotebookPanel, info: IEntryInfo): Promise<void> {
  const code = info.kernel_setup;
  if (!code || watched.has(panel)) {
    return;
  }
  watched.add(panel);
  await panel.sessionContext.ready;
  await run(panel, code);
  let fresh = false;
  panel.sessionContext.statusChanged.connect((_, status) => {
    if (FRESH.includes(status)) {
      fresh = true;
    } else if (status === 'idle' && fresh) {
      fresh = false;
      void run(panel, code);
    }
  });
  panel.sessionContext.kernelChanged.connect(() => {
    fresh = true;
  });
}

/** Run `code` once in the panel's kernel; done when the kernel has replied (or there is no kernel). */
async function run(panel: NotebookPanel, code: string): Promise<void> {
  const kernel = panel.sessionContext.session?.kernel;
  if (panel.isDisposed || !kernel) {
    return;
  }
  await kernel.requestExecute({ code, silent: true, store_history: false }).done;
}
