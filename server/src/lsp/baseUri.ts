// `breakwater-base:` URIs name a file as it is in the base. They keep the file
// URI's path (so editors pick the right language and title) and differ from it
// only in the scheme: breakwater-base:///repo/openapi.yaml <-> file:///repo/openapi.yaml.
import { BASE_SCHEME } from '../../../protocol/src/protocol';

export function baseUriOf(fileUri: string): string {
  return fileUri.replace(/^file:/i, `${BASE_SCHEME}:`);
}

export function fileUriOfBase(baseUri: string): string | undefined {
  if (!baseUri.startsWith(`${BASE_SCHEME}:`)) return undefined;
  return 'file:' + baseUri.slice(BASE_SCHEME.length + 1).replace(/\?.*$/, '');
}
