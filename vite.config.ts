import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('./src/web', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/web', import.meta.url));
const apiTarget = process.env.BANGFU_API_URL ?? 'http://localhost:3000';

/**
 * Vendor chunks, long-cached apart from our code. A group also captures its dependencies, so the
 * libraries others build on come first (higher priority): React, then antd, then what uses them.
 */
const vendorGroups: { name: string; test: RegExp; priority: number }[] = [
  {
    name: 'vendor-react',
    test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|cookie|set-cookie-parser)[\\/]/,
    priority: 50,
  },
  {
    name: 'vendor-antd',
    test: /node_modules[\\/](antd|@ant-design[\\/](?!pro-)[^\\/]+|@rc-component|rc-[^\\/]+|@ctrl|dayjs)[\\/]/,
    priority: 40,
  },
  { name: 'vendor-echarts', test: /node_modules[\\/](echarts|zrender|echarts-for-react)[\\/]/, priority: 30 },
  { name: 'vendor-pro', test: /node_modules[\\/]@ant-design[\\/]pro-/, priority: 20 },
  { name: 'vendor', test: /node_modules[\\/]/, priority: 10 },
];

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: vendorGroups },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
});
