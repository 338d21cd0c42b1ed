// Builds DOM nodes without ever parsing HTML: every name shown in this client comes from a user
// (titles, nicknames, display names), so text only ever goes in through text nodes.

/**
 * Creates an element. `props`: `class`, `testid` (data-testid), `dataset`, `on<event>` listeners,
 * boolean/other non-string values as DOM properties (disabled, hidden, checked), the rest as attributes.
 * Children: nodes, strings (as text), arrays, and null/undefined/false (skipped).
 */
export function h(tag, props, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null) continue;
    if (key === 'class') element.className = value;
    else if (key === 'testid') element.dataset.testid = value;
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2), value);
    else if (typeof value !== 'string' && key in element) element[key] = value;
    else if (value === false) continue;
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

/** Appends children (nodes, strings as text, nested arrays); skips null/undefined/false. */
export function append(parent, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces all children of `parent`. */
export function replaceChildren(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** A label + control pair with a generated id, so every input has a real <label for>. */
let nextId = 0;
export function field(labelText, control, hint) {
  const id = control.id || `field-${++nextId}`;
  control.id = id;
  const hintNode = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  if (hintNode) control.setAttribute('aria-describedby', hintNode.id);
  return h('div', { class: 'field' }, h('label', { for: id }, labelText), control, hintNode);
}

/** Runs an async action for a button: disables it meanwhile and shows `busyText`. */
export async function withBusy(button, busyText, action) {
  const idleText = button.textContent;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.textContent = busyText;
  try {
    return await action();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.textContent = idleText;
  }
}
