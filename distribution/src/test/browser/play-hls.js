'use strict';
// Plays HLS streams with hls.js in headless Chromium and reports what the player saw, as JSON on
// stdout (progress goes to stderr). Driven by BrowserPlaybackIT:
//   node play-hls.js config.json
// config: { chromium, screenshotDir, cases: [{ name, url, crossOrigin, level }] }
//   url: the master playlist's absolute URL (with its ?token=)
//   crossOrigin: false: the test page is answered on the server's own origin by intercepting a URL
//     there (no CORS involved); true: it comes from a web server of this script on another port, as
//     a web client hosted elsewhere would, so the streams must allow cross-origin fetches
//   level: pin the variant whose URI contains this text; null lets hls.js choose
// For each case: play until currentTime passes 10 s, seek to 15 s, play until it passes 18 s.
const fs = require('fs');
const http = require('http');
const path = require('path');
const { chromium } = require('playwright-core');

const PAGE = '/__marquee-browser-test/';
const STEP_TIMEOUT_MS = 90_000;

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const hlsJs = require.resolve('hls.js/dist/hls.min.js');

const html = `<!doctype html>
<html><head><meta charset="utf-8"><title>Marquee HLS test</title>
<style>html,body{margin:0;background:#000}video{width:1280px;height:720px;display:block}</style></head>
<body><video id="video" muted playsinline></video><script src="${PAGE}hls.min.js"></script></body></html>`;

function log(message) {
  process.stderr.write(`[play-hls] ${message}\n`);
}

/** In the page: attaches hls.js to the video, pins a level, plays, and records events in window.report. */
function startPlayback({ url, level }) {
  const video = document.getElementById('video');
  const report = { errors: [], fatal: null, levels: [], fragments: [], audioFragments: 0, seekedAt: null, mse: null,
    presentedMediaTime: null };
  window.report = report;
  report.mse = {
    avc: MediaSource.isTypeSupported('video/mp4; codecs="avc1.640028"'),
    aac: MediaSource.isTypeSupported('audio/mp4; codecs="mp4a.40.2"'),
  };
  if (!Hls.isSupported()) {
    report.fatal = 'hls.js is not supported in this browser';
    return;
  }
  const hls = new Hls({ enableWorker: true });
  window.hls = hls;
  hls.on(Hls.Events.ERROR, (event, data) => {
    report.errors.push({ type: data.type, details: data.details, fatal: data.fatal,
      url: (data.frag && data.frag.url) || data.url || null,
      reason: data.reason || (data.error && String(data.error)) || null });
    if (data.fatal) {
      report.fatal = data.details;
    }
  });
  hls.on(Hls.Events.MANIFEST_PARSED, () => {
    report.levels = hls.levels.map((l) => ({ uri: l.uri, width: l.width, height: l.height, bitrate: l.bitrate,
      codecs: l.codecs }));
    if (level) {
      const index = hls.levels.findIndex((l) => l.uri.includes(level));
      if (index >= 0) {
        hls.startLevel = index;
        hls.loadLevel = index;
      }
    }
    video.play().catch((e) => report.errors.push({ type: 'play', details: String(e), fatal: false }));
  });
  hls.on(Hls.Events.FRAG_LOADED, (event, data) => {
    if (data.frag.type === 'audio') {
      report.audioFragments++;
    } else if (data.frag.type === 'main') {
      report.fragments.push({ level: hls.levels[data.frag.level].uri, sn: data.frag.sn });
    }
  });
  // The media time of the frame last shown, to tell that the picture moves on with currentTime.
  const onFrame = (now, frame) => {
    report.presentedMediaTime = frame.mediaTime;
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
  video.addEventListener('seeked', () => {
    report.seekedAt = video.currentTime;
  });
  hls.attachMedia(video);
  hls.loadSource(url);
}

/** In the page: the video's state, and how much the current frame varies (a blank frame does not). */
function snapshot() {
  const video = document.getElementById('video');
  let picture = null;
  if (video.videoWidth > 0) {
    const canvas = document.createElement('canvas');
    canvas.width = 160;
    canvas.height = 90;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let sum = 0;
    let squares = 0;
    const n = pixels.length / 4;
    for (let i = 0; i < pixels.length; i += 4) {
      const luma = 0.299 * pixels[i] + 0.587 * pixels[i + 1] + 0.114 * pixels[i + 2];
      sum += luma;
      squares += luma * luma;
    }
    const mean = sum / n;
    picture = { meanLuma: mean, lumaStdDev: Math.sqrt(Math.max(0, squares / n - mean * mean)) };
  }
  const quality = video.getVideoPlaybackQuality();
  return {
    currentTime: video.currentTime,
    presentedMediaTime: window.report.presentedMediaTime,
    videoWidth: video.videoWidth,
    videoHeight: video.videoHeight,
    paused: video.paused,
    mediaError: video.error ? `${video.error.code}: ${video.error.message}` : null,
    decodedFrames: quality.totalVideoFrames,
    droppedFrames: quality.droppedVideoFrames,
    audioTracks: window.hls ? window.hls.audioTracks.length : 0,
    picture,
    report: window.report,
  };
}

async function waitFor(page, what, predicate) {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const state = await page.evaluate(snapshot);
    if (predicate(state) || state.report.fatal || state.mediaError) {
      return state;
    }
    if (Date.now() > deadline) {
      log(`timed out waiting for ${what} at currentTime ${state.currentTime}`);
      return state;
    }
    await page.waitForTimeout(250);
  }
}

