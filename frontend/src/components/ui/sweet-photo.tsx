import './sweet-photo.css';

// A sweet's photo, or a placeholder drawn from its name (its initial on a colour of its own) when it has none.
export interface SweetPhotoProps {
  name: string;
  /// The photo's URL (the API's `image` or `thumbnail`), null without one.
  src: string | null | undefined;
  size?: 'card' | 'large';
}

function hue(name: string): number {
  let h = 0;
  for (const c of name) h = (h * 31 + (c.codePointAt(0) ?? 0)) % 360;
  return h;
}

export function SweetPhoto({ name, src, size = 'card' }: SweetPhotoProps) {
  const className = `sweet-photo sweet-photo-${size}`;
  if (src) return <img className={className} src={src} alt={name} loading="lazy" decoding="async" />;
  const initial = [...name.trim()][0]?.toUpperCase() ?? '?';
  return (
    <div
      className={`${className} sweet-photo-placeholder`}
      style={{ '--placeholder-hue': hue(name) } as React.CSSProperties}
      role="img"
      aria-label={`No photo of ${name} yet`}
      data-testid="photo-placeholder"
    >
      <span aria-hidden="true">{initial}</span>
    </div>
  );
}
