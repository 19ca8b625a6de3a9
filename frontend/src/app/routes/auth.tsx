import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { LoginForm } from '@/features/auth/components/login-form';
import { RegisterForm } from '@/features/auth/components/register-form';
import { Spinner } from '@/components/ui/alert';
import { useToast } from '@/components/ui/toast';
import { useSession, useSessionState } from '@/lib/api-context';
import { useDocumentTitle } from '@/lib/use-document-title';

export function LoginRoute() {
  useDocumentTitle('Sign in');
  const { session, restoring } = useSessionState();
  const navigate = useNavigate();
  const location = useLocation();
  const state = location.state as { from?: string; registered?: string } | null;
  if (restoring) return <Spinner label="Loading…" />;
  if (session) return <Navigate to={state?.from ?? '/'} replace />;
  return (
    <div className="auth-page">
      {state?.registered ? (
        <Alert kind="success">Account {state.registered} created. Sign in to start shopping.</Alert>
      ) : null}
      <LoginForm onSignedIn={() => void navigate(state?.from ?? '/', { replace: true })} />
      <p className="auth-switch">
        New here? <Link to="/register">Create an account</Link>
      </p>
    </div>
  );
}

export function RegisterRoute() {
  useDocumentTitle('Create an account');
  const session = useSession();
  const navigate = useNavigate();
  const toast = useToast();
  if (session) return <Navigate to="/" replace />;
  return (
    <div className="auth-page">
      <RegisterForm
        onRegistered={(username, signedIn) => {
          if (signedIn) {
            toast(`Welcome, ${username}! Your account is ready.`);
            void navigate('/', { replace: true });
          } else void navigate('/login', { state: { registered: username } });
        }}
      />
      <p className="auth-switch">
        Already have an account? <Link to="/login">Sign in</Link>
      </p>
    </div>
  );
}
