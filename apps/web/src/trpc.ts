import { createTRPCContext } from '@trpc/tanstack-react-query';

import type { AppRouter } from '@mlb/api';

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();
