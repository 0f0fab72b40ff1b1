'use client';

import { Button } from './button';
import { Modal, type TModalProps } from './modal';

export type TFormModalProps = Omit<TModalProps, 'footer' | 'busy'> & {
  /** The id of the `<form>` inside (its submit button sits in the footer, outside the form). */
  formId: string;
  submitLabel: string;
  /** The submit button's label while the form is submitting, e.g. "Creating…". */
  busyLabel?: string;
  submitting: boolean;
  /** The form has done its work and the dialog shows its result (e.g. a secret shown once): one Done button. */
  done?: boolean;
};

/**
 * A dialog holding one form: Cancel and the submit button in the footer, Escape and the backdrop
 * inert while it submits; once `done`, a single Done button (for results shown once). The
 * console's create, edit and invite dialogs are all this.
 */
export function FormModal({ formId, submitLabel, busyLabel = 'Saving…', submitting, done = false, onClose, children, ...modal }: TFormModalProps) {
  return (
    <Modal
      {...modal}
      busy={submitting}
      onClose={onClose}
      footer={
        done ? (
          <Button onClick={onClose}>Done</Button>
        ) : (
          <>
            <Button variant="secondary" onClick={onClose} disabled={submitting}>
              Cancel
            </Button>
            <Button type="submit" form={formId} busy={submitting} busyLabel={busyLabel}>
              {submitLabel}
            </Button>
          </>
        )
      }
    >
      {children}
    </Modal>
  );
}
