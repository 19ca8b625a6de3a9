// A labelled input with its errors under it (the API's field errors go here), wired with aria-invalid and
// aria-describedby so screen readers read the error with the field.
import { type InputHTMLAttributes, type TextareaHTMLAttributes, useId } from 'react';

interface FieldFrameProps {
  id: string;
  label: string;
  errors?: string[] | undefined;
  hint?: string | undefined;
  /// e.g. `phone-visually-hidden`: a label read out but not drawn on a phone.
  labelClassName?: string | undefined;
  children: React.ReactNode;
}

function FieldFrame({ id, label, errors, hint, labelClassName, children }: FieldFrameProps) {
  return (
    <div className={errors?.length ? 'field field-invalid' : 'field'}>
      <label htmlFor={id} className={labelClassName}>
        {label}
      </label>
      {children}
      {hint && !errors?.length ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <ul className="field-errors" id={`${id}-errors`}>
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function describedBy(id: string, errors?: string[], hint?: string): string | undefined {
  if (errors?.length) return `${id}-errors`;
  return hint ? `${id}-hint` : undefined;
}

export interface TextFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  errors?: string[] | undefined;
  hint?: string;
  labelClassName?: string;
}

export function TextField({ label, errors, hint, labelClassName, id, ...rest }: TextFieldProps) {
  const generated = useId();
  const fieldId = id ?? generated;
  return (
    <FieldFrame id={fieldId} label={label} errors={errors} hint={hint} labelClassName={labelClassName}>
      <input
        id={fieldId}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(fieldId, errors, hint)}
        {...rest}
      />
    </FieldFrame>
  );
}

export interface TextAreaFieldProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  label: string;
  errors?: string[] | undefined;
}

export function TextAreaField({ label, errors, id, ...rest }: TextAreaFieldProps) {
  const generated = useId();
  const fieldId = id ?? generated;
  return (
    <FieldFrame id={fieldId} label={label} errors={errors}>
      <textarea
        id={fieldId}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(fieldId, errors)}
        {...rest}
      />
    </FieldFrame>
  );
}
