// First: before any zod schema is built (see the file).
import './zod-jitless';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient } from '@trpc/client';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';

import type { AppRouter } from '@mlb/api';
import { createLinks } from '@mlb/client';

import { App } from './App';
import { signInAgainIfSignedOut } from './auth/session';
import { setConnectionState } from './connection';
import { TRPCProvider } from './trpc';

import './styles.css';
import 'highlight.js/styles/github-dark.css';

function Root() {
  // Clients live inside the provider component so tests and hot reload get fresh ones.
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { staleTime: 5_000, refetchOnWindowFocus: false } },
      }),
  );
  const [trpcClient] = useState(() => {
    const wsProtocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const { links } = createLinks({
      url: `${location.origin}/trpc`,
      wsUrl: `${wsProtocol}//${location.host}/trpc`,
      onConnectionChange: (state) => {
        setConnectionState(state);
        if (state === 'closed') void signInAgainIfSignedOut();
      },
    });
    return createTRPCClient<AppRouter>({ links });
  });
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <App />
      </TRPCProvider>
    </QueryClientProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
