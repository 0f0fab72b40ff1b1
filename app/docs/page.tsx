import { DocsIndex } from '@/components/docs/docs-index';
import { OPENAPI_DOCUMENTS, loadOpenApiDocument, type TOpenApiDocumentId } from '@/lib/docs/load-openapi-document';

export default function DocsIndexPage() {
  const entries = (Object.keys(OPENAPI_DOCUMENTS) as TOpenApiDocumentId[]).map((id) => ({ id, summary: OPENAPI_DOCUMENTS[id].summary, document: loadOpenApiDocument(id).document }));
  return <DocsIndex entries={entries} />;
}
