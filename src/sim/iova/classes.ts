// The rcache's size classes, a leaf module: locks.ts sizes its per-class depot locks by them and
// iova/types.ts (which names the Locks type) re-exports them, so neither imports the other.

/** IOVA_RANGE_CACHE_MAX_SIZE: size classes 0..5 (1..32 granules) are cached (include/linux/iova.h). */
export const IOVA_RANGE_CACHE_MAX_SIZE = 6;
