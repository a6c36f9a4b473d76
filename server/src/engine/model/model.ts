// The normalised shape of Swagger 2.0, OpenAPI 3.0 and 3.1 that the diff compares.
// Every field keeps the tree node it came from, so findings map back to lines.
import type { JMap, JNode, JSeq } from '../parse/tree';
import type { SpecDocument, SpecVersion } from '../parse/loadSpec';
import type { RefResolver } from './refs';

export interface MediaModel {
  mediaType: string;
  /** The media type object (3.x) or the body/response node (2.0). */
  node: JNode;
  schema?: JNode;
}

export interface ParameterModel {
  in: string;
  name: string;
  /** Resolved parameter object. */
  node: JMap;
  /** The item as written in the parameters list ($ref or inline): where the parameter sits. */
  site: JNode;
  required: boolean;
  deprecated: boolean;
  /** The schema (3.x `schema` or `content.*.schema`; 2.0: the parameter itself). */
  schema?: JNode;
}

export interface HeaderModel {
  name: string;
  node: JMap;
  site: JNode;
  required: boolean;
  deprecated: boolean;
  schema?: JNode;
}

export interface RequestBodyModel {
  node: JNode;
  required: boolean;
  content: Map<string, MediaModel>;
}

export interface ResponseModel {
  status: string;
  node: JMap;
  site: JNode;
  headers: Map<string, HeaderModel>;
  content: Map<string, MediaModel>;
}

export interface OperationModel {
  /**
   * Match key: method + path with parameter names erased, e.g. "GET /pets/{}"; webhooks:
   * "WEBHOOK name POST"; callbacks: "CALLBACK <its operation's key> name expression POST".
   */
  key: string;
  /** Display name: "GET /pets/{petId}", "webhook newPet POST", "callback onEvent POST of POST /subscribe". */
  label: string;
  method: string;
  path: string;
  /** The key of its path item in SpecModel.paths. */
  pathKey: string;
  /** The API sends the request and the client answers (webhooks and callbacks): request and response data flow the other way. */
  apiSends: boolean;
  /** For a callback: the operation that declares it. */
  parent?: OperationModel;
  node: JMap;
  pathItem: JMap;
  parameters: Map<string, ParameterModel>;
  parametersNode?: JSeq;
  requestBody?: RequestBodyModel;
  responses: Map<string, ResponseModel>;
  responsesNode?: JMap;
  /** Effective security requirements (operation-level, else global); undefined when none apply. */
  security?: JSeq;
  deprecated: boolean;
}

export interface PathModel {
  key: string;
  /** As shown: the path, the webhook's name, or the callback's name (with its URL expression when it has several). */
  path: string;
  node: JMap;
  kind: 'path' | 'webhook' | 'callback';
  /** For a callback: where it is declared. */
  callback?: CallbackSite;
}

/** A callback's path item: `callbacks.<name>.<expression>` of an operation. */
export interface CallbackSite {
  /** The key of the operation that declares it. */
  operation: string;
  name: string;
  expression: string;
}

export interface SpecModel {
  doc: SpecDocument;
  version: SpecVersion;
  root: JMap;
  refs: RefResolver;
  paths: Map<string, PathModel>;
  operations: Map<string, OperationModel>;
  /** info.version, for the major-version policy. */
  apiVersion?: string;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
