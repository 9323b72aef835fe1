/** A labelled input with its hint and error, wired for screen readers (aria-describedby). */
import type { ReactNode } from 'react';

export function FormField(props: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
}) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const errorId = props.error ? `${props.id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={props.error ? 'form-field form-field-invalid' : 'form-field'}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.hint && (
        <p className="form-hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {props.children(describedBy, Boolean(props.error))}
      {props.error && (
        <p className="form-error" id={errorId}>
          {props.error}
        </p>
      )}
    </div>
  );
}
