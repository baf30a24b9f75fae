type Child = Node | string | null | undefined | false;

/** Attributes to set; `null`/`undefined`/`false` leave one out. Never `style`: strict CSPs block style attributes. */
type Attributes = Record<string, string | number | boolean | null | undefined>;

/** Creates an element with attributes and children; text is always inserted as text, never parsed. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}
