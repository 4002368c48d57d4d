// Time is injected: components read the clock from context, so tests can control it.
import { createContext, useContext } from 'react';

export interface Clock {
  now(): number;
}

const systemClock: Clock = { now: () => Date.now() };

export const ClockContext = createContext<Clock>(systemClock);

export function useClock(): Clock {
  return useContext(ClockContext);
}
