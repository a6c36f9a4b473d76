// `breakwater-base:` URIs name a file as it is in the base. They keep the file
// URI's path (so editors pick the right language and title) and differ from it
// only in the scheme: breakwater-base:///repo/openapi.yaml <-> file:///repo/openapi.yaml.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BASE_SCHEME } from '../../../protocol/src/protocol';

export function baseUriOf(fileUri: string): string {
  return fileUri.replace(/^file:/i, `${BASE_SCHEME}:`);
}

export function fileUriOfBase(baseUri: string): string | undefined {
  if (!baseUri.startsWith(`${BASE_SCHEME}:`)) return undefined;
  return 'file:' + baseUri.slice(BASE_SCHEME.length + 1).replace(/\?.*$/, '');
}

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
