import { useEffect, useId, useRef } from 'react';

export interface ConfirmRequest {
  readonly title: string;
  readonly message: string;
  readonly confirmLabel: string;
  readonly cancelLabel: string;
  readonly onConfirm: () => void;
}

/**
 * A modal question, as the platform's own modal <dialog>: the browser keeps focus inside it and
 * makes the rest of the window inert, and Escape cancels. Focus starts on the safe choice and goes
 * back to whatever opened the question when it closes.
 */
export function ConfirmDialog({ request, onClose }: { request: ConfirmRequest; onClose: () => void }) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement;
    dialog?.showModal();
    return () => {
      // Unmounting removes the dialog without closing it, so the browser would not give focus back.
      dialog?.close();
      if (opener instanceof HTMLElement) opener.focus();
      // The answer may have disabled or removed what asked (Delete profile): then the window's
      // main area takes focus, not the page.
      if (document.activeElement === document.body) document.querySelector('main')?.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog"
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-message`}
      onCancel={(event) => {
        // Escape: the question is answered "no" here, so the app's state closes it.
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={`${id}-title`}>{request.title}</h2>
      <p id={`${id}-message`}>{request.message}</p>
      <div className="dialog__actions">
        {/* First, so showModal() focuses it: the safe choice. */}
        <button type="button" onClick={onClose}>
          {request.cancelLabel}
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => {
            onClose();
            request.onConfirm();
          }}
        >
          {request.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
