'use client';

import { useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorIcon, TextField } from '@/components/ui/field';
import { MAX_ICON_LENGTH } from '@/lib/metadata/vendor-metadata';
import type { TZodForm } from '../form';

/** The form fields a record's create and edit dialogs share (the form holds strings only). */
export type TRecordFieldValues = { name: string; iconLight: string; iconDark: string; metadata: string };
type TForm = TZodForm<TRecordFieldValues & Record<string, unknown>>;

const ACCEPT = 'image/png,image/jpeg,image/gif,image/webp,image/svg+xml';

/**
 * An icon as a data: URL: a file picker, a preview on a light or dark tile, and Remove. The file
 * is read in the browser; the shared schema checks its type and size (ZIconDataUrl).
 */
function IconField({ form, name, label, dark }: { form: TForm; name: 'iconLight' | 'iconDark'; label: string; dark?: boolean }) {
  const id = form.idOf(name);
  const hintId = useId();
  const errorId = `${id}-error`;
  const input = useRef<HTMLInputElement>(null);
  const [readError, setReadError] = useState<string>();
  const value = String(form.values[name] ?? '');
  const error = readError ?? form.errors[name];

  function choose(file: File | undefined) {
    setReadError(undefined);
    if (!file) return;
    if (file.size > (MAX_ICON_LENGTH * 3) / 4) {
      setReadError(`This image is ${Math.ceil(file.size / 1000)} KB; an icon may be at most ${Math.floor((MAX_ICON_LENGTH * 3) / 4 / 1000)} KB.`);
      return;
    }
    const reader = new FileReader();
    reader.onload = () => form.setValue(name, String(reader.result ?? ''));
    reader.onerror = () => setReadError("The file couldn't be read.");
    reader.readAsDataURL(file);
  }

  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <p id={hintId} className="mt-0.5 text-sm text-slate-500">
        PNG, JPEG, GIF, WebP or SVG, up to {Math.floor((MAX_ICON_LENGTH * 3) / 4 / 1000)} KB.
      </p>
      <div className="mt-1.5 flex flex-wrap items-center gap-3">
        <span className={`flex h-12 w-12 shrink-0 items-center justify-center rounded-lg ring-1 ring-slate-200 ${dark ? 'bg-slate-900' : 'bg-white'}`}>
          {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL, nothing to optimise */}
          {value ? <img src={value} alt={`${label} preview`} className="h-9 w-9 object-contain" /> : <span className="text-xs text-slate-400">None</span>}
        </span>
        <input
          ref={input}
          id={id}
          type="file"
          accept={ACCEPT}
          aria-describedby={[hintId, error ? errorId : ''].filter(Boolean).join(' ')}
          aria-invalid={error ? true : undefined}
          onChange={(e) => choose(e.target.files?.[0])}
          className="block w-full max-w-xs text-sm text-slate-700 file:mr-3 file:min-h-9 file:cursor-pointer file:rounded-lg file:border file:border-slate-300 file:bg-white file:px-3 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-50"
        />
        {value ? (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              form.setValue(name, '');
              if (input.current) input.current.value = '';
            }}
          >
            Remove<span className="sr-only"> {label.toLowerCase()}</span>
          </Button>
        ) : null}
      </div>
      {error ? (
        <p id={errorId} className="mt-1.5 flex items-start gap-1.5 text-sm text-red-700">
          <ErrorIcon className="mt-0.5 h-4 w-4" />
          <span>{error}</span>
        </p>
      ) : null}
    </div>
  );
}

/** Name, light and dark icon, metadata JSON. */
export function RecordFields({ form }: { form: TForm }) {
  const metadata = form.field('metadata');
  const hintId = `${metadata.id}-hint`;
  return (
    <>
      <TextField {...form.field('name')} label="Name" hint="How passkeys of this model are named, e.g. “YubiKey 5 NFC”." maxLength={200} autoComplete="off" />
      <div className="grid gap-4 sm:grid-cols-2">
        <IconField form={form} name="iconLight" label="Icon for light backgrounds" />
        <IconField form={form} name="iconDark" label="Icon for dark backgrounds" dark />
      </div>
      <div>
        <label htmlFor={metadata.id} className="block text-sm font-medium text-slate-800">
          Metadata (JSON, optional)
        </label>
        <p id={hintId} className="mt-0.5 text-sm text-slate-500">
          A JSON object kept with the record, e.g. an MDS metadata statement or your own notes.
        </p>
        <textarea
          id={metadata.id}
          name="metadata"
          value={metadata.value}
          onChange={metadata.onChange}
          rows={6}
          spellCheck={false}
          aria-invalid={metadata.error ? true : undefined}
          aria-describedby={[hintId, metadata.error ? `${metadata.id}-error` : ''].filter(Boolean).join(' ')}
          className={`mt-1.5 block w-full rounded-lg border bg-white px-3 py-2 font-mono text-sm text-slate-900 shadow-sm focus:border-brand-600 focus:outline-2 focus:outline-offset-0 focus:outline-brand-600 ${metadata.error ? 'border-red-600' : 'border-slate-300'}`}
        />
        {metadata.error ? (
          <p id={`${metadata.id}-error`} className="mt-1.5 flex items-start gap-1.5 text-sm text-red-700">
            <ErrorIcon className="mt-0.5 h-4 w-4" />
            <span>{metadata.error}</span>
          </p>
        ) : null}
      </div>
    </>
  );
}
