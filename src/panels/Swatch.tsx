// A legend swatch: the same mark the canvas draws (palette.ts), as a small inline SVG.

import { useId } from 'react';
import { TILE, tileShapes, type Mark, type PatternKind } from './palette.ts';

const W = 22;
const H = 12;

function PatternDef({ id, kind, fg, bg }: { id: string; kind: PatternKind; fg: string; bg: string }) {
  const s = tileShapes(kind);
  return (
    <pattern id={id} width={TILE} height={TILE} patternUnits="userSpaceOnUse">
      <rect width={TILE} height={TILE} fill={bg} />
      {s.lines.map(([x1, y1, x2, y2], i) => (
        <line key={i} x1={x1} y1={y1} x2={x2} y2={y2} stroke={fg} strokeWidth={s.width} strokeLinecap="square" />
      ))}
      {s.dots.map(([cx, cy, r], i) => (
        <circle key={i} cx={cx} cy={cy} r={r} fill={fg} />
      ))}
    </pattern>
  );
}

export function Swatch({ mark }: { mark: Mark }) {
  const id = useId().replace(/:/g, '_');
  let body: React.ReactNode;
  switch (mark.type) {
    case 'solid':
      body = <rect x={0.5} y={0.5} width={W - 1} height={H - 1} fill={mark.color} />;
      break;
    case 'track':
      body = <rect x={0.5} y={0.5} width={W - 1} height={H - 1} fill={mark.color} stroke="#b8b8b8" />;
      break;
    case 'hatch':
    case 'dots':
    case 'cross':
      body = (
        <>
          <defs>
            <PatternDef id={id} kind={mark.type} fg={mark.color} bg={mark.bg} />
          </defs>
          <rect x={0.5} y={0.5} width={W - 1} height={H - 1} fill={`url(#${id})`} stroke={mark.color} />
        </>
      );
      break;
    case 'outline':
      body = <rect x={1} y={1} width={W - 2} height={H - 2} fill={mark.fill} stroke={mark.color} strokeWidth={1.5} />;
      break;
    case 'line':
      body = <line x1={1} y1={H / 2} x2={W - 1} y2={H / 2} stroke={mark.color} strokeWidth={mark.width ?? 2} strokeDasharray={mark.dash?.join(' ')} />;
      break;
    case 'tri-down':
      body = <path d={`M${W / 2 - 5},1 L${W / 2 + 5},1 L${W / 2},${H - 1} Z`} fill="#fff" stroke={mark.color} strokeWidth={1.5} />;
      break;
    case 'tri-up':
      body = <path d={`M${W / 2 - 5},${H - 1} L${W / 2 + 5},${H - 1} L${W / 2},1 Z`} fill={mark.color} />;
      break;
    case 'ramp':
      body = (
        <>
          <defs>
            <linearGradient id={id}>
              {mark.stops.map((c, i) => (
                <stop key={i} offset={i / (mark.stops.length - 1)} stopColor={c} />
              ))}
            </linearGradient>
          </defs>
          <rect x={0.5} y={0.5} width={W * 2 - 1} height={H - 1} fill={`url(#${id})`} stroke="#888" />
        </>
      );
      break;
  }
  const width = mark.type === 'ramp' ? W * 2 : W;
  return (
    <svg className="swatch" width={width} height={H} viewBox={`0 0 ${width} ${H}`} aria-hidden="true" focusable="false">
      {body}
    </svg>
  );
}
