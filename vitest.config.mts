import { defineConfig } from 'vitest/config';

// Unit tests cover the vscode-free core and shared code only: no `vscode` alias on purpose.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
  },
});
