import type { Config } from 'tailwindcss';

// Loaded by src/app/globals.css through `@config`; Tailwind 4 finds sources itself.
export default {
  content: ['./src/**/*.{ts,tsx}'],
  theme: {
    extend: {
      colors: {
        brand: { 50: '#eef6ff', 500: '#3b82f6', 600: '#2563eb', 700: '#1d4ed8' },
      },
    },
  },
} satisfies Config;
