import { defineConfig } from 'vitest/config';

const backend = 'http://127.0.0.1:5080';

export default defineConfig({
  build: {
    // The ASP.NET Core app serves these static files.
    outDir: '../src/KnowledgeBase.Api/wwwroot',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/hubs': { target: backend, ws: true, changeOrigin: false },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
  },
});
