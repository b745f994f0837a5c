// How validation messages name a place in a JSON document (contracts.json, a rotation schedule): identifiers
// (dashes allowed) as `.name`, other keys as `["key"]`, indices as `[i]`.

export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_][\w-]*$/.test(key)) text += text === '' ? key : `.${key}`;
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text;
}
