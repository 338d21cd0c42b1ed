// The error line of a view or form, and `attempt`, which every view runs its calls through: the line is cleared, the
// call made, and a refusal shown there as the server worded it (resolving to undefined), so a failed call never
// escapes as an unhandled rejection (a console error) and every view words failures the same way.
import { h } from './dom.js';
import { messageOf } from './errors.js';

/**
 * @param {string} testid the line's data-testid.
 * @param {{ isDisposed?: () => boolean }} [options] isDisposed: a view that closed meanwhile shows nothing.
 * @returns {{ element: HTMLElement, show: (failure: unknown) => void, clear: () => void,
 *             attempt: <T>(action: () => Promise<T>) => Promise<T|undefined> }}
 */
export function errorLine(testid, { isDisposed = () => false } = {}) {
  const element = h('p', { class: 'message error', role: 'alert', hidden: true, testid });
  const line = {
    element,
    /** Shows a text, or the message of anything thrown. */
    show(failure) {
      element.textContent = typeof failure === 'string' ? failure : messageOf(failure);
      element.hidden = false;
    },
    clear() {
      element.hidden = true;
    },
    async attempt(action) {
      line.clear();
      try {
        return await action();
      } catch (failure) {
        if (!isDisposed()) line.show(failure);
        return undefined;
      }
    },
  };
  return line;
}
