// Types of scripts/browser.mjs for the TypeScript test beside it.
export const DEBIAN_CHROMIUM: string;
export const DEJAVU_FONT: string;
export const CHROMIUM_PACKAGE: string;
export const FONT_PACKAGE: string;
export interface BrowserFacts {
  chromiumPathEnv: string | undefined;
  exists: (path: string) => boolean;
  isRoot: boolean;
  hasAptGet: boolean;
}
export type BrowserPlan =
  | { kind: 'use'; exe: string; note?: string }
  | { kind: 'install'; packages: string[]; exe: string; why: string }
  | { kind: 'stop'; message: string };
export function planBrowser(f: BrowserFacts): BrowserPlan;
export function gatherFacts(): BrowserFacts;
export function ensureBrowser(facts?: BrowserFacts): string;
