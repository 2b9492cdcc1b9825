// Per-I/O-slot state, one record per slot with its fields side by side (record io starts at
// io * IO_REC in Engine.ioRec). Every step of an I/O touches several of them at once — submit
// writes pfn, pages, key and the map time; the unmap reads pfn, pages and key; dma_unmap's return
// reads key, map time and unmap time — and between two steps hundreds of other I/Os run. With one
// array per field each step cost one cache line per field; side by side it is one or two lines
// (docs/benchmarks.md, "Engine speed, issue 19": L1 misses per I/O). All values are integers or
// times, exact in a double.

/** The IOVA's first pfn (iova_pfn of the mapping). */
export const IO_PFN = 0;
/** Pages mapped (the transfer's size in granules). */
export const IO_PAGES = 1;
/** Unique id of the mapping (slots are reused, ids are not): the IOTLB's key. */
export const IO_KEY = 2;
/** When the I/O was submitted (ns). */
export const IO_SUBMIT_AT = 3;
/** Time its dma_map took (ns). */
export const IO_MAP_NS = 4;
/** When its unmap began (ns). */
export const IO_UNMAP_AT = 5;
/** The submitter (by its first CPU) whose slot this is. */
export const IO_OWNER = 6;
/** Doubles per record: 64 bytes, one cache line. */
export const IO_REC = 8;
