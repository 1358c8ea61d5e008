import { closeSync, fdatasyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { round1 } from '../stats';

/** The disk's synchronous write rate: a tight loop of a 4 KiB write followed by `fdatasync`. */
export interface FsyncRate {
  /** Writes at 16 rotating offsets (a file that does not grow, like a reused WAL), per second. */
  inPlacePerSecond: number;
  /** Writes appended at the end (the file grows, so metadata is synced too), per second. */
  appendPerSecond: number;
  secondsEach: number;
  /** `fdatasync` is what SQLite (Linux build) and PostgreSQL (`wal_sync_method=fdatasync`, its Linux default) call. */
  call: 'fdatasync';
}

/** Measures {@link FsyncRate} on a temporary file in `dir` (removed afterwards), `seconds` per variant. */
export function measureFsyncRate(dir: string, seconds: number): FsyncRate {
  const page = Buffer.alloc(4096, 0x5a);
  const loop = (append: boolean): number => {
    const file = join(dir, `fsync-${append ? 'append' : 'in-place'}.bin`);
    const fd = openSync(file, 'w');
    try {
      let n = 0;
      const end = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
      const started = process.hrtime.bigint();
      while (process.hrtime.bigint() < end) {
        writeSync(fd, page, 0, page.length, (append ? n : n % 16) * page.length);
        fdatasyncSync(fd);
        n++;
      }
      return round1(n / (Number(process.hrtime.bigint() - started) / 1e9));
    } finally {
      closeSync(fd);
      rmSync(file, { force: true });
    }
  };
  return { inPlacePerSecond: loop(false), appendPerSecond: loop(true), secondsEach: seconds, call: 'fdatasync' };
}
