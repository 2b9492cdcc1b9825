// The payloads of the iommu and dma trace events, as the kernel prints them (TP_printk formats of
// include/trace/events/iommu.h and include/trace/events/dma.h; docs/model.md "Replaying a real
// trace" lists them). Pure; each refusal names the field.
//
// iommu:                 map:   "IOMMU: iova=0x%016llx paddr=0x%016llx size=%zu"
//                        unmap: "IOMMU: iova=0x%016llx size=%zu unmapped_size=%zu"
//   since "iommu: log iova range in map/unmap trace events" (94aedac49d92, v5.17) both print the exclusive end
//   after the start: "iova=0x%016llx - 0x%016llx ...", end = iova + size.
// dma (v6.12+): "%s dir=%s dma_addr=%llx size=%zu ..." (hex without 0x), dma_map_sg with arrays
//   "dma_addrs={0x..,0x..} sizes={0x..}" (__print_array), dma_unmap_sg with phys_addrs only.

/** A mapping made or removed. Addresses and sizes in bytes. */
export interface MapOp {
  kind: 'map' | 'unmap';
  source: 'iommu' | 'dma';
  /** Device name (dma events); '' for iommu events, which name none. */
  dev: string;
  /** IOVA ranges: [start, size] per chunk (one for single mappings; dma_map_sg: one per segment). */
  chunks: [number, number][];
  /** dma_map_sg / dma_unmap_sg: the device and physical addresses, the only thing the two share. */
  sgKey?: string;
  /** dma_map_sg printed " [TRUNCATED]": more than 128 entries, the rest are not in the trace. */
  truncated?: boolean;
}

export type PayloadParse = { kind: 'op'; op: MapOp } | { kind: 'skip'; reason: string } | { kind: 'reject'; reason: string };

const DMA_MAP = new Set(['dma_map_page', 'dma_map_resource', 'dma_map_phys', 'dma_alloc', 'dma_alloc_pages', 'dma_alloc_sgt']);
const DMA_UNMAP = new Set(['dma_unmap_page', 'dma_unmap_resource', 'dma_unmap_phys', 'dma_free', 'dma_free_pages', 'dma_free_sgt']);
const DMA_OTHER = new Set(['dma_sync_single_for_cpu', 'dma_sync_single_for_device', 'dma_sync_sg_for_cpu', 'dma_sync_sg_for_device', 'dma_map_sg_err', 'dma_alloc_sgt_err']);
const IOMMU_OTHER = new Set(['io_page_fault', 'add_device_to_group', 'remove_device_from_group', 'attach_device_to_domain', 'detach_device_from_domain']);

class Bad extends Error {}

const clip = (v: string): string => (v.length > 40 ? `${v.slice(0, 40)}…` : v);

function hex(key: string, v: string | undefined, prefixed: 'required' | 'optional'): number {
  if (v === undefined) throw new Bad(`no ${key}=`);
  const m = (prefixed === 'required' ? /^0x([0-9a-f]{1,16})$/i : /^(?:0x)?([0-9a-f]{1,16})$/i).exec(v);
  if (!m) throw new Bad(`${key}=${clip(v)} is not ${prefixed === 'required' ? '0x-prefixed ' : ''}hex`);
  const n = parseInt(m[1], 16);
  if (!Number.isSafeInteger(n)) throw new Bad(`${key}=${clip(v)} is beyond 2^53, which the lab cannot hold exactly`);
  return n;
}

function bytes(key: string, v: string | undefined, allowZero = false): number {
  if (v === undefined) throw new Bad(`no ${key}=`);
  if (!/^\d{1,15}$/.test(v)) throw new Bad(`${key}=${clip(v)} is not a byte count`);
  const n = Number(v);
  if (n === 0 && !allowZero) throw new Bad(`${key}=0: an empty mapping`);
  return n;
}

/** "{0x1,0x2}" → numbers (hex with 0x as __print_array prints them; plain decimal also read). */
function array(key: string, v: string | undefined): number[] {
  if (v === undefined) throw new Bad(`no ${key}=`);
  if (!/^\{[^{}]*\}$/.test(v)) throw new Bad(`${key}=${clip(v)} is not a {…} array`);
  const inner = v.slice(1, -1);
  if (inner === '') return [];
  return inner.split(',').map((x) => (/^\d+$/.test(x) ? bytes(key, x, true) : hex(key, x, 'required')));
}

/** Splits "dev k=v k=v" into the leading bare words and the key=value fields. */
function fields(tokens: readonly string[]): { bare: string[]; kv: Map<string, string> } {
  const bare: string[] = [];
  const kv = new Map<string, string>();
  for (const tok of tokens) {
    const eq = tok.indexOf('=');
    if (eq <= 0) {
      bare.push(tok);
      continue;
    }
    const k = tok.slice(0, eq);
    if (kv.has(k)) throw new Bad(`${clip(k)}= given twice`);
    kv.set(k, tok.slice(eq + 1));
  }
  return { bare, kv };
}

// Fast paths for the exact kernel forms (a 1 M-line trace is almost all of these); anything else
// goes through the general reader below, which names what is wrong.
const FAST_MAP = /^IOMMU: iova=0x0*([0-9a-f]{1,13})(?: - 0x0*([0-9a-f]{1,13}))? paddr=0x[0-9a-f]{1,16} size=(\d{1,15})$/;
const FAST_UNMAP = /^IOMMU: iova=0x0*([0-9a-f]{1,13})(?: - 0x0*([0-9a-f]{1,13}))? size=(\d{1,15}) unmapped_size=(\d{1,15})$/;

