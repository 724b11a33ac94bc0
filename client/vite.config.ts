import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { initialJsSize } from './build/initialJsSize.ts';
import { precompress } from './build/precompress.ts';

// NOTE: in development the sync server runs separately (ONDECK_DEV_SERVER, default the server's :8080) and
// Vite proxies REST and WebSocket traffic to it, so the client always talks to its own origin.
const devServer = process.env.ONDECK_DEV_SERVER ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icons/*.png'],
      manifest: {
        name: 'ondeck — showcase floor',
        short_name: 'ondeck',
        description: 'Judges, DJs and staff of a dance showcase, with or without a network.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: '#f6f8fb',
        theme_color: '#0b3d6e',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // Every route of the app shell opens offline: all chunks (role screens included) are
        // precached, and navigations fall back to index.html, except the server's own paths.
        globPatterns: ['**/*.{js,css,html,png,svg,webmanifest}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/sync\//, /^\/up$/, /^\/metrics$/],
        cleanupOutdatedCaches: true,
        // NOTE: claim pages on the FIRST install so a device is offline-ready after one visit;
        // updates still wait (no skipWaiting) until the person accepts the prompt.
        clientsClaim: true,
        skipWaiting: false,
      },
    }),
    initialJsSize(),
    precompress(),
  ],
  build: {
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: {
    proxy: {
      '/api': devServer,
      '/sync': { target: devServer, ws: true },
    },
  },
});
