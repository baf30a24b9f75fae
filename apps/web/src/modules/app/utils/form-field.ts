/** A text field's value from a submitted form ('' when absent or a file). */
export function formField(form: HTMLFormElement, name: string): string {
  const value = new FormData(form).get(name);
  return typeof value === 'string' ? value.trim() : '';
}
