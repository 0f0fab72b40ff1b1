import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ApiReference } from '@/components/docs/api-reference';
import { OPENAPI_DOCUMENTS, isOpenApiDocumentId, loadOpenApiDocument } from '@/lib/docs/load-openapi-document';

// One static page per published document, rendered at build time.
export const dynamicParams = false;
export const generateStaticParams = () => Object.keys(OPENAPI_DOCUMENTS).map((doc) => ({ doc }));

type TProps = { params: Promise<{ doc: string }> };

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const { doc } = await params;
  if (!isOpenApiDocumentId(doc)) return {};
  const { document } = loadOpenApiDocument(doc);
  return { title: document.info.title, description: OPENAPI_DOCUMENTS[doc].summary };
}

export default async function OpenApiReferencePage({ params }: TProps) {
  const { doc } = await params;
  if (!isOpenApiDocumentId(doc)) notFound();
  const { document } = loadOpenApiDocument(doc);
  return <ApiReference document={document} jsonHref={`/docs/openapi/${doc}.json`} yamlHref={`/docs/openapi/${doc}.yaml`} />;
}