/** The test page and hls.js: for the route on the server's origin and for the web server elsewhere. */
function pageFile(name) {
  if (name === 'player.html') {
    return { contentType: 'text/html', body: html };
  }
  if (name === 'hls.min.js') {
    return { contentType: 'text/javascript', body: fs.readFileSync(hlsJs) };
  }
  return null;
}

/** A web server on another port of this machine that serves the test page: another origin. */
function startPageServer() {
  const server = http.createServer((request, response) => {
    const name = new URL(request.url, 'http://x').pathname.slice(PAGE.length);
    const file = request.url.startsWith(PAGE) ? pageFile(name) : null;
    response.writeHead(file ? 200 : 404, { 'Content-Type': file ? file.contentType : 'text/plain' });
    response.end(file ? file.body : 'not part of the test page');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function playCase(context, testCase, elsewhere) {
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') {
      log(`${testCase.name}: console: ${message.text()}`);
    }
  });
  const started = Date.now();
  const origin = testCase.crossOrigin ? elsewhere : new URL(testCase.url).origin;
  try {
    await page.goto(`${origin}${PAGE}player.html`);
    await page.evaluate(startPlayback, { url: testCase.url, level: testCase.level || null });
    const played = await waitFor(page, 'currentTime >= 10', (s) => s.currentTime >= 10);
    log(`${testCase.name}: currentTime ${played.currentTime.toFixed(2)} after ${Date.now() - started} ms`);
    let screenshot = null;
    if (config.screenshotDir && played.currentTime >= 10) {
      screenshot = path.join(config.screenshotDir, `${testCase.name}.png`);
      await page.screenshot({ path: screenshot });
    }
    let seeked = played;
    if (played.currentTime >= 10) {
      await page.evaluate(() => { document.getElementById('video').currentTime = 15; });
      seeked = await waitFor(page, 'currentTime >= 18 after the seek',
        (s) => s.report.seekedAt !== null && s.currentTime >= 18);
      log(`${testCase.name}: seeked to ${seeked.report.seekedAt}, currentTime ${seeked.currentTime.toFixed(2)}`);
    }
    return {
      name: testCase.name,
      pageOrigin: origin,
      beforeSeek: played.currentTime,
      seekedAt: seeked.report.seekedAt,
      afterSeek: seeked.currentTime,
      presentedMediaTimeBeforeSeek: played.presentedMediaTime,
      presentedMediaTimeAfterSeek: seeked.presentedMediaTime,
      videoWidth: seeked.videoWidth,
      videoHeight: seeked.videoHeight,
      decodedFrames: seeked.decodedFrames,
      droppedFrames: seeked.droppedFrames,
      audioTracks: seeked.audioTracks,
      audioFragments: seeked.report.audioFragments,
      picture: seeked.picture,
      mediaError: seeked.mediaError,
      fatal: seeked.report.fatal,
      errors: seeked.report.errors,
      mse: seeked.report.mse,
      levels: seeked.report.levels,
      levelsPlayed: [...new Set(seeked.report.fragments.map((f) => f.level))],
      screenshot,
      elapsedMs: Date.now() - started,
    };
  } finally {
    await page.evaluate(() => window.hls && window.hls.destroy()).catch(() => {});
    await page.close();
  }
}

async function main() {
  const browser = await chromium.launch({
    executablePath: config.chromium,
    headless: true,
    args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required', '--mute-audio', '--disable-gpu',
      '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update',
      '--disable-sync'],
  });
  try {
    log(`${browser.version()}, hls.js ${require('hls.js/package.json').version}`);
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    // On the server's origin, the test page's URLs are answered here and never reach the server.
    for (const origin of new Set(config.cases.filter((c) => !c.crossOrigin).map((c) => new URL(c.url).origin))) {
      await context.route(`${origin}${PAGE}**`, (route) => {
        const file = pageFile(new URL(route.request().url()).pathname.slice(PAGE.length));
        return route.fulfill(file || { status: 404, body: 'not part of the test page' });
      });
    }
    const pageServer = await startPageServer();
    const elsewhere = `http://127.0.0.1:${pageServer.address().port}`;
    const results = [];
    try {
      for (const testCase of config.cases) {
        results.push(await playCase(context, testCase, elsewhere));
      }
    } finally {
      pageServer.close();
    }
    process.stdout.write(`${JSON.stringify({ browser: browser.version(), cases: results })}\n`);
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  log(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
