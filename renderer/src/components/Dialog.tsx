// A modal <dialog> driven by an `open` prop; Escape and the backdrop's cancel go through onDismiss. Closing it puts
// the focus back on what had it before (the button or the list it was opened from).
import { useEffect, useRef, type ReactNode } from 'react';

interface DialogProps {
  open: boolean;
  onDismiss: () => void;
  labelledBy: string;
  /** The id of the text that says what the dialog is about, when its title alone does not. */
  describedBy?: string;
  className?: string;
  children: ReactNode;
}

export function Dialog({ open, onDismiss, labelledBy, describedBy, className, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    }
    if (!open && dialog.open) {
      dialog.close();
      if (returnTo.current?.isConnected) returnTo.current.focus();
      returnTo.current = null;
    }
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={className ? `dialog ${className}` : 'dialog'}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      onCancel={(event) => {
        if (event.target !== event.currentTarget) return;
        event.preventDefault();
        onDismiss();
      }}
    >
      {open && children}
    </dialog>
  );
}
