// A sweet's photo in the edit dialog: the current one (or its placeholder), a file to upload (checked by the server
// by decoding it: JPEG, PNG or WebP up to 5 MB), and taking it away.
import { useId, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SweetPhoto } from '@/components/ui/sweet-photo';
import { useApi } from '@/lib/api-context';
import { errorMessage } from '@/lib/api-error';
import { type Sweet, useSweetChanged } from '@/lib/api/sweets';

const MAX_BYTES = 5 * 1024 * 1024;

export function PhotoEditor({ sweet }: { sweet: Sweet }) {
  const client = useApi();
  const changed = useSweetChanged();
  const inputId = useId();
  const [shown, setShown] = useState<string | null>(sweet.image ?? null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);

  const send = async (file: File | null) => {
    setMessage(null);
    if (file && file.size > MAX_BYTES) {
      setMessage({ kind: 'error', text: 'That file is larger than 5 MB: choose a smaller photo.' });
      return;
    }
    setBusy(true);
    try {
      const result = await client.request<Sweet>(`/api/sweets/${sweet.id}/image/`, {
        method: file ? 'PUT' : 'DELETE',
        ...(file ? { file } : {}),
      });
      setShown(result.image ?? null);
      changed(result);
      setMessage({ kind: 'success', text: file ? 'Photo saved.' : 'Photo taken away.' });
    } catch (e) {
      setMessage({ kind: 'error', text: errorMessage(e, 'image') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="photo-editor">
      <SweetPhoto name={sweet.name} src={shown} />
      <div className="field">
        <label htmlFor={inputId}>Choose a photo</label>
        <input
          id={inputId}
          type="file"
          accept="image/jpeg,image/png,image/webp"
          disabled={busy}
          onChange={(e) => void send(e.target.files?.[0] ?? null)}
        />
        <p className="field-hint">JPEG, PNG or WebP, up to 5 MB. Location and camera details are removed.</p>
      </div>
      {shown ? (
        <Button variant="secondary" disabled={busy} onClick={() => void send(null)}>
          Remove the photo
        </Button>
      ) : null}
      {busy ? <p aria-live="polite">Uploading…</p> : null}
      {message ? <Alert kind={message.kind}>{message.text}</Alert> : null}
    </div>
  );
}
