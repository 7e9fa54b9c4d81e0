// Events: the Home tab, and the guard that makes a re-delivered event act once.
// Slack re-sends an event it thinks failed (X-Slack-Retry-Num); the event_id is
// claimed in the store, so the claim holds across replicas.
import type { App } from '@slack/bolt';
import { claimOnce, publishHome, sourceOf, type Deps } from '../context.js';

const EVENT_MEMORY_MS = 24 * 60 * 60 * 1000;

export function registerEvents(app: App, deps: Deps): void {
  app.use(async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string') {
      const first = await claimOnce(deps, `slack:event:${eventId}`, EVENT_MEMORY_MS, deps.clock.now(), 'slack: could not claim the event id', { eventId });
      if (!first) {
        deps.logger.info({ eventId, retryNum: context.retryNum, retryReason: context.retryReason }, 'slack: event already handled, ignored');
        return;
      }
    }
    await next();
  });

  app.event('app_home_opened', async ({ event, client, context }) => {
    if (event.tab !== 'home') return;
    const caller = await deps.people.callerOf(client, sourceOf(context, event.user));
    await publishHome(deps, client, caller);
  });
}
