// Everyone's account page: change the password (the current one is asked; every other session is signed out),
// change the email, see where you are signed in and sign any of those out. Someone with a temporary password
// lands here and must choose their own before anything else.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, Spinner } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { useApiContext, useSession } from '@/lib/api-context';
import { errorMessage } from '@/lib/api-error';
import { formatWhen } from '@/lib/format';
import { onSubmit, useFormMutation } from '@/lib/use-form-mutation';
import { changeEmail, changePassword, useEndSession, useSessions } from '../api/account';
import { describeDevice } from '../device';
import '../account.css';

function PasswordForm() {
  const { client, store } = useApiContext();
  const queries = useQueryClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [done, setDone] = useState(false);
  const { submit, busy, errors } = useFormMutation(['current_password', 'new_password'], {
    mutationFn: () => changePassword(client, { current_password: current, new_password: next }),
    onSuccess: (user) => {
      const session = store.load();
      if (session) store.save({ ...session, user });
      setCurrent('');
      setNext('');
      setDone(true);
      void queries.invalidateQueries({ queryKey: ['sessions'] });
    },
  });
  return (
    <form className="account-form" onSubmit={onSubmit(submit)} noValidate aria-labelledby="password-title">
      <h2 id="password-title">Password</h2>
      {done ? <Alert kind="success">Password changed. You were signed out everywhere else.</Alert> : null}
      {errors.message ? <Alert>{errors.message}</Alert> : null}
      <TextField
        label="Current password"
        name="current_password"
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
        errors={errors.fieldErrors.current_password}
        required
      />
      <TextField
        label="New password"
        name="new_password"
        type="password"
        autoComplete="new-password"
        hint="At least 8 characters."
        value={next}
        onChange={(e) => setNext(e.target.value)}
        errors={errors.fieldErrors.new_password}
        required
      />
      <Button type="submit" busy={busy}>
        {busy ? 'Changing…' : 'Change password'}
      </Button>
    </form>
  );
}

function EmailForm({ email }: { email: string }) {
  const { client, store } = useApiContext();
  const [value, setValue] = useState(email);
  const [done, setDone] = useState(false);
  const { submit, busy, errors } = useFormMutation(['email'], {
    mutationFn: () => changeEmail(client, value.trim()),
    onSuccess: (user) => {
      const session = store.load();
      if (session) store.save({ ...session, user });
      setValue(user.email);
      setDone(true);
    },
  });
  return (
    <form className="account-form" onSubmit={onSubmit(submit)} noValidate aria-labelledby="email-title">
      <h2 id="email-title">Email</h2>
      {done ? <Alert kind="success">Email saved.</Alert> : null}
      {errors.message ? <Alert>{errors.message}</Alert> : null}
      <TextField
        label="Email address"
        name="email"
        type="email"
        autoComplete="email"
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setDone(false);
        }}
        errors={errors.fieldErrors.email}
      />
      <Button type="submit" busy={busy}>
        Save email
      </Button>
    </form>
  );
}

function Sessions() {
  const sessions = useSessions();
  const end = useEndSession();
  const others = sessions.data?.results.filter((s) => !s.current).length ?? 0;
  return (
    <section className="account-sessions" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Where you are signed in</h2>
      {sessions.isPending ? <Spinner label="Loading sessions…" /> : null}
      {sessions.isError ? <Alert>{errorMessage(sessions.error)}</Alert> : null}
      {end.error ? <Alert>{errorMessage(end.error)}</Alert> : null}
      {sessions.data ? (
        <ul className="session-list">
          {sessions.data.results.map((s) => (
            <li key={s.id} className="session-item" data-testid="session">
              <div>
                <span className="session-device" title={s.device}>
                  {describeDevice(s.device)}
                </span>
                {s.current ? <span className="badge">This device</span> : null}
                <span className="session-when">
                  Signed in {formatWhen(s.created)} · last used {formatWhen(s.last_used)}
                </span>
              </div>
              {s.current ? null : (
                <Button
                  variant="secondary"
                  disabled={end.isPending}
                  aria-label={`Sign out ${describeDevice(s.device)}, signed in ${formatWhen(s.created)}`}
                  onClick={() => end.mutate(s.id)}
                >
                  Sign out
                </Button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {others > 0 ? (
        <Button variant="secondary" busy={end.isPending} onClick={() => end.mutate('others')}>
          Sign out everywhere else
        </Button>
      ) : null}
    </section>
  );
}

export function AccountPage() {
  const session = useSession();
  if (!session) return null;
  const { user } = session;
  return (
    <section className="panel account" aria-labelledby="account-title">
      <h1 id="account-title">Your account</h1>
      <p className="field-hint">
        Signed in as <strong>{user.username}</strong>
        {user.is_staff ? ` (${user.role === 'owner' ? 'owner' : 'staff'})` : ''}.
      </p>
      {user.must_change_password ? (
        <Alert kind="info">
          You signed in with a temporary password. Choose your own password to go on: enter the temporary one as the
          current password.
        </Alert>
      ) : null}
      <div className="account-grid">
        <PasswordForm />
        {user.must_change_password ? null : <EmailForm email={user.email} />}
      </div>
      {user.must_change_password ? null : <Sessions />}
    </section>
  );
}
