// Keeps the device in step with the server: syncs at start, every minute,
// and as soon as the operating system says the network is back. One sync at a
// time; the screens read its state and re-query when `revision` moves.
import type { Backend } from './backend';
import type { Notice, Progress, Status, SyncReport } from './types';

const EVERY_MS = 60_000;

export class Syncer {
  running = $state(false);
  pending = $state(0);
  status = $state<Status | null>(null);
  notices = $state<Notice[]>([]);
  report = $state<SyncReport | null>(null);
  error = $state<unknown>(null);
  /** Records and bytes received so far in the sync under way. */
  received = $state({ records: 0, bytes: 0 });
  /** Bumped whenever local data changed, so lists re-query. */
  revision = $state(0);
  #timer: ReturnType<typeof setInterval> | undefined;
  #online = () => void this.run();

  constructor(private backend: Backend) {}

  start() {
    this.stop();
    this.#timer = setInterval(() => void this.run(), EVERY_MS);
    window.addEventListener('online', this.#online);
    void this.run();
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
    this.received = { records: 0, bytes: 0 };
    try {
      this.report = await this.backend.sync((p: Progress) => {
        if (p.step === 'pulled') {
          this.received = { records: this.received.records + p.items, bytes: this.received.bytes + p.wire_bytes };
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
