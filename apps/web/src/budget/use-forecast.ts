import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

import type { ForecastInput, ModelSelection } from '@mlb/contracts';

import { useTRPC } from '../trpc';

/** Typing pauses this long before the forecast is asked for again. */
const DEBOUNCE_MS = 250;

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * The forecast of the prompt being typed, for the models the send would use. Asked for once typing
 * pauses; the previous forecast stays shown while the next one loads, so the line does not flicker.
 */
export function useForecast({
  prompt,
  models,
  sessionId,
  budgetUsd,
}: {
  prompt: string;
  models: ModelSelection[];
  sessionId: string | null;
  budgetUsd: number | null;
}) {
  const trpc = useTRPC();
  const input: ForecastInput = {
    prompt: prompt.trim(),
    models,
    ...(sessionId ? { sessionId } : {}),
    ...(budgetUsd !== null ? { budgetUsd } : {}),
  };
  // Debounced as one value (its JSON), so a new array of the same models asks nothing new.
  const key = useDebounced(JSON.stringify(input), DEBOUNCE_MS);
  const debounced = JSON.parse(key) as ForecastInput;
  const enabled = debounced.prompt !== '' && debounced.models.length > 0;
  return useQuery({
    ...trpc.forecast.get.queryOptions(debounced, { enabled }),
    placeholderData: keepPreviousData,
    // A prompt typed again asks again: the session may have spent since.
    staleTime: 0,
  });
}
