import Link from 'next/link';
import { CenteredCard } from '@/components/ui/card';

export default function HomePage() {
  return (
    <CenteredCard title="Latchkey is running">
      <p className="mb-4 text-slate-600">A passwordless identity provider: passkeys, hosted sign-in pages and REST APIs for your applications.</p>
      <ul className="space-y-2 text-sm">
        <li>
          <Link className="font-medium text-brand-700 underline-offset-4 hover:underline" href="/webauthn/healthz">Service health</Link>
          <span className="text-slate-500"> — /webauthn/healthz</span>
        </li>
        <li>
          <Link className="font-medium text-brand-700 underline-offset-4 hover:underline" href="/webauthn/environment">Environment</Link>
          <span className="text-slate-500"> — /webauthn/environment</span>
        </li>
      </ul>
    </CenteredCard>
  );
}
