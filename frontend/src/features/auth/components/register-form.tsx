import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { useApi } from '@/lib/api-context';
import { useFormErrors } from '@/lib/use-form-errors';
import { register } from '../api/auth';

export function RegisterForm({ onRegistered }: { onRegistered(username: string): void }) {
  const client = useApi();
  const [form, setForm] = useState({ username: '', email: '', password: '' });
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(['username', 'email', 'password']);
  const set = (field: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm({ ...form, [field]: e.target.value });

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    errors.clear();
    setBusy(true);
    try {
      const user = await register(client, form);
      onRegistered(user.username);
    } catch (error) {
      errors.fail(error);
      setBusy(false);
    }
  };

  return (
    <form className="form-card" onSubmit={submit} noValidate aria-labelledby="register-title">
      <h1 id="register-title">Create an account</h1>
      {errors.message ? <Alert>{errors.message}</Alert> : null}
      <TextField
        label="Username"
        name="username"
        autoComplete="username"
        value={form.username}
        onChange={set('username')}
        errors={errors.fieldErrors.username}
        hint="Letters, digits and @ . + - _ only."
        required
      />
      <TextField
        label="Email (optional)"
        name="email"
        type="email"
        autoComplete="email"
        value={form.email}
        onChange={set('email')}
        errors={errors.fieldErrors.email}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        value={form.password}
        onChange={set('password')}
        errors={errors.fieldErrors.password}
        hint="At least 8 characters."
        required
      />
      <Button type="submit" busy={busy}>
        {busy ? 'Creating account…' : 'Create account'}
      </Button>
    </form>
  );
}
