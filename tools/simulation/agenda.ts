import type { Day } from './days';
import type { Moment } from './reporting';

/** Something a simulated person or system does at a moment; `lane` is whose commands must not overtake each other. */
export interface Action {
  day: Day;
  at: number;
  lane: string;
  /** Orders actions of one lane that share an instant (stable whatever order they were added in). */
  key: string;
  run(): Promise<void>;
}

const byTime = (a: Action, b: Action) => a.at - b.at || (a.lane < b.lane ? -1 : a.lane > b.lane ? 1 : 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Actions in time order, taken from the front; a new one is inserted in order among those not yet taken. */
class Queue {
  private next = 0;
  constructor(private readonly items: Action[]) {}
  get size(): number {
    return this.items.length - this.next;
  }
  take(): Action {
    return this.items[this.next++];
  }
  insert(action: Action): void {
    let i = this.items.length;
    while (i > this.next && byTime(this.items[i - 1], action) > 0) i--;
    this.items.splice(i, 0, action);
  }
}

/**
 * The simulated days ahead and what happens on each, run a stretch of days at a time.
 *
 * Lanes are independent: an employee's commands touch only that employee's streams (their cases,
 * employment and observations) and read departments that stay put, so each lane runs its actions
 * in time order while up to `concurrency` lanes run side by side and the store commits their
 * appends together. Each stream's history, and every event's recordedAt, are the same whatever
 * the concurrency; with concurrency 1 the whole log is also written in strict time order.
 */
export class Agenda {
  private readonly days = new Map<Day, Action[]>();
  /** The running stretch: its last day and the queue a new action for it joins. */
  private running: { last: Day; queue(lane: string): Queue | undefined } | undefined;

  constructor(private readonly lastDay: Day) {}

  /** Adds an action; one after the last simulated day is dropped. */
  add(when: Moment, lane: string, key: string, run: () => Promise<void>): void {
    if (when.day > this.lastDay) return;
    const action: Action = { day: when.day, at: when.at, lane, key, run };
    // A follow-up inside the running stretch joins its lane (only a lane's own actions add to it).
    const queue = this.running && when.day <= this.running.last ? this.running.queue(lane) : undefined;
    if (queue) return queue.insert(action);
    let list = this.days.get(when.day);
    if (!list) this.days.set(when.day, (list = []));
    list.push(action);
  }

  /** Runs every action of the days `first`…`last`, plus `extra`. */
  async runDays(first: Day, last: Day, extra: Action[], concurrency: number): Promise<void> {
    const actions = extra;
    for (let d = first; d <= last; d++) {
      const list = this.days.get(d);
      if (list) for (const a of list) actions.push(a);
      this.days.delete(d);
    }
    actions.sort(byTime);
    try {
      if (concurrency <= 1) {
        const all = new Queue(actions);
        this.running = { last, queue: () => all };
        while (all.size > 0) await all.take().run();
        return;
      }
      const byLane = new Map<string, Action[]>();
      for (const a of actions) {
        const lane = byLane.get(a.lane);
        if (lane) lane.push(a);
        else byLane.set(a.lane, [a]);
      }
      const lanes = new Map([...byLane].map(([k, v]) => [k, new Queue(v)]));
      this.running = { last, queue: (lane) => lanes.get(lane) };
      const order = [...lanes.values()];
      let next = 0;
      const worker = async () => {
        while (next < order.length) {
          const lane = order[next++];
          while (lane.size > 0) await lane.take().run();
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, order.length) }, worker));
    } finally {
      this.running = undefined;
    }
  }
}
