import { defineRoute } from '@/lib/http/route';
import { serveOpenApiFile } from '@/lib/docs/serve-openapi-file';

// GET /docs/openapi/{webauthn|fido2|hosted}.{json|yaml}: the published OpenAPI documents.
export const GET = defineRoute<{ file: string }>('hosted', async ({ request, params }) => serveOpenApiFile({ file: params.file, ifNoneMatch: request.headers.get('if-none-match') }));
