import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Button } from './button';

describe('Button', () => {
  it('keeps the focus while busy, says so, and ignores clicks and submissions', async () => {
    const click = vi.fn<() => void>();
    const submit = vi.fn<(e: React.FormEvent) => void>((e) => e.preventDefault());
    const { rerender } = render(
      <form onSubmit={submit}>
        <Button type="submit" onClick={click}>
          Save
        </Button>
      </form>,
    );
    const button = screen.getByRole('button', { name: 'Save' });
    button.focus();
    rerender(
      <form onSubmit={submit}>
        <Button type="submit" onClick={click} busy>
          Save
        </Button>
      </form>,
    );
    expect(button).toHaveFocus();
    expect(button).toBeEnabled();
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(button).toHaveAttribute('aria-busy', 'true');
    await userEvent.click(button);
    await userEvent.keyboard('{Enter}');
    expect(click).not.toHaveBeenCalled();
    expect(submit).not.toHaveBeenCalled();
    rerender(
      <form onSubmit={submit}>
        <Button type="submit" onClick={click}>
          Save
        </Button>
      </form>,
    );
    await userEvent.click(button);
    expect(click).toHaveBeenCalledTimes(1);
    expect(submit).toHaveBeenCalledTimes(1);
  });

  it('is out of use when disabled', () => {
    render(<Button disabled>Sold out</Button>);
    expect(screen.getByRole('button', { name: 'Sold out' })).toBeDisabled();
  });
});
