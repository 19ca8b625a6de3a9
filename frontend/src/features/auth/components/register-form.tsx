import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { useApiContext } from '@/lib/api-context';
import { onSubmit, useFormMutation } from '@/lib/use-form-mutation';
import { login, register } from '../api/auth';
import '../auth.css';

/// Creates the account and signs in with it: `signedIn` is false only when the account was made but the sign-in
/// that follows failed (the login page then takes over).
export function RegisterForm({ onRegistered }: { onRegistered(username: string, signedIn: boolean): void }) {
  const { client, store } = useApiContext();
  const [form, setForm] = useState({ username: '', email: '', password: '' });
  const { submit, busy, errors } = useFormMutation(['username', 'email', 'password'], {
    mutationFn: async () => {
      const user = await register(client, form);
      const session = await login(client, { username: form.username, password: form.password }).catch(() => null);
      return { user, session };
    },
    onSuccess: ({ user, session }) => {
      if (session) {
        store.save({ access: session.access, user: session.user });
        store.announce('signed-in');
      }
      onRegistered(user.username, session !== null);
    },
  });
  const set = (field: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm({ ...form, [field]: e.target.value });

  return (
    <form className="form-card" onSubmit={onSubmit(submit)} noValidate aria-labelledby="register-title">
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
