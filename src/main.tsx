// Entry point: self-hosted fonts, the lab store, URL sync, the playback driver (the one run of the
// scenario: its moments, series and summary, src/ui/playbackDriver.ts), the A/B compare's second
// run (src/ui/compareDriver.ts), then React.

import '@fontsource/dejavu-sans/400.css';
import '@fontsource/dejavu-sans/700.css';
import './style.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createLabStore } from './store/labStore.ts';
import { App } from './ui/App.tsx';
import { fontsLoaded } from './ui/fonts.ts';
import { startHashSync } from './ui/hashSync.ts';
import { LabContext } from './ui/labContext.ts';
import { createPlaybackStore } from './store/playback.ts';
import { PlaybackContext } from './ui/playbackContext.ts';
import { installFaultHooks } from './ui/faultHooks.ts';
import { startPlayback } from './ui/playbackDriver.ts';
import { startQuiescence } from './ui/quiescence.ts';
import { startCompare } from './ui/compareDriver.ts';
import { CompareContext } from './ui/compare/context.ts';
import { createImportController } from './ui/importDriver.ts';
import { ImportContext } from './ui/importContext.ts';

const store = createLabStore();
startHashSync(store);
const playback = createPlaybackStore();
// The run starts at once, in parallel with the font load.
const playbackCtx = { store: playback, ctl: startPlayback(store, playback) };
installFaultHooks(window, playbackCtx.ctl);
startQuiescence(store, playback);
// A/B compare (issue 16): B's run, only while the link has `cmp`, after A's first picture.
const compare = startCompare(store, playback);
// Trace import (issue 17): its worker starts on the first import.
const imports = createImportController(store);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
void fontsLoaded().then(() => {
  createRoot(root).render(
    <StrictMode>
      <LabContext.Provider value={store}>
        <PlaybackContext.Provider value={playbackCtx}>
          <CompareContext.Provider value={compare.b}>
            <ImportContext.Provider value={imports}>
              <App />
            </ImportContext.Provider>
          </CompareContext.Provider>
        </PlaybackContext.Provider>
      </LabContext.Provider>
    </StrictMode>,
  );
});
