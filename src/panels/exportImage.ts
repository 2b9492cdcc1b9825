// A panel's picture as files (issue 16 "Export"): PNG of what the panel body shows — every canvas
// and SVG layer drawn in place onto one canvas at the screen's pixel ratio — and, where the panel
// draws in SVG, the SVG itself with the styles the page's style sheets gave it written inline, so
// the file looks the same opened on its own.

/** Presentation properties copied inline into an exported SVG (the rest are the SVG defaults). */
const SVG_STYLE = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'opacity', 'font-family', 'font-size', 'font-weight', 'text-anchor', 'dominant-baseline', 'visibility', 'display'];

/** The layers of a panel body, in paint order (canvases and SVGs, not the legend's swatches). */
const layers = (body: Element): (HTMLCanvasElement | SVGSVGElement)[] =>
  [...body.querySelectorAll('canvas, svg')].filter((e): e is HTMLCanvasElement | SVGSVGElement => !e.closest('.swatch') && !e.parentElement?.closest('svg'));

const area = (e: Element): number => e.getBoundingClientRect().width * e.getBoundingClientRect().height;

/** The biggest SVG of the body (the panel's chart), if it has one. */
export function mainSvg(body: Element): SVGSVGElement | null {
  const svgs = layers(body).filter((e): e is SVGSVGElement => e instanceof SVGSVGElement);
  return svgs.sort((a, b) => area(b) - area(a))[0] ?? null;
}

/** `svg` as a standalone SVG document, styles inline. */
export function svgText(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const src = [svg, ...svg.querySelectorAll('*')];
  const dst = [clone, ...clone.querySelectorAll('*')];
  src.forEach((el, i) => {
    const cs = getComputedStyle(el);
    const style = SVG_STYLE.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
    dst[i].setAttribute('style', style);
  });
  const r = svg.getBoundingClientRect();
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  if (!clone.getAttribute('width')) clone.setAttribute('width', String(Math.round(r.width)));
  if (!clone.getAttribute('height')) clone.setAttribute('height', String(Math.round(r.height)));
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
}

function svgImage(svg: SVGSVGElement): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(new Blob([svgText(svg)], { type: 'image/svg+xml' }));
  return new Promise((done, fail) => {
    const img = new Image();
    img.addEventListener('load', () => (URL.revokeObjectURL(url), done(img)));
    img.addEventListener('error', () => (URL.revokeObjectURL(url), fail(new Error('the SVG layer could not be drawn'))));
    img.src = url;
  });
}

/** The panel body as a PNG: a white background, then each layer at its place. */
export async function bodyPng(body: HTMLElement): Promise<Blob> {
  const box = body.getBoundingClientRect();
  const ratio = window.devicePixelRatio || 1;
  const out = document.createElement('canvas');
  out.width = Math.max(1, Math.round(box.width * ratio));
  out.height = Math.max(1, Math.round(box.height * ratio));
  const g = out.getContext('2d');
  if (!g) throw new Error('no 2D canvas');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, out.width, out.height);
  g.scale(ratio, ratio);
  for (const layer of layers(body)) {
    const r = layer.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const src = layer instanceof HTMLCanvasElement ? layer : await svgImage(layer);
    g.drawImage(src, r.left - box.left, r.top - box.top, r.width, r.height);
  }
  return new Promise((done, fail) => out.toBlob((b) => (b ? done(b) : fail(new Error('the PNG could not be made'))), 'image/png'));
}
