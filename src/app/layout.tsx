import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { TRPCReactProvider } from '@/trpc/react';
import './globals.css';

export const metadata: Metadata = {
  title: 'MiniFlow',
  description: 'Design workflows visually and run them durably.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <TRPCReactProvider>{children}</TRPCReactProvider>
      </body>
    </html>
  );
}
