// The page's only font is self-hosted DejaVu Sans (@fontsource/dejavu-sans, bundled by Vite), so
// text metrics and screenshots do not depend on the fonts a machine has. The chart measures SVG
// text, so the app waits for both weights before its first render (with a time limit, so a font
// that fails to load only costs the exact look, never the page).

const FAMILY = '"DejaVu Sans"';
const SAMPLE = 'IOPS µs … – 0123456789';

let loaded: Promise<void> | null = null;

export function fontsLoaded(timeoutMs = 3000): Promise<void> {
  loaded ??= Promise.race([
    Promise.all([document.fonts.load(`400 16px ${FAMILY}`, SAMPLE), document.fonts.load(`700 16px ${FAMILY}`, SAMPLE)]).then(
      () => undefined,
      () => undefined,
    ),
    new Promise<void>((resolve) => setTimeout(resolve, timeoutMs)),
  ]);
  return loaded;
}
