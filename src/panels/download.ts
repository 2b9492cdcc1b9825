// Saving a file from the page (issue 16 "Export"): a Blob handed to the browser as a download
// through a temporary object URL on an <a download>. Shared by the panels' export menus
// (ExportMenu.tsx), the page-level export and the sweep dialog's CSV.

export function saveBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the click; free the URL once the browser has read it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const saveText = (name: string, text: string, type: string): void => saveBlob(name, new Blob([text], { type }));

/** `name` made safe as a file name on every common system (letters, digits, . _ - kept). */
export const fileSafe = (name: string): string => name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'lab';
