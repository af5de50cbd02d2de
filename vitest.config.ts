import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // The packaging test packs and installs the tarball; give it room on a 2-core machine.
    testTimeout: 20_000,
    hookTimeout: 180_000,
  },
});
