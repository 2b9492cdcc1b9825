// The eight chapters of the guided tours, in order. Their ids are fixed (other features link to
// them: the glossary, the README's "For teachers"), as are the URL keys `tour=<id>&step=<1-based>`.

import { ALLOC_CHAPTERS } from './chaptersAlloc.ts';
import { FQ_CHAPTERS } from './chaptersFq.ts';
import type { ChapterDef } from './types.ts';

export const CHAPTERS: readonly ChapterDef[] = [...FQ_CHAPTERS, ...ALLOC_CHAPTERS];

export const TOUR_IDS = ['journey', 'lazy-fast', 'stale', 'counters', 'timeout', 'allocator', 'collapses', 'versions'] as const;
export type TourId = (typeof TOUR_IDS)[number];

export function findChapter(id: string): ChapterDef | undefined {
  return CHAPTERS.find((c) => c.id === id);
}
