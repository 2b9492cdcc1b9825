// A panel's export menu (issue 16): PNG of the panel body, SVG when the panel draws in SVG. Files
// are named by the page (exportContext.ts): scenario, panel and moment.

import { useRef, useState, type RefObject } from 'react';
import { saveBlob, saveText } from './download.ts';
import { bodyPng, mainSvg, svgText } from './exportImage.ts';
import { useExportName } from './exportContext.ts';

export function ExportMenu({ id, title, body }: { id: string; title: string; body: RefObject<HTMLDivElement | null> }) {
  const name = useExportName();
  const menu = useRef<HTMLDetailsElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [hasSvg, setHasSvg] = useState(false);
  const close = () => menu.current?.removeAttribute('open');
  const png = async () => {
    close();
    try {
      if (body.current) saveBlob(name(id, 'png'), await bodyPng(body.current));
      setError(null);
    } catch (e) {
      setError(`PNG export failed: ${(e as Error).message}`);
    }
  };
  const svg = () => {
    close();
    const s = body.current && mainSvg(body.current);
    if (s) saveText(name(id, 'svg'), svgText(s), 'image/svg+xml');
  };
  return (
    <details className="export-menu" ref={menu} onToggle={() => setHasSvg(!!(body.current && mainSvg(body.current)))}>
      <summary aria-label={`Export ${title}`} data-testid={`export-${id}`}>
        Export
      </summary>
      <div className="export-items">
        <button type="button" onClick={() => void png()} data-testid={`export-${id}-png`}>
          PNG
        </button>
        {hasSvg && (
          <button type="button" onClick={svg} data-testid={`export-${id}-svg`}>
            SVG
          </button>
        )}
      </div>
      {error && <p role="alert">{error}</p>}
    </details>
  );
}
