/**
 * The event flow player's model: a recorded trace of events on an event stream (each an action or
 * an observation, from the user, the agent or the environment, with the action that caused it), the
 * subscribers of the stream and which events each one receives, and, step by step, who receives the
 * event, what each receiver does with it, and which actions still wait for their observation.
 */
export type EventSource = 'user' | 'agent' | 'environment';
export const EVENT_SOURCES: readonly EventSource[] = ['user', 'agent', 'environment'];

export interface FlowEvent {
  id: number;
  source: EventSource;
  kind: 'action' | 'observation';
  /** The action or observation type, e.g. `message`, `run`, `finish`. */
  type: string;
  content?: string;
  /** The id of the action this observation answers (or the event that caused this one). */
  cause?: number;
  /** What a receiving subscriber does with it, by subscriber id. */
  handled: Record<string, string>;
}

export interface Subscriber {
  id: string;
  label: string;
  /** Matchers: `all`, `action`, `observation`, `action:<type>`, `observation:<type>`, `source:<source>`. */
  receives: string[];
}

export interface EventFlow {
  title?: string;
  subscribers: Subscriber[];
  /** The subscriber whose reaction the player shows first (the agent controller). */
  controller?: string;
  events: FlowEvent[];
}

export const MATCHER = /^(?:all|action|observation|(?:action|observation):[A-Za-z0-9_-]+|source:(?:user|agent|environment))$/;

/** Does a subscriber with these matchers receive this event? */
export function receives(matchers: readonly string[], e: FlowEvent): boolean {
  return matchers.some((m) => {
    if (m === 'all') return true;
    if (m === 'action' || m === 'observation') return e.kind === m;
    const [what, arg] = m.split(':');
    if (what === 'source') return e.source === arg;
    return e.kind === what && e.type === arg;
  });
}

export interface FlowStep {
  event: FlowEvent;
  /** The event this one answers, if any. */
  cause?: FlowEvent;
  /** Every subscriber, in order, with whether it receives the event and what it does. */
  deliveries: { subscriber: Subscriber; receives: boolean; does?: string }[];
  /** Actions (ids) that no observation has answered yet, after this event. */
  pending: number[];
}

export function flowSteps(flow: EventFlow): FlowStep[] {
  const byId = new Map(flow.events.map((e) => [e.id, e]));
  // an action waits from its own step until the first observation that names it as its cause
  const answeredAt = new Map<number, number>();
  flow.events.forEach((e, i) => {
    if (e.kind === 'observation' && e.cause !== undefined && !answeredAt.has(e.cause)) answeredAt.set(e.cause, i);
  });
  return flow.events.map((event, i) => ({
    event,
    cause: event.cause !== undefined ? byId.get(event.cause) : undefined,
    deliveries: flow.subscribers.map((s) => {
      const r = receives(s.receives, event);
      return { subscriber: s, receives: r, ...(r && Object.hasOwn(event.handled, s.id) ? { does: event.handled[s.id] } : {}) };
    }),
    pending: flow.events.slice(0, i + 1).filter((e, j) => e.kind === 'action' && (answeredAt.get(e.id) ?? -1) > i && j <= i).map((e) => e.id),
  }));
}
