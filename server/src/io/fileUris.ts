// file: URIs (what the editor names documents by) and the paths on disk they stand
// for. The language server and the workspace services below it both convert, so
// the conversion lives once, here.
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Local path of a file: URI, undefined for other schemes (untitled, remote...). */
export function fsPathOf(uri: string): string | undefined {
  if (!/^file:/i.test(uri)) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function fileUriOf(path: string): string {
  return pathToFileURL(path).toString();
}
