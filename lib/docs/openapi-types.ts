/**
 * The subset of OpenAPI 3.1 that the reference pages read. Unknown keys are kept (index
 * signatures) so vendor extensions such as `x-latchkey-status` stay reachable.
 */

export type TRef = { $ref: string };

export type TSchema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  description?: string;
  enum?: unknown[];
  const?: unknown;
  examples?: unknown[];
  default?: unknown;
  properties?: Record<string, TSchema>;
  required?: string[];
  additionalProperties?: boolean | TSchema;
  items?: TSchema;
  oneOf?: TSchema[];
  anyOf?: TSchema[];
  allOf?: TSchema[];
  minLength?: number;
  maxLength?: number;
  contentEncoding?: string;
  [extension: string]: unknown;
};

export type TParameter = {
  name: string;
  in: 'query' | 'header' | 'path' | 'cookie';
  required?: boolean;
  description?: string;
  schema?: TSchema;
};

export type TMediaType = { schema?: TSchema };

export type TRequestBody = { description?: string; required?: boolean; content?: Record<string, TMediaType> };

export type THeader = { description?: string; required?: boolean; schema?: TSchema };

export type TResponse = { description?: string; headers?: Record<string, THeader | TRef>; content?: Record<string, TMediaType> };

export type TOperation = {
  tags?: string[];
  operationId?: string;
  summary?: string;
  description?: string;
  parameters?: (TParameter | TRef)[];
  requestBody?: TRequestBody | TRef;
  responses?: Record<string, TResponse | TRef>;
  security?: Record<string, string[]>[];
  deprecated?: boolean;
  [extension: string]: unknown;
};

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type THttpMethod = (typeof HTTP_METHODS)[number];

export type TPathItem = { parameters?: (TParameter | TRef)[]; summary?: string; description?: string } & Partial<Record<THttpMethod, TOperation>>;

export type TSecurityScheme = { type: string; in?: string; name?: string; scheme?: string; description?: string };

export type TOpenApiDocument = {
  openapi: string;
  info: { title: string; version: string; description?: string };
  servers?: { url: string; description?: string; variables?: Record<string, { default: string; description?: string }> }[];
  tags?: { name: string; description?: string }[];
  paths?: Record<string, TPathItem>;
  components?: {
    schemas?: Record<string, TSchema>;
    parameters?: Record<string, TParameter>;
    responses?: Record<string, TResponse>;
    requestBodies?: Record<string, TRequestBody>;
    headers?: Record<string, THeader>;
    securitySchemes?: Record<string, TSecurityScheme>;
  };
  security?: Record<string, string[]>[];
};
