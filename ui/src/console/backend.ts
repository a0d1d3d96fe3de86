// What the console's screens need from the sync server. The one
// implementation speaks HTTP to the server that served the page (./http.ts);
// the screens see only this interface, as the app's see `Backend`.
import type { PlanDecision, UserInfo, WaitingPlan } from '../lib/types';

export interface ConsoleBackend {
  /** Who the session cookie belongs to; null when there is no session (or it ended). */
  session(): Promise<UserInfo | null>;
  signIn(login: string, password: string): Promise<UserInfo>;
  signOut(): Promise<void>;
  /** Plans in the user's scope waiting for a decision, oldest first. */
  plansWaiting(): Promise<WaitingPlan[]>;
  decidePlan(id: string, decision: PlanDecision): Promise<void>;
}
