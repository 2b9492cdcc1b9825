// A modal dialog's focus rule, shared by the keyboard help and the Glossary: focus moves to its
// Close button when it opens and returns to where it was when it closes; Escape closes it.

import { useEffect, useRef } from 'react';

/** Returns the ref for the dialog's Close button. */
export function useModalFocus(onClose: () => void) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      before?.focus?.();
    };
  }, [onClose]);
  return closeRef;
}
