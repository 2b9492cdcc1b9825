// Entry point: self-hosted fonts, the lab store, URL sync, the simulation runner (the whole run's
// summary), the playback driver (the live run, src/ui/playbackDriver.ts), then React.

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
import { startRunner } from './ui/runner.ts';
import { createPlaybackStore } from './store/playback.ts';
import { PlaybackContext } from './ui/playbackContext.ts';
import { startPlayback } from './ui/playbackDriver.ts';
import { startQuiescence } from './ui/quiescence.ts';

const store = createLabStore();
startHashSync(store);
// The first run starts at once, in parallel with the font load.
startRunner(store);
const playback = createPlaybackStore();
const playbackCtx = { store: playback, ctl: startPlayback(store, playback) };
startQuiescence(store, playback);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
void fontsLoaded().then(() => {
  createRoot(root).render(
    <StrictMode>
      <LabContext.Provider value={store}>
        <PlaybackContext.Provider value={playbackCtx}>
          <App />
        </PlaybackContext.Provider>
      </LabContext.Provider>
    </StrictMode>,
  );
});
