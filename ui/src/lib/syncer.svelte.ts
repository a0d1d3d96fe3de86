// Keeps the device in step with the server: once started, syncs every minute
// and as soon as the operating system says the network is back. One sync at a
// time; the screens read its state and re-query when `revision` moves.
import { deviceErrorKind, type Backend } from './backend';
import type { Notice, Progress, Status, SyncReport } from './types';

const EVERY_MS = 60_000;

export class Syncer {
  running = $state(false);
  pending = $state(0);
  status = $state<Status | null>(null);
  notices = $state<Notice[]>([]);
  report = $state<SyncReport | null>(null);
  error = $state<unknown>(null);
  /** What the sync under way has received so far, and whether pages remain. */
  received = $state({ records: 0, bytes: 0, pages: 0, more: true });
  /** The last sync could not reach the server. */
  offline = $derived(deviceErrorKind(this.error) === 'offline');
  /** Bumped whenever local data changed, so lists re-query. */
  revision = $state(0);
  #timer: ReturnType<typeof setInterval> | undefined;
  #online = () => void this.run();

  constructor(private backend: Backend) {}

  start() {
    this.stop();
    this.#timer = setInterval(() => void this.run(), EVERY_MS);
    window.addEventListener('online', this.#online);
  }

  stop() {
    clearInterval(this.#timer);
    window.removeEventListener('online', this.#online);
  }

  async refresh() {
    this.status = await this.backend.status();
    this.pending = this.status.pending;
    this.notices = await this.backend.notices();
    this.revision++;
  }

  async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.error = null;
    this.received = { records: 0, bytes: 0, pages: 0, more: true };
    try {
      this.report = await this.backend.sync((p: Progress) => {
        if (p.step === 'pulled') {
          const { records, bytes, pages } = this.received;
          this.received = { records: records + p.items, bytes: bytes + p.wire_bytes, pages: pages + 1, more: p.more };
        }
      });
    } catch (e) {
      this.error = e;
    } finally {
      this.running = false;
      await this.refresh();
    }
  }

  async dismiss() {
    const newest = this.notices[0];
    if (newest) await this.backend.markNoticesSeen(newest.id);
    this.notices = [];
  }
}
