/**
 * Progress of long work for the CLI: a bar on a terminal, and a line every 10% when output goes to
 * a file or CI log (so logs stay readable).
 */
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total?: number): void;
  stop(): void;
}

export function progressBar(label: string, total: number): Progress {
  if (process.stdout.isTTY) {
    const bar = new cliProgress.SingleBar({
      format: `${label.padEnd(28)} {bar} {percentage}% | {value}/{total} | {duration_formatted}`,
      hideCursor: true,
    }, cliProgress.Presets.shades_classic);
    bar.start(total, 0);
    return {
      update: (done, t) => {
        if (t !== undefined) bar.setTotal(t);
        bar.update(done);
      },
      stop: () => bar.stop(),
    };
  }
  let lastDecile = -1;
  let max = total;
  return {
    update: (done, t) => {
      if (t !== undefined) max = t;
      const decile = max ? Math.floor((done / max) * 10) : 10;
      if (decile > lastDecile) {
        lastDecile = decile;
        console.log(`${label}: ${Math.min(100, decile * 10)}% (${done}/${max})`);
      }
    },
    stop: () => {},
  };
}
