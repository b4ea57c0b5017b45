// The import's progress on stderr: a bar redrawn in place on a terminal, a line per 10 % in a file or CI log.
import type { ImportProgress } from "./import-file";

const BAR_WIDTH = 30;

export function progressOn(stream: NodeJS.WriteStream): ImportProgress {
  let shown = -1;
  return (done, total) => {
    // Redrawn only when the figure changes: 5,000 Locations are 100 redraws, not 5,000.
    const percent = Math.floor((done / total) * 100);
    if (stream.isTTY) {
      if (percent === shown && done !== total) return;
      shown = percent;
      const filled = Math.round((done / total) * BAR_WIDTH);
      stream.write(
        `\r[${"=".repeat(filled)}${" ".repeat(BAR_WIDTH - filled)}] ${percent}% ${done}/${total} Locations`,
      );
      if (done === total) stream.write("\n");
    } else {
      const tenth = Math.floor(percent / 10);
      if (tenth <= shown) return;
      shown = tenth;
      stream.write(`${tenth * 10}% ${done}/${total} Locations\n`);
    }
  };
}