function iommu(event: 'map' | 'unmap', payload: string): PayloadParse {
  const f = (event === 'map' ? FAST_MAP : FAST_UNMAP).exec(payload);
  if (f !== null) {
    // At most 13 significant hex digits (the kernel pads to 16 with zeros): below 2^53, exact. The checks left are the ones the general reader makes.
    const iova = parseInt(f[1], 16);
    const size = Number(f[3]);
    if (size > 0 && (f[2] === undefined || parseInt(f[2], 16) === iova + size) && (event === 'map' || Number(f[4]) > 0))
      return { kind: 'op', op: { kind: event, source: 'iommu', dev: '', chunks: [[iova, size]] } };
  }
  if (!payload.startsWith('IOMMU: ')) return { kind: 'reject', reason: `${event}: payload does not start with "IOMMU: "` };
  const tokens = payload.slice(7).trim().split(/\s+/);
  // The v5.17+ range form: "iova=0x… - 0x…"; the end is a bare token after "-".
  let end: number | undefined;
  const dash = tokens.indexOf('-');
  if (dash >= 0) {
    end = hex('iova end', tokens[dash + 1], 'required');
    tokens.splice(dash, 2);
  }
  const { kv } = fields(tokens);
  const iova = hex('iova', kv.get('iova'), 'required');
  const size = bytes('size', kv.get('size'));
  if (end !== undefined && end !== iova + size) throw new Bad(`iova end 0x${end.toString(16)} is not iova + size (0x${(iova + size).toString(16)})`);
  if (event === 'map') {
    if (kv.has('paddr')) hex('paddr', kv.get('paddr'), 'required');
  } else if (kv.has('unmapped_size') && bytes('unmapped_size', kv.get('unmapped_size'), true) === 0) {
    // __iommu_unmap found nothing mapped there: no IOVA was freed by this call.
    return { kind: 'skip', reason: 'iommu:unmap of nothing (unmapped_size=0)' };
  }
  return { kind: 'op', op: { kind: event, source: 'iommu', dev: kv.get('dev') ?? '', chunks: [[iova, size]] } };
}

function dma(event: string, payload: string): PayloadParse {
  const tokens = payload.trim().split(/\s+/);
  const truncated = tokens.includes('[TRUNCATED]');
  const { bare, kv } = fields(tokens.filter((t) => t !== '[TRUNCATED]'));
  if (bare.length !== 1) throw new Bad(bare.length === 0 ? 'no device name' : `unexpected word ${clip(bare[1])}`);
  const dev = bare[0];
  if (event === 'dma_map_sg') {
    const addrs = array('dma_addrs', kv.get('dma_addrs'));
    const sizes = array('sizes', kv.get('sizes'));
    if (addrs.length !== sizes.length) throw new Bad(`dma_addrs has ${addrs.length} entries, sizes ${sizes.length}`);
    if (addrs.length === 0) return { kind: 'skip', reason: 'dma:dma_map_sg that mapped no entries' };
    if (sizes.some((s) => s === 0)) throw new Bad('sizes holds a 0: an empty mapping');
    return { kind: 'op', op: { kind: 'map', source: 'dma', dev, chunks: addrs.map((a, i) => [a, sizes[i]]), sgKey: `${dev} ${kv.get('phys_addrs') ?? ''}`, truncated } };
  }
  if (event === 'dma_unmap_sg') {
    array('phys_addrs', kv.get('phys_addrs'));
    return { kind: 'op', op: { kind: 'unmap', source: 'dma', dev, chunks: [], sgKey: `${dev} ${kv.get('phys_addrs')}` } };
  }
  const addr = hex('dma_addr', kv.get('dma_addr'), 'optional');
  const size = bytes('size', kv.get('size'));
  // dma_alloc_class records dma_addr 0 when the allocation failed (virt_addr NULL).
  if (addr === 0 && event.startsWith('dma_alloc')) return { kind: 'skip', reason: `dma:${event} that failed (dma_addr=0)` };
  return { kind: 'op', op: { kind: DMA_MAP.has(event) ? 'map' : 'unmap', source: 'dma', dev, chunks: [[addr, size]] } };
}

/** Classifies and parses one event's payload. `system` is given only by `trace-cmd report -N`-like output. */
export function parsePayload(system: string | undefined, event: string, payload: string): PayloadParse {
  const sys = system ?? (event.startsWith('dma_') ? 'dma' : event === 'map' || event === 'unmap' || IOMMU_OTHER.has(event) ? 'iommu' : '');
  try {
    if (sys === 'iommu' && (event === 'map' || event === 'unmap')) return iommu(event, payload);
    if (sys === 'iommu' && IOMMU_OTHER.has(event)) return { kind: 'skip', reason: `iommu:${event} (not a map or unmap)` };
    if (sys === 'dma' && (DMA_MAP.has(event) || DMA_UNMAP.has(event) || event === 'dma_map_sg' || event === 'dma_unmap_sg')) return dma(event, payload);
    if (sys === 'dma' && DMA_OTHER.has(event)) return { kind: 'skip', reason: `dma:${event} (maps or frees nothing)` };
    return { kind: 'skip', reason: `other event ${sys ? `${sys}:` : ''}${event}` };
  } catch (err) {
    if (err instanceof Bad) return { kind: 'reject', reason: `${sys}:${event}: ${err.message}` };
    throw err;
  }
}
