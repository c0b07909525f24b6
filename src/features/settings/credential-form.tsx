'use client';

import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import {
  CREDENTIAL_TYPE_LABELS,
  CREDENTIAL_TYPES,
  TLS_MODES,
  type CredentialType,
} from '@/shared/credential-types';
import { useTRPC } from '@/trpc/react';
import { credentialData, CREDENTIAL_FIELDS, type CredentialField } from './credential-fields';

const inputClass = 'mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm';

function Field({
  field,
  value,
  onChange,
}: {
  field: CredentialField;
  value: string;
  onChange: (value: string) => void;
}) {
  const id = `credential-field-${field.key}`;
  if (field.kind === 'tls') {
    return (
      <div>
        <label htmlFor={id} className="block text-sm font-medium text-slate-700">
          {field.label}
        </label>
        <select
          id={id}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          className={inputClass}
        >
          {TLS_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {mode}
            </option>
          ))}
        </select>
      </div>
    );
  }
  if (field.kind === 'multiline') {
    return (
      <div className="w-full">
        <label htmlFor={id} className="block text-sm font-medium text-slate-700">
          {field.label}
        </label>
        <textarea
          id={id}
          rows={3}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          className={`${inputClass} font-mono`}
        />
      </div>
    );
  }
  return (
    <TextField
      label={field.label}
      type={field.kind === 'secret' ? 'password' : field.kind === 'number' ? 'number' : 'text'}
      autoComplete={field.kind === 'secret' ? 'new-password' : 'off'}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

/**
 * Creates a credential, or replaces one's data (`replacing`): values go to the server once and
 * never come back, so the form never shows a stored value.
 */
export function CredentialForm({
  replacing,
  onDone,
}: {
  replacing?: { id: string; name: string; type: CredentialType };
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const [name, setName] = useState('');
  const [type, setType] = useState<CredentialType>(replacing?.type ?? 'secret');
  const [values, setValues] = useState<Record<string, string>>({});
  const finish = () => {
    setName('');
    setValues({});
    onDone();
  };
  const create = useMutation(trpc.credential.create.mutationOptions({ onSuccess: finish }));
  const replace = useMutation(trpc.credential.replace.mutationOptions({ onSuccess: finish }));
  const pending = create.isPending || replace.isPending;
  const error = create.error ?? replace.error;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const data = credentialData(type, values);
    if (replacing) replace.mutate({ id: replacing.id, type, data });
    else create.mutate({ name, type, data });
  };
  const title = replacing ? `Replace credential ${replacing.name}` : 'Add a credential';
  return (
    <form
      onSubmit={submit}
      aria-label={title}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h3 className="font-medium">{title}</h3>
      <div className="flex flex-wrap items-end gap-3">
        {replacing ? null : (
          <TextField
            label="Credential name"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        )}
        <div>
          <label htmlFor="credential-type" className="block text-sm font-medium text-slate-700">
            Credential type
          </label>
          <select
            id="credential-type"
            value={type}
            onChange={(e) => {
              setType(e.target.value as CredentialType);
              setValues({});
            }}
            className={inputClass}
          >
            {CREDENTIAL_TYPES.map((t) => (
              <option key={t} value={t}>
                {CREDENTIAL_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </div>
        {CREDENTIAL_FIELDS[type].map((field) => (
          <Field
            key={`${type}-${field.key}`}
            field={field}
            value={values[field.key] ?? field.defaultValue ?? ''}
            onChange={(value) => setValues((current) => ({ ...current, [field.key]: value }))}
          />
        ))}
        <Button type="submit" disabled={pending}>
          {replacing ? 'Save new values' : 'Save credential'}
        </Button>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error.message}
        </p>
      ) : null}
    </form>
  );
}
