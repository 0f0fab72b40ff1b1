import { Badge, type TBadgeTone } from '@/components/ui/badge';
import type { TTransactionStatus } from '@/lib/transactions/transaction';

const TX_TONE: Record<TTransactionStatus, TBadgeTone> = { pending: 'brand', confirmed: 'success', failed: 'danger', expired: 'neutral' };
const TX_LABEL: Record<TTransactionStatus, string> = { pending: 'Pending', confirmed: 'Confirmed', failed: 'Failed', expired: 'Expired' };

export function TransactionStatusBadge({ status }: { status: TTransactionStatus }) {
  return <Badge tone={TX_TONE[status]}>{TX_LABEL[status]}</Badge>;
}

type TMessageStatus = 'outbox' | 'sent' | 'failed';
const MSG_TONE: Record<TMessageStatus, TBadgeTone> = { outbox: 'neutral', sent: 'success', failed: 'danger' };
const MSG_LABEL: Record<TMessageStatus, string> = { outbox: 'Kept (outbox)', sent: 'Sent', failed: 'Failed' };

export function MessageStatusBadge({ status }: { status: TMessageStatus }) {
  return <Badge tone={MSG_TONE[status]}>{MSG_LABEL[status]}</Badge>;
}

export const CHANNEL_LABEL = { email: 'Email', sms: 'SMS' } as const;
