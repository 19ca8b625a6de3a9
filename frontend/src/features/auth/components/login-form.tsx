import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { useApiContext } from '@/lib/api-context';
import { onSubmit, useFormMutation } from '@/lib/use-form-mutation';
import { login } from '../api/auth';
import '../auth.css';

export function LoginForm({ onSignedIn }: { onSignedIn(): void }) {
  const { client, store, notice, setNotice } = useApiContext();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { submit, busy, errors } = useFormMutation(['username', 'password'], {
    mutationFn: () => login(client, { username, password }),
    onSuccess: (result) => {
      setNotice(null);
      store.save({ access: result.access, user: result.user });
      store.announce('signed-in');
      onSignedIn();
    },
  });

  return (
    <form className="form-card" onSubmit={onSubmit(submit)} noValidate aria-labelledby="login-title">
      <h1 id="login-title">Sign in</h1>
      {notice ? <Alert kind="info">{notice}</Alert> : null}
      {errors.message ? <Alert>{errors.message}</Alert> : null}
      <TextField
        label="Username"
        name="username"
        autoComplete="username"
        value={username}
        onChange={(e) => setUsername(e.target.value)}
        errors={errors.fieldErrors.username}
        required
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        errors={errors.fieldErrors.password}
        required
      />
      <Button type="submit" busy={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
